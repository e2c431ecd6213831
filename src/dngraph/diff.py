"""What changed between two snapshots of the graph, fact by fact, per source graph.

A *fact* is a statement of one named graph, with each blank node folded into the
statement that points to it: ``id:nation/ca org:memberDuring [ time:hasBeginning
[ time:inXSDDate "2014-12-09" ] ]`` is one fact, compared by its whole content, since
blank node labels mean nothing across two files (RDF 1.1 Concepts, section 3.4).
A fact of NEW that OLD lacks is *added*, one of OLD that NEW lacks is *removed*; when
a graph loses and gains facts with the same subject and predicate, the pair is
*changed* (the object moved). :mod:`dngraph.difftext` prints this for people and
:mod:`dngraph.patch` as RDF Patch or SPARQL Update.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fact:
    """One folded statement: its terms, and every quad it stands for (the statement
    plus the statements about the blank nodes under it)."""

    graph: object
    subject: object
    predicate: object
    object: object
    quads: tuple

    @property
    def key(self) -> tuple:
        return (self.graph.value if hasattr(self.graph, "value") else "", _sort_key(self.subject),
                self.predicate.value, _sort_key(self.object))


@dataclass
class GraphChanges:
    """The changes in one named graph: facts added and removed, and changed pairs
    ``(subject, predicate, old facts, new facts)``."""

    graph: object
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        return len(self.changed), len(self.added), len(self.removed)


@dataclass
class Diff:
    """Every graph that changed, by graph IRI; ``old`` and ``new`` are the two datasets."""

    old: object
    new: object
    graphs: list
    old_name: str = "OLD"
    new_name: str = "NEW"

    @property
    def empty(self) -> bool:
        return not self.graphs

    def lines(self) -> list[str]:
        """The changes for people (:mod:`dngraph.difftext`)."""
        from .difftext import lines

        return lines(self, self.old_name, self.new_name)

    def patch(self, fmt: str) -> str:
        """The changes as ``rdfpatch`` or ``sparql`` (:mod:`dngraph.patch`)."""
        from .patch import write_patch

        return write_patch(self, fmt)


def diff(old, new, old_name: str = "OLD", new_name: str = "NEW") -> Diff:
    """The changes from the pyoxigraph Dataset ``old`` to ``new``."""
    before, after = folded(old), folded(new)
    changes = []
    for graph_key in sorted(set(before) | set(after)):
        found = _compare(before.get(graph_key, {}), after.get(graph_key, {}))
        if found is not None:
            changes.append(found)
    return Diff(old, new, changes, old_name, new_name)


def _compare(before: dict, after: dict) -> GraphChanges | None:
    removed = [before[k] for k in sorted(set(before) - set(after))]
    added = [after[k] for k in sorted(set(after) - set(before))]
    if not removed and not added:
        return None
    found = GraphChanges((removed or added)[0].graph)
    lost, gained = _by_subject_predicate(removed), _by_subject_predicate(added)
    for pair in sorted(set(lost) & set(gained)):
        found.changed.append((lost[pair][0].subject, lost[pair][0].predicate, lost.pop(pair), gained.pop(pair)))
    found.removed = [fact for facts in lost.values() for fact in facts]
    found.added = [fact for facts in gained.values() for fact in facts]
    found.removed.sort(key=lambda f: f.key)
    found.added.sort(key=lambda f: f.key)
    return found


def _by_subject_predicate(facts: list) -> dict:
    grouped = defaultdict(list)
    for fact in facts:
        grouped[fact.key[1:3]].append(fact)
    return dict(grouped)


def folded(dataset) -> dict:
    """``{graph IRI: {fact key: Fact}}``: the facts of every graph of ``dataset``."""
    import pyoxigraph as ox

    about = defaultdict(list)   # (graph, blank node) -> its quads
    pointed = set()             # (graph, blank node) that some quad points to
    for quad in dataset:
        if isinstance(quad.subject, ox.BlankNode):
            about[(quad.graph_name, quad.subject)].append(quad)
        if isinstance(quad.object, ox.BlankNode):
            pointed.add((quad.graph_name, quad.object))
    facts = defaultdict(dict)
    for quad in dataset:
        if isinstance(quad.subject, ox.BlankNode) and (quad.graph_name, quad.subject) in pointed:
            continue
        tree = [quad]
        for node in (quad.subject, quad.object):
            tree += _under(node, quad.graph_name, about, set())
        fact = Fact(quad.graph_name, _Folded.wrap(quad.subject, quad.graph_name, about),
                    quad.predicate, _Folded.wrap(quad.object, quad.graph_name, about), tuple(tree))
        facts[fact.key[0]][fact.key] = fact
    return dict(facts)


def _under(node, graph, about: dict, seen: set) -> list:
    """The quads about blank node ``node`` and the blank nodes under it."""
    if (graph, node) not in about or node in seen:
        return []
    seen.add(node)
    found = []
    for quad in about[(graph, node)]:
        found.append(quad)
        found += _under(quad.object, graph, about, seen)
    return found


class _Folded:
    """A blank node with its content: ``pairs`` are (predicate, folded object), sorted."""

    def __init__(self, node, pairs: tuple):
        self.node, self.pairs = node, pairs
        self.value = "[" + " ; ".join(f"{p.value} {_sort_key(o)}" for p, o in pairs) + "]"

    @classmethod
    def wrap(cls, term, graph, about: dict, seen: frozenset = frozenset()):
        import pyoxigraph as ox

        if not isinstance(term, ox.BlankNode):
            return term
        if term in seen:
            return cls(term, ())
        pairs = [(q.predicate, cls.wrap(q.object, graph, about, seen | {term})) for q in about.get((graph, term), [])]
        return cls(term, tuple(sorted(pairs, key=lambda pair: (pair[0].value, _sort_key(pair[1])))))


def _sort_key(term) -> str:
    return term.value if isinstance(term, _Folded) else str(term)
