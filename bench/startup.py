"""Start-up: quick dngraph commands beside ``python -c "import rdflib"``, measured in the same run.

Runs ``dngraph --help``, ``dngraph queries`` and a warm ``dngraph query members``
(the store built beforehand) on the shipped graph, each alternating with the
baseline ``python -c "import rdflib"`` (A B A B ..., so a drift of the machine's
speed hits both), and prints for each the median wall seconds and the median CPU
seconds (user + system, as the kernel reports them for the finished child) of
both, with the ratio command / baseline. The target is a ratio of at most 0.5.
``python -c "import click"`` is shown the same way: the floor any click command
starts from. Byte code is compiled first, as an installed package has it.

Usage: python -m bench.startup [--runs 9] [--json FILE]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .steps import dngraph_command

SRC = Path(__file__).resolve().parent.parent / "src" / "dngraph"
BASELINE = [sys.executable, "-c", "import rdflib"]
TARGET = 0.5


def timed(argv: list, env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (its output thrown away)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def pair(argv: list, runs: int, env: dict) -> dict:
    """Medians of ``argv`` and of the baseline, run in turn after one warm-up each."""
    timed(argv, env), timed(BASELINE, env)
    mine, base = [], []
    for _ in range(runs):
        mine.append(timed(argv, env))
        base.append(timed(BASELINE, env))
    figures = {}
    for index, kind in enumerate(("wall", "cpu")):
        a, b = (statistics.median(t[index] for t in runs_) for runs_ in (mine, base))
        figures[kind] = {"command_s": round(a, 4), "baseline_s": round(b, 4), "ratio": round(a / b, 3)}
    return figures


def commands(cache: str) -> dict:
    dngraph = dngraph_command()
    return {
        "python -c 'import click'": [sys.executable, "-c", "import click"],
        "dngraph --help": dngraph + ["--help"],
        "dngraph queries": dngraph + ["queries", "--cache-dir", cache],
        "dngraph query members (warm)": dngraph + ["query", "members", "--cache-dir", cache],
    }


def measure(runs: int, log=print) -> dict:
    """The figures of every command, printing a table row as each is measured."""
    compileall.compile_dir(str(SRC), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    results = {}
    with tempfile.TemporaryDirectory(prefix="dngraph-startup-") as cache:
        subprocess.run(dngraph_command() + ["query", "members", "--cache-dir", cache],
                       check=True, stdout=subprocess.DEVNULL, env=env)  # builds the store
        log(f"start-up, baseline python -c 'import rdflib': medians of {runs} alternating runs, "
            f"target ratio <= {TARGET}")
        log(f"{'command':<30} {'wall s':>8} {'base':>8} {'ratio':>6}  {'cpu s':>8} {'base':>8} {'ratio':>6}  met")
        for name, argv in commands(cache).items():
            results[name] = pair(argv, runs, env)
            log(row(name, results[name]))
    return results


def row(name: str, figures: dict) -> str:
    wall, cpu = figures["wall"], figures["cpu"]
    met = "yes" if wall["ratio"] <= TARGET and cpu["ratio"] <= TARGET else "no"
    return (f"{name:<30} {wall['command_s']:>8.3f} {wall['baseline_s']:>8.3f} {wall['ratio']:>6.2f}"
            f"  {cpu['command_s']:>8.3f} {cpu['baseline_s']:>8.3f} {cpu['ratio']:>6.2f}  "
            f"{met if name.startswith('dngraph') else '-'}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command and of the baseline")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    options = parser.parse_args(argv)
    results = measure(options.runs, log=lambda line: print(line, flush=True))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
