"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options (shared ones in :mod:`dngraph.options`), calls
one public function and prints. Errors from the library become one line on
stderr and an exit code (0 ok, 1 the data does not conform or is inconsistent,
2 bad input, 3 internal error) in :mod:`dngraph.shell`.

The commands live in modules grouped by what they do, named here by command:
:mod:`dngraph.cli_inspect` (validate, stats, queries, describe),
:mod:`dngraph.cli_query` (query, sparql, export), :mod:`dngraph.cli_publish`
(release, diff, docs, plot) and :mod:`dngraph.cli_serve` (link, unlink, serve, push).
A command's module is imported only when that command runs (``--help`` lists them
all), and each command imports what it needs when it runs, so a warm query starts
quickly (bench/startup.py measures it).
"""

from __future__ import annotations

import click

from . import __version__
from .shell import Shell

COMMAND_MODULES = {
    **dict.fromkeys(("validate", "stats", "queries", "describe"), "dngraph.cli_inspect"),
    **dict.fromkeys(("query", "sparql", "export"), "dngraph.cli_query"),
    **dict.fromkeys(("release", "diff", "docs", "plot"), "dngraph.cli_publish"),
    **dict.fromkeys(("link", "unlink", "serve", "push"), "dngraph.cli_serve"),
}


@click.group("dngraph", cls=Shell, lazy=COMMAND_MODULES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dngraph")
@click.option("--debug", is_flag=True, help="On an error, print the Python traceback too.")
def cli(debug):
    """dngraph: the Digital Nations knowledge graph.

    Exit codes: 0 ok, 1 the data does not conform or is inconsistent, 2 bad
    input (file, query, parameter, option), 3 internal error.

    Example: dngraph validate && dngraph stats
    """


def main(argv=None):
    """Console entry point (:func:`dngraph.entry.main`: a plain saved query skips click)."""
    from .entry import main as entry_main

    entry_main(argv)


if __name__ == "__main__":
    main()
