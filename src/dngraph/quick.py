"""The ``dngraph`` entry point: a saved query's answer without loading click.

Importing click and every command's options costs about a third of what a warm
``dngraph query NAME`` takes in all. The commonest form of that command,
``dngraph query NAME`` with only ``--param``/``-p NAME=VALUE``, ``--format``/``-f``,
``--no-infer``, ``--root`` and ``--cache-dir`` (each followed by its value), is
answered here the way :mod:`dngraph.cli` answers it: the same library calls, the
same output, the same one-line errors and exit codes (:mod:`dngraph.shell`).
Anything else (another command, another option, ``--opt=value``, a value click
would refuse, a remote endpoint or a time limit from the environment) goes to
:func:`dngraph.cli.main` untouched.
"""

from __future__ import annotations

import os
import signal
import sys

_VALUED = {"--param": "pairs", "-p": "pairs", "--format": "fmt", "-f": "fmt",
           "--root": "root", "--cache-dir": "cache_dir"}
# Settings that change what the command does (dngraph.remoteconfig, dngraph.limitoptions, dngraph.shell).
_ENVIRONMENT = ("DNGRAPH_ENDPOINT", "DNGRAPH_GRAPH_STORE", "DNGRAPH_UPDATE_ENDPOINT", "DNGRAPH_USER",
                "DNGRAPH_PASSWORD", "DNGRAPH_AUTH", "DNGRAPH_TIMEOUT", "DNGRAPH_DEBUG")


def main(argv=None):
    """Console entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    parsed = simple_query(args)
    if parsed is None:
        from .cli import main as full

        return full(args)
    sys.exit(run(**parsed))


def simple_query(args: list[str]) -> dict | None:
    """The options of ``query NAME ...`` when this module answers it exactly as the CLI would, else None."""
    if len(args) < 2 or args[0] != "query" or args[1].startswith("-") or _configured():
        return None
    found = {"name": args[1], "pairs": [], "fmt": None, "root": None, "cache_dir": None, "no_infer": False}
    rest = args[2:]
    while rest:
        option = rest.pop(0)
        if option == "--no-infer":
            found["no_infer"] = True
        elif option in _VALUED and rest and not rest[0].startswith("-"):
            key, value = _VALUED[option], rest.pop(0)
            if key == "pairs":
                found["pairs"].append(value)
            elif found[key] is not None:
                return None
            else:
                found[key] = value
        else:
            return None
    return found if _plain(found) else None


def _configured() -> bool:
    if any(os.environ.get(name) for name in _ENVIRONMENT):
        return True
    from .remoteconfig import config_path

    return config_path().exists()


def _plain(found: dict) -> bool:
    """Whether every value is one click takes as it is."""
    from .formats import GRAPH_FORMATS, SELECT_FORMATS

    if found["fmt"] is not None and found["fmt"] not in SELECT_FORMATS + GRAPH_FORMATS:
        return False
    if found["root"] is not None and not os.path.isdir(found["root"]):
        return False
    if found["cache_dir"] is not None and os.path.exists(found["cache_dir"]) and not os.path.isdir(found["cache_dir"]):
        return False
    return all(name and sep for name, sep, _ in (pair.partition("=") for pair in found["pairs"]))


def run(name: str, pairs: list[str], fmt: str | None, root: str | None, cache_dir: str | None,
        no_infer: bool) -> int:
    """Print the answer as ``dngraph query`` does; the exit code."""
    from .errors import EXIT_INTERNAL, DngraphError

    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the process at once
    try:
        from .api import open as open_graph
        from .streamout import emit_stream

        kg = open_graph(root, cache_dir, "rules")
        params = {pair.partition("=")[0].strip(): pair.partition("=")[2] for pair in pairs}
        emit_stream(lambda: kg.query_stream(name, infer=not no_infer, **params), fmt, None)
        return 0
    except DngraphError as exc:
        return _fail(f"error: {exc}", exc.exit_code)
    except Exception as exc:  # noqa: BLE001 - as dngraph.shell: a crash becomes one line
        return _fail(f"error: internal error: {type(exc).__name__}: {exc} "
                     f"(run with --debug for the traceback)", EXIT_INTERNAL)
    finally:
        signal.signal(signal.SIGINT, previous)


def _fail(line: str, code: int) -> int:
    sys.stdout.flush()
    sys.stderr.write(" ".join(line.split()) + "\n")
    sys.stderr.flush()
    return code
