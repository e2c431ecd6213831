"""A release: every export format, the dataset description, the linkset and checksums,
in one folder, the same bytes for the same input.

What a release holds (file names fixed, so two releases compare file by file):

- ``dngraph.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``, ``.rdf``: the stated facts
  (every source graph and the editors' reading) and the ontology, written by
  :mod:`dngraph.export` (quad formats keep one named graph per source; no entailments);
- the SSSOM linkset from ``data/links/``: the curated TSV and its RDF form, as committed;
- ``void.ttl``: the VoID/DCAT description (:mod:`dngraph.describe`), listing each file
  above as a distribution with its size and SHA-256, its version set to the release's;
- ``VERSION``: the version label; ``SHA256SUMS``: the checksum of every other file, in
  the format ``sha256sum -c`` reads.

The folder is built beside the target and renamed into place, so a failure leaves
an older release whole. The target must be absent, empty, or an older release (a
folder holding ``SHA256SUMS``): any other folder is refused, never replaced.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from . import __version__
from .errors import OutputError
from .namespaces import DCAT, FOAF, RELEASE_BASE, SPDX, VOID

EXPORTS = {"turtle": "dngraph.ttl", "ntriples": "dngraph.nt", "nquads": "dngraph.nq",
           "trig": "dngraph.trig", "jsonld": "dngraph.jsonld", "rdfxml": "dngraph.rdf"}
RELEASED_GRAPHS = "asserted,editorial"
CHECKSUMS = "SHA256SUMS"


def write_release(kg, target, label: str | None = None, base_url: str | None = None) -> list[Path]:
    """Write the release of ``kg`` to the folder ``target``; returns the files, by name.
    ``label`` is the version (default: the package version); ``base_url`` where the files
    will be downloaded from (default: ``https://w3id.org/dngraph/release/{label}/``)."""
    target = Path(target)
    label = label or __version__
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        _fill(kg, staging, label, base_url or f"{RELEASE_BASE}{label}/")
        os.chmod(staging, 0o777 & ~_umask())
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(target.iterdir())


def _fill(kg, folder: Path, label: str, base_url: str) -> None:
    from .output import write_output

    for fmt, name in EXPORTS.items():
        write_output(folder / name, kg.export(fmt, RELEASED_GRAPHS, (), True))
    for table in sorted((kg.layout.data / "links").glob("*.sssom.tsv")):
        from .linkset import turtle_path

        for path in (table, turtle_path(table)):
            write_output(folder / path.name, path.read_bytes())
    write_output(folder / "VERSION", label + "\n")
    write_output(folder / "void.ttl", _description(kg, folder, label, base_url))
    write_output(folder / CHECKSUMS, checksums(folder))


def _description(kg, folder: Path, label: str, base_url: str) -> bytes:
    """The VoID/DCAT description with ``label`` as ``dcat:version``, in canonical Turtle."""
    import pyoxigraph as ox
    import rdflib

    from .rdfwrite import turtle

    graph = kg.describe(folder, base_url)
    graph.set((rdflib.URIRef(next(iter(graph.subjects(rdflib.URIRef(DCAT.version), None)))),
               rdflib.URIRef(DCAT.version), rdflib.Literal(label)))
    dataset = ox.Dataset(ox.parse(graph.serialize(format="nt", encoding="utf-8"),
                                  format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return turtle(dataset, {"void": VOID, "dcat": DCAT, "spdx": SPDX, "foaf": FOAF})


def checksums(folder: Path) -> str:
    """``sha256sum`` lines for every file in ``folder`` but the checksum file, by name."""
    lines = []
    for path in sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name != CHECKSUMS):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n")
    return "".join(lines)


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target}: not a folder; a release is written to a new folder or over an older release")
    if target.is_dir() and any(target.iterdir()) and not (target / CHECKSUMS).is_file():
        raise OutputError(f"{target}: a folder that is not a dngraph release (no {CHECKSUMS}); "
                          "give a new folder, an empty one, or an older release to replace")


def _swap_in(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; an old ``target`` is moved aside first and
    put back if the rename fails, then removed."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
        old.rmdir()
        os.rename(target, old)
    try:
        os.rename(staging, target)
    except OSError as exc:
        if old is not None:
            os.rename(old, target)
        raise OutputError(f"{target}: cannot write the release: {exc.strerror or exc}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
