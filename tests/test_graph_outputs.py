"""Every RDF answer of `dngraph sparql` (CONSTRUCT and DESCRIBE, in Turtle, N-Triples and
JSON-LD) is compared, as a graph, with a stored expected graph (by their RDFC-1.0 canonical form, tests/rdfcompare.py).

The expected graphs live in tests/fixtures/expected/{case}.ttl. After a deliberate
change of the data they describe, rewrite them with

    DNGRAPH_REGENERATE=1 .venv/bin/python -m pytest tests/test_graph_outputs.py

and read the diff: each file must still say what its source says.
"""

from __future__ import annotations

import os

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import graph_diff, to_isomorphic

from dngraph.cli import cli

from conftest import FIXTURES
from rdfcompare import same

EXPECTED = FIXTURES / "expected"
REGENERATE = os.environ.get("DNGRAPH_REGENERATE", "") not in ("", "0")

CASES = {
    # ISO 3166-1 alpha-2 and alpha-3 codes and French short names, from the ISO graph only.
    "iso-codes": ["--query", """
        CONSTRUCT { ?n dn:iso3166Alpha2 ?a2 ; dn:iso3166Alpha3 ?a3 ; skos:altLabel ?fr }
        WHERE { GRAPH id:source\\/iso-3166-1 {
          ?n dn:iso3166Alpha2 ?a2 ; dn:iso3166Alpha3 ?a3 ; skos:altLabel ?fr FILTER(LANG(?fr) = "fr") } }"""],
    # The name Digital 7 and its period as the sources give it: February to November 2018 (the
    # Wikipedia page, cuti.org.uy), from February 2018 (the Korean ministry's 2018 release, which also
    # writes Digital-7) and from 2017 (eco.sapo.pt): a description with nested blank nodes (each
    # interval and its instants).
    "name-d7": ["--no-infer", "--query", "DESCRIBE id:name\\/d7"],
}
FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}


def answer(case: str, fmt: str) -> rdflib.Graph:
    result = CliRunner().invoke(cli, ["sparql", *CASES[case], "--format", fmt])
    assert result.exit_code == 0, result.output
    return rdflib.Graph().parse(data=result.stdout_bytes.decode("utf-8"), format=FORMATS[fmt])


def expected(case: str, got: rdflib.Graph) -> rdflib.Graph:
    path = EXPECTED / f"{case}.ttl"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        got.serialize(destination=str(path), format="turtle")
    return rdflib.Graph().parse(path, format="turtle")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_graph_answer_is_the_expected_graph(case, fmt):
    got = answer(case, fmt)
    want = expected(case, got)
    if not same(got, want):
        _, missing, extra = graph_diff(to_isomorphic(want), to_isomorphic(got))
        pytest.fail(f"{case} as {fmt}: missing {sorted(missing)[:5]}, unexpected {sorted(extra)[:5]}")


def test_expected_graphs_are_not_empty_and_hold_blank_nodes():
    iso = rdflib.Graph().parse(EXPECTED / "iso-codes.ttl")
    ca = rdflib.URIRef("https://w3id.org/dngraph/id/nation/ca")
    assert str(iso.value(ca, rdflib.URIRef("https://w3id.org/dngraph/ontology#iso3166Alpha3"))) == "CAN"
    d7 = rdflib.Graph().parse(EXPECTED / "name-d7.ttl")
    assert len({o for o in d7.objects() if isinstance(o, rdflib.BNode)}) == 10
