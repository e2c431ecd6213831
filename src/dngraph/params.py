"""Typed query parameters: parse the header line, turn a user's value into an RDF term."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .errors import ParameterError
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


@dataclass(frozen=True)
class Param:
    """One declared parameter of a saved query."""

    name: str
    type: str
    required: bool
    default: str | None = None
    doc: str = ""
    cls: str | None = None  # full IRI of the class an iri(...) value must belong to

    def describe_type(self) -> str:
        if self.cls:
            return f"IRI of a {shorten(self.cls)}"
        return {"iri": "IRI", "xsd:date": "date as YYYY-MM-DD", "xsd:gYear": "year as YYYY",
                "xsd:integer": "integer", "string": "text", "language": "language tag such as en"}[self.type]

    def to_term(self, value):
        """The RDF term (pyoxigraph) for ``value``; :class:`ParameterError` if it does not fit."""
        import pyoxigraph as ox

        if isinstance(value, (ox.NamedNode, ox.Literal)):
            return value
        text = str(value).strip()
        if self.type == "iri":
            return ox.NamedNode(self._iri(text))
        if self.type == "xsd:date":
            try:
                text = (value if isinstance(value, datetime.date) else datetime.date.fromisoformat(text)).isoformat()
            except ValueError:
                self._fail(value)
            return ox.Literal(text, datatype=ox.NamedNode(XSD.date))
        if self.type == "xsd:gYear":
            if not re.fullmatch(r"-?\d{4}", text):
                self._fail(value)
            return ox.Literal(text, datatype=ox.NamedNode(XSD.gYear))
        if self.type == "xsd:integer":
            if not re.fullmatch(r"[+-]?\d+", text):
                self._fail(value)
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD.integer))
        if self.type == "language":
            if not _LANGUAGE.match(text):
                self._fail(value)
            return ox.Literal(text.lower())
        return ox.Literal(str(value))

    def _iri(self, text: str) -> str:
        if self.cls and self.cls in KINDS and _SLUG.match(text):
            return f"{ID}{KINDS[self.cls]}/{text}"
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
            return text
        self._fail(text)

    def _fail(self, value):
        raise ParameterError(f"parameter {self.name!r}: {value!r} is not a {self.describe_type()}")


def parse_param_line(line: str) -> Param:
    """``on xsd:date optional -- doc`` -> Param; ValueError if malformed."""
    match = _LINE.match(line.strip())
    if not match:
        raise ValueError(f"malformed param line {line!r}: expected 'NAME TYPE required|optional|default=V -- doc'")
    kind, cls = match["type"], None
    class_match = _CLASS.match(kind)
    if class_match:
        prefix, _, local = class_match["cls"].partition(":")
        if prefix != "dn":
            raise ValueError(f"class {class_match['cls']!r} must be a dn: class")
        kind, cls = "iri", DN + local
    if kind not in _TYPES:
        raise ValueError(f"unknown parameter type {kind!r}; known: {', '.join(sorted(_TYPES))}, iri(dn:Class)")
    mode = match["mode"]
    default = mode.split("=", 1)[1] if mode.startswith("default=") else None
    return Param(match["name"], kind, mode == "required", default, (match["doc"] or "").strip(), cls)
