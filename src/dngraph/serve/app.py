"""The web application: a starlette app over one :class:`~dngraph.api.KnowledgeGraph`,
served by uvicorn. Every response carries CORS headers so browser tools can query the
endpoint, and every request is logged on one line: method, path, status, duration.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import pictures, views
from .pool import QueryPool

LOG = logging.getLogger("dngraph.serve")


@dataclass(frozen=True)
class Settings:
    """How the server runs: query workers, the time limit (seconds), the row cap and how
    many queries may be admitted at once."""

    workers: int = 2
    timeout: float = 10.0
    max_rows: int = 10000
    max_concurrent: int = 4


class RequestLog:
    """ASGI middleware writing one line per request: method, path, status, duration."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), [500]

        async def capture(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            LOG.info("%s %s %d %.1f ms", scope["method"], scope["path"], status[0],
                     (time.perf_counter() - started) * 1000)


def create_app(kg, settings: Settings = Settings()) -> Starlette:
    """The application for ``kg``: it builds the graph if needed, then starts the query workers."""

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await run_in_threadpool(lambda: kg.store)  # build before workers open it read-only
        pool = QueryPool(kg.layout.root, kg.cache_dir, settings.workers, settings.max_concurrent,
                         settings.timeout, endpoint=_fresh(getattr(kg, "endpoint", None)))
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", views.home),
        Route("/search", views.search),
        Route("/sparql", views.sparql, methods=["GET", "POST"]),
        Route("/queries", views.query_list),
        Route("/queries/{name}", views.saved_query),
        Route("/id/{rest:path}", views.thing),
        Route("/ontology", views.ontology),
        Route("/plots/{kind}.{fmt}", pictures.plot),
        Mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static"),
    ]
    middleware = [Middleware(RequestLog),
                  Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["*"], expose_headers=["Retry-After", "Dngraph-Rows-Capped"])]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: _not_found})
    app.state.kg, app.state.settings, app.state.pictures = kg, settings, {}
    return app


async def _not_found(request, exc):
    return views.error(request, 404, f"nothing is served at {request.url.path}")


def serve(kg, host: str = "127.0.0.1", port: int = 8000, settings: Settings = Settings()) -> None:
    """Serve ``kg`` over HTTP until interrupted."""
    import uvicorn

    _check_free(host, port)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    shown = f"[{host}]" if ":" in host else host
    LOG.info("serving the Digital Nations graph at http://%s:%d/ (SPARQL endpoint: /sparql)", shown, port)
    uvicorn.run(create_app(kg, settings), host=host, port=port, log_level="warning", access_log=False,
                lifespan="on")


def _check_free(host: str, port: int) -> None:
    """Fail with one line, before anything starts, when ``host:port`` cannot be listened on."""
    import socket

    from ..errors import DngraphError

    try:
        for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
            return
    except OSError as exc:
        raise DngraphError(f"--host {host} --port {port}: cannot listen there: {exc.strerror or exc}") from None


def _fresh(endpoint):
    """A copy of a remote graph's endpoint for the workers (settings only, no open connection)."""
    import dataclasses

    return dataclasses.replace(endpoint) if endpoint is not None else None
