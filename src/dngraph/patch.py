"""A :class:`dngraph.diff.Diff` as a patch a program applies to OLD to get NEW.

- RDF Patch (https://afs.github.io/rdf-patch/): one transaction (``TX .`` ... ``TC .``),
  a ``D`` row per quad removed, then an ``A`` row per quad added, terms in N-Triples
  form. Blank nodes removed keep OLD's labels (those of the release's ``dngraph.nq``);
  blank nodes added are labelled ``new-...``, so they never meet an old one.
- SPARQL 1.1 Update (https://www.w3.org/TR/sparql11-update/): per graph, ``DELETE DATA``
  for the facts without blank nodes, a ``DELETE WHERE`` per fact with blank nodes
  (section 3.1.3.3: DELETE DATA may not hold blank nodes, so they become variables),
  and ``INSERT DATA`` for the facts added, inside ``GRAPH <...>``, their blank nodes
  labelled ``new-...`` as in RDF Patch (an engine that keeps labels then cannot merge
  them with old nodes).

A changed fact is a fact removed and a fact added: the whole of it, blank nodes too.
A ``DELETE WHERE`` matches every blank-node tree of that shape under the subject and
predicate, so where one graph holds two trees of which one extends the other, the
RDF Patch form (which names blank nodes) is the exact one.
"""

from __future__ import annotations

from .diff import Diff

PATCH_FORMATS = ("rdfpatch", "sparql")


def _removed(graph) -> list:
    return graph.removed + [f for _, _, old, _ in graph.changed for f in old]


def _added(graph) -> list:
    return graph.added + [f for _, _, _, new in graph.changed for f in new]


def _term(term, fresh: bool = False) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.BlankNode) and fresh:
        return f"_:new-{term.value}"
    return str(term)


def _quad_line(quad, fresh: bool = False) -> str:
    import pyoxigraph as ox

    terms = [_term(quad.subject, fresh), _term(quad.predicate), _term(quad.object, fresh)]
    if not isinstance(quad.graph_name, ox.DefaultGraph):
        terms.append(_term(quad.graph_name))
    return " ".join(terms) + " ."


def rdf_patch(found: Diff) -> str:
    """The diff as RDF Patch text."""
    deleted = sorted({_quad_line(q) for g in found.graphs for f in _removed(g) for q in f.quads})
    added = sorted({_quad_line(q, fresh=True) for g in found.graphs for f in _added(g) for q in f.quads})
    rows = ["TX ."] + [f"D {line}" for line in deleted] + [f"A {line}" for line in added] + ["TC ."]
    return "\n".join(rows) + "\n"


def sparql_update(found: Diff) -> str:
    """The diff as a SPARQL Update request (operations separated by ``;``)."""
    operations = []
    for graph in found.graphs:
        removed = _removed(graph)
        ground = sorted({_triple(q) for f in removed if not _has_blank(f) for q in f.quads})
        if ground:
            operations.append(_operation("DELETE DATA", graph.graph, ground))
        for fact in sorted((f for f in removed if _has_blank(f)), key=lambda f: f.key):
            operations.append(_operation("DELETE WHERE", graph.graph, sorted({_triple(q, True) for q in fact.quads})))
        inserted = sorted({_triple(q, fresh=True) for f in _added(graph) for q in f.quads})
        if inserted:
            operations.append(_operation("INSERT DATA", graph.graph, inserted))
    return " ;\n".join(operations) + ("\n" if operations else "")


def _has_blank(fact) -> bool:
    import pyoxigraph as ox

    return any(isinstance(t, ox.BlankNode) for q in fact.quads for t in (q.subject, q.object))


def _triple(quad, variables: bool = False, fresh: bool = False) -> str:
    import re

    import pyoxigraph as ox

    def term(t):
        if variables and isinstance(t, ox.BlankNode):
            return "?b_" + re.sub(r"[^A-Za-z0-9_]", "_", t.value)
        return _term(t, fresh)

    return f"{term(quad.subject)} {term(quad.predicate)} {term(quad.object)} ."


def _operation(verb: str, graph, triples: list) -> str:
    import pyoxigraph as ox

    body = "\n".join("    " + t for t in triples)
    if isinstance(graph, ox.DefaultGraph):
        return f"{verb} {{\n{body}\n}}"
    return f"{verb} {{\n  GRAPH {graph} {{\n{body}\n  }}\n}}"


def write_patch(found: Diff, fmt: str) -> str:
    """The diff as ``fmt``: ``rdfpatch`` or ``sparql``."""
    return {"rdfpatch": rdf_patch, "sparql": sparql_update}[fmt](found)
