"""Everything the graph says about one thing, for a page people read.

Each statement comes with the graphs that hold it: the source documents that state it
(each source's facts live in the named graph named after the document), the ontology,
or the inferred graph for what only OWL 2 RL entailment gives (OWL 2 Profiles, section
4.3). Values and properties carry labels in the reader's language where the graph has
one, English or an untagged label otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .namespaces import INFERRED_GRAPH, ONTOLOGY_IRI, RDF, RDFS, SKOS

LABELS = (RDFS.label, SKOS.prefLabel)


@dataclass
class Statement:
    """One property and value of a thing (or, for incoming links, the thing that points
    to it), with labels and the graphs that hold it."""

    predicate: str
    predicate_label: str | None
    value: object  # a pyoxigraph term
    value_label: str | None
    graphs: list[str] = field(default_factory=list)

    @property
    def inferred(self) -> bool:
        return self.graphs == [INFERRED_GRAPH]


@dataclass
class About:
    """A thing's label, types, statements and the statements that point to it."""

    iri: str
    label: str | None
    types: list[Statement]
    facts: list[Statement]
    incoming: list[Statement]
    graph_labels: dict[str, str]

    def source_label(self, graph: str) -> str:
        if graph == INFERRED_GRAPH:
            return "inferred"
        if graph == ONTOLOGY_IRI:
            return "the ontology"
        return self.graph_labels.get(graph, graph)


def pick_label(labels, langs=("en",)) -> str | None:
    """The label (pyoxigraph literals) in the first of ``langs`` that has one, else English,
    else untagged, else any; None when there are none."""
    found = sorted({(lit.language or "", lit.value) for lit in labels if lit is not None})
    for wanted in [*langs, "en", ""]:
        for lang, text in found:
            if lang == wanted or (wanted and lang.split("-")[0] == wanted.split("-")[0]):
                return text
    return found[0][1] if found else None


def describe(kg, iri: str, langs=("en",)) -> About | None:
    """What ``kg`` says about ``iri``, or None when no graph mentions it."""
    import pyoxigraph

    node = pyoxigraph.NamedNode(iri)
    facts = _statements(kg.raw_query(_read("facts.rq"), {"thing": node}), "o", langs)
    incoming = _statements(kg.raw_query(_read("incoming.rq"), {"thing": node}), "s", langs)
    if not facts and not incoming:
        return None
    own = [s.value for s in facts if s.predicate in LABELS]
    types = [s for s in facts if s.predicate == RDF.type]
    shown = [s for s in facts if s.predicate != RDF.type]
    graphs = {g for s in facts + incoming for g in s.graphs}
    return About(iri, pick_label(own, langs), types, shown, incoming, _graph_labels(kg, graphs, langs))


def _statements(rows, other: str, langs) -> list[Statement]:
    grouped: dict[tuple, dict] = {}
    for row in rows:
        key = (row["p"].value, row[other])
        entry = grouped.setdefault(key, {"graphs": set(), "p": set(), "v": set()})
        entry["graphs"].add(row["g"].value)
        entry["p"].add(row[f"pLabel"])
        entry["v"].add(row[f"{other}Label"])
    out = [Statement(p, pick_label(e["p"], langs), value, pick_label(e["v"], langs), _graph_order(e["graphs"]))
           for (p, value), e in grouped.items()]
    return sorted(out, key=lambda s: (s.predicate_label or s.predicate, s.value_label or s.value.value))


def _graph_order(graphs: set[str]) -> list[str]:
    # Sources first, in name order; the ontology and the inferred graph last.
    return sorted(graphs, key=lambda g: (g in (ONTOLOGY_IRI, INFERRED_GRAPH), g))


def _graph_labels(kg, graphs, langs) -> dict[str, str]:
    import pyoxigraph

    labels = {}
    for graph in graphs:
        rows = kg.raw_query(_read("facts.rq"), {"thing": pyoxigraph.NamedNode(graph)})
        found = [row["o"] for row in rows if row["p"].value in LABELS]
        labels[graph] = pick_label(found, langs) or graph
    return labels


def thing_graph(kg, iri: str) -> list:
    """The asserted triples about ``iri`` (and the blank nodes it points to), for machines."""
    import pyoxigraph

    return list(kg.raw_query(_read("thing-graph.rq"), {"thing": pyoxigraph.NamedNode(iri)}, infer=False))


def _read(name: str) -> str:
    return (Path(__file__).parent / "sparql" / "pages" / name).read_text(encoding="utf-8")
