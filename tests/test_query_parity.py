"""Every saved query gives the same rows on pyoxigraph and on rdflib.

The rdflib side is built from the very quads of the built store, as
an rdflib Dataset whose default graph is the union of its named graphs, and the
parameters are passed as initial bindings. Rows are compared as multisets of
N-Triples strings; blank nodes are normalised, since their labels are local to
each engine. A query that fails here is to be made portable, not this test.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from dngraph.namespaces import INFERRED_GRAPH

QUERIES = Path(__file__).resolve().parent.parent / "queries"
NAMES = sorted(path.stem for path in QUERIES.glob("*.rq"))

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# A representative value for each required parameter.
REQUIRED = {
    "summit": {"summit": "2021"},
    "nation-profile": {"nation": "ca"},
    "sources-of": {"thing": "https://w3id.org/dngraph/id/summit/2021"},
    "year": {"year": "2018"},
    "nation-history": {"nation": "pt"},
}

# Further runs with optional parameters set, so the parameter paths are compared too.
EXTRA = [
    ("members", {"on": "2017-06-01"}),
    ("members", {"on": "2019-06-01", "lang": "fr"}),
    ("membership-timeline", {"nation": "dk"}),
    ("summits", {"since": "2021"}),
    ("summit", {"summit": "2020"}),
    ("summit", {"summit": "2019"}),
    ("charters", {"charter": "updated-digital-nations-charter"}),
    ("people", {"nation": "gb"}),
    ("nation-profile", {"nation": "kr"}),
    ("outputs", {"group": "data-360"}),
    ("outputs", {"nation": "ca"}),
    ("sources-of", {"thing": "https://w3id.org/dngraph/id/membership/dk"}),
    ("initiatives", {"nation": "ca"}),
    ("targets", {"by": "2030"}),
    ("themes", {"min": "3"}),
    ("year", {"year": "2020"}),
    ("nation-history", {"nation": "kr"}),
]

CASES = [(name, REQUIRED.get(name, {})) for name in NAMES] + [case for case in EXTRA if case[0] in NAMES]


def _case_id(case):
    name, params = case
    return name + "".join(f"[{k}={v}]" for k, v in sorted(params.items()))


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\n", "\\n").replace("\r", "\\r"))


def nt(term) -> str | None:
    """One canonical N-Triples string for a pyoxigraph or an rdflib term."""
    import pyoxigraph as ox
    import rdflib

    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, rdflib.URIRef)):
        return f"<{term.value if isinstance(term, ox.NamedNode) else str(term)}>"
    if isinstance(term, (ox.BlankNode, rdflib.BNode)):
        return "_:b"
    if isinstance(term, ox.Literal):
        value, language = term.value, term.language
        datatype = term.datatype.value
    elif isinstance(term, rdflib.Literal):
        value, language = str(term), term.language
        datatype = str(term.datatype) if term.datatype else XSD_STRING
    else:
        raise TypeError(f"not an RDF term: {term!r}")
    if language:
        return f'"{_escape(value)}"@{language.lower()}'
    if datatype == XSD_STRING:
        return f'"{_escape(value)}"'
    return f'"{_escape(value)}"^^<{datatype}>'


def to_rdflib(term):
    """The rdflib term for a pyoxigraph term (the form the library binds parameters as)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


@pytest.fixture(scope="module")
def datasets(kg):
    """rdflib Datasets over the built quads, as the library queries them. The store's
    default graph is the merge of the asserted graphs: with inference the query sees
    the union of every graph, without it only that default graph; named graphs stay
    reachable with GRAPH either way."""
    import rdflib

    import pyoxigraph

    payload = kg.store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    full = rdflib.Dataset(default_union=True)
    full.parse(data=payload, format="nquads")
    asserted = rdflib.Dataset(default_union=False)
    asserted.parse(data=payload, format="nquads")
    return {True: full, False: asserted}


def test_there_are_queries_to_compare():
    assert len(NAMES) >= 17


@pytest.mark.parametrize("infer", [True, False], ids=["infer", "no-infer"])
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_same_rows_on_pyoxigraph_and_rdflib(kg, datasets, case, infer):
    name, params = case
    saved = kg.saved(name)
    bound = saved.bind(params)

    oxigraph = kg.sparql(saved.text, infer=infer, **bound)
    ox_vars = oxigraph.variables
    ox_rows = collections.Counter(tuple(nt(row.get(v)) for v in ox_vars) for row in oxigraph.terms)

    answer = datasets[infer].query(saved.text, initBindings={k: to_rdflib(v) for k, v in bound.items()})
    rdf_vars = [str(v) for v in answer.vars]
    rdf_rows = collections.Counter(tuple(nt(row[v]) for v in rdf_vars) for row in answer)

    assert rdf_vars == ox_vars
    only_ox = list((ox_rows - rdf_rows).elements())[:5]
    only_rdflib = list((rdf_rows - ox_rows).elements())[:5]
    assert ox_rows == rdf_rows, f"{name}: only on pyoxigraph {only_ox}; only on rdflib {only_rdflib}"
    if case in [(n, REQUIRED.get(n, {})) for n in NAMES] and infer:
        assert ox_rows, f"{name} gives no rows on the shipped data"
