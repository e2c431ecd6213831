"""Binding query variables for an engine that takes no bindings: a ``VALUES`` block.

The embedded store binds a saved query's parameters as pyoxigraph substitutions.
A remote engine takes only query text, so the bindings become an inline ``VALUES``
block (SPARQL 1.1 Query, section 10.2.1) placed first in the query's outermost
group: it is joined with the rest of the group, so the group's filters, optional
parts and ``EXISTS`` tests see the variables bound, as with a substitution. Each
term is written by pyoxigraph's N-Triples serializer (strings escaped, IRIs
checked when the term was made), never pasted from what the user typed, and reads as
the same term whether or not the engine reads codepoint escapes first (section 19.2);
a blank node is written as its Skolem IRI (:mod:`dngraph.engines`), as pushed.
"""

from __future__ import annotations

import re

from .engines import skolem
from .errors import ParameterError, QueryError

# Strings, IRIs and comments, which may hold braces or keywords that are not the query's own.
_OPAQUE = re.compile(r'<[^<>\s"{}|^`\\]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|'
                     r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_FORM = re.compile(r"(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)\b(?![:-])", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z_][\w-]*:?|[{}]")


def masked(text: str) -> str:
    """``text`` with strings, IRIs and comments overwritten by spaces, positions kept."""
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def query_form(text: str) -> str:
    """``select``, ``ask``, ``construct`` or ``describe``: the form of the query ``text``."""
    match = _FORM.search(masked(text))
    if not match:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return match.group(1).lower()


def values_block(bindings: dict) -> str:
    """``VALUES (?a ?b) { (term term) }`` for ``bindings`` (variable name to pyoxigraph term)."""
    import pyoxigraph as ox

    names, terms = [], []
    for name, term in bindings.items():
        if not isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            raise ParameterError(f"binding {name!r}: {term!r} is not an RDF term")
        try:
            names.append(str(ox.Variable(name)))
        except ValueError:
            raise ParameterError(f"binding {name!r} is not a SPARQL variable name") from None
        terms.append(_spelled(str(skolem(term))))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "


# A backslash of the value (doubled by the serializer) before "u" or "U" and hex digits. SPARQL 1.1
# Query (section 19.2) reads codepoint escapes before the grammar, so an engine doing so would take
# the second backslash and what follows for an escape and read another value (or none); that letter
# is written as the escape of itself, which every reading turns back into the letter.
_BEFORE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)+)([uU])(?=[0-9A-Fa-f]{4})")


def _spelled(written: str) -> str:
    """An N-Triples term as query text that reads as the same term whether or not codepoint
    escapes are read first (``\\u0041`` stays a backslash, then ``u0041``)."""
    return _BEFORE_ESCAPE.sub(lambda m: m.group(1) + f"\\U{ord(m.group(2)):08X}", written)


def with_values(text: str, bindings: dict | None) -> str:
    """``text`` with ``bindings`` as a ``VALUES`` block opening each of its group patterns."""
    if not bindings:
        return text
    block = values_block(bindings)
    places = _group_braces(masked(text))
    if not places:
        raise QueryError("the query has no WHERE clause to bind its parameters in")
    for place in reversed(places):
        text = text[:place + 1] + " " + block + text[place + 1:]
    return text


def _group_braces(plain: str) -> list[int]:
    """Where each group pattern of the query pattern opens: every brace after the WHERE clause
    starts (or the first top-level one when the keyword is left out), except ``VALUES`` data
    and the braces around a subquery. A block in every group binds the variables in inner
    groups, filters and subqueries too, as a substitution does."""
    places, depth, started, after_where, data_depth = [], 0, False, False, None
    construct = bool(re.search(r"(?<![\w:])CONSTRUCT\b", plain, re.IGNORECASE))
    values_next = False
    for match in _WORD.finditer(plain):
        token = match.group().upper()
        if token == "{":
            if depth == 0 and not started and (after_where or not construct):
                started = True
            if values_next and data_depth is None:
                data_depth, values_next = depth, False
            elif started and data_depth is None:
                places.append(match.start())
            depth += 1
        elif token == "}":
            depth -= 1
            if data_depth == depth:
                data_depth = None
        else:
            values_next = values_next or token == "VALUES"
            after_where = depth == 0 and token == "WHERE"
    return [place for place in places  # a subquery's braces hold no pattern of their own
            if not re.match(r"\s*SELECT\b", plain[place + 1:], re.IGNORECASE)]


_TERM_TEST = re.compile(r"(?<![\w:])(isBlank|isIRI|isURI)\s*\(", re.IGNORECASE)


def with_skolem_tests(text: str) -> str:
    """``text`` with each ``isBlank``, ``isIRI`` and ``isURI`` test also telling a pushed blank node's
    Skolem IRI (under ``GENID``) for the blank node it stands for."""
    from .namespaces import GENID

    plain, edits = masked(text), []
    for match in _TERM_TEST.finditer(plain):
        if edits and match.start() < edits[-1][1]:
            continue  # a test inside another's argument is covered by that one's rewrite
        end = _closing(plain, match.end())
        if end is None:
            return text  # unbalanced: let the engine report the syntax error
        arg = text[match.end():end]
        skolemised = f'STRSTARTS(STR({arg}), "{GENID}")'
        test = match.group(1)
        new = (f"({test}({arg}) || {skolemised})" if test.lower() == "isblank"
               else f"({test}({arg}) && !{skolemised})")
        edits.append((match.start(), end + 1, new))
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


def _closing(plain: str, start: int) -> int | None:
    """The index of the parenthesis closing the one opened just before ``start``."""
    depth = 1
    for index in range(start, len(plain)):
        depth += {"(": 1, ")": -1}.get(plain[index], 0)
        if depth == 0:
            return index
    return None
