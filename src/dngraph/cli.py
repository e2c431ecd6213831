"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options, calls one public function and prints. Errors
from the library become one line on stderr and an exit code: 0 ok, 1 the data
does not conform, 2 bad input.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__
from .api import open as open_graph
from .errors import DngraphError


def graph_options(func):
    """Options every command that reads the graph shares."""

    @click.option("--root", type=click.Path(file_okay=False, exists=True),
                  help="Folder holding ontology/, data/ and queries/ (default: the shipped graph).")
    @click.option("--cache-dir", type=click.Path(file_okay=False),
                  help="Where the built graph is cached (default: $DNGRAPH_CACHE or ~/.cache/dngraph).")
    @functools.wraps(func)
    def wrapper(*args, root=None, cache_dir=None, **kwargs):
        try:
            return func(*args, kg=open_graph(root, cache_dir), **kwargs)
        except DngraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dngraph")
def cli():
    """dngraph: the Digital Nations knowledge graph.

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


def main(argv=None):
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="dngraph", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
