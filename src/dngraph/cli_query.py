"""The commands that answer questions: ``query`` (a saved query), ``sparql`` and ``export``.

Each parses its options, calls one method of :class:`dngraph.api.KnowledgeGraph` and
prints; :mod:`dngraph.cli` registers them on the ``dngraph`` group.
"""

from __future__ import annotations

import click

from .endpointopts import endpoint_options
from .export import EXPORT_FORMATS
from .limitoptions import limit_options
from .options import emit, graph_options, output_options, parse_params, read_stdin


@click.command("query")
@click.argument("name")
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query; repeat for several.")
@click.option("--with-sources", is_flag=True,
              help="Add a sources column: the graphs stating the facts behind each row ('inferred' for entailed ones).")
@output_options
@graph_options
@endpoint_options
@limit_options
def run_query(kg, name, pairs, fmt, output, no_infer, with_sources):
    """Run the saved query NAME.

    Example: dngraph query members --param on=2021-11-18 --format csv
    """
    if not with_sources:  # the rows go out as they are read (dngraph.streamout)
        from .streamout import emit_saved_query

        return emit_saved_query(kg, name, pairs, fmt, output, no_infer)
    result = kg.query(name, infer=not no_infer, with_sources=with_sources, **parse_params(pairs))
    if fmt in (None, "table", "markdown"):
        result = result.for_people()
    emit(result, fmt, output)


@click.command("sparql")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--query", "-q", "text", help="The query text, instead of FILE.")
@output_options
@graph_options
@endpoint_options
@limit_options
def run_sparql(kg, file, text, fmt, output, no_infer):
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) from FILE, - (standard input) or --query.

    The prefixes dn:, id: and those of the vocabularies the ontology uses need no
    PREFIX line. A dn: term the ontology does not define is named on stderr.

    Example: dngraph sparql --query 'SELECT ?nation WHERE { ?nation a dn:Nation }'
    """
    from .errors import QueryError
    from .queries import read_query_text

    if (file is None) == (text is None):
        raise QueryError("give a query FILE, - for standard input, or --query TEXT (one of them)")
    if file is not None:
        text = read_query_text(file) if file != "-" else read_stdin()
    from .streamout import emit_stream

    emit_stream(lambda: kg.sparql_stream(text, infer=not no_infer), fmt, output)


@click.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="turtle (default), ntriples, nquads, trig, jsonld or rdfxml; nquads and trig keep one graph per source.")
@click.option("--graphs", "-g", metavar="SET[,SET]",
              help="asserted (default: every source but the editors' reading), editorial, inferred or all.")
@click.option("--source", "-s", "sources", multiple=True, metavar="NAME",
              help="One source document's graph, by file name without .ttl; repeat for several.")
@click.option("--with-ontology", is_flag=True, help="Add the ontology's graph.")
@click.option("--frame", metavar="CLASS", help="JSON-LD only: nest related things under each CLASS (nation, summit).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@graph_options
@endpoint_options
def export_graph(kg, fmt, graphs, sources, with_ontology, frame, output):
    """Write the graph in an RDF format, the same bytes for the same data.

    Example: dngraph export --format jsonld --frame nation -o nations.jsonld
    """
    from .cache import write_atomic

    fmt = fmt or ("jsonld" if frame else "turtle")
    payload = kg.export(fmt, graphs, sources, with_ontology, frame)
    if output:
        write_atomic(output, payload)
    else:
        click.echo(payload.decode("utf-8"), nl=False)


COMMANDS = [run_query, run_sparql, export_graph]
