"""The server's routes: each reads the request, calls the graph or the query pool, and
answers in the format negotiated. Pages that read the graph run the library's own
fixed queries in a thread; every query a client sends runs in the pool."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from ..errors import QueryError
from ..namespaces import ID, ONTOLOGY_IRI, SITE
from . import pages
from .describe_service import service_description
from .jobs import write_graph_any
from .pool import Busy, TimedOut, WorkerDied
from .sparql_protocol import GRAPH_TYPES, MEDIA, ProtocolError, choose_formats, negotiate, read_operation

THING_TYPES = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/n-triples": "ntriples",
               "application/rdf+xml": "rdfxml", "text/html": "html"}
PAGE_TYPES = {"application/json": "json", "text/html": "html"}
RESERVED = ("format", "output", "results", "sources")


def wants_html(request) -> bool:
    return negotiate(request.headers.get("accept"), {"text/plain": "text", "text/html": "html"}) == "html"


def error(request, status: int, message: str, headers=None) -> Response:
    """One line of text for programs; a page for browsers."""
    if wants_html(request):
        html = pages.render("error.html", status=status, message=message)
        return Response(html, status, headers=headers, media_type=MEDIA["html"])
    return PlainTextResponse(message + "\n", status, headers=headers)


def _graph(request):
    return request.app.state.kg


async def sparql(request) -> Response:
    """The SPARQL 1.1 Protocol endpoint; without a query, its service description."""
    try:
        operation = await read_operation(request)
    except ProtocolError as exc:
        return error(request, exc.status, str(exc))
    if operation.query is None:
        if operation.formats[1] == "html":
            return RedirectResponse("/#editor", 303)
        body = service_description(_graph(request), str(request.url.replace(query="")), operation.formats[1])
        return Response(body, media_type=MEDIA[operation.formats[1]])
    context = {"title": "Your query", "query_text": operation.query,
               "downloads": _downloads(request.url.path, [("query", operation.query)])}
    return await run_query(request, {"sparql": operation.query}, operation.formats, context)


async def saved_query(request) -> Response:
    """A saved query at ``/queries/NAME?param=value``, in the formats of the endpoint;
    with ``sources=1``, each row also names the source documents of its facts."""
    kg = _graph(request)
    name = request.path_params["name"]
    try:
        saved = kg.saved(name)
    except QueryError as exc:
        return error(request, 404, str(exc))
    params = {k: v for k, v in request.query_params.items() if k not in RESERVED and v.strip()}
    cited = request.query_params.get("sources", "").lower() in ("1", "true", "yes", "on")
    formats = choose_formats(request.headers.get("accept"), dict(request.query_params))
    shown = list(params.items()) + ([("sources", "1")] if cited else [])
    context = {"title": saved.title, "saved": saved, "values": params, "cited": cited,
               "inputs": [pages.param_input(p) for p in saved.params],
               "options": await run_in_threadpool(_options, kg, saved) if "html" in formats else {},
               "downloads": _downloads(request.url.path, shown),
               "toggle": _toggle(request.url.path, params.items(), not cited)}
    return await run_query(request, {"saved": name, "params": params, "sources": cited}, formats, context)


def _toggle(path: str, params, cited: bool) -> str:
    """The same answer with the sources column shown (``cited``) or hidden."""
    from urllib.parse import urlencode

    query = urlencode(list(params) + ([("sources", "1")] if cited else []))
    return f"{path}?{query}" if query else path


def _options(kg, saved) -> dict:
    return {p.cls: kg.instances(p.cls) for p in saved.params if p.cls}


async def run_query(request, job: dict, formats, context: dict) -> Response:
    settings = request.app.state.settings
    job.update(formats=formats, max_rows=settings.max_rows)
    retry = {"Retry-After": str(max(1, int(settings.timeout) // 2))}
    try:
        reply = await request.app.state.pool.run(job)
    except Busy:
        return error(request, 503, f"too many queries at once (at most {settings.max_concurrent}); "
                                   "try again in a moment", retry)
    except TimedOut:
        return error(request, 503, f"the query ran past the time limit of {settings.timeout:g} s "
                                   "and was stopped", retry)
    except WorkerDied:
        return error(request, 500, "the query stopped its worker; try a smaller query")
    if "error" in reply:
        return error(request, reply["status"], reply["error"])
    headers = {"Dngraph-Rows-Capped": str(settings.max_rows)} if reply["truncated"] else None
    if "table" in reply:
        html = pages.render("results.html", table=reply["table"], truncated=reply["truncated"],
                            max_rows=settings.max_rows, **context)
        return Response(html, headers=headers, media_type=MEDIA["html"])
    return Response(reply["body"], headers=headers, media_type=reply["media_type"])


def _downloads(path: str, params) -> list[tuple[str, str]]:
    """CSV and JSON links for the same answer."""
    from urllib.parse import urlencode

    return [(fmt.upper(), f"{path}?{urlencode(list(params) + [('format', fmt)])}") for fmt in ("csv", "json")]


async def thing(request) -> Response:
    """A thing's IRI under ``/id/``: an HTML page, or Turtle, JSON-LD, N-Triples, RDF/XML."""
    kg = _graph(request)
    iri = ID + request.path_params["rest"]
    fmt = request.query_params.get("format") or negotiate(request.headers.get("accept"), THING_TYPES)
    if fmt not in THING_TYPES.values():
        return error(request, 400, f"format {fmt!r}: use one of {', '.join(sorted(set(THING_TYPES.values())))}")
    if fmt == "html":
        langs = pages.languages(request.headers.get("accept-language"))
        about = await run_in_threadpool(kg.about, iri, langs)
        if about is None:
            return error(request, 404, f"nothing in the graph is called {iri}")
        html = pages.render("thing.html", about=about, lang=langs[0], links=pages.outside_links(about))
        return Response(html, media_type=MEDIA["html"])
    triples = await run_in_threadpool(kg.thing_graph, iri)
    if not triples:
        return error(request, 404, f"nothing in the graph is called {iri}")
    return Response(write_graph_any(triples, fmt, kg.layout), media_type=MEDIA[fmt])


async def ontology(request) -> Response:
    """The ontology: its terms documented for people, its Turtle file for machines."""
    kg = _graph(request)
    fmt = request.query_params.get("format") or negotiate(request.headers.get("accept"), GRAPH_TYPES)
    if fmt != "html":
        return Response(kg.layout.ontology.read_bytes(), media_type=MEDIA["turtle"])
    langs = pages.languages(request.headers.get("accept-language"))
    terms = await run_in_threadpool(kg.vocabulary, langs)
    return Response(pages.render("ontology.html", terms=terms, base=SITE), media_type=MEDIA["html"])


async def search(request) -> Response:
    """Things by label: ``/search?q=TEXT``, a page or JSON."""
    kg = _graph(request)
    text = request.query_params.get("q", "")
    hits = await run_in_threadpool(kg.search, text, 50)
    if negotiate(request.headers.get("accept"), PAGE_TYPES) == "json":
        return JSONResponse([{"iri": h.iri, "label": h.label, "lang": h.lang, "match": h.match} for h in hits])
    return Response(pages.render("search.html", q=text, hits=hits), media_type=MEDIA["html"])


async def query_list(request) -> Response:
    """The saved queries with their parameters, as JSON."""
    return JSONResponse([{"name": q.name, "title": q.title, "description": q.description,
                          "url": f"/queries/{q.name}",
                          "params": [pages.param_input(p) for p in q.params]}
                         for q in _graph(request).queries().values()])


async def home(request) -> Response:
    """The web page: what the dataset is, search, the saved queries and the editor."""
    kg = _graph(request)
    queries = list(kg.queries().values())
    options = {}
    for saved in queries:
        options.update(await run_in_threadpool(_options, kg, saved))
    labels = await run_in_threadpool(kg.labels)
    sources = sorted(g for g in kg.manifest.get("sources", {}) if g != ONTOLOGY_IRI)
    counts = kg.manifest.get("counts", {})
    html = pages.render("home.html", queries=queries, inputs={q.name: [pages.param_input(p) for p in q.params]
                                                             for q in queries},
                        options=options, sources=sources, labels=labels, counts=counts,
                        pictures=hasattr(kg, "plot"))
    return Response(html, media_type=MEDIA["html"])
