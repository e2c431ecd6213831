"""Each source document's claims, listed as data, are in its graph and nowhere they do not belong.

A table ``tests/claims/{slug}.tsv`` lists what the document behind the graph
``id/source/{slug}`` says, one triple a row, with the passage it rests on:

    kind    subject                               predicate   object                        passage
    states  id:organization/canadian-digital-service  rdfs:label  "Canadian Digital Service"@en  In launching the Canadian Digital Service (CDS)
    not     id:organization/code-for-canada       rdf:type    dn:GovernmentOrganization     a programme, not a government body

``states`` rows must be in the document's graph; ``not`` rows must not be. Every
source document that names its seed file (``dn:seedFile``) has a table. A
triple that some table states may stand only in the graphs whose tables state
it too, so a fact cannot leak into a source that does not say it. Terms are
written as in Turtle, with the prefixes of :data:`dngraph.namespaces.PREFIXES`
(``id:`` names may hold ``/``). Where the document's text is at hand (its
``dn:seedFile`` beside the project), every passage must be found in it.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest
import rdflib

from dngraph.load import load_dataset
from dngraph.namespaces import DN, PREFIXES, SOURCE
from dngraph.resources import Layout

from conftest import ROOT

CLAIMS = Path(__file__).resolve().parent / "claims"
SEEDS = ROOT.parent / "shared" / "seeds"
TABLES = sorted(CLAIMS.glob("*.tsv"))
_IRI = re.compile(r"^(?:<([^>]*)>|([A-Za-z][\w-]*):(\S*))$")


def term(text: str):
    """A Turtle term as written in a table: ``<iri>``, ``prefix:local``, or a literal."""
    text = text.strip()
    match = _IRI.match(text)
    if match and (match[1] is not None or match[2] in PREFIXES):
        return rdflib.URIRef(match[1] if match[1] is not None else PREFIXES[match[2]] + match[3])
    if text == "a":
        return rdflib.RDF.type
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    graph = rdflib.Graph().parse(data=f"{head}<urn:s> <urn:p> {text} .", format="turtle")
    return next(iter(graph.objects()))


def read_table(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        assert row["kind"] in ("states", "not"), f"{path.name}: row {number}: kind {row['kind']!r}"
        row["triple"] = tuple(term(row[k]) for k in ("subject", "predicate", "object"))
    return rows


@lru_cache(maxsize=1)
def dataset():
    return load_dataset(Layout(ROOT))[0]


def graph_of(path: Path):
    return dataset().graph(rdflib.URIRef(SOURCE + path.stem))


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_the_graph_states_what_its_document_says_and_not_what_it_does_not(path):
    graph = graph_of(path)
    assert len(graph) > 0, f"no graph for {path.stem}"
    rows = read_table(path)
    missing = [r for r in rows if r["kind"] == "states" and r["triple"] not in graph]
    wrong = [r for r in rows if r["kind"] == "not" and r["triple"] in graph]
    show = lambda rs: "\n".join(f"  {r['subject']} {r['predicate']} {r['object']}" for r in rs)  # noqa: E731
    assert not missing, f"{path.stem} lacks claims its document makes:\n{show(missing)}"
    assert not wrong, f"{path.stem} states what its document does not:\n{show(wrong)}"


def test_a_claim_stands_only_in_the_graphs_of_documents_that_make_it():
    stated: dict[tuple, set[str]] = {}
    for path in TABLES:
        for row in read_table(path):
            if row["kind"] == "states":
                stated.setdefault(row["triple"], set()).add(path.stem)
    leaks = []
    for triple, owners in stated.items():
        for path in TABLES:
            if path.stem not in owners and triple in graph_of(path):
                leaks.append(f"  {path.stem}: {' '.join(t.n3() for t in triple)}")
    assert not leaks, "claims found in graphs whose documents do not make them:\n" + "\n".join(leaks)


def test_every_source_document_with_a_seed_file_has_a_claim_table():
    seeded = {str(s) for s in dataset().subjects(rdflib.URIRef(DN.seedFile), None)}
    assert seeded, "no source document names its seed file"
    missing = sorted(iri[len(SOURCE):] for iri in seeded
                     if not (CLAIMS / f"{iri[len(SOURCE):]}.tsv").is_file())
    assert not missing, "source documents without tests/claims/{slug}.tsv: " + ", ".join(missing)


def _seed_text(path: Path) -> str | None:
    seed = dataset().value(rdflib.URIRef(SOURCE + path.stem), rdflib.URIRef(DN.seedFile))
    if seed is None or not (SEEDS / str(seed)).is_file():
        return None
    return _fold((SEEDS / str(seed)).read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    return " ".join(text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.stem)
def test_every_claim_rests_on_a_passage_of_its_document(path):
    rows = read_table(path)
    assert all(r["passage"].strip() for r in rows if r["kind"] == "states"), "a claim without its passage"
    text = _seed_text(path)
    if text is None:
        return  # the document's text is not beside the project; the passages stand as written
    absent = [r["passage"] for r in rows if r["kind"] == "states" and _fold(r["passage"]) not in text]
    assert not absent, f"passages not found in the document of {path.stem}:\n  " + "\n  ".join(absent)
