"""External dumps joined to the graph, kept in a store beside the built one.

The built store (:mod:`dngraph.store`) is rebuilt whenever a source file changes,
so linked dumps cannot live in it. They live in ``{cache}/linked/store``, a
read-write pyoxigraph store holding each dump in its named graph
``LINKED_GRAPH + name`` plus a copy of the current built graph, so one query sees
both. The copy is a RocksDB backup of the built store: its table files are hard links
to the built store's (which are never changed once written), so copying costs the
same at any size. ``linked.json`` records the dumps and the key of the built graph
copied in; when the built graph changes, a new copy of it takes the linked graphs
over and replaces the old store once it is whole. With no dump linked the built
store is used as it is and nothing is copied.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .cache import write_atomic
from .errors import DngraphError
from .namespaces import LINKED_GRAPH

MANIFEST = "linked.json"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def read_manifest(root: Path) -> dict:
    try:
        return json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"base": None, "graphs": {}}


def write_manifest(root: Path, manifest: dict) -> None:
    write_atomic(root / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise DngraphError(f"link name {name!r}: use lower-case letters, digits and hyphens")
    return name


def overlay(base, key: str | None, root: Path):
    """The store queries should use: ``base`` itself, or the linked store kept in step with it."""
    import pyoxigraph

    manifest = read_manifest(root)
    if not manifest["graphs"] or key is None:
        return base
    if manifest["base"] != key:
        refresh(root, base, [entry["graph"] for entry in manifest["graphs"].values()])
        manifest["base"] = key
        write_manifest(root, manifest)
    return pyoxigraph.Store.read_only(str(root / "store"))


def refresh(root: Path, base, keep: list[str]) -> None:
    """Make ``root/store`` a copy of the built store ``base`` holding, besides, the graphs
    ``keep`` of the linked store there before. The new store is made beside the old one
    and renamed over it once whole (:mod:`dngraph.leftovers` sweeps what a killed run left)."""
    import os
    import shutil
    import tempfile

    import pyoxigraph

    from .storewrite import bulk_write
    from .leftovers import sweep, temp_prefix

    target = root / "store"
    sweep(target)
    work = Path(tempfile.mkdtemp(dir=root, prefix=temp_prefix(target), suffix=".tmp"))
    try:
        base.backup(str(work / "store"))  # hard links to the built store's tables
        if keep and target.exists():
            old = pyoxigraph.Store.read_only(str(target))
            writable = pyoxigraph.Store(str(work / "store"))
            for graph in keep:
                bulk_write(writable, old.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
            writable.flush()
            del writable, old
        if target.exists():
            os.rename(target, work / "old")
        os.rename(work / "store", target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def forget(root: Path, name: str) -> int:
    """Drop the linked graph ``name``; returns how many triples it held."""
    import pyoxigraph

    manifest = read_manifest(root)
    if name not in manifest["graphs"]:
        known = ", ".join(sorted(manifest["graphs"])) or "none"
        raise DngraphError(f"no linked graph named {name!r} (linked: {known})")
    entry = manifest["graphs"].pop(name)
    if not manifest["graphs"]:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
        return entry["triples"]
    writable = pyoxigraph.Store(str(root / "store"))
    writable.remove_graph(pyoxigraph.NamedNode(entry["graph"]))
    writable.flush()
    del writable
    write_manifest(root, manifest)
    return entry["triples"]
