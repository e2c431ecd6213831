"""The ontology's terms for a documentation page: each class and property with its
kind, labels, definition, domain and range, as the ontology's own graph states them
(OWL 2 Structural Specification, section 5.8 on entity declarations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .about import pick_label
from .namespaces import DN, ONTOLOGY_IRI, OWL

KINDS = {OWL.Class: "class", OWL.ObjectProperty: "object property",
         OWL.DatatypeProperty: "datatype property", OWL.AnnotationProperty: "annotation property"}


@dataclass
class Term:
    """One term of the ontology."""

    iri: str
    kind: str
    label: str | None = None
    comment: str | None = None
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.iri.rsplit("#", 1)[-1]


def ontology_terms(kg, langs=("en",)) -> list[Term]:
    """The ontology's own terms (in its namespace), classes first, then by name."""
    import pyoxigraph

    text = (Path(__file__).parent / "sparql" / "pages" / "ontology-terms.rq").read_text(encoding="utf-8")
    rows = kg.raw_query(text, {"ontology": pyoxigraph.NamedNode(ONTOLOGY_IRI),
                               "namespace": pyoxigraph.NamedNode(DN)}, infer=False)
    found: dict[str, dict] = {}
    for row in rows:
        entry = found.setdefault(row["term"].value, {"kind": KINDS[row["kind"].value], "label": set(),
                                                     "comment": set(), "domain": set(), "range": set()})
        for key in ("label", "comment"):
            entry[key].add(row[key])
        for key in ("domain", "range"):
            if row[key] is not None:
                entry[key].add(row[key].value)
    terms = [Term(iri, e["kind"], pick_label(e["label"], langs), pick_label(e["comment"], langs),
                  sorted(e["domain"]), sorted(e["range"])) for iri, e in found.items()]
    return sorted(terms, key=lambda t: (t.kind != "class", t.name.casefold()))


def instances(kg, cls: str) -> list[tuple[str, str]]:
    """(IRI, label) of every thing of class ``cls``, by label."""
    import pyoxigraph

    text = (Path(__file__).parent / "sparql" / "pages" / "instances.rq").read_text(encoding="utf-8")
    rows = kg.raw_query(text, {"class": pyoxigraph.NamedNode(cls)})
    return [(row["thing"].value, row["label"].value if row["label"] else row["thing"].value) for row in rows]
