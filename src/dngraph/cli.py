"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options, calls one public function and prints. Errors
from the library become one line on stderr and an exit code (0 ok, 1 the data
does not conform, 2 bad input, 3 internal error) in :mod:`dngraph.shell`.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__
from .api import open as open_graph
from .errors import ParameterError, QueryError
from .formats import GRAPH_FORMATS, SELECT_FORMATS
from .output import write_output
from .queries import read_query_text
from .shell import Shell


def graph_options(func):
    """Options every command that reads the graph shares."""

    @click.option("--root", type=click.Path(file_okay=False, exists=True),
                  help="Folder holding ontology/, data/ and queries/ (default: the shipped graph).")
    @click.option("--cache-dir", type=click.Path(file_okay=False),
                  help="Where the built graph is cached (default: $DNGRAPH_CACHE or ~/.cache/dngraph).")
    @functools.wraps(func)
    def wrapper(*args, root=None, cache_dir=None, **kwargs):
        return func(*args, kg=open_graph(root, cache_dir), **kwargs)

    return wrapper


@click.group("dngraph", cls=Shell, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dngraph")
@click.option("--debug", is_flag=True, help="On an error, print the Python traceback too.")
def cli(debug):
    """dngraph: the Digital Nations knowledge graph.

    Exit codes: 0 ok, 1 the data does not conform, 2 bad input (file, query,
    parameter, option), 3 internal error.

    Example: dngraph validate && dngraph stats
    """


@cli.command()
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
    click.option("--format", "-f", "fmt", type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS),
                 help="Output format: table (default), csv, tsv, json or markdown for rows; "
                      "turtle (default), jsonld or ntriples for graphs."),
    click.option("--output", "-o", type=click.Path(dir_okay=False),
                 help="Write to this file (a new or regular file) instead of standard output."),
    click.option("--no-infer", is_flag=True, help="Query the asserted facts only, without OWL RL entailments."),
]


def emit(result, fmt: str | None, output: str | None) -> None:
    """Print or write ``result`` in ``fmt``, its warnings on stderr; a failed write leaves any old file whole."""
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    text = result.serialize(fmt)
    if output:
        write_output(output, text)
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
@output_options
@graph_options
def run_query(kg, name, pairs, fmt, output, no_infer):
    """Run the saved query NAME.

    Example: dngraph query members --param on=2021-11-18 --format csv
    """
    emit(kg.query(name, infer=not no_infer, **parse_params(pairs)), fmt, output)


@cli.command("sparql")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--query", "-q", "text", help="The query text, instead of FILE.")
@output_options
@graph_options
def run_sparql(kg, file, text, fmt, output, no_infer):
    """Run any SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) from FILE, - (standard input) or --query.

    The prefixes dn:, id: and those of the vocabularies the ontology uses need no
    PREFIX line. A dn: term the ontology does not define is named on stderr.

    Example: dngraph sparql --query 'SELECT ?nation WHERE { ?nation a dn:Nation }'
    """
    if (file is None) == (text is None):
        raise QueryError("give a query FILE, - for standard input, or --query TEXT (one of them)")
    if file is not None:
        text = read_query_text(file) if file != "-" else _stdin()
    emit(kg.sparql(text, infer=not no_infer), fmt, output)


def _stdin() -> str:
    try:
        return sys.stdin.buffer.read().decode("utf-8") if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    except UnicodeDecodeError as exc:
        raise QueryError(f"standard input: not UTF-8 text (byte {exc.start})") from None


def main(argv=None):
    """Console entry point."""
    cli.main(args=argv, prog_name="dngraph")


if __name__ == "__main__":
    main()
