"""Terms the rest of the chain can carry: checked once, when a file is loaded.

rdflib's Turtle parser accepts terms that the later steps cannot write or read
back: an IRI with a space or another character RFC 3987 excludes (written
``<a b>`` or through a ``\\u0020`` escape), a string holding half of a UTF-16
surrogate pair (``\\uD800``), which has no UTF-8 encoding, and a literal too
long for the N-Quads line the built graph is stored in. Each is refused here
with the file and line, so no such term reaches ``validate``, the cache or a
query.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LoadError

# A literal longer than this (in UTF-8 bytes) is refused. The built graph is
# stored as N-Quads, whose reader holds one statement in a buffer of 16 MiB;
# escaping can make a literal up to six times longer.
MAX_LITERAL_BYTES = 1 << 20

# Characters an IRI may not hold (RFC 3987 section 2.2; Turtle section 6.3 and its IRIREF production).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE_ESCAPE = re.compile(r"\\(u|U0000)[dD][89a-fA-F]")


def check_graph(graph, path: Path, text: str) -> None:
    """Raise :class:`LoadError` naming ``path`` and the line of the first term that cannot be carried."""
    import rdflib

    checked: set = set()
    for triple in graph:
        for term in triple:
            if term in checked:
                continue
            checked.add(term)
            if isinstance(term, rdflib.URIRef):
                problem = iri_problem(str(term))
            elif isinstance(term, rdflib.Literal):
                problem = literal_problem(term)
            else:
                continue
            if problem:
                raise LoadError(path, problem, line=_line_of(text, term))


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` cannot be an IRI in the built graph, or None when it can."""
    import pyoxigraph

    shown = iri.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    bad = _NOT_IN_IRI.search(iri)
    if bad:
        return f"IRI <{shown}> holds {bad.group()!r}, which an IRI may not contain (percent-encode it)"
    try:
        iri.encode("utf-8")
        pyoxigraph.NamedNode(iri)
    except (UnicodeEncodeError, ValueError) as exc:
        return f"IRI <{shown}> is not a valid IRI ({exc})"
    return None


def literal_problem(literal) -> str | None:
    """Why ``literal`` (an rdflib Literal) cannot be stored, or None when it can."""
    try:
        size = len(str(literal).encode("utf-8"))
    except UnicodeEncodeError as exc:
        char = literal[exc.start]
        return (f"literal holds U+{ord(char):04X}, half of a UTF-16 surrogate pair, "
                f"which UTF-8 cannot encode")
    if size > MAX_LITERAL_BYTES:
        return f"literal of {size} bytes is longer than the limit of {MAX_LITERAL_BYTES} bytes"
    if literal.datatype is not None:
        return iri_problem(str(literal.datatype))
    return None


def _line_of(text: str, term) -> int | None:
    """The first line of ``text`` where ``term`` appears to be written, when it can be found."""
    import rdflib

    value = str(term)
    needles = [value[:60]]
    if isinstance(term, rdflib.URIRef):
        needles.append(re.split(r"[/#]", value)[-1])
    for needle in needles:
        if needle:
            at = text.find(needle)
            if at >= 0:
                return text.count("\n", 0, at) + 1
    escape = _SURROGATE_ESCAPE.search(text) or re.search(r"\\[uU][0-9A-Fa-f]{4}", text)
    return text.count("\n", 0, escape.start()) + 1 if escape else None
