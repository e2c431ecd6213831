"""``dngraph push`` as a person runs it: a progress bar on a terminal, then the summary."""

from __future__ import annotations

import sys

import click

from .errors import ParameterError


def run_push(kg, chunk_size: int) -> list[str]:
    """Push ``kg`` (a :class:`dngraph.remote.RemoteGraph` naming the server) and return the
    summary lines; a count that differs on the server raises :class:`dngraph.push.PushMismatch`
    after the summary is printed."""
    if getattr(kg, "endpoint", None) is None:
        raise ParameterError("push: give --endpoint URL (or set DNGRAPH_ENDPOINT)")
    if sys.stderr.isatty():
        with click.progressbar(length=1, label="pushing", file=sys.stderr) as bar:
            def progress(done, total):
                bar.length = total
                bar.update(done - bar.pos)

            report = kg.push(chunk=chunk_size, progress=progress)
    else:
        report = kg.push(chunk=chunk_size)
    lines = report.lines()
    if report.mismatches():
        for line in lines:
            click.echo(line)
        report.check()
    return lines
