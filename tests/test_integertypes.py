"""The integer datatypes the files write, kept in the cache folder: read back as found by
parsing the files, used by the export, and never trusted when damaged or stale."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

import dngraph
from dngraph.export import export, select_graphs
from dngraph.integertypes import integer_types
from dngraph.terms import DERIVED_INTEGERS
from dngraph.resources import Layout

from conftest import ROOT


def parsed_directly(layout, chosen):
    """Every literal of a derived integer type on an IRI subject, from the chosen files."""
    from dngraph.load import source_files

    found = {}
    for src in source_files(layout):
        if src.graph in chosen:
            found[src.graph] = {(q.subject, q.predicate, q.object.value): q.object.datatype
                                for q in ox.parse(path=str(src.path), format=ox.RdfFormat.TURTLE,
                                                  base_iri=src.path.resolve().as_uri())
                                if isinstance(q.object, ox.Literal) and q.object.datatype.value in DERIVED_INTEGERS
                                and isinstance(q.subject, ox.NamedNode)}
    return found


@pytest.fixture
def root(tmp_path):
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / "root" / name)
    return tmp_path / "root"


def test_the_types_are_those_the_files_write_and_are_read_back_from_the_cache(root, tmp_path):
    layout, cache = Layout(root), tmp_path / "cache"
    chosen = set(select_graphs(layout, "all"))
    first = integer_types(layout, chosen, cache)
    assert first == parsed_directly(layout, chosen)
    assert sum(len(found) for found in first.values()) > 0  # the sources write xsd:positiveInteger
    (kept,) = cache.glob("integer-types-*.json")
    blob = json.loads(kept.read_text())
    blob["graphs"] = {graph: [[s, p, "999", d] for s, p, _, d in rows] for graph, rows in blob["graphs"].items()}
    kept.write_text(json.dumps(blob))  # a whole file is trusted: this one now says 999 everywhere
    assert all(value == "999" for found in integer_types(layout, chosen, cache).values() for (_, _, value) in found)


@pytest.mark.parametrize("damage", ["{not json", '{"key": "another", "graphs": {}}', '{"key": "%s", "graphs": 3}'])
def test_a_damaged_file_is_ignored_and_written_again(root, tmp_path, damage):
    layout, cache = Layout(root), tmp_path / "cache"
    chosen = set(select_graphs(layout, "all"))
    expected = integer_types(layout, chosen, cache)
    (kept,) = cache.glob("integer-types-*.json")
    kept.write_text(damage.replace("%s", kept.stem) if "%s" in damage else damage)
    assert integer_types(layout, chosen, cache) == expected
    assert json.loads(kept.read_text())["key"] == kept.stem


def test_a_changed_source_gets_its_own_file_and_the_export_shows_the_change(root, tmp_path):
    cache = tmp_path / "cache"
    source = next(p for p in sorted((root / "data").rglob("*.ttl")) if "xsd:positiveInteger" in p.read_text())
    before = export(dngraph.open(root, cache_dir=cache), "ntriples", graphs="all").decode()
    assert "XMLSchema#positiveInteger>" in before
    source.write_text(source.read_text().replace("xsd:positiveInteger", "xsd:nonNegativeInteger", 1))
    after = export(dngraph.open(root, cache_dir=cache), "ntriples", graphs="all").decode()
    assert len(list(cache.glob("integer-types-*.json"))) == 2
    assert after.count("nonNegativeInteger>") == before.count("nonNegativeInteger>") + 1
