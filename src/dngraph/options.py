"""The options the ``dngraph`` commands share, each written once as a decorator,
and the helpers that turn option values into library calls and output.
"""

from __future__ import annotations

import functools
import sys

import click

from .build import REASONERS
from .errors import QueryError
from .formats import GRAPH_FORMATS, SELECT_FORMATS
from .params import parse_params  # noqa: F401 - where the commands have always found it

_ROOT = click.option("--root", type=click.Path(file_okay=False, exists=True),
                     help="Folder holding ontology/, data/ and queries/ (default: the shipped graph).")
_CACHE_DIR = click.option("--cache-dir", type=click.Path(file_okay=False),
                          help="Where the built graph is cached (default: $DNGRAPH_CACHE or ~/.cache/dngraph).")
_REASONER = click.option("--reasoner", type=click.Choice(REASONERS), default=REASONERS[0], show_default=True,
                         help="How OWL 2 RL entailments are computed: rules inside pyoxigraph, "
                              "or owlrl (the reference, slow).")

_OUTPUT_OPTIONS = [
    click.option("--format", "-f", "fmt", type=click.Choice(SELECT_FORMATS + GRAPH_FORMATS),
                 help="Output format: table (default), csv, tsv, json or markdown for rows; "
                      "turtle (default), jsonld or ntriples for graphs."),
    click.option("--output", "-o", type=click.Path(dir_okay=False),
                 help="Write to this file (a new or regular file) instead of standard output."),
    click.option("--no-infer", is_flag=True, help="Query the asserted facts only, without OWL RL entailments."),
]


def graph_options(func=None, *, reasoner: bool = True):
    """--root, --cache-dir and (unless ``reasoner`` is False) --reasoner: the command
    gets the opened graph as ``kg``. Use as ``@graph_options`` or ``@graph_options(reasoner=False)``."""
    if func is None:
        return functools.partial(graph_options, reasoner=reasoner)

    @functools.wraps(func)
    def wrapper(*args, root=None, cache_dir=None, reasoner=REASONERS[0], **kwargs):
        from .api import open as open_graph  # imported when a command runs, not for --help

        return func(*args, kg=open_graph(root, cache_dir, reasoner), **kwargs)

    for option in (_REASONER, _CACHE_DIR, _ROOT) if reasoner else (_CACHE_DIR, _ROOT):
        wrapper = option(wrapper)
    return wrapper


def output_options(func):
    """--format, --output and --no-infer, shared by the commands that print query answers."""
    for option in reversed(_OUTPUT_OPTIONS):
        func = option(func)
    return func


def emit(result, fmt: str | None, output: str | None) -> None:
    """Print or write ``result`` in ``fmt``, its warnings on stderr; a failed write leaves any old file whole."""
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    text = result.serialize(fmt)
    if output:
        from .output import write_output

        write_output(output, text)
    else:
        click.echo(text, nl=False)


def read_stdin() -> str:
    """Standard input as text; a :class:`QueryError` if it is not UTF-8."""
    try:
        return sys.stdin.buffer.read().decode("utf-8") if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    except UnicodeDecodeError as exc:
        raise QueryError(f"standard input: not UTF-8 text (byte {exc.start})") from None
