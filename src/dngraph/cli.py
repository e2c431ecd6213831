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
from .errors import QueryError
from .options import emit, graph_options, output_options, parse_params, read_stdin
from .queries import read_query_text
from .shell import Shell


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
@graph_options
def validate(kg):
    """Check the data against the SHACL shapes, and the graph for inconsistencies.

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
        text = read_query_text(file) if file != "-" else read_stdin()
    emit(kg.sparql(text, infer=not no_infer), fmt, output)


def main(argv=None):
    """Console entry point."""
    cli.main(args=argv, prog_name="dngraph")


if __name__ == "__main__":
    main()
