"""Typed query parameters: parse the header line, turn a user's value into an RDF term."""

from __future__ import annotations

import datetime
import re
from collections import namedtuple

from .errors import ParameterError, QueryError
from .namespaces import DN, ID, XSD, shorten

_LINE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\S+)\s+(?P<mode>required|optional|default=\S+)"
                   r"\s*(?:--\s*(?P<doc>.*))?$")
_CLASS = re.compile(r"^iri\((?P<cls>[\w:]+)\)$")
_TYPES = {"iri", "xsd:date", "xsd:gYear", "xsd:integer", "string", "language"}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# The IRI kind of each class, so users may write `ca` for nation/ca.
KINDS = {
    DN.Nation: "nation", DN.MinisterialSummit: "summit", DN.WorkingGroup: "working-group",
    DN.Person: "person", DN.Forum: "forum", DN.Theme: "theme", DN.Charter: "charter",
    DN.SourceDocument: "source", DN.Initiative: "initiative", DN.Strategy: "initiative",
}


class Param(namedtuple("Param", "name type required default doc cls", defaults=(None, "", None))):
    """One declared parameter of a saved query: ``name``, ``type``, ``required``, ``default``,
    ``doc`` and ``cls`` (the full IRI of the class an ``iri(...)`` value must belong to).
    A named tuple, so a warm query does without the import of dataclasses."""

    __slots__ = ()

    def describe_type(self) -> str:
        if self.cls:
            return f"IRI of a {shorten(self.cls)}"
        return {"iri": "IRI", "xsd:date": "date as YYYY-MM-DD", "xsd:gYear": "year as YYYY",
                "xsd:integer": "integer", "string": "text", "language": "language tag such as en"}[self.type]

    def to_term(self, value):
        """The RDF term (pyoxigraph) for ``value``; :class:`ParameterError` if it does not fit.

        ``value`` may be text, a Python value (int, ``datetime.date``) or a pyoxigraph
        term; a term is checked like text: its kind and datatype must fit too.
        """
        import pyoxigraph as ox

        if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            return self._check_term(value)
        if isinstance(value, bool) or not isinstance(value, (str, int, datetime.date)):
            self._fail(value)
        if isinstance(value, datetime.datetime):
            self._fail(value)
        text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
        if self.type == "iri":
            return ox.NamedNode(self._iri(text))
        if self.type == "xsd:date":
            try:
                text = datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                self._fail(value)
            return ox.Literal(text, datatype=ox.NamedNode(XSD.date))
        if self.type == "xsd:gYear":
            if not re.fullmatch(r"-?\d{4}", text):
                self._fail(value)
            return ox.Literal(text, datatype=ox.NamedNode(XSD.gYear))
        if self.type == "xsd:integer":
            return ox.Literal(self._integer(text, value), datatype=ox.NamedNode(XSD.integer))
        if self.type == "language":
            if not _LANGUAGE.match(text):
                self._fail(value)
            return ox.Literal(text.lower())
        return ox.Literal(str(value))

    def _check_term(self, term):
        """A pyoxigraph term given as the value: the same checks as its text."""
        import pyoxigraph as ox

        wanted = {"iri": None, "string": XSD.string, "language": XSD.string,
                  "xsd:date": XSD.date, "xsd:gYear": XSD.gYear, "xsd:integer": XSD.integer}[self.type]
        if isinstance(term, ox.NamedNode) and self.type == "iri":
            return ox.NamedNode(self._iri(term.value))
        if isinstance(term, ox.Literal) and wanted is not None:
            if self.type == "string" and term.language:
                return term
            if term.datatype.value == wanted and not term.language:
                return self.to_term(term.value)
        raise ParameterError(f"parameter {self.name!r}: {term} is not a {self.describe_type()}")

    def _integer(self, text: str, value) -> str:
        # SPARQL engines hold xsd:integer in 64 bits; a longer one would compare as an error.
        if not re.fullmatch(r"[+-]?\d{1,19}", text) or not -2**63 <= int(text) < 2**63:
            shown = text if len(text) <= 30 else f"{text[:12]}...({len(text)} characters)"
            raise ParameterError(f"parameter {self.name!r}: {shown!r} is not an integer "
                                 f"between {-2**63} and {2**63 - 1}")
        return str(int(text))

    def _iri(self, text: str) -> str:
        import pyoxigraph as ox

        if self.cls and self.cls in KINDS and _SLUG.match(text):
            return f"{ID}{KINDS[self.cls]}/{text}"
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
            try:
                return ox.NamedNode(text).value
            except ValueError:
                pass
        self._fail(text)

    def _fail(self, value):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:40] + "..."
        raise ParameterError(f"parameter {self.name!r}: {shown} is not a {self.describe_type()}")


def parse_param_line(line: str) -> Param:
    """``on xsd:date optional -- doc`` -> Param; :class:`QueryError` if malformed."""
    match = _LINE.match(line.strip())
    if not match:
        raise QueryError(f"malformed param line {line!r}: expected 'NAME TYPE required|optional|default=V -- doc'")
    kind, cls = match["type"], None
    class_match = _CLASS.match(kind)
    if class_match:
        prefix, _, local = class_match["cls"].partition(":")
        if prefix != "dn":
            raise QueryError(f"class {class_match['cls']!r} must be a dn: class")
        kind, cls = "iri", DN + local
    if kind not in _TYPES:
        raise QueryError(f"unknown parameter type {kind!r}; known: {', '.join(sorted(_TYPES))}, iri(dn:Class)")
    mode = match["mode"]
    default = mode.split("=", 1)[1] if mode.startswith("default=") else None
    return Param(match["name"], kind, mode == "required", default, (match["doc"] or "").strip(), cls)


def iri_term(value: str, name: str):
    """``value`` as a pyoxigraph NamedNode; a :class:`ParameterError` naming ``name`` if it is no IRI."""
    import pyoxigraph

    try:
        return pyoxigraph.NamedNode(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{name}: {value!r} is not an IRI") from None


def parse_params(pairs) -> dict[str, str]:
    """``--param NAME=VALUE`` pairs as a dict; a :class:`ParameterError` for a pair without ``=``."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ParameterError(f"--param {pair!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params
