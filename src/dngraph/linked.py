"""External dumps joined to the graph, kept in a store beside the built one.

The built store (:mod:`dngraph.store`) is rebuilt whenever a source file changes,
so linked dumps cannot live in it. They live in ``{cache}/linked/store``, a
read-write pyoxigraph store holding each dump in its named graph
``LINKED_GRAPH + name`` plus a copy of the current built graph, so one query sees
both. ``linked.json`` records the dumps and the key of the built graph copied in;
when the built graph changes, its copy is replaced and the linked graphs stay.
With no dump linked the built store is used as it is and nothing is copied.
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
        writable = pyoxigraph.Store(str(root / "store"))
        sync(writable, base)
        writable.flush()
        del writable
        manifest["base"] = key
        write_manifest(root, manifest)
    return pyoxigraph.Store.read_only(str(root / "store"))


def sync(writable, base) -> None:
    """Replace the copy of the built graph in ``writable`` by ``base``'s quads; linked graphs stay."""
    import pyoxigraph

    for graph in list(writable.named_graphs()):
        if not graph.value.startswith(LINKED_GRAPH):
            writable.remove_graph(graph)
    writable.remove_graph(pyoxigraph.DefaultGraph())
    writable.bulk_extend(base.quads_for_pattern(None, None, None))


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
