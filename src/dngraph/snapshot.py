"""The two sides of a ``dngraph diff``: each a release folder, a project folder, a
data folder or a git revision, read as the quads a release would hold.

- a release folder (holding ``dngraph.nq``) is read as it is;
- a project folder (``ontology/dngraph.ttl``, ``data/``) is built and exported the way
  :mod:`dngraph.release` exports it;
- a data folder (Turtle files, no ``ontology/``) is built with the ontology of the
  graph the command runs on;
- anything else is taken for a git revision of the repository holding that graph
  (``HEAD~3``, a tag, a commit): its files are read with ``git archive`` into a
  temporary folder, which is built there; nothing is fetched.

Building is the caller's ``build(root) -> N-Quads bytes``, so this module stays below the API.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import DngraphError

RELEASE_QUADS = "dngraph.nq"


@dataclass
class Snapshot:
    """One side of a diff: what the user named it, what kind it is, and its quads."""

    name: str
    kind: str
    dataset: object  # a pyoxigraph Dataset


def load_snapshot(spec: str, repo: Path, ontology_dir: Path, build) -> Snapshot:
    """The snapshot ``spec`` names; ``repo`` is where git revisions are looked up,
    ``ontology_dir`` the ``ontology/`` a bare data folder is built with."""
    path = Path(spec)
    if path.is_dir():
        if (path / RELEASE_QUADS).is_file():
            return Snapshot(spec, "release", _parse(path / RELEASE_QUADS, (path / RELEASE_QUADS).read_bytes()))
        if (path / "ontology" / "dngraph.ttl").is_file():
            return Snapshot(spec, "project folder", _parse(spec, build(path)))
        if any(path.rglob("*.ttl")):
            return Snapshot(spec, "data folder", _with_ontology(path, ontology_dir, build, spec))
        raise DngraphError(f"{spec}: neither a release (no {RELEASE_QUADS}), a project folder (no ontology/) "
                           "nor a data folder (no .ttl files)")
    if path.exists():
        raise DngraphError(f"{spec}: not a folder; give a release, project or data folder, or a git revision")
    return Snapshot(spec, "git revision", _from_git(spec, repo, build))


def _parse(where, payload: bytes):
    import pyoxigraph as ox

    try:
        return ox.Dataset(ox.parse(payload, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise DngraphError(f"{where}: not N-Quads: {exc}") from None


def _with_ontology(data: Path, ontology_dir: Path, build, spec: str):
    with tempfile.TemporaryDirectory(prefix="dngraph-diff-") as tmp:
        root = Path(tmp)
        shutil.copytree(ontology_dir, root / "ontology")
        shutil.copytree(data, root / "data")
        return _parse(spec, build(root))


def _from_git(rev: str, repo: Path, build):
    commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", what=rev).decode().strip()
    archive = _git(repo, "archive", "--format=tar", commit, what=rev)
    with tempfile.TemporaryDirectory(prefix="dngraph-diff-") as tmp:
        root = Path(tmp)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            _extract(tar, root)
        if not (root / "ontology" / "dngraph.ttl").is_file():
            raise DngraphError(f"{rev}: revision {commit[:12]} has no ontology/dngraph.ttl")
        return _parse(rev, build(root))


def _extract(tar: tarfile.TarFile, root: Path) -> None:
    """Extract regular files and folders only, each inside ``root``."""
    for member in tar.getmembers():
        target = (root / member.name).resolve()
        if not target.is_relative_to(root.resolve()) or not (member.isfile() or member.isdir()):
            continue
        if member.isdir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tar.extractfile(member).read())


def _git(repo: Path, *args: str, what: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise DngraphError(f"{what}: not a folder, and git cannot run to read it as a revision ({exc})") from None
    if done.returncode != 0:
        raise DngraphError(f"{what}: not a folder, nor a git revision of {repo}"
                           f"{': ' + done.stderr.decode(errors='replace').strip() if done.stderr.strip() else ''}")
    return done.stdout
