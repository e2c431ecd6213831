"""dngraph stats: its figures equal the quads of the built store counted one by one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest

import dngraph
from dngraph.namespaces import INFERRED_GRAPH, ONTOLOGY_IRI

ROOT = Path(__file__).resolve().parent.parent
DUMP = Path(__file__).resolve().parent / "fixtures" / "link" / "wikidata-members.ttl"
TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def counted(store) -> dict[str, int]:
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


def things_per_class(store) -> Counter:
    typed = {(q.object.value, q.subject) for q in store.quads_for_pattern(None, TYPE, None, None)
             if q.graph_name != pyoxigraph.DefaultGraph()
             and q.graph_name.value not in (ONTOLOGY_IRI, INFERRED_GRAPH)}
    return Counter(cls for cls, _ in typed)


def check(kg):
    stats = kg.stats()
    sizes = counted(kg.store)
    assert stats.inferred == sizes.pop(INFERRED_GRAPH) > 0
    assert stats.ontology == sizes.pop(ONTOLOGY_IRI) > 0
    assert stats.asserted == sum(sizes.values())
    assert {source: n for source, _, n in stats.by_source} == sizes
    assert {cls: n for cls, _, n in stats.by_class} == dict(things_per_class(kg.store))
    return stats


def test_stats_equal_the_quads_counted(tmp_path):
    stats = check(dngraph.open(ROOT, cache_dir=tmp_path))
    assert len(stats.by_source) == len(list((ROOT / "data").rglob("*.ttl")))


@pytest.mark.parametrize("fresh", [True, False], ids=["built-now", "opened"])
def test_stats_count_a_linked_dump_too(tmp_path, fresh):
    kg = dngraph.open(ROOT, cache_dir=tmp_path)
    kg.link(DUMP)
    if not fresh:
        kg = dngraph.open(ROOT, cache_dir=tmp_path)
    stats = check(kg)
    assert any(source.endswith("/linked/wikidata-members") for source, _, _ in stats.by_source)
