"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options (shared ones in :mod:`dngraph.options`), calls
one public function and prints. Errors from the library become one line on
stderr and an exit code (0 ok, 1 the data does not conform or is inconsistent,
2 bad input, 3 internal error) in :mod:`dngraph.shell`.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .export import EXPORT_FORMATS
from .limitoptions import limit_options
from .endpointopts import endpoint_options
from .options import emit, graph_options, output_options, parse_params, read_stdin
from .shell import Shell

# Each command imports what it needs when it runs, so ``dngraph --help`` and a warm
# query start quickly (bench/startup.py measures it).


@click.group("dngraph", cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dngraph")
@click.option("--debug", is_flag=True, help="On an error, print the Python traceback too.")
def cli(debug):
    """dngraph: the Digital Nations knowledge graph.

    Exit codes: 0 ok, 1 the data does not conform or is inconsistent, 2 bad
    input (file, query, parameter, option), 3 internal error.

    Example: dngraph validate && dngraph stats
    """


@cli.command()
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: rudof and SPARQL on the built store; pyshacl: the reference (same results, slower).")
@graph_options
def validate(kg, engine):
    """Check the data against the SHACL shapes, and the graph for inconsistencies.

    Prints a one-line summary and exits 0 when the data conforms; otherwise prints
    each violation on its own line (file, thing, property, message) and exits 1.
    A file that does not parse is named with its line, exit 2. Unchanged input is
    answered from a cached report.

    Example: dngraph validate --engine pyshacl
    """
    report = kg.validate(engine=engine)
    for violation in report.violations:
        click.echo(violation.line())
    click.echo(report.summary())
    sys.exit(0 if report.conforms else 1)


@cli.command()
@graph_options
def stats(kg):
    """Print what the graph holds: triples, things per class, facts per source.

    Example: dngraph stats
    """
    for line in kg.stats().lines():
        click.echo(line)


@cli.command("queries")
@graph_options(reasoner=False)
def list_queries(kg):
    """List the saved queries: name, title and parameters.

    A query file that cannot be used is named on stderr with what is wrong, and
    the exit code is 2; the others are listed all the same.

    Example: dngraph queries
    """
    for query in kg.queries().values():
        click.echo(f"{query.name}: {query.title}")
        for p in query.params:
            mode = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            click.echo(f"    --param {p.name}=...  {p.describe_type()}, {mode}. {p.doc}".rstrip())
    for error in kg.query_problems().values():
        click.echo(f"error: {error}", err=True)
    if kg.query_problems():
        sys.exit(2)


@cli.command("query")
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
        from .streamout import emit_stream

        params = parse_params(pairs)
        return emit_stream(lambda: kg.query_stream(name, infer=not no_infer, **params), fmt, output)
    result = kg.query(name, infer=not no_infer, with_sources=with_sources, **parse_params(pairs))
    if fmt in (None, "table", "markdown"):
        result = result.for_people()
    emit(result, fmt, output)


@cli.command("sparql")
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


@cli.command("plot")
@click.argument("kind", type=click.Choice(["timeline", "network"]))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The picture file: .svg or .png.")
@click.option("--format", "-f", "fmt", type=click.Choice(["svg", "png"]),
              help="Picture format (default: from the file name).")
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
    from .cache import write_atomic

    rdf_format = {"rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}.get(fmt, fmt)
    text = kg.describe(distributions, base_url).serialize(format=rdf_format)
    if output:
        write_atomic(output, text.encode("utf-8"))
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


@cli.command("release")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="The release folder: new, empty, or an older release (replaced whole).")
@click.option("--version-label", metavar="LABEL", help="The version stamped on the release (default: the package's).")
@click.option("--base-url", help="Where the files will be downloaded from (default: https://w3id.org/dngraph/release/LABEL/).")
@graph_options
def release_command(kg, output, version_label, base_url):
    """Write a release: every export format, the VoID/DCAT description, the SSSOM
    linkset and SHA256SUMS, the same bytes for the same data.

    Example: dngraph release -o release/ --version-label 2026.11
    """
    for path in kg.write_release(output, version_label, base_url):
        click.echo(f"{path}  {path.stat().st_size} bytes")


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "rdfpatch", "sparql"]), default="text",
              show_default=True, help="text for people; rdfpatch (RDF Patch) or sparql (SPARQL Update) to apply.")
@click.option("--repo", type=click.Path(file_okay=False, exists=True),
              help="The git repository revisions are read from (default: the current folder).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@graph_options(reasoner=False)
def diff_command(kg, old, new, fmt, repo, output):
    """Show what changed from OLD to NEW, fact by fact per source document. Each is a
    release folder, a project folder, a data folder or a git revision (HEAD~3, a tag).

    Example: dngraph diff HEAD~1 HEAD
    """
    from .output import write_output

    found = kg.diff(old, new, repo)
    text = "\n".join(found.lines()) + "\n" if fmt == "text" else found.patch(fmt)
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)


@cli.command("docs")
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False),
              help="The folder to write index.html to.")
@graph_options(reasoner=False)
def docs_command(kg, output):
    """Write an offline HTML reference of the ontology: classes, properties, labels
    (en, fr), definitions, domains, ranges and the SHACL shapes that constrain each.

    Example: dngraph docs -o site/ontology
    """
    click.echo(kg.write_docs(output))


@cli.command("push")
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


def main(argv=None):
    """Console entry point."""
    cli.main(args=argv, prog_name="dngraph")


if __name__ == "__main__":
    main()
