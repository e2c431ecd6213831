"""Terms the rest of the chain can carry: checked once, when a file is loaded.

rdflib's Turtle parser (used by ``validate`` and the ``owlrl`` reasoner) accepts
terms that the later steps cannot write or read back: an IRI with a space or
another character RFC 3987 excludes (written ``<a b>`` or through a ``\\u0020``
escape), a string holding half of a UTF-16 surrogate pair (``\\uD800``), which
has no UTF-8 encoding. pyoxigraph's parser (the ``rules`` build) refuses those
itself, so what it parsed needs only the length check (:func:`check_parsed`).
On either path a literal longer than :data:`MAX_LITERAL_BYTES` is refused too, so
a file is accepted or refused alike whichever parser reads it. Each is refused
here with the file and line, so no such term reaches ``validate``, the built
store or a query.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import LoadError

# A literal longer than this (in UTF-8 bytes) is refused. The owlrl build hands
# its graph to the store as N-Quads, whose reader holds one statement in a
# buffer of 16 MiB; escaping can make a literal up to six times longer.
MAX_LITERAL_BYTES = 1 << 20

# Characters an IRI may not hold (RFC 3987 section 2.2; Turtle section 6.3 and its IRIREF production).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE_ESCAPE = re.compile(r"\\(u|U0000)[dD][89a-fA-F]")


def check_terms(triples, path: Path, text: str) -> None:
    """Raise :class:`LoadError` naming ``path`` and the line of the first term that cannot be
    carried. ``triples`` are rdflib or pyoxigraph triples, whichever parser read ``text``."""
    checked: set = set()
    for triple in triples:
        for term in triple:
            if term in checked:
                continue
            checked.add(term)
            kind, value, datatype = _describe(term)
            if kind == "iri":
                problem = iri_problem(value)
            elif kind == "literal":
                problem = literal_problem(value, datatype)
            else:
                continue
            if problem:
                raise LoadError(path, problem, line=_line_of(text, kind, value))


def check_parsed(store, graph, path: Path, text: str) -> None:
    """:func:`check_terms` for a file pyoxigraph parsed into ``graph`` of ``store``: its parser
    refuses every IRI :func:`iri_problem` refuses and a Rust string holds no lone surrogate, so
    only literal lengths remain. A literal is never longer than the text it is written in, and
    holds at least a quarter as many characters as its UTF-8 bytes: SPARQL picks the few that
    could be too long."""
    if len(text.encode("utf-8")) <= MAX_LITERAL_BYTES:
        return
    query = ("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } "
             f"FILTER(isLiteral(?o) && STRLEN(STR(?o)) > {MAX_LITERAL_BYTES // 4}) }}")
    import pyoxigraph

    rows = store.query(query, substitutions={pyoxigraph.Variable("g"): graph})
    check_terms(((row["o"],) for row in rows), path, text)


def _describe(term) -> tuple[str | None, str, str | None]:
    """``(kind, lexical value, datatype IRI)`` of an rdflib or pyoxigraph term; kind is
    ``"iri"``, ``"literal"`` or None (a blank node)."""
    import pyoxigraph
    import rdflib

    if isinstance(term, (rdflib.URIRef, pyoxigraph.NamedNode)):
        return "iri", str(term) if isinstance(term, rdflib.URIRef) else term.value, None
    if isinstance(term, rdflib.Literal):
        return "literal", str(term), str(term.datatype) if term.datatype is not None else None
    if isinstance(term, pyoxigraph.Literal):
        return "literal", term.value, term.datatype.value
    return None, "", None


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


def literal_problem(value: str, datatype: str | None = None) -> str | None:
    """Why a literal of lexical form ``value`` and ``datatype`` cannot be stored, or None when it can."""
    try:
        size = len(value.encode("utf-8"))
    except UnicodeEncodeError as exc:
        char = value[exc.start]
        return (f"literal holds U+{ord(char):04X}, half of a UTF-16 surrogate pair, "
                f"which UTF-8 cannot encode")
    if size > MAX_LITERAL_BYTES:
        return f"literal of {size} bytes is longer than the limit of {MAX_LITERAL_BYTES} bytes"
    if datatype is not None:
        return iri_problem(datatype)
    return None


def _line_of(text: str, kind: str, value: str) -> int | None:
    """The first line of ``text`` where a term of ``kind`` and ``value`` appears to be written,
    when it can be found."""
    needles = [value[:60]]
    if kind == "iri":
        needles.append(re.split(r"[/#]", value)[-1])
    for needle in needles:
        if needle:
            at = text.find(needle)
            if at >= 0:
                return text.count("\n", 0, at) + 1
    escape = _SURROGATE_ESCAPE.search(text) or re.search(r"\\[uU][0-9A-Fa-f]{4}", text)
    return text.count("\n", 0, escape.start()) + 1 if escape else None
