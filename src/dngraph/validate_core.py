"""SHACL Core checked set by set on the terms exactly as parsed.

Each covered shape (:mod:`.shacl_shapes`) is checked on all its focus nodes at
once: the value nodes of its path (SHACL section 2.3.1) come from an index of
the data graph's triples, each constraint component (section 4) keeps the
(focus node, value) pairs that break it, and the results are made as pySHACL
makes them (:class:`~dngraph.shacl_sparql.Result`). The data graph is read as
parsed, not from the built store: the store keeps numbers by value and names
blank nodes afresh, and a result must name the terms the files hold. The focus
nodes (section 2.1.3) come from the same index, the SHACL instances of a class
(section 4.1.1) following ``rdfs:subClassOf*``; a SPARQL-based target
(SHACL-AF 5.1) runs on the store (:mod:`.shacl_targets`). The components are in :mod:`.shacl_checks`.
"""

from __future__ import annotations

from .namespaces import RDF, RDFS, SH
from .shacl_literals import reported
from .shacl_shapes import Shape, Shapes
from .shacl_sparql import Result


class Index:
    """The subjects and objects of each wanted predicate in the data graph, and its classes."""

    def __init__(self, graphs, predicates):
        import pyoxigraph

        self.type, self.sub_class = pyoxigraph.NamedNode(RDF.type), pyoxigraph.NamedNode(RDFS.subClassOf)
        self.forward: dict = {p: {} for p in set(predicates) | {self.type, self.sub_class}}
        wanted = self.forward.get
        for _, triples in graphs:
            for q in triples:
                by = wanted(q.predicate)
                if by is not None:
                    objects = by.get(q.subject)
                    if objects is None:
                        by[q.subject] = {q.object}
                    else:
                        objects.add(q.object)
        self._inverse: dict = {}
        self._instances: dict = {}

    def by_node(self, predicate, inverse: bool = False) -> dict:
        """Each node with its objects by ``predicate`` (its subjects when ``inverse``)."""
        return self.backward(predicate) if inverse else self.forward[predicate]

    def backward(self, predicate) -> dict:
        if predicate not in self._inverse:
            found: dict = {}
            for subject, objects in self.forward[predicate].items():
                for o in objects:
                    found.setdefault(o, set()).add(subject)
            self._inverse[predicate] = found
        return self._inverse[predicate]

    def instances(self, cls) -> set:
        """The SHACL instances of ``cls``: nodes with an ``rdf:type`` that is ``cls`` or a subclass of it."""
        if cls not in self._instances:
            sub = self.backward(self.sub_class)
            classes, todo = {cls}, [cls]
            while todo:
                for c in sub.get(todo.pop(), ()):
                    if c not in classes:
                        classes.add(c)
                        todo.append(c)
            typed = self.backward(self.type)
            self._instances[cls] = set().union(*(typed.get(c, ()) for c in classes))
        return self._instances[cls]


def predicates(shapes: Shapes, roots) -> set:
    """The predicates of every path and target property the shapes under ``roots`` follow."""
    import pyoxigraph

    found, seen, todo = set(), set(), list(roots)
    for root in roots:
        for name in ("targetSubjectsOf", "targetObjectsOf"):
            found.update(q.object for q in shapes.store.quads_for_pattern(root, pyoxigraph.NamedNode(SH[name]), None))
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        shape = shapes[node]
        if shape.predicate is not None:
            found.add(shape.predicate)
        todo.extend(shape.properties + shape.nested())
    return found


def focus(shapes: Shapes, index: Index, node, select) -> set:
    """The focus nodes of the shape ``node`` (section 2.1.3); ``select(target)`` gives the
    nodes a SPARQL-based target selects (SHACL-AF 5.1, :mod:`.shacl_targets`)."""
    import pyoxigraph

    found: set = set()
    for q in shapes.store.quads_for_pattern(node, None, None):
        name, value = q.predicate.value, q.object
        if name == SH.targetNode:
            found.add(value)
        elif name == SH.targetClass or (name == RDF.type and value.value == RDFS.Class):
            found |= index.instances(node if name == RDF.type else value)
        elif name == SH.targetSubjectsOf:
            found.update(index.forward[value])
        elif name == SH.targetObjectsOf:
            found.update(index.backward(value))
        elif name == SH.target:
            nodes = select(value)
            if any(isinstance(n, pyoxigraph.BlankNode) and n not in index.forward[index.type] for n in nodes):
                raise NotImplementedError("a SPARQL target selects a blank node the parsed data names otherwise")
            found |= nodes
    return found


def results(shapes: Shapes, index: Index, node, nodes: set) -> list[Result]:
    """The results of the shape ``node`` and its property shapes for the focus nodes ``nodes``."""
    from .shacl_checks import Checker

    shape = shapes[node]
    if shape.deactivated:
        return []
    checker = Checker(shapes, index)
    found = _made(shape, checker.violations(shape, nodes))
    for child in (shapes[p] for p in shape.properties):
        if not child.deactivated:
            found += _made(child, checker.violations(child, nodes))
    return found


def _made(shape: Shape, violations) -> list[Result]:
    return [Result(focus=f, path=shape.path, value=None if v is None else reported(v), shape=shape.node.value,
                   severity=shape.severity, component=component, message=shape.message)
            for f, v, component in violations]
