"""The commands that reach beyond the built graph: ``link``, ``unlink``, ``serve`` and ``push``.

Each parses its options, calls one method of :class:`dngraph.api.KnowledgeGraph` (or the
server, or :mod:`dngraph.pushshell`) and prints; :mod:`dngraph.cli` registers them on the
``dngraph`` group.
"""

from __future__ import annotations

import sys

import click

from .endpointopts import endpoint_options
from .options import graph_options


@click.command("link")
@click.option("--with", "dump", required=True, type=click.Path(dir_okay=False),
              help="The dump to join: Turtle, N-Triples, N-Quads, TriG or JSON-LD, plain or .gz.")
@click.option("--name", help="Name of the linked graph (default: from the file name).")
@graph_options
def link_dump(kg, dump, name):
    """Join an external dump to the graph through its links out, and report what matched.

    The dump is streamed into the named graph https://w3id.org/dngraph/graph/linked/NAME,
    kept beside the built graph until `dngraph unlink NAME`; queries reach it with GRAPH.

    Example: dngraph link --with wikidata-members.nt.gz
    """
    from pathlib import Path

    if sys.stderr.isatty():
        with click.progressbar(length=Path(dump).stat().st_size if Path(dump).is_file() else 0,
                               label="loading", file=sys.stderr) as bar:
            def progress(done, total):
                bar.update(done - bar.pos)

            report = kg.link(dump, name, progress)
    else:
        report = kg.link(dump, name)
    for line in report.lines():
        click.echo(line)


@click.command("unlink")
@click.argument("name")
@graph_options
def unlink_dump(kg, name):
    """Drop the linked graph NAME that `dngraph link` made.

    Example: dngraph unlink wikidata-members
    """
    click.echo(f"unlinked {name}: {kg.unlink(name)} triples dropped")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Processes that run queries (each opens the graph read-only).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is stopped and the client gets 503.")
@click.option("--max-rows", default=10000, show_default=True, type=click.IntRange(1),
              help="Most rows (or triples) one answer carries.")
@click.option("--max-concurrent", default=4, show_default=True, type=click.IntRange(1, 1024),
              help="Most queries admitted at once; the next gets 503 with Retry-After.")
@graph_options
@endpoint_options
def serve_command(kg, host, port, workers, timeout, max_rows, max_concurrent):
    """Serve the graph on the web: a read-only SPARQL endpoint at /sparql, a page for every
    thing at its IRI's path (/id/...), and a web page with search and the saved queries at /.

    Example: dngraph serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    from .errors import DngraphError

    try:
        from .serve import Settings, serve
    except ImportError as exc:
        raise DngraphError(f"dngraph serve needs {exc.name}: pip install 'dngraph[serve]'") from None
    serve(kg, host, port, Settings(workers, timeout, max_rows, max_concurrent))


@click.command("push")
@click.option("--chunk-size", default=50_000, show_default=True, type=click.IntRange(1),
              help="Triples per request; a larger graph is sent in several.")
@graph_options
@endpoint_options(graph_store=True)
def push_command(kg, chunk_size):
    """Load the built graph into a SPARQL server (--endpoint) through the Graph Store Protocol.

    One named graph per source document, the inferred graph, the merged asserted graph,
    the ontology and the shapes, each replaced whole, so pushing again changes nothing.
    Prints the triples per graph, each checked by a COUNT on the server (exit 1 if one differs).

    Example: dngraph push --endpoint http://127.0.0.1:8890/sparql --user dba --auth digest
    """
    from .pushshell import run_push

    for line in run_push(kg, chunk_size):
        click.echo(line)


COMMANDS = [link_dump, unlink_dump, serve_command, push_command]
