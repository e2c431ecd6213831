"""Query text screened before any parser reads it: size, nesting, network, dataset.

* pyoxigraph's SPARQL parser descends once per level of nesting, so a query nested a
  few thousand levels deep overflows the stack and kills the process; text longer than
  the ``query_bytes`` limit or nested deeper than ``nesting`` (:mod:`dngraph.limits`) is
  refused here, by a scan that takes time in proportion to the text and recurses nowhere.
  A long chain (thousands of ``.``, ``||``, ``UNION`` or ``BIND``) nests as deep once
  parsed, so more than ``operators`` of them are refused too.
* ``SERVICE`` sends part of a query to another endpoint over HTTP (SPARQL 1.1 Federated
  Query, section 2): refused unless the caller allows the network.
* SPARQL Update (``LOAD`` fetches a document from an IRI; SPARQL 1.1 Update, section 3.1.4)
  is never run: dngraph answers queries only.
* ``FROM`` and ``FROM NAMED`` describe the dataset (SPARQL 1.1 Query, section 13.2): each
  IRI must name a graph of the store, and the query then sees exactly those graphs; any
  other IRI (a web address, a ``file:`` path) is refused, never fetched and never ignored.
"""

from __future__ import annotations

import functools
import re

from .errors import QueryError
from .limits import limit
from .namespaces import PREFIXES

# One token kind per alternative; an unterminated string runs to the end of its line
# (or of the text for a long string), so no token is ever scanned twice.
_TOKEN = re.compile(r'(?P<iri><[^<>"{}|^`\\\s]*>)|(?P<text>"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)'
                    r'|"(?:[^"\\\n]|\\.)*"?|\'(?:[^\'\\\n]|\\.)*\'?|#[^\n]*)')
_KEYWORD = r"(?<![\w:?$.-]){}(?![\w:.-])"
_SERVICE = re.compile(_KEYWORD.format("SERVICE"), re.IGNORECASE)
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<\d+>|BASE\s*<\d+>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_FROM = re.compile(_KEYWORD.format("FROM") + r"(\s+NAMED(?![\w:.-]))?\s*(<(\d+)>|([A-Za-z][\w.-]*)?:((?:[\w.:%-]|\\.)*))?",
                   re.IGNORECASE)
_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<(\d+)>", re.IGNORECASE)
_OPEN = "{(["
# What makes the parsed query one node deeper without a bracket: joins, unions, operators, BINDs.
_OPERATOR = re.compile(r"\|\||&&|[|/+*;,]|(?<!\w)[.-]|[.-](?!\w)|"
                       r"(?<![\w:?$])(?:UNION|OPTIONAL|MINUS|BIND|FILTER|GRAPH|SERVICE|VALUES)(?![\w:])",
                       re.IGNORECASE)


class Screened:
    """What the scan found: the graphs of ``FROM`` and of ``FROM NAMED`` (full IRIs)."""

    def __init__(self, default: list[str] | None = None, named: list[str] | None = None):
        self.default = [] if default is None else default
        self.named = [] if named is None else named

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.default, self.named) == (other.default, other.named)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Screened(default={self.default!r}, named={self.named!r})"

    @property
    def has_dataset(self) -> bool:
        return bool(self.default or self.named)


def screen(text: str, allow_network: bool = False) -> Screened:
    """Check ``text`` before it is parsed; a one-line :class:`QueryError` for anything refused.
    The verdict on a short text (a saved query, say) is remembered while the limits stay
    the same, so a query run again is not scanned again; the :class:`Screened` it gives is
    then shared, so callers only read it."""
    limits = (limit("query_bytes"), limit("nesting"), limit("operators"))
    if len(text) > _REMEMBERED_CHARS:
        return _scan(text, allow_network, *limits)
    return _remembered(text, allow_network, *limits)


_REMEMBERED_CHARS = 16_384  # at most 128 texts of this length are kept: a few MB at the most


def _scan(text: str, allow_network: bool, max_bytes: int, max_nesting: int, max_operators: int) -> Screened:
    size = len(text.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise QueryError(f"query refused: {size} bytes, more than the limit of {max_bytes} "
                         "(DNGRAPH_MAX_QUERY_BYTES)")
    code, iris = _mask(text)
    _check_nesting(code, max_nesting)
    operators = sum(1 for _ in _OPERATOR.finditer(code))
    if operators > max_operators:
        raise QueryError(f"query refused: {operators} operators and clauses, more than the limit of "
                         f"{max_operators} (DNGRAPH_MAX_OPERATORS)")
    if _UPDATE.match(code):
        raise QueryError("SPARQL Update (INSERT, DELETE, LOAD, ...) is not accepted: dngraph runs queries only")
    if not allow_network and _SERVICE.search(code):
        raise QueryError("SERVICE refused: it would send the query over the network; "
                         "pass --allow-network (allow_network=True in Python) to allow it")
    return _dataset(code, iris)


_remembered = functools.lru_cache(maxsize=128)(_scan)


def _mask(text: str) -> tuple[str, list[str]]:
    """``text`` with strings and comments blanked and each IRI replaced by ``<n>``, and the IRIs."""
    iris: list[str] = []

    def replace(match):
        if match.group("iri") is not None:
            iris.append(match.group("iri")[1:-1])
            return f"<{len(iris) - 1}>"
        return " "
    return _TOKEN.sub(replace, text), iris


def _check_nesting(code: str, most: int) -> None:
    depth = 0
    for char in re.findall(r"[{}()\[\]]", code):
        depth = depth + 1 if char in _OPEN else max(depth - 1, 0)
        if depth > most:
            raise QueryError(f"query refused: nested more than {most} levels deep (DNGRAPH_MAX_NESTING)")


def _dataset(code: str, iris: list[str]) -> Screened:
    prefixes = dict(PREFIXES)
    prefixes.update({m.group(1) or "": iris[int(m.group(2))] for m in _PREFIX.finditer(code)})
    found = Screened()
    for match in _FROM.finditer(code):
        named, token, number, prefix, local = match.groups()
        if token is None:
            raise QueryError("FROM must be followed by the IRI of a graph")
        if number is not None:
            iri = iris[int(number)]
        elif (prefix or "") in prefixes:
            iri = str(prefixes[prefix or ""]) + re.sub(r"\\(.)", r"\1", local)
        else:
            raise QueryError(f"FROM {token}: the prefix {prefix or ''}: is not declared")
        (found.named if named else found.default).append(iri)
    return found


def check_graphs(screened: Screened, known: set[str]) -> None:
    """Refuse a ``FROM`` or ``FROM NAMED`` IRI that is not in ``known`` (the store's graphs)."""
    for iri in screened.default + screened.named:
        if iri not in known:
            raise QueryError(f"FROM <{iri}> refused: not a graph of this dataset; dngraph never loads "
                             "graphs from elsewhere (name a source's graph, or leave FROM out)")


def execute_screened(store, text: str, default_graph, bindings: dict | None = None,
                     predeclare: bool = True, allow_network: bool = False):
    """:func:`dngraph.userquery.execute` after :func:`screen`: a query with ``FROM`` or
    ``FROM NAMED`` runs on the dataset it describes instead of ``default_graph``."""
    from .userquery import execute

    screened = screen(text, allow_network)
    if screened.has_dataset:
        check_graphs(screened, {graph.value for graph in store.named_graphs()})
        default_graph = None
    return execute(store, text, default_graph, bindings, predeclare)
