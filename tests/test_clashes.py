"""Inconsistency is found by both reasoners, recorded by the build, and is a failure.

Each fixture in ``tests/fixtures/clashes/`` breaks one OWL 2 RL rule whose
conclusion is ``false`` (OWL 2 Profiles, 4.3); its name starts with the rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import dngraph
from dngraph.build import build_store
from dngraph.cli import cli
from dngraph.errors import InconsistentGraph
from dngraph.load import parse_turtle
from dngraph.reason import owlrl_closure
from dngraph.resources import Layout

from conftest import FIXTURES, ROOT

CLASHES = sorted((FIXTURES / "clashes").glob("*.ttl"))


def rule_of(fixture: Path) -> str:
    return next(rule for rule in ("cax-dw", "cax-adc", "cls-nothing2", "eq-diff1", "eq-diff2",
                                  "prp-irp", "prp-asyp", "prp-pdw") if fixture.stem.startswith(rule))


def root_with(tmp_path, fixture: Path, data: bool = False) -> Path:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "queries", root / "queries")
    if data:
        shutil.copytree(ROOT / "data", root / "data")
    (root / "data" / "extra").mkdir(parents=True)
    shutil.copy(fixture, root / "data" / "extra" / fixture.name)
    return root


def iris_in(fixture: Path) -> set[str]:
    graph = parse_turtle(fixture)
    return {str(n) for t in graph for n in t
            if isinstance(n, rdflib.URIRef) and n.startswith("https://w3id.org/dngraph/id/")}


@pytest.mark.parametrize("fixture", CLASHES, ids=[f.stem for f in CLASHES])
def test_both_reasoners_find_the_clash(tmp_path, fixture):
    layout = Layout(root_with(tmp_path, fixture))
    graph = parse_turtle(layout.ontology)
    parse_turtle(fixture, graph)
    messages = owlrl_closure(graph).inconsistencies  # owlrl's own report, the reference
    named = set()
    for reasoner in ("rules", "owlrl"):
        clashes = build_store(layout, reasoner, None)[1]["inconsistencies"]
        found = [c for c in clashes if c["rule"] == rule_of(fixture)]
        assert found, (reasoner, clashes)
        assert all(f"data/extra/{fixture.name}" in c["files"] for c in found)
        named |= {t for c in found for t in c["things"]}
    assert named and named <= iris_in(fixture)
    assert all(any(thing in message for message in messages) for thing in named), messages


def test_the_shipped_graph_is_consistent(kg):
    kg.store
    assert kg.manifest["inconsistencies"] == []


@pytest.fixture(scope="module")
def clashing_root(tmp_path_factory):
    return root_with(tmp_path_factory.mktemp("clash"), FIXTURES / "clashes" / "cax-dw-inferred.ttl", data=True)


def test_validate_exits_1_naming_the_clash(clashing_root, tmp_path):
    result = CliRunner().invoke(cli, ["validate", "--root", str(clashing_root), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 1, result.output
    line = next(line for line in result.output.splitlines() if "inconsistent" in line)
    for part in ("data/extra/cax-dw-inferred.ttl", "ontology/dngraph.ttl",
                 "<https://w3id.org/dngraph/id/summit/1999>", "dn:Document owl:disjointWith dn:Event", "cax-dw"):
        assert part in line
    assert "does not conform" in result.output


@pytest.mark.parametrize("args", [["query", "summits"], ["sparql", "-q", "ASK { ?s ?p ?o }"], ["stats"]])
def test_queries_refuse_an_inconsistent_graph(clashing_root, tmp_path, args):
    result = CliRunner().invoke(cli, args + ["--root", str(clashing_root), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "inconsistent" in result.output and "summit/1999" in result.output


def test_the_api_raises_inconsistent_graph(clashing_root, tmp_path):
    kg = dngraph.open(clashing_root, cache_dir=tmp_path)
    with pytest.raises(InconsistentGraph) as caught:
        kg.query("summits")
    assert caught.value.exit_code == 1
    assert not kg.validate().conforms
