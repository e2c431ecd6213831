"""Run a command as a whole process under a time limit: wall time, peak memory, outcome.

Peak memory is the child's maximum resident set size as the kernel reports it
to ``os.wait4`` (``ru_maxrss``, kibibytes on Linux). A process still running at
the limit is killed and reported as over budget, never waited for.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    note: str = ""
    stdout: str = ""


@dataclass
class Measure:
    """Repeated runs of one step or baseline, summarised by their median."""

    status: str = "ok"  # ok | over budget | skipped: ... | failed: ... | not available
    seconds: list = field(default_factory=list)
    peak_mb: float | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and self.status == "ok" else None

    def to_json(self) -> dict:
        return {"status": self.status, "median_s": self.median, "runs_s": self.seconds, "peak_mb": self.peak_mb}


def run_process(argv: list, limit: float, env: dict | None = None) -> Run:
    """Run ``argv`` to its end or until ``limit`` seconds have passed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, start_new_session=True)
        timer = threading.Timer(limit, _kill, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        if seconds >= limit and proc.returncode < 0:
            return Run(seconds, peak, False, f"over budget (stopped at {limit:g} s)")
        if proc.returncode != 0:
            lines = err.read().decode("utf-8", "replace").strip().splitlines() or ["(no message)"]
            return Run(seconds, peak, False, f"failed: exit {proc.returncode}: {lines[-1][:120]}")
        return Run(seconds, peak, True, stdout=out.read().decode("utf-8", "replace"))


def _kill(pid: int) -> None:
    """Stop the process group of a child this module started (the child and anything it spawned)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def repeat(argv: list, runs: int, limit: float, env: dict | None = None, prepare=None,
           total: float | None = None) -> Measure:
    """Up to ``runs`` runs of ``argv``, each stopped at ``limit`` seconds; repeats stop
    once their total passes ``total`` (default ``limit``).

    ``prepare`` (if given) is called before each run and not timed, e.g. to empty a cache.
    """
    measure = Measure()
    peaks = []
    for _ in range(runs):
        if prepare:
            prepare()
        run = run_process(argv, limit, env)
        if not run.ok:
            measure.status = run.note
            measure.seconds.append(round(run.seconds, 4))
            break
        measure.seconds.append(round(run.seconds, 4))
        peaks.append(run.peak_mb)
        if sum(measure.seconds) > (limit if total is None else total):
            break
    measure.peak_mb = round(max(peaks), 1) if peaks else None
    return measure
