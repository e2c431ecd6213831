"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options, calls one public function and prints. Errors
from the library become one line on stderr and an exit code: 0 ok, 1 the data
does not conform, 2 bad input.
"""

from __future__ import annotations

import functools
import sys

import click

from pathlib import Path

from . import __version__
from .api import open as open_graph
from .cache import write_atomic
from .errors import DngraphError, ParameterError, QueryError
from .export import EXPORT_FORMATS
from .formats import GRAPH_FORMATS, SELECT_FORMATS, SELECT_WRITERS, write_graph


def graph_options(func):
    """Options every command that reads the graph shares."""

    @click.option("--root", type=click.Path(file_okay=False, exists=True),
                  help="Folder holding ontology/, data/ and queries/ (default: the shipped graph).")
    @click.option("--cache-dir", type=click.Path(file_okay=False),
                  help="Where the built graph is cached (default: $DNGRAPH_CACHE or ~/.cache/dngraph).")
    @functools.wraps(func)
    def wrapper(*args, root=None, cache_dir=None, reasoner="rules", **kwargs):
        try:
            return func(*args, kg=open_graph(root, cache_dir, reasoner), **kwargs)
        except DngraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


reasoner_option = click.option(
    "--reasoner", type=click.Choice(["rules", "owlrl"]), default="rules", show_default=True,
    help="How OWL 2 RL entailments are computed: rules inside pyoxigraph, or owlrl (the reference, slow).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dngraph")
def cli():
    """dngraph: the Digital Nations knowledge graph.

    Example: dngraph validate && dngraph stats
    """


@cli.command()
@reasoner_option
@graph_options
def validate(kg):
    """Check the data against the SHACL shapes.

    Prints a one-line summary and exits 0 when the data conforms; otherwise prints
    each violation on its own line (file, thing, property, message) and exits 1.
    A file that does not parse is named with its line, exit 2.

    Example: dngraph validate
    """
    report = kg.validate()
    for violation in report.violations:
        click.echo(violation.line())
    click.echo(report.summary())
    sys.exit(0 if report.conforms else 1)


@cli.command()
@reasoner_option
@graph_options
def stats(kg):
    """Print what the graph holds: triples, things per class, facts per source.

    Example: dngraph stats
    """
    for line in kg.stats().lines():
        click.echo(line)


def output_options(func):
    """--format, --output and --no-infer, shared by the commands that print query answers."""
    for option in reversed(_OUTPUT_OPTIONS):
        func = option(func)
    return func


_OUTPUT_OPTIONS = [
    click.option("--format", "-f", "fmt", default="table", show_default=True,
                 type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS),
                 help="Output format: table, csv, tsv, json or markdown for rows; turtle, jsonld or ntriples for graphs."),
    click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output."),
    click.option("--no-infer", is_flag=True, help="Query the asserted facts only, without OWL RL entailments."),
]


def emit(kg, result, fmt: str, output: str | None) -> None:
    """Print or write ``result`` in ``fmt``; a failed write leaves any old file whole."""
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            fmt = "turtle"
        text = write_graph(result.triples, fmt)
    else:
        if fmt not in SELECT_FORMATS:
            raise DngraphError(f"--format {fmt} is for graphs; use one of {', '.join(SELECT_FORMATS)}")
        labels = kg.labels() if fmt in ("table", "markdown") else None
        text = SELECT_WRITERS[fmt](result, labels)
    if output:
        try:
            write_atomic(Path(output), text.encode("utf-8"))
        except OSError as exc:
            raise DngraphError(f"{output}: cannot write: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False)


def parse_params(pairs) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ParameterError(f"--param {pair!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


@cli.command("queries")
@graph_options
def list_queries(kg):
    """List the saved queries: name, title and parameters.

    Example: dngraph queries
    """
    for query in kg.queries().values():
        click.echo(f"{query.name}: {query.title}")
        for p in query.params:
            mode = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            click.echo(f"    --param {p.name}=...  {p.describe_type()}, {mode}. {p.doc}".rstrip())


@cli.command("query")
@click.argument("name")
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query; repeat for several.")
@click.option("--with-sources", is_flag=True,
              help="Add a sources column: the graphs stating the facts behind each row ('inferred' for entailed ones).")
@output_options
@reasoner_option
@graph_options
def run_query(kg, name, pairs, fmt, output, no_infer, with_sources):
    """Run the saved query NAME.

    Example: dngraph query members --param on=2021-11-18 --format csv
    """
    result = kg.query(name, infer=not no_infer, with_sources=with_sources, **parse_params(pairs))
    if with_sources and fmt in ("table", "markdown"):
        result = result.for_people()
    emit(kg, result, fmt, output)


@cli.command("sparql")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--query", "-q", "text", help="The query text, instead of FILE.")
@output_options
@reasoner_option
@graph_options
def run_sparql(kg, file, text, fmt, output, no_infer):
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) from FILE, - (standard input) or --query.

    Example: dngraph sparql --query 'SELECT ?s WHERE { ?s a <https://w3id.org/dngraph/ontology#Nation> }'
    """
    if (file is None) == (text is None):
        raise QueryError("give a query FILE, - for standard input, or --query TEXT (one of them)")
    if file is not None:
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{file}: cannot read query: {exc}") from None
    emit(kg, kg.sparql(text, infer=not no_infer), fmt, output)


@cli.command("plot")
@click.argument("kind", type=click.Choice(["timeline", "network"]))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The picture file: .svg or .png.")
@click.option("--format", "-f", "fmt", type=click.Choice(["svg", "png"]),
              help="Picture format (default: from the file name).")
@reasoner_option
@graph_options
def plot(kg, kind, output, fmt):
    """Draw the forum's TIMELINE (names, chairs, summits, members) or its NETWORK
    (nations, working groups, people, documents) from query answers.

    Example: dngraph plot timeline -o timeline.svg
    """
    from .plot import write_plot

    size = write_plot(kg, kind, output, fmt)
    click.echo(f"{output}: {kind}, {size} bytes", err=True)


@cli.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="turtle (default), ntriples, nquads, trig, jsonld or rdfxml; nquads and trig keep one graph per source.")
@click.option("--graphs", "-g", metavar="SET[,SET]",
              help="asserted (default: every source but the editors' reading), editorial, inferred or all.")
@click.option("--source", "-s", "sources", multiple=True, metavar="NAME",
              help="One source document's graph, by file name without .ttl; repeat for several.")
@click.option("--with-ontology", is_flag=True, help="Add the ontology's graph.")
@click.option("--frame", metavar="CLASS", help="JSON-LD only: nest related things under each CLASS (nation, summit).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@reasoner_option
@graph_options
def export_graph(kg, fmt, graphs, sources, with_ontology, frame, output):
    """Write the graph in an RDF format, the same bytes for the same data.

    Example: dngraph export --format jsonld --frame nation -o nations.jsonld
    """
    fmt = fmt or ("jsonld" if frame else "turtle")
    payload = kg.export(fmt, graphs, sources, with_ontology, frame)
    if output:
        try:
            write_atomic(Path(output), payload)
        except OSError as exc:
            raise DngraphError(f"{output}: cannot write: {exc.strerror or exc}") from None
    else:
        click.echo(payload.decode("utf-8"), nl=False)


@cli.command("describe")
@click.option("--format", "-f", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "ntriples", "jsonld", "rdfxml"]), help="RDF format of the description.")
@click.option("--distributions", type=click.Path(file_okay=False),
              help="A folder of released files: each becomes a dcat:Distribution with its SHA-256.")
@click.option("--base-url", help="Where the released files will be downloaded from (default: their file: URLs).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@graph_options
def describe_dataset(kg, fmt, distributions, base_url, output):
    """Describe the dataset in VoID and DCAT: counts, partitions, linksets, distributions.

    Example: dngraph describe --format turtle -o void.ttl
    """
    rdf_format = {"rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
    text = kg.describe(distributions, base_url).serialize(format=rdf_format)
    if output:
        write_atomic(Path(output), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@cli.command("link")
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


@cli.command("unlink")
@click.argument("name")
@graph_options
def unlink_dump(kg, name):
    """Drop the linked graph NAME that `dngraph link` made.

    Example: dngraph unlink wikidata-members
    """
    click.echo(f"unlinked {name}: {kg.unlink(name)} triples dropped")


@cli.command("serve")
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
def serve_command(kg, host, port, workers, timeout, max_rows, max_concurrent):
    """Serve the graph on the web: a read-only SPARQL endpoint at /sparql, a page for every
    thing at its IRI's path (/id/...), and a web page with search and the saved queries at /.

    Example: dngraph serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    try:
        from .serve import Settings, serve
    except ImportError as exc:
        raise DngraphError(f"dngraph serve needs {exc.name}: pip install 'dngraph[serve]'") from None
    serve(kg, host, port, Settings(workers, timeout, max_rows, max_concurrent))


def main(argv=None):
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="dngraph", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
