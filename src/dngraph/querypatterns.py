"""What a SELECT query matches: its WHERE pattern, grouping and triple patterns.

:mod:`dngraph.citations` uses this to find the facts behind each answer row. The
query is parsed with rdflib's SPARQL parser into the SPARQL algebra (SPARQL 1.1
Query, section 18.2); from it come

- the triple patterns the solutions must match, each with the ``GRAPH`` it sits
  in and, inside a sub-SELECT, the variables that sub-SELECT projects (its other
  variables are not visible in the outer solutions);
- the ``GROUP BY`` variables (section 18.2.4.1), which say which solutions of the
  WHERE pattern were folded into one answer row.

Patterns inside ``FILTER`` expressions (``EXISTS``, ``NOT EXISTS``) and on the
right of ``MINUS`` are left out: they test for facts, they do not match them.
The text of the top-level WHERE pattern is cut from the query by bracket
matching, so the solutions it had before grouping can be listed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .errors import QueryError


@dataclass(frozen=True)
class TriplePattern:
    """One triple pattern; ``predicate`` may be an rdflib property path."""

    subject: object
    predicate: object
    object: object
    graph: object = None          # None: the query's default graph
    visible: frozenset | None = None  # None: every variable of the outer solution


@dataclass(frozen=True)
class QueryShape:
    prologue: str                 # PREFIX and BASE lines
    where: str                    # the text inside the top-level WHERE { }
    group_by: tuple | None        # variable names, or None when the query does not group
    projected: tuple              # the variables the SELECT projects
    patterns: tuple               # TriplePattern, in query order


_TOKEN = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[{}]|(?<![?$\w])(?:WHERE|SELECT)\b', re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def analyse(text: str) -> QueryShape:
    """The shape of the SELECT query ``text``; a query rdflib cannot parse is a :class:`QueryError`."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        algebra = translateQuery(parseQuery(text)).algebra
    except Exception as exc:  # pyparsing and rdflib raise many kinds
        raise QueryError(f"cannot analyse the query for its sources: {exc}") from None
    if algebra.name != "SelectQuery":
        raise QueryError("sources are given for SELECT queries only")
    prologue, where = _split(text)
    top = algebra.p
    projected = tuple(str(v) for v in top.get("PV") or ())
    group = _find_group(top)
    group_by = None
    if group is not None:
        group_by = tuple(str(v) for v in (group.get("expr") or ()) if type(v).__name__ == "Variable")
    patterns: list[TriplePattern] = []
    _collect(group.p if group is not None else top.p, None, None, patterns)
    return QueryShape(prologue, where, group_by, projected, tuple(patterns))


def _find_group(node):
    """The Group node of the outer query, below its projection, ordering and HAVING."""
    while node is not None and getattr(node, "name", None) in (
            "Project", "OrderBy", "Distinct", "Reduced", "Slice", "Extend", "AggregateJoin", "Filter"):
        if node.name == "AggregateJoin":
            return node.p
        node = node.get("p")
    return node if getattr(node, "name", None) == "Group" else None


def _collect(node, graph, visible, out: list) -> None:
    name = getattr(node, "name", None)
    if name is None:
        return
    if name == "BGP":
        out.extend(TriplePattern(s, p, o, graph, visible) for s, p, o in node.triples)
        return
    if name == "Graph":
        _collect(node.p, node.term, visible, out)
        return
    if name == "ToMultiSet" and getattr(node.p, "name", None) == "Project":
        inner = frozenset(str(v) for v in node.p.PV)
        _collect(node.p, graph, inner if visible is None else inner & visible, out)
        return
    children = ("p", "p1") if name == "Minus" else ("p", "p1", "p2")
    for key in children:
        _collect(node.get(key), graph, visible, out)


def _split(text: str) -> tuple[str, str]:
    """``(prologue, body)``: what precedes SELECT, and the text inside the outer WHERE braces."""
    depth, select_at, open_at, seen_where = 0, None, None, False
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        upper = token.upper()
        if depth == 0 and upper == "SELECT" and select_at is None:
            select_at = match.start()
        elif depth == 0 and upper == "WHERE":
            seen_where = True
        elif token == "{":
            if depth == 0 and open_at is None and (seen_where or select_at is not None):
                open_at = match.end()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0 and open_at is not None:
                return text[:select_at], text[open_at:match.start()]
    raise QueryError("cannot find the WHERE pattern of the query")
