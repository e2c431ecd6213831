"""A :class:`dngraph.diff.Diff` as text people read: per source document, each fact
changed, added or removed as a sentence of labels (the thing, the property, the value),
with the thing's short IRI, instead of raw triples.

    Joining forces for Canada  (id:source/joining-forces-for-canada): 1 changed
      ~ Digital Nations Ministerial Summit 2020 (id:summit/2020) · start date: 2020-11-17 → 2020-11-18

Labels come from either side (``rdfs:label``, ``skos:prefLabel``, ``dcterms:title``,
``foaf:name``; English first, then untagged), the properties' from the ontology.
"""

from __future__ import annotations

from .diff import Diff, _Folded
from .namespaces import DCTERMS, FOAF, ID, RDF, RDFS, SKOS, shorten

LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title, FOAF.name)
_MARKS = {"changed": "~", "added": "+", "removed": "-"}


def labels_of(*datasets) -> dict[tuple, str]:
    """A label for every IRI that has one in any of ``datasets``, keyed ``(graph IRI, IRI)``
    for the label a graph itself gives and ``(None, IRI)`` for the best of all; the first
    dataset wins ties."""
    import pyoxigraph as ox

    best: dict[tuple, tuple] = {}
    for rank_set, dataset in enumerate(datasets):
        for quad in dataset:
            if (quad.predicate.value not in LABELS or not isinstance(quad.object, ox.Literal)
                    or not isinstance(quad.subject, ox.NamedNode)):
                continue
            lang = quad.object.language or ""
            rank = (0 if lang == "en" else 1 if lang == "" else 2, LABELS.index(quad.predicate.value), rank_set,
                    quad.object.value)
            for key in ((getattr(quad.graph_name, "value", ""), quad.subject.value), (None, quad.subject.value)):
                if key not in best or rank < best[key]:
                    best[key] = rank
    return {key: rank[3] for key, rank in best.items()}


def short(iri: str) -> str:
    """``https://w3id.org/dngraph/id/summit/2020`` -> ``id:summit/2020``; other IRIs by their prefix."""
    return "id:" + iri[len(ID):] if iri.startswith(ID) else shorten(iri)


class Words:
    """Terms as words, with a label table (:func:`labels_of`); within ``graph``, the
    labels that graph gives come first."""

    def __init__(self, labels: dict[tuple, str], graph: str | None = None):
        self.table, self.graph = labels, graph

    def within(self, graph) -> "Words":
        return Words(self.table, getattr(graph, "value", ""))

    def label(self, iri: str) -> str | None:
        return self.table.get((self.graph, iri)) or self.table.get((None, iri))

    def thing(self, term) -> str:
        import pyoxigraph as ox

        if isinstance(term, _Folded):
            return self.folded(term)
        if isinstance(term, ox.NamedNode):
            label = self.label(term.value)
            return f"{label} ({short(term.value)})" if label else short(term.value)
        return self.value(term)

    def prop(self, term) -> str:
        if term.value == RDF.type:
            return "a"
        return self.label(term.value) or short(term.value)

    def value(self, term) -> str:
        import pyoxigraph as ox

        if not isinstance(term, ox.Literal):
            return self.thing(term)
        if term.language:
            return f'"{term.value}"@{term.language}'
        if term.datatype.value.endswith("#string"):
            return f'"{term.value}"'
        return term.value

    def folded(self, term: _Folded) -> str:
        if len(term.pairs) == 1:
            predicate, obj = term.pairs[0]
            return f"[{self.prop(predicate)} {self.thing(obj)}]"
        return "[" + "; ".join(f"{self.prop(p)} {self.thing(o)}" for p, o in term.pairs) + "]"


def lines(found: Diff, old_name: str = "OLD", new_name: str = "NEW") -> list[str]:
    """The whole diff as lines: a summary, then a block per source graph."""
    words = Words(labels_of(found.new, found.old))
    if found.empty:
        return [f"{old_name} → {new_name}: no change, the same facts in every graph"]
    totals = [sum(g.counts()[i] for g in found.graphs) for i in range(3)]
    out = [f"{old_name} → {new_name}: {totals[0]} changed, {totals[1]} added, {totals[2]} removed "
           f"in {len(found.graphs)} graph{'s' if len(found.graphs) != 1 else ''}"]
    for graph in found.graphs:
        out += [""] + _graph_lines(graph, words)
    return out


def _graph_lines(graph, words: Words) -> list[str]:
    name = words.thing(graph.graph) if hasattr(graph.graph, "value") else "the default graph"
    counts = ", ".join(f"{n} {kind}" for n, kind in zip(graph.counts(), _MARKS) if n)
    out = [f"{name}: {counts}"]
    words = words.within(graph.graph)
    for subject, predicate, old, new in graph.changed:
        for path, was, now in _changes(old, new):
            where = " › ".join(words.prop(p) for p in (predicate, *path))
            out.append(f"  ~ {words.thing(subject)} · {where}: {_join(words, was)} → {_join(words, now)}")
    for kind, facts in (("added", graph.added), ("removed", graph.removed)):
        for fact in facts:
            out.append(f"  {_MARKS[kind]} {words.thing(fact.subject)} · {words.prop(fact.predicate)}: "
                       f"{words.value(fact.object)}")
    return out


def _join(words: Words, values) -> str:
    return ", ".join(words.value(v) for v in values) or "(nothing)"


def _changes(old: list, new: list) -> list:
    """``(path under the predicate, old values, new values)``: the whole objects, or, when
    one blank node became another, only the values that moved inside it."""
    if len(old) == len(new) == 1 and isinstance(old[0].object, _Folded) and isinstance(new[0].object, _Folded):
        before, after = _leaves(old[0].object), _leaves(new[0].object)
        paths = sorted({path for path, _ in before ^ after}, key=lambda path: [p.value for p in path])
        return [(path, _values(before - after, path), _values(after - before, path)) for path in paths]
    return [((), [f.object for f in old], [f.object for f in new])]


def _values(leaves: set, path: tuple) -> list:
    return sorted((value for where, value in leaves if where == path), key=str)


def _leaves(term, path: tuple = ()) -> set:
    """``(predicate path, value)`` for every value that is not a blank node, under ``term``."""
    found = set()
    for predicate, obj in term.pairs:
        if isinstance(obj, _Folded):
            found |= _leaves(obj, path + (predicate,))
        else:
            found.add((path + (predicate,), obj))
    return found
