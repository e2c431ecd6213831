"""The edge of the command line: every failure becomes one line on stderr and an exit code.

Exit codes (see :mod:`dngraph.errors`): 0 ok, 1 the data does not conform,
2 bad input (a file, query, parameter or option, including a usage error),
3 an internal error. A Python traceback is printed only with ``--debug`` (or
``DNGRAPH_DEBUG=1``); without it an unexpected exception is one line too.
"""

from __future__ import annotations

import os
import sys

import click

from .errors import EXIT_BAD_INPUT, failure, report_failure


class Shell(click.Group):
    """A click group whose ``main`` maps every exception to a line and an exit code.
    ``lazy`` maps a command's name to the module holding it (in that module's ``COMMANDS``),
    imported the first time the command is asked for."""

    debug = False

    def __init__(self, *args, lazy: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in self.lazy:
            import importlib

            for command in importlib.import_module(self.lazy[name]).COMMANDS:
                self.add_command(command)
        return self.commands.get(name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        args = list(sys.argv[1:] if args is None else args)
        Shell.debug = "--debug" in args or os.environ.get("DNGRAPH_DEBUG", "") not in ("", "0")
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:  # raised directly by ctx.exit outside main's own handling
            code = exc.exit_code
        except click.ClickException as exc:  # a usage error: bad option, missing argument
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `dngraph` (click >= 8.2): the help
                click.echo(exc.format_message(), err=True)
                return _finish(EXIT_BAD_INPUT, standalone_mode)
            ctx = getattr(exc, "ctx", None)
            where = f"{ctx.command_path}: " if ctx else ""
            code = _fail(f"error: {where}{exc.format_message()} (see --help)", EXIT_BAD_INPUT)
        except click.exceptions.Abort:
            code = _fail(*failure(KeyboardInterrupt()))
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - where a crash becomes a line
            code = _fail(*failure(exc))
        return _finish(code, standalone_mode)


def _finish(code, standalone_mode: bool):
    if not standalone_mode:
        return code
    sys.exit(code if isinstance(code, int) else 0)


def _fail(line: str, code: int) -> int:
    return report_failure(line, code, Shell.debug, lambda text: click.echo(text, err=True))

