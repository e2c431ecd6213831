"""Which graphs hold the triples a pattern matched, for :mod:`dngraph.citations`.

A triple pattern from :mod:`dngraph.querypatterns` is instantiated with the
terms of one solution and looked up with pyoxigraph's ``quads_for_pattern``,
term by term (nothing is written into query text). A property path (SPARQL 1.1
Query, section 9) is followed one step at a time from its bound end, keeping
every triple on the way. Each matched triple cites the asserted named graphs
that hold it, or ``"inferred"`` when only the inferred graph does.
"""

from __future__ import annotations

from .namespaces import INFERRED_GRAPH, RDFS, SKOS, XSD

INFERRED = "inferred"
_NAMING = {RDFS.label, SKOS.prefLabel}
_UNMATCHED = object()  # a visible variable left unbound: the pattern did not match


class FactFinder:
    """Cites the facts behind triple patterns in one store, memoised per instantiation."""

    def __init__(self, store, infer: bool = True):
        import pyoxigraph

        self.store = store
        self.infer = infer
        self.inferred = pyoxigraph.NamedNode(INFERRED_GRAPH)
        self.memo: dict = {}

    def cite(self, pattern, solution: dict) -> set[str]:
        """The graphs holding the triples ``pattern`` matches under ``solution``.
        A label looked up in the default graph names a thing for display; it is not
        one of the facts of the answer, so it cites nothing (inside ``GRAPH`` it does)."""
        if pattern.graph is None and str(pattern.predicate) in _NAMING:
            return set()
        ends = [self._term(t, pattern, solution) for t in (pattern.subject, pattern.object)]
        graph = None if pattern.graph is None else self._term(pattern.graph, pattern, solution)
        if _UNMATCHED in ends or graph is _UNMATCHED:
            return set()
        predicate = pattern.predicate
        if type(predicate).__name__ == "Variable" or type(predicate).__name__ == "URIRef":
            predicate = self._term(predicate, pattern, solution)
            if predicate is _UNMATCHED:
                return set()
        key = (ends[0], predicate if not _is_path(predicate) else id(predicate), ends[1],
               pattern.graph is None, graph)
        if key not in self.memo:
            self.memo[key] = self._lookup(ends[0], predicate, ends[1], pattern.graph is None, graph)
        return self.memo[key]

    def _term(self, term, pattern, solution):
        kind = type(term).__name__
        if kind == "Variable":
            name = str(term)
            if pattern.visible is not None and name not in pattern.visible:
                return None
            if name not in solution:
                return None
            return _UNMATCHED if solution[name] is None else solution[name]
        if kind == "BNode":
            return None
        return _to_oxigraph(term)

    def _lookup(self, subject, predicate, obj, default: bool, graph) -> set[str]:
        import pyoxigraph

        if predicate is None or isinstance(predicate, pyoxigraph.NamedNode):
            quads = self._quads(subject, predicate, obj, graph)
        elif subject is not None:
            quads = _walk(self, subject, predicate, False, graph).get(obj, set()) if obj is not None \
                else set().union(*_walk(self, subject, predicate, False, graph).values())
        elif obj is not None:
            quads = set().union(*_walk(self, obj, predicate, True, graph).values())
        else:
            return set()
        return self._graphs(quads, default)

    def _quads(self, subject, predicate, obj, graph) -> set:
        import pyoxigraph

        found: set = set()
        if isinstance(subject, pyoxigraph.Literal) or not isinstance(predicate, (pyoxigraph.NamedNode, type(None))) \
                or isinstance(graph, pyoxigraph.Literal):
            return found  # no triple has a literal subject or a non-IRI predicate
        for quad in self.store.quads_for_pattern(subject, predicate, obj, graph):
            if isinstance(quad.graph_name, pyoxigraph.DefaultGraph):
                continue
            if quad.graph_name == self.inferred and not self.infer:
                continue
            found.add((quad.subject, quad.predicate, quad.object, quad.graph_name))
        return found

    def _graphs(self, quads: set, default: bool) -> set[str]:
        """In the default graph, a triple cites its asserted graphs, or "inferred" if
        it has none; inside GRAPH, each quad cites its own graph."""
        by_triple: dict[tuple, set] = {}
        for s, p, o, g in quads:
            by_triple.setdefault((s, p, o), set()).add(g)
        cited: set[str] = set()
        for graphs in by_triple.values():
            asserted = {g.value for g in graphs if g != self.inferred}
            if default and asserted:
                cited |= asserted
            else:
                cited |= asserted | ({INFERRED} if self.inferred in graphs else set())
        return cited


def _is_path(predicate) -> bool:
    return type(predicate).__module__.startswith("rdflib.paths")


def _walk(finder, start, path, reverse: bool, graph) -> dict:
    """The nodes ``path`` reaches from ``start`` (backwards when ``reverse``), each
    with the quads on the way."""
    kind = type(path).__name__
    if kind == "URIRef":
        step = (start, _to_oxigraph(path), None) if not reverse else (None, _to_oxigraph(path), start)
        reached: dict = {}
        for quad in finder._quads(*step, graph):
            reached.setdefault(quad[2] if not reverse else quad[0], set()).add(quad)
        return reached
    if kind == "InvPath":
        return _walk(finder, start, path.arg, not reverse, graph)
    if kind == "SequencePath":
        current = {start: set()}
        for part in (reversed(path.args) if reverse else path.args):
            current = _extend(finder, current, part, reverse, graph)
        return current
    if kind == "AlternativePath":
        reached = {}
        for part in path.args:
            for node, quads in _walk(finder, start, part, reverse, graph).items():
                reached.setdefault(node, set()).update(quads)
        return reached
    if kind == "MulPath":
        return _repeat(finder, start, path, reverse, graph)
    return {}  # negated property sets are not followed: nothing is cited for them


def _extend(finder, current: dict, part, reverse: bool, graph) -> dict:
    reached: dict = {}
    for node, quads in current.items():
        for end, more in _walk(finder, node, part, reverse, graph).items():
            reached.setdefault(end, set()).update(quads | more)
    return reached


def _repeat(finder, start, path, reverse: bool, graph) -> dict:
    """``path*``, ``path+`` and ``path?``: steps until no new node is reached."""
    reached = {start: set()} if path.mod in ("*", "?") else {}
    frontier = {start: set()}
    while frontier:
        stepped = _extend(finder, frontier, path.path, reverse, graph)
        frontier = {n: q for n, q in stepped.items() if n not in reached}
        for node, quads in stepped.items():
            reached.setdefault(node, set()).update(quads)
        if path.mod == "?":
            break
    return reached


def _to_oxigraph(term):
    """An rdflib constant of a query as a pyoxigraph term."""
    import pyoxigraph

    if type(term).__name__ == "URIRef":
        return pyoxigraph.NamedNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype or XSD.string)))
