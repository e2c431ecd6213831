"""A small Turtle writer that counts the triples it writes.

The benchmark generator writes Turtle text directly (no rdflib), one
predicate-object pair per line, so that a million triples are written in
seconds and the count of asserted triples is known exactly as they are written.
"""

from __future__ import annotations

PREFIXES = {
    "dn": "https://w3id.org/dngraph/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
ID = "https://w3id.org/dngraph/id/"


def iri(path: str) -> str:
    """The Turtle form of the dngraph IRI ``id/{path}``."""
    return f"<{ID}{path}>"


def text(value: str, lang: str = "en") -> str:
    """A language-tagged string (the values written here never need escapes)."""
    return f'"{value}"@{lang}'


def typed(value, datatype: str) -> str:
    """A literal of an XSD datatype, e.g. ``typed("2020", "gYear")``."""
    return f'"{value}"^^xsd:{datatype}'


class Blank:
    """A blank node written inline as ``[ ... ]``; its triples count where it is used."""

    def __init__(self, pairs):
        self.pairs = pairs


class TurtleFile:
    """The text of one Turtle file and the number of triples in it.

    ``provenance`` adds one to the count per IRI subject other than
    ``source``: the ``dcterms:source`` link the loader adds to each of them.
    """

    def __init__(self, source: str | None = None):
        self.lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
        self.lines.append("")
        self.count = 0
        self.source = source
        self.subjects: set[str] = set()

    def thing(self, subject: str, pairs) -> None:
        """Write one subject with its (predicate, object or list of objects) pairs."""
        if subject in self.subjects:
            raise ValueError(f"{subject} written twice in one file")
        self.subjects.add(subject)
        if subject != self.source:
            self.count += 1
        body = " ;\n    ".join(self._pair(p, o) for p, o in pairs)
        self.lines.append(f"{subject}\n    {body} .\n")

    def _pair(self, predicate: str, obj) -> str:
        objects = obj if isinstance(obj, list) else [obj]
        return f"{predicate} " + " , ".join(self._object(o) for o in objects)

    def _object(self, obj) -> str:
        self.count += 1
        if isinstance(obj, Blank):
            return "[ " + " ; ".join(self._pair(p, o) for p, o in obj.pairs) + " ]"
        return obj

    def text(self) -> str:
        return "\n".join(self.lines)
