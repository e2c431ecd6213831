"""What a query worker does with one job: run it on the graph, cap the rows, and
write the answer in the format asked for.

A job is a dict: ``{"sparql": TEXT}`` or ``{"saved": NAME, "params": {...}}`` (with
``"sources": True``, each row also names the source documents of the facts behind it,
:mod:`dngraph.citations`), with ``"formats": (rows, graph)`` and ``"max_rows"``. The reply is a dict with ``status``
and either ``body`` and ``media_type``, ``table`` (for the HTML page) or ``error``.
Rows answer in the SPARQL 1.1 Query Results JSON, XML
(https://www.w3.org/TR/rdf-sparql-XMLres/), CSV or TSV formats; graphs in Turtle,
N-Triples, JSON-LD or RDF/XML.
"""

from __future__ import annotations

import itertools
from xml.sax.saxutils import escape, quoteattr

from ..api import Result
from ..citations import short_name
from ..errors import DngraphError, InconsistentGraph
from ..formats import SELECT_WRITERS, display, write_graph
from .sparql_protocol import MEDIA


def run_job(kg, job: dict) -> dict:
    """Run ``job`` on ``kg``; bad input and refusals become a reply, never an exception."""
    try:
        result, truncated = _answer(kg, job)
    except InconsistentGraph as exc:
        return {"status": 500, "error": str(exc)}
    except DngraphError as exc:
        return {"status": 400, "error": str(exc)}
    rows_fmt, graph_fmt = job["formats"]
    fmt = graph_fmt if result.kind == "graph" else rows_fmt
    if fmt == "html":
        return {"status": 200, "table": table(kg, result), "truncated": truncated}
    body = write_graph_any(result.triples, fmt, kg.layout) if result.kind == "graph" else WRITERS[fmt](result)
    return {"status": 200, "body": body.encode("utf-8"), "media_type": MEDIA[fmt], "truncated": truncated}


def _answer(kg, job: dict) -> tuple[Result, bool]:
    cap = job["max_rows"]
    if "saved" in job:
        result = kg.query(job["saved"], with_sources=job.get("sources", False), **job.get("params", {}))
        truncated = len(result) > cap
        result.terms, result.triples = result.terms[:cap], result.triples[:cap]
        return result, truncated
    return capped(kg.raw_query(job["sparql"]), cap)


def capped(answer, cap: int) -> tuple[Result, bool]:
    """A pyoxigraph answer as a :class:`Result` of at most ``cap`` rows or triples, read
    lazily so a huge answer is never held whole; and whether it had more."""
    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer)), False
    if isinstance(answer, pyoxigraph.QueryTriples):
        triples = list(itertools.islice(answer, cap + 1))
        return Result(kind="graph", triples=triples[:cap]), len(triples) > cap
    variables = [v.value for v in answer.variables]
    rows = [{name: s[name] for name in variables if s[name] is not None}
            for s in itertools.islice(answer, cap + 1)]
    return Result(variables, rows[:cap]), len(rows) > cap


def write_xml(result, labels=None) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.terms:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                            for v in result.variables if row.get(v) is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    return "\n".join(out + ["</sparql>"]) + "\n"


def _xml_term(term) -> str:
    kind = type(term).__name__
    if kind == "NamedNode":
        return f"<uri>{escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"


WRITERS = {"json": SELECT_WRITERS["json"], "csv": SELECT_WRITERS["csv"],
           "tsv": SELECT_WRITERS["tsv"], "xml": write_xml}


def write_graph_any(triples, fmt: str, layout=None) -> str:
    """Turtle, N-Triples and JSON-LD as the CLI writes them; RDF/XML from pyoxigraph.
    JSON-LD is compacted with the context of ``layout`` (``ontology/context.jsonld``,
    see :mod:`dngraph.jsonld`) when the graph ships one."""
    if fmt == "rdfxml":
        import pyoxigraph

        return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML).decode("utf-8")
    if fmt == "jsonld" and layout is not None and layout.context.is_file():
        import pyoxigraph

        from ..jsonld import write_jsonld

        dataset = pyoxigraph.Dataset(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in triples)
        dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
        return write_jsonld(dataset, layout).decode("utf-8")
    return write_graph(triples, fmt)


def table(kg, result) -> dict:
    """The answer as plain data for the HTML results table: each cell its kind, value and label."""
    if result.kind == "ask":
        return {"kind": "ask", "boolean": result.boolean}
    labels = kg.labels()
    if result.kind == "graph":
        variables = ["subject", "predicate", "object"]
        rows = [dict(zip(variables, (t.subject, t.predicate, t.object))) for t in result.triples]
    else:
        variables, rows = result.variables, result.terms
    cells = [[_cell(row.get(v), labels) for v in variables] for row in rows]
    column = getattr(result, "column", None)
    if column in variables:  # the cited sources: one link per graph, not one literal
        at = variables.index(column)
        for cited, found in zip(cells, result.sources):
            cited[at] = {"kind": "sources", "graphs": [_graph_cell(g, labels) for g in found]}
    return {"kind": result.kind, "variables": variables, "rows": cells}


def _graph_cell(graph: str, labels) -> dict:
    """A cited graph: its short name, its IRI (none for "inferred") and its title."""
    name = short_name(graph)
    return {"name": name, "iri": None if name == "inferred" else graph, "title": labels.get(graph, name)}


def _cell(term, labels) -> dict | None:
    if term is None:
        return None
    kind = type(term).__name__
    return {"kind": kind, "value": term.value, "label": display(term, labels)}
