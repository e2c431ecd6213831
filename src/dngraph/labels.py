"""Labels for the IRIs an answer shows, looked up one IRI at a time.

The table and markdown outputs show an IRI by its label: an English one (any
``en`` tag) first, then an untagged one, the least in code-point order among
equals — the choice ``sparql/labels.rq`` makes for every IRI of the graph at
once. Looking up only the IRIs in the answer costs the same at any graph size.
"""

from __future__ import annotations

from .namespaces import RDFS, SKOS

_PROPERTIES = (RDFS.label, SKOS.prefLabel)


def shown_iris(result) -> set[str]:
    """Every IRI in the rows of ``result``."""
    import pyoxigraph

    return {term.value for row in result.terms for term in row.values()
            if isinstance(term, pyoxigraph.NamedNode)}


def labels_for(store, graphs: list, iris) -> dict[str, str]:
    """The label of each IRI of ``iris`` that has one, reading ``graphs`` of ``store``."""
    import pyoxigraph

    properties = [pyoxigraph.NamedNode(p) for p in _PROPERTIES]
    found = {}
    for iri in iris:
        node = pyoxigraph.NamedNode(iri)
        candidates = [q.object for graph in graphs for p in properties
                      for q in store.quads_for_pattern(node, p, None, graph)
                      if isinstance(q.object, pyoxigraph.Literal) and _english_or_plain(q.object)]
        if candidates:
            # labels.rq: ORDER BY DESC(LANG(?label)) STR(?label)
            candidates.sort(key=lambda lit: lit.value)
            candidates.sort(key=lambda lit: (lit.language or "").lower(), reverse=True)
            found[iri] = candidates[0].value
    return found


def _english_or_plain(literal) -> bool:
    lang = (literal.language or "").lower()
    return lang == "" or lang == "en" or lang.startswith("en-")
