"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/), read-only.

Reads the query operation from a request (section 2.1: GET, POST form-encoded, POST
``application/sparql-query``), refuses every update operation (section 2.2) with 403
before anything runs, and chooses the results format from ``Accept`` (or the ``format``
parameter that download links and SPARQL clients add).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

# Media types offered, in order of preference on a tie; HTML last, for browsers only.
SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/html": "html",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld", "application/json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/html": "html",
}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
         "turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
         "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml", "html": "text/html; charset=utf-8"}
# ?format= values (SPARQLWrapper also sends them as output= and results=): (rows, graph).
FORMAT_PARAM = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"), "rdf": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
    "rdfxml": (None, "rdfxml"), "html": ("html", "html"),
}

_COMMENT = re.compile(r"(?m)^\s*#.*$")
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)

_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?[<?$]", re.IGNORECASE)

READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted, and nothing was changed"


class ProtocolError(Exception):
    """A request the protocol does not allow here; carries the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Operation:
    """A query operation read from a request: the query text (None asks for the service
    description) and the formats it should answer in (rows, graph)."""

    query: str | None
    formats: tuple[str, str]


def is_update(text: str) -> bool:
    """True when ``text`` is a SPARQL Update request rather than a query."""
    return bool(_UPDATE.match(_COMMENT.sub("", text)))


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs, best first, in header order on a tie (RFC 9110, 12.5.1)."""
    ranges = []
    for position, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, position))
    return [(r, q) for r, q, _ in sorted(ranges, key=lambda item: (-item[1], item[2]))]


def negotiate(header: str | None, offers: dict[str, str], html: bool = True) -> str:
    """The format of the first offer the ``Accept`` header accepts best; the first offer
    when it accepts none. ``html=False`` leaves HTML out (for clients that are not browsers)."""
    choices = [(media, fmt) for media, fmt in offers.items() if html or fmt != "html"]
    for media_range, q in parse_accept(header):
        for media, fmt in choices:
            if q > 0 and _matches(media_range, media, fmt):
                return fmt
    return choices[0][1]


def _matches(media_range: str, media: str, fmt: str) -> bool:
    # A wildcard never picks HTML: only a browser that names text/html gets a page.
    if media_range == media:
        return True
    if fmt == "html" or not media_range.endswith("/*"):
        return False
    return media_range == "*/*" or media.startswith(media_range[:-1])


def choose_formats(accept: str | None, params: dict) -> tuple[str, str]:
    """(format for rows, format for graphs): ``format``/``output``/``results`` first, else ``Accept``."""
    rows, graph = negotiate(accept, SELECT_TYPES), negotiate(accept, GRAPH_TYPES)
    for key in ("format", "output", "results"):
        value = (params.get(key) or "").lower()
        wanted = FORMAT_PARAM.get(value) or (SELECT_TYPES.get(value), GRAPH_TYPES.get(value))
        if any(wanted):
            return wanted[0] or rows, wanted[1] or graph
    return rows, graph


async def read_operation(request) -> Operation:
    """The query operation of a GET or POST to the endpoint; :class:`ProtocolError` for an
    update, a second query, dataset parameters or an unsupported body."""
    params = dict(request.query_params)
    if request.method == "POST":
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if kind == "application/sparql-update":
            raise ProtocolError(403, READ_ONLY)
        if kind == "application/x-www-form-urlencoded":
            fields = parse_qsl(body, keep_blank_values=True)
            if any(name == "update" for name, _ in fields):
                raise ProtocolError(403, READ_ONLY)
            params.update(fields)
        elif kind == "application/sparql-query":
            params["query"] = body
        else:
            raise ProtocolError(415, f"unsupported content type {kind or 'none'!r}: send "
                                     "application/sparql-query or application/x-www-form-urlencoded")
    if "update" in params:
        raise ProtocolError(403, READ_ONLY)
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise ProtocolError(400, f"{name} is not supported: the default graph is every source's facts "
                                     "with the inferred ones; name graphs with GRAPH in the query")
    query = params.get("query")
    if query is not None and is_update(query):
        raise ProtocolError(403, READ_ONLY)
    if query is not None and _SERVICE.search(_COMMENT.sub("", query)):
        raise ProtocolError(400, "SERVICE is not allowed here: this endpoint queries only its own graph")
    if query is not None and not query.strip():
        raise ProtocolError(400, "the query is empty")
    return Operation(query, choose_formats(request.headers.get("accept"), params))
