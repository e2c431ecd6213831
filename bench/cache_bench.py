"""What the build cache saves: a saved query with a cold cache versus a warm one.

Runs ``dngraph query NAME`` as whole processes, alternating cold (a fresh, empty
cache folder: parse, reason with owlrl, write the cache) and warm (the cache
reused), and prints the median wall time of each and the cold/warm ratio of
each pair. Usage: python bench/cache_bench.py [--runs 7] [--query chairs]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(args, env) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--query", default="chairs")
    options = parser.parse_args()
    command = [sys.executable, "-m", "dngraph", "query", options.query, "--format", "csv"]
    warm_dir = tempfile.mkdtemp(prefix="dngraph-warm-")
    warm_env = dict(os.environ, DNGRAPH_CACHE=warm_dir)
    timed(command, warm_env)  # fills the warm cache
    cold, warm = [], []
    for _ in range(options.runs):
        cold_env = dict(os.environ, DNGRAPH_CACHE=tempfile.mkdtemp(prefix="dngraph-cold-"))
        cold.append(timed(command, cold_env))
        warm.append(timed(command, warm_env))
    ratios = [c / w for c, w in zip(cold, warm)]
    print(f"query {options.query!r}, {options.runs} pairs, wall seconds (min / median / max)")
    for name, values in (("cold cache (build)", cold), ("warm cache (reuse)", warm)):
        print(f"  {name:<20} {min(values):.3f} / {statistics.median(values):.3f} / {max(values):.3f}")
    print(f"  cold/warm ratio      {min(ratios):.1f} / {statistics.median(ratios):.1f} / {max(ratios):.1f}")


if __name__ == "__main__":
    main()
