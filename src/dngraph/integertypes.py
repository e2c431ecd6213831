"""The integer datatypes the source files write, which the built store does not keep.

oxigraph stores a literal of any type derived from ``xsd:integer`` (``xsd:positiveInteger``,
``xsd:int`` ...) as an ``xsd:integer`` of the same value, so an export puts back the type
a file wrote (:mod:`dngraph.exportlines`). Finding those literals means parsing every
source file again, which at a million triples takes seconds; the answer is kept in the
build cache's folder as ``integer-types-{key}.json``, keyed like the store by every input
file's name and bytes and the package version (:func:`dngraph.cache.cache_key`), written
atomically. A file that does not read back whole is ignored and written again, never trusted.
"""

from __future__ import annotations

import json
from pathlib import Path

from .cache import cache_key, write_atomic
from .errors import LoadError
from .resources import cache_dir
from .terms import DERIVED_INTEGERS


def integer_types(layout, chosen: set, directory: Path | None = None) -> dict:
    """``graph -> {(subject, predicate, lexical form): datatype}`` (pyoxigraph NamedNodes)
    for every literal of a type derived from ``xsd:integer`` that the files of the
    ``chosen`` graphs write on an IRI, read from the cache when it is there."""
    import pyoxigraph as ox

    folder = directory or cache_dir()
    path = folder / f"integer-types-{cache_key(layout, memo=folder)}.json"
    found = _read(path)
    if found is None:
        found = _parsed(layout)
        try:
            write_atomic(path, json.dumps({"key": path.stem, "graphs": found}, sort_keys=True).encode("utf-8"))
        except OSError:  # a folder that cannot be written costs speed, not correctness
            pass
    return {graph: {(ox.NamedNode(s), ox.NamedNode(p), value): ox.NamedNode(datatype)
                    for s, p, value, datatype in rows}
            for graph, rows in found.items() if graph in chosen}


def _read(path: Path) -> dict | None:
    try:
        blob = json.loads(path.read_text(encoding="utf-8"))
        if blob["key"] != path.stem:
            return None
        graphs = blob["graphs"]
        if all(isinstance(rows, list) and all(len(row) == 4 for row in rows) for rows in graphs.values()):
            return graphs
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def _parsed(layout) -> dict:
    """``graph -> [[subject, predicate, lexical form, datatype], ...]`` from every source file."""
    import pyoxigraph as ox

    from .load import source_files

    found: dict = {}
    for src in source_files(layout):
        rows = found.setdefault(src.graph, [])
        try:
            quads = ox.parse(path=str(src.path), format=ox.RdfFormat.TURTLE, base_iri=src.path.resolve().as_uri())
            for quad in quads:
                obj = quad.object
                if (isinstance(obj, ox.Literal) and obj.datatype.value in DERIVED_INTEGERS
                        and isinstance(quad.subject, ox.NamedNode)):
                    rows.append([quad.subject.value, quad.predicate.value, obj.value, obj.datatype.value])
        except (SyntaxError, OSError) as exc:
            raise LoadError(src.path, f"cannot read: {exc}") from None
    return found
