"""Turtle, byte for byte as rdflib's serializer writes it, at a fraction of its cost.

The export's Turtle has always been rdflib's (``rdflib.plugins.serializers.turtle``,
with :func:`dngraph.rdfwrite._exact_literals_serializer`'s literals): subjects typed
``rdfs:Class`` first, then IRIs before blank nodes, each group by how often it is an
object, then by name; ``rdf:type`` and ``rdfs:label`` first among the predicates,
then the rest by IRI; objects in rdflib's order of terms; a blank node that is the
object of one triple nested as ``[ ... ]``, a valid RDF list as ``( ... )``. This
module lays the triples out the same way from pyoxigraph terms, without building an
rdflib graph; prefixed names still come from rdflib's own serializer (one call per
distinct IRI), and so do the few literals whose form is not a plain copy of their
lexical form (``xsd:double``, ``xsd:float``, ``xsd:decimal``). Where rdflib would
invent more than one prefix (``ns1:``, ``ns2:``) the caller falls back to rdflib
itself (:class:`Unsupported`): which one gets which number is up to rdflib then.
"""

from __future__ import annotations

import re

from .namespaces import RDF, XSD

_BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.boolean: re.compile(r"true|false")}
_BY_RDFLIB = {XSD.double, XSD.float, XSD.decimal}
_TYPE, _NIL, _STRING = RDF.type, RDF.nil, XSD.string
SUBJECT, VERB, OBJECT = 0, 1, 2


class Unsupported(Exception):
    """rdflib would bind prefixes of its own making: only rdflib writes that."""


def _quoted(text: str) -> str:
    """A string in Turtle quotes, as ``rdflib.term.Literal._quote_encode`` writes it."""
    if "\n" not in text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body[-1] == '"' and body[-2] != "\\":
        body = body[:-1] + '\\"'
    return '"""' + body.replace("\r", "\\r") + '"""'


class Names:
    """The text of every term: prefixed names from rdflib's serializer ``serializer``."""

    def __init__(self, serializer):
        from rdflib import URIRef

        self.serializer, self.uri = serializer, URIRef
        self.manager = serializer.store.namespace_manager
        self.bound = sorted(self.manager.namespaces())
        self.pnames: dict = {}
        self.literals: dict = {}
        self.datatypes: dict = {}

    def pname(self, iri: str, verb: bool):
        key = (iri, verb)
        if key not in self.pnames:
            self.pnames[key] = self.serializer.get_pname(self.uri(iri), gen_prefix=verb)
        return self.pnames[key]

    def see(self, subjects: dict, objects) -> None:
        """What rdflib's ``preprocessTriple`` does for names, once per distinct term:
        ``subjects`` maps each subject to its predicates, ``objects`` are the objects."""
        import pyoxigraph as ox

        predicates = set()
        for subject, properties in subjects.items():
            if isinstance(subject, ox.NamedNode):
                self.pname(subject.value, False)
            predicates.update(properties)
        for predicate in predicates - {_TYPE}:
            self.pname(predicate, True)
        datatypes = set()
        for obj in objects:
            if isinstance(obj, ox.NamedNode):
                self.pname(obj.value, False)
            elif isinstance(obj, ox.Literal) and not obj.language:
                datatypes.add(obj.datatype.value)
        for datatype in datatypes - {_STRING}:
            self.pname(datatype, False)

    def check(self) -> None:
        """After :meth:`see` saw every triple: rdflib binds the one prefix it made up (``ns1``)
        before it writes a name, so a name that failed before then is tried again; with two
        or more, which is ``ns1`` depends on the order of a Python set, and rdflib writes it."""
        made = set(self.manager.namespaces()) - set(self.bound)
        if len(made) > 1:
            raise Unsupported("prefixes rdflib would make up: " + ", ".join(sorted(p for p, _ in made)))
        if made:
            self.pnames = {key: name for key, name in self.pnames.items() if name is not None}

    def literal(self, term) -> str:
        if term in self.literals:
            return self.literals[term]
        datatype = None if term.language else term.datatype.value
        if datatype in _BY_RDFLIB:
            from .rdflibterm import to_rdflib

            text = self.serializer.label(to_rdflib(term), OBJECT)
        elif term.language:
            text = _quoted(term.value) + "@" + term.language
        elif datatype == _STRING:
            text = _quoted(term.value)
        elif datatype in _BARE and _BARE[datatype].fullmatch(term.value):
            text = term.value
        else:
            text = _quoted(term.value) + "^^" + self._datatype(datatype)
        self.literals[term] = text
        return text

    def _datatype(self, iri: str) -> str:
        if iri not in self.datatypes:
            self.datatypes[iri] = self.manager.normalizeUri(self.uri(iri)) or f"<{iri}>"
        return self.datatypes[iri]

    def label(self, term, position: int) -> str:
        import pyoxigraph as ox

        if isinstance(term, ox.Literal):
            return self.literal(term)
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        if term.value == _NIL:
            return "()"
        if position == VERB:
            return self.verb(term.value)
        return self.pname(term.value, False) or f"<{term.value}>"

    def verb(self, iri: str) -> str:
        if iri == _NIL:
            return "()"
        if iri == _TYPE:
            return "a"
        return self.pname(iri, True) or f"<{iri}>"


def prefix_lines(serializer) -> str:
    """The ``@prefix`` lines rdflib writes for the names it used."""
    return "".join(f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(serializer.namespaces.items()))
