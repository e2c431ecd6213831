"""Query answers as text: one small writer per format, chosen from a table.

SELECT answers follow SPARQL 1.1 Query Results CSV and TSV Formats
(https://www.w3.org/TR/sparql11-results-csv-tsv/) and JSON Format
(https://www.w3.org/TR/sparql11-results-json/) exactly; ``table`` and
``markdown`` are for people and show labels for IRIs that have one.
"""

from __future__ import annotations

from .errors import FormatError
from .namespaces import ID, PREFIXES, XSD, shorten

SELECT_FORMATS = ("table", "csv", "tsv", "json", "markdown")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")


def _kind(term) -> str:
    return type(term).__name__  # NamedNode, BlankNode, Literal


# -- SPARQL results formats -------------------------------------------------

def _csv_field(term) -> str:
    if term is None:
        return ""
    text = "_:" + term.value if _kind(term) == "BlankNode" else term.value
    if any(c in text for c in '",\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_csv(result, labels=None) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\r\n"
    lines = [",".join(result.variables)]
    lines += [",".join(_csv_field(row.get(v)) for v in result.variables) for row in result.terms]
    return "\r\n".join(lines) + "\r\n"


def write_tsv(result, labels=None) -> str:
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if row.get(v) is None else str(row[v]) for v in result.variables)
              for row in result.terms]
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    kind = _kind(term)
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD.string:
        out["datatype"] = term.datatype.value
    return out


def write_json(result, labels=None) -> str:
    import json

    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2) + "\n"
    bindings = [{v: _json_term(row[v]) for v in result.variables if row.get(v) is not None}
                for row in result.terms]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# -- for people ---------------------------------------------------------------

def display(term, labels=None) -> str:
    """A cell for people: the label of an IRI that has one, else a short IRI."""
    if term is None:
        return ""
    kind = _kind(term)
    if kind == "NamedNode":
        if labels and term.value in labels:
            return labels[term.value]
        if term.value.startswith(ID):
            return "id:" + term.value[len(ID):]
        return shorten(term.value)
    if kind == "BlankNode":
        return "_:" + term.value
    return term.value


def _cells(result, labels):
    # A column whose label already has its own ``{name}Label`` column shows the
    # short IRI instead, so the same words do not appear twice.
    own = [labels if f"{v}Label" not in result.variables else None for v in result.variables]
    return [[display(row.get(v), own[i]) for i, v in enumerate(result.variables)] for row in result.terms]


def write_table(result, labels=None) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    rows = [[c.replace("\n", " ") for c in r] for r in _cells(result, labels)]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(result.variables), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def write_markdown(result, labels=None) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    escape = lambda c: c.replace("|", "\\|").replace("\n", " ")  # noqa: E731
    out = ["| " + " | ".join(result.variables) + " |",
           "|" + "|".join(" --- " for _ in result.variables) + "|"]
    out += ["| " + " | ".join(escape(c) for c in r) + " |" for r in _cells(result, labels)]
    return "\n".join(out) + "\n"


SELECT_WRITERS = {"table": write_table, "csv": write_csv, "tsv": write_tsv,
                  "json": write_json, "markdown": write_markdown}


# -- graphs (CONSTRUCT, DESCRIBE) ---------------------------------------------

def write_graph(triples, fmt: str) -> str:
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
               "ntriples": ox.RdfFormat.N_TRIPLES}
    prefixes = dict(PREFIXES) if fmt == "turtle" else None
    return ox.serialize(triples, format=formats[fmt], prefixes=prefixes).decode("utf-8")


def serialize(result, fmt: str | None = None, labels=None) -> str:
    """``result`` as text in ``fmt``: a rows format for SELECT and ASK answers, a graph
    format for CONSTRUCT and DESCRIBE ones (default ``table`` or ``turtle``).

    ``labels`` (IRI to label) is used by ``table`` and ``markdown``. A format that does
    not fit the answer is a :class:`FormatError`.
    """
    if fmt and fmt not in SELECT_FORMATS + GRAPH_FORMATS:
        raise FormatError(f"unknown format {fmt!r}; known: {', '.join(SELECT_FORMATS + GRAPH_FORMATS)}")
    if result.kind == "graph":
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise FormatError(f"format {fmt!r} is for rows, but this query (CONSTRUCT or DESCRIBE) "
                              f"answers with a graph: use one of {', '.join(GRAPH_FORMATS)}")
        return write_graph(result.triples, fmt)
    fmt = fmt or "table"
    if fmt not in SELECT_FORMATS:
        raise FormatError(f"format {fmt!r} is for graphs, but this query ({result.kind.upper()}) "
                          f"answers with rows: use one of {', '.join(SELECT_FORMATS)}")
    return SELECT_WRITERS[fmt](result, labels)
