"""The shapes of a shapes graph as the core checker (:mod:`.validate_core`) reads them.

A shape (SHACL section 2.1) is read from the shapes graph, a pyoxigraph Store:
its path (section 2.3.1; an IRI or ``sh:inversePath`` of an IRI), its severity
(section 2.1.5), its messages (section 2.1.6), ``sh:deactivated`` (section
2.1.7), its ``sh:property`` shapes and the parameters of its constraint
components (section 4), RDF lists expanded. A shape is *covered* when the core
checker can check it exactly as the reference engine does: every SHACL term on
it is one the checker knows, its path is one of those two kinds, a shape that
reports results has an IRI and a message, its ``sh:in`` and ``sh:hasValue``
literals are strings, and every shape it leads to is covered (a deactivated
shape is covered: nothing checks it); any other shape is left to another engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .namespaces import RDF, RDFS, SH, XSD

# Constraint parameters the checker evaluates (SHACL sections 4.1-4.8).
PARAMETERS = frozenset({
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "pattern", "flags",
    "languageIn", "uniqueLang", "in", "hasValue", "or", "xone",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint"})
_LISTS = frozenset({"in", "languageIn", "or", "xone"})
# SHACL terms that do not change what the core checker reports (targets, SPARQL and
# annotations are handled elsewhere, or nowhere: section 2.1 and section 5).
_OTHER = frozenset({
    "property", "path", "message", "severity", "deactivated", "targetClass", "targetNode",
    "targetSubjectsOf", "targetObjectsOf", "target", "sparql", "name", "description", "order",
    "group", "defaultValue", "declare", "prefixes"})
_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


@dataclass
class Shape:
    """One shape; ``params`` maps a parameter's local name to its values (a list's
    members for ``sh:in``, ``sh:languageIn``; one list per value for ``sh:or``, ``sh:xone``)."""

    node: object
    path: str | None = None  # "<iri>" or "^<iri>"
    predicate: object = None
    inverse: bool = False
    params: dict = field(default_factory=dict)
    properties: list = field(default_factory=list)
    severity: str = SH.Violation
    message: str | None = None
    deactivated: bool = False
    known: bool = True  # every SHACL term on it is one the checker reads

    def nested(self) -> list:
        """The shapes its logical and qualified constraints refer to."""
        lists = self.params.get("or", []) + self.params.get("xone", [])
        return [s for members in lists for s in members] + self.params.get("qualifiedValueShape", [])


class Shapes:
    """The shapes of a shapes graph, each read when first asked for."""

    def __init__(self, store):
        self.store = store
        self._shapes: dict = {}
        self._covered: dict = {}

    def __getitem__(self, node) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = read_shape(self.store, node)
        return self._shapes[node]

    def targeted(self) -> list:
        """Every shape with a target (section 2.1.3), an implicit class target included."""
        import pyoxigraph

        found = {q.subject for name in _TARGETS
                 for q in self.store.quads_for_pattern(None, pyoxigraph.NamedNode(SH[name]), None)}
        for kind in (SH.NodeShape, SH.PropertyShape):
            for q in self.store.quads_for_pattern(None, pyoxigraph.NamedNode(RDF.type), pyoxigraph.NamedNode(kind)):
                if any(True for _ in self.store.quads_for_pattern(q.subject, pyoxigraph.NamedNode(RDF.type),
                                                                  pyoxigraph.NamedNode(RDFS.Class))):
                    found.add(q.subject)
        return sorted(found, key=str)

    def covered(self, node, reports: bool = True) -> bool:
        """Whether the checker covers ``node`` and every shape it leads to; ``reports``:
        the shape reports results of its own (it is not only nested in another's constraint)."""
        key = (node, reports)
        if key not in self._covered:
            self._covered[key] = False  # a cycle is not covered
            self._covered[key] = self._check(self[node], reports)
        return self._covered[key]

    def _check(self, shape: Shape, reports: bool) -> bool:
        import pyoxigraph

        if shape.deactivated:
            return True  # checked by nobody (section 2.1.7)
        if not shape.known or any(_typed(v) for name in ("in", "hasValue") for v in shape.params.get(name, [])):
            return False
        if any(p in PARAMETERS for p in shape.params) and reports and (
                shape.message is None or not isinstance(shape.node, pyoxigraph.NamedNode)):
            return False
        if shape.path is not None and shape.properties:
            return False  # value nodes of value nodes: not read here
        if any(v.value != "false" for v in shape.params.get("qualifiedValueShapesDisjoint", [])):
            return False
        return (all(self.covered(p, reports) for p in shape.properties)
                and all(self.covered(n, False) for n in shape.nested()))


def _typed(term) -> bool:
    """A literal neither a string nor language-tagged: the shapes' Store holds it by value,
    not as written, so a comparison with the data's terms could differ from pySHACL's."""
    import pyoxigraph

    return (isinstance(term, pyoxigraph.Literal) and not term.language
            and term.datatype.value != XSD.string)


def read_shape(store, node) -> Shape:
    """The shape ``node`` of the shapes graph ``store``."""
    import pyoxigraph

    shape = Shape(node)
    messages = []
    for q in store.quads_for_pattern(node, None, None):
        iri, value = q.predicate.value, q.object
        if not iri.startswith(SH):
            continue
        name = iri[len(SH):]
        if name in PARAMETERS:
            if name in ("or", "xone"):
                shape.params.setdefault(name, []).append(rdf_list(store, value))
            elif name in _LISTS:
                shape.params.setdefault(name, []).extend(rdf_list(store, value))
            else:
                shape.params.setdefault(name, []).append(value)
        elif name == "path":
            _read_path(store, shape, value)
        elif name == "property":
            shape.properties.append(value)
        elif name == "message":
            messages.append(value)
        elif name == "severity":
            shape.severity = value.value
        elif name == "deactivated":
            shape.deactivated = isinstance(value, pyoxigraph.Literal) and value.value == "true"
        elif name not in _OTHER:
            shape.known = False
    if messages:  # the reference engine's order: English, then untagged, then by text
        shape.message = min(messages, key=lambda m: (m.language != "en", m.language is not None, m.value)).value
    return shape


def _read_path(store, shape: Shape, value) -> None:
    import pyoxigraph

    if isinstance(value, pyoxigraph.NamedNode):
        shape.path, shape.predicate = f"<{value.value}>", value
        return
    links = list(store.quads_for_pattern(value, None, None))
    if (len(links) == 1 and links[0].predicate.value == SH.inversePath
            and isinstance(links[0].object, pyoxigraph.NamedNode)):
        shape.path, shape.predicate, shape.inverse = f"^<{links[0].object.value}>", links[0].object, True
    else:
        shape.known = False  # a path the checker does not follow


def rdf_list(store, head) -> list:
    """The members of the RDF list ``head`` (RDF Schema section 5.2)."""
    import pyoxigraph

    first, rest, nil = (pyoxigraph.NamedNode(RDF[n]) for n in ("first", "rest", "nil"))
    members = []
    while head != nil:
        members.extend(q.object for q in store.quads_for_pattern(head, first, None))
        head = next((q.object for q in store.quads_for_pattern(head, rest, None)), nil)
    return members
