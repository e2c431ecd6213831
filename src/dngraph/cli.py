"""The ``dngraph`` command: a thin shell over :mod:`dngraph.api`.

Each command parses its options (shared ones in :mod:`dngraph.options`), calls
one public function and prints. Errors from the library become one line on
stderr and an exit code (0 ok, 1 the data does not conform or is inconsistent,
2 bad input, 3 internal error) in :mod:`dngraph.shell`.

The commands live in modules grouped by what they do, each registered here on
the one group: :mod:`dngraph.cli_inspect` (validate, stats, queries, describe),
:mod:`dngraph.cli_query` (query, sparql, export), :mod:`dngraph.cli_publish`
(release, diff, docs, plot) and :mod:`dngraph.cli_serve` (link, unlink, serve, push).
"""

from __future__ import annotations

import click

from . import __version__, cli_inspect, cli_publish, cli_query, cli_serve
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


for _module in (cli_inspect, cli_query, cli_publish, cli_serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv=None):
    """Console entry point."""
    cli.main(args=argv, prog_name="dngraph")


if __name__ == "__main__":
    main()
