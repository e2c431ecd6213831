"""The layout of rdflib's Turtle (``RecursiveSerializer`` and ``TurtleSerializer``):
which subject comes when, what nests, where the line breaks and indents go.

:func:`turtle_text` writes pyoxigraph triples exactly as rdflib's serializer writes
the same graph, the names and literals given by :class:`dngraph.turtlewrite.Names`.
"""

from __future__ import annotations

from .namespaces import RDF, RDFS
from .turtlewrite import OBJECT, SUBJECT, Names, prefix_lines

_TYPE, _LABEL, _FIRST, _REST, _NIL, _CLASS = RDF.type, RDFS.label, RDF.first, RDF.rest, RDF.nil, RDFS.Class
_INDENT = "    "


def turtle_text(triples, serializer) -> str:
    """``triples`` (pyoxigraph, in the order of their N-Triples lines) as rdflib's
    ``serializer`` (a TurtleSerializer on an empty graph with the prefixes bound) would write them."""
    names = Names(serializer)
    subjects: dict = {}
    refs: dict = {}
    for triple in triples:
        obj = triple.object
        subjects.setdefault(triple.subject, {}).setdefault(triple.predicate.value, []).append(obj)
        refs[obj] = refs.get(obj, 0) + 1
    names.see(subjects, refs)
    names.check()
    head = prefix_lines(serializer)  # rdflib writes them before any statement
    writer = _Writer(names, subjects, refs)
    for subject in _ordered(subjects, refs):
        if subject not in writer.done:
            writer.statement(subject)
            writer.out.append("\n")
    return head + "".join(writer.out) + "\n"


def _ordered(subjects: dict, refs: dict) -> list:
    """``orderSubjects``: members of ``rdfs:Class`` first, then by (blank node, references, name)."""
    import pyoxigraph as ox

    top = [s for s, props in subjects.items()
           if any(isinstance(o, ox.NamedNode) and o.value == _CLASS for o in props.get(_TYPE, ()))]
    top.sort(key=lambda s: (not isinstance(s, ox.BlankNode), s.value))
    seen = set(top)
    rest = [s for s in subjects if s not in seen]
    rest.sort(key=lambda s: (isinstance(s, ox.BlankNode), refs.get(s, 0), s.value))
    return top + rest


class _Writer:
    """The recursive part of rdflib's serializer, writing into ``out``."""

    def __init__(self, names: Names, subjects: dict, refs: dict):
        import pyoxigraph as ox

        self.names, self.subjects, self.refs = names, subjects, refs
        self.blank, self.named, self.literal = ox.BlankNode, ox.NamedNode, ox.Literal
        self.depth, self.out, self.done = 0, [], set()

    def indent(self, modifier: int = 0) -> str:
        return (self.depth + modifier) * _INDENT

    def statement(self, subject) -> None:
        self.done.add(subject)
        if self.refs.get(subject, 0) == 0 and isinstance(subject, self.blank):
            self.out.append("\n" + self.indent() + "[]")
        else:
            self.out.append("\n" + self.indent() + self.names.label(subject, SUBJECT))
        self.predicates(subject)
        self.out.append(" .")

    def path(self, node, position: int, newline: bool = False) -> None:
        if not self.nested(node, position, newline):
            if position != SUBJECT and not newline:
                self.out.append(" ")
            self.out.append(self.names.label(node, position))

    def nested(self, node, position: int, newline: bool) -> bool:
        """``p_squared``: a blank node object of one triple, written in place."""
        if (not isinstance(node, self.blank) or node in self.done or self.refs.get(node, 0) > 1
                or position == SUBJECT):
            return False
        if not newline:
            self.out.append(" ")
        if self.is_list(node):
            self.out.append("(")
            self.depth += 1
            self.items(node)
            self.depth -= 1
            self.out.append(" )")
        else:
            self.done.add(node)
            self.depth += 2
            self.out.append("[")
            self.depth -= 1
            self.predicates(node)
            self.out.append(" ]")
            self.depth -= 1
        return True

    def value(self, node, predicate: str):
        values = self.subjects.get(node, {}).get(predicate)
        return values[0] if values else None

    def is_list(self, node) -> bool:
        """``isValidList``: every node of the list has exactly its ``rdf:first`` and ``rdf:rest``."""
        if self.value(node, _FIRST) is None:
            return False
        seen = set()
        while node is not None and node.value != "":
            if node in seen:
                return False  # a cycle, where rdflib would never stop
            seen.add(node)
            if not (isinstance(node, self.named) and node.value == _NIL) and \
                    sum(map(len, self.subjects.get(node, {}).values())) != 2:
                return False
            node = self.value(node, _REST)
        return True

    def items(self, node) -> None:
        while node is not None and node.value != "":
            item = self.value(node, _FIRST)
            if item is not None:
                self.path(item, OBJECT)
                self.done.add(node)
            node = self.value(node, _REST)

    def predicates(self, subject) -> None:
        properties = self.subjects.get(subject)
        if not properties:
            return
        first = [p for p in (_TYPE, _LABEL) if p in properties]
        order = first + sorted(p for p in properties if p not in (_TYPE, _LABEL))
        for i, predicate in enumerate(order):
            self.out.append(" ;\n" + self.indent(1) if i else " ")
            self.out.append(self.names.verb(predicate))
            self.objects(self._sorted(properties[predicate]))

    def objects(self, objects: list) -> None:
        # rdflib's ``(count == 1) and 0 or 1`` is 1 whatever the count
        self.depth += 1
        self.path(objects[0], OBJECT)
        for obj in objects[1:]:
            self.out.append(",\n" + self.indent(1))
            self.path(obj, OBJECT, newline=True)
        self.depth -= 1

    def _sorted(self, objects: list) -> list:
        """rdflib's order of terms (``Node.__lt__``)."""
        if len(objects) < 2:
            return objects
        if all(isinstance(o, self.named) for o in objects):
            return sorted(objects, key=lambda o: o.value)
        from .rdflibterm import to_rdflib

        terms = [to_rdflib(o) for o in objects]
        return [objects[i] for i in sorted(range(len(objects)), key=terms.__getitem__)]
