"""The ``dngraph`` command's entry point: the commonest calls without click, anything else with it.

Importing click and the command modules takes about as long as a warm ``dngraph query``
takes to run (``python -m bench.startup`` measures it). So :func:`main` first offers
the arguments to :func:`quick_query`, which takes only a plain call of a saved query
or of the list of them::

    dngraph [--debug] query NAME [--param|-p NAME=VALUE]... [--format|-f FORMAT]
            [--output|-o FILE] [--no-infer] [--root DIR] [--cache-dir DIR] [--reasoner NAME]
    dngraph [--debug] queries [--root DIR] [--cache-dir DIR]

each option at most once but ``--param``, a value as the next argument (or after ``=``
for a long option), and reads it exactly as click would. Anything else goes to click
(:mod:`dngraph.cli`): help, another command or option, an option given twice, a value
click would refuse or one that starts with ``-``, ``$DNGRAPH_TIMEOUT`` set (click reads
it for ``--timeout``). So usage errors and help have one home. The call then runs as the
command runs it: for ``query`` the same functions in the same order (:func:`dngraph.api.open`,
:func:`dngraph.endpointopts.endpoint_graph`, :func:`dngraph.limitoptions.limited`,
:func:`dngraph.streamout.emit_saved_query`), for ``queries`` :func:`list_queries`, which
the click command calls too; a failure ends in the same line and exit code
(:func:`dngraph.errors.failure`).
"""

from __future__ import annotations

import os
import sys

_VALUED = {"--param": "pairs", "-p": "pairs", "--format": "fmt", "-f": "fmt", "--output": "output",
           "-o": "output", "--root": "root", "--cache-dir": "cache_dir", "--reasoner": "reasoner"}
_GRAPH_ONLY = {"--root": "root", "--cache-dir": "cache_dir"}  # the options of `dngraph queries`


def main(argv=None) -> None:
    """Console entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    call = quick_query(args)
    if call is None:
        from .cli import cli

        cli.main(args=args, prog_name="dngraph")  # ends the process with the command's code
        return
    sys.exit(run_quick(call))


def quick_query(args: list[str]) -> dict | None:
    """The options of a plain ``dngraph query`` call as the command receives them, or None
    when click is to read ``args`` (see the module docstring)."""
    debug = args[:1] == ["--debug"]
    words = args[1:] if debug else args
    if words[:1] not in (["query"], ["queries"]) or os.environ.get("DNGRAPH_TIMEOUT"):
        return None
    listing = words[0] == "queries"
    call = {"command": words[0], "debug": debug, "name": None, "pairs": [], "no_infer": False}
    rest = iter(words[1:])
    for word in rest:
        if word == "--no-infer" and not call["no_infer"] and not listing:
            call["no_infer"] = True
            continue
        option, equals, value = word.partition("=") if word.startswith("--") else (word, "", None)
        key = (_GRAPH_ONLY if listing else _VALUED).get(option)
        if key is None:  # the saved query's name, or something for click to read
            if word.startswith("-") or not word or call["name"] is not None or listing:
                return None
            call["name"] = word
            continue
        value = value if equals else next(rest, None)
        if value is None or value.startswith("-") or not _accepted(key, value, call):
            return None
        if key == "pairs":
            call["pairs"].append(value)
        else:
            call[key] = value
    return call if listing or call["name"] is not None else None


def _accepted(key: str, value: str, call: dict) -> bool:
    """Whether click would take ``value`` for the option ``key`` as it is (its type's checks)."""
    if key == "pairs":
        return True
    if key in call or not value:  # given twice: click keeps the last; leave that to click
        return False
    if key == "fmt":
        from .formats import GRAPH_FORMATS, SELECT_FORMATS

        return value in SELECT_FORMATS + GRAPH_FORMATS
    if key == "reasoner":
        from .build import REASONERS

        return value in REASONERS
    if not os.path.lexists(value):  # --output, --cache-dir: a new file or folder
        return key != "root"
    readable = os.access(value, os.R_OK)
    return readable and (os.path.isdir(value) if key != "output" else os.path.isfile(value))


def run_quick(call: dict) -> int:
    """Run the call :func:`quick_query` read, as the ``query`` command runs it; the exit code."""
    from .errors import failure, report_failure

    try:
        from .api import open as open_graph

        if call["command"] == "queries":
            return list_queries(open_graph(call.get("root"), call.get("cache_dir")))
        from .endpointopts import endpoint_graph
        from .limitoptions import limited
        from .streamout import emit_saved_query

        kg = endpoint_graph(open_graph(call.get("root"), call.get("cache_dir"), call.get("reasoner", "rules")))
        limited(lambda: emit_saved_query(kg, call["name"], call["pairs"], call.get("fmt"), call.get("output"),
                                         call["no_infer"]), kg)
        return 0
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - as dngraph.shell does for click
        debug = call["debug"] or os.environ.get("DNGRAPH_DEBUG", "") not in ("", "0")
        return report_failure(*failure(exc), debug, _to_stderr)


def list_queries(kg) -> int:
    """``dngraph queries``: each saved query's name, title and parameters on stdout, each
    query file that cannot be used on stderr; the exit code (2 when there is such a file)."""
    for query in kg.queries().values():
        lines = [f"{query.name}: {query.title}"]
        for p in query.params:
            mode = "required" if p.required else (f"default {p.default}" if p.default else "optional")
            lines.append(f"    --param {p.name}=...  {p.describe_type()}, {mode}. {p.doc}".rstrip())
        sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()
    for error in kg.query_problems().values():
        _to_stderr(f"error: {error}")
    return 2 if kg.query_problems() else 0


def _to_stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
