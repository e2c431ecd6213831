"""The build and the warm query, before and after the on-disk store and the rule reasoner.

For the shipped graph and generated graphs of the project's shape
(tests/graphgen.py: renamed copies of the shipped data), runs whole
``dngraph query NAME`` processes of two versions of the code in the same run:

* baseline: the code at ``--baseline-ref`` (default: the last commit before the
  store; an N-Quads cache that every command reloads, owlrl as the reasoner),
  extracted with ``git archive``;
* current: the code of this checkout (the pyoxigraph store, the rule reasoner).

Cold is a fresh, empty cache folder (parse, reason, store, answer); warm reuses
one. Then ``dngraph validate`` of this checkout on the built store: the baseline
is ``--engine pyshacl`` (the reference), against the fast engine with no cached
report ("validate") and answering from the cached report ("valid. cached").
Prints the median wall time of each, and the baseline/current ratio.
Usage: python bench/build_bench.py [--copies 0,5,55] [--runs 5] [--cold-runs-big 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from graphgen import generate  # noqa: E402

# Every folder the benchmark makes lives here and is removed at the end.
SCRATCH = tempfile.mkdtemp(prefix="dngraph-bench-")


def timed(src: Path, args: list[str], codes=(0,)) -> float:
    env = dict(os.environ, PYTHONPATH=str(src))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dngraph", *args], env=env,
                          stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    if done.returncode not in codes:
        raise SystemExit(f"dngraph {' '.join(args)}: exit {done.returncode}")
    return time.perf_counter() - start


def validation(root: Path, runs: int, judge_runs: int) -> dict:
    """Median seconds of ``dngraph validate`` on a built store: pySHACL, fast, cached."""
    cache = tempfile.mkdtemp(dir=SCRATCH)
    args = ["validate", "--root", str(root), "--cache-dir", cache]

    def fresh(engine: str) -> float:
        for report in Path(cache).glob("validation-*.json"):
            report.unlink()
        return timed(ROOT / "src", args + ["--engine", engine], codes=(0, 1))
    fresh("fast")  # builds the store
    judge = [fresh("pyshacl") for _ in range(judge_runs)]
    fast = [fresh("fast") for _ in range(runs)]
    cached = [timed(ROOT / "src", args, codes=(0, 1)) for _ in range(runs)]
    return {"pyshacl": statistics.median(judge), "pyshacl_runs": judge_runs,
            "fast": statistics.median(fast), "cached": statistics.median(cached), "runs": runs}


def measure(src: Path, root: Path, query: str, runs: int, cold_runs: int) -> dict:
    args = ["query", query, "--format", "csv", "--root", str(root)]
    cold = [timed(src, args + ["--cache-dir", tempfile.mkdtemp(dir=SCRATCH)])
            for _ in range(cold_runs)]
    warm_dir = tempfile.mkdtemp(dir=SCRATCH)
    timed(src, args + ["--cache-dir", warm_dir])  # fills the warm cache
    warm = [timed(src, args + ["--cache-dir", warm_dir]) for _ in range(runs)]
    return {"cold": statistics.median(cold), "cold_runs": cold_runs,
            "warm": statistics.median(warm), "warm_runs": runs}


def triples(root: Path) -> int:
    import dngraph

    kg = dngraph.open(root, cache_dir=tempfile.mkdtemp(dir=SCRATCH))
    kg.store
    return kg.manifest["counts"][""]


def baseline_source(ref: str) -> Path:
    target = Path(tempfile.mkdtemp(dir=SCRATCH))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="0,5,55", help="generated copies per size; 0 is the shipped graph")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs-big", type=int, default=1,
                        help="cold runs above 50,000 triples (the baseline takes minutes there)")
    parser.add_argument("--judge-runs-big", type=int, default=1,
                        help="pySHACL validate runs above 50,000 triples (it takes minutes there)")
    parser.add_argument("--query", default="chairs")
    parser.add_argument("--baseline-ref", default="ae267b3")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    versions = {"baseline": baseline_source(options.baseline_ref), "current": ROOT / "src"}
    figures = []
    print(f"dngraph query {options.query}: whole processes, median wall seconds")
    print(f"{'graph':<22} {'triples':>8}  {'step':<5} {'baseline':>9} {'current':>9} {'ratio':>7}  runs")
    for copies in (int(c) for c in options.copies.split(",")):
        root = ROOT if copies == 0 else generate(Path(tempfile.mkdtemp(dir=SCRATCH)), copies)
        size = triples(root)
        cold_runs = options.cold_runs_big if size > 50_000 else options.runs
        row = {name: measure(src, root, options.query, options.runs, cold_runs) for name, src in versions.items()}
        label = "shipped" if copies == 0 else f"generated x{copies}"
        for step in ("cold", "warm"):
            base, now = row["baseline"][step], row["current"][step]
            print(f"{label:<22} {size:>8}  {step:<5} {base:>9.3f} {now:>9.3f} {base / now:>6.1f}x"
                  f"  {row['current'][step + '_runs']}")
        judge_runs = options.judge_runs_big if size > 50_000 else options.runs
        row["validate"] = validation(root, options.runs, judge_runs)
        base = row["validate"]["pyshacl"]
        for step, key in (("validate", "fast"), ("valid. cached", "cached")):
            now = row["validate"][key]
            print(f"{label:<22} {size:>8}  {step:<5} {base:>9.3f} {now:>9.3f} {base / now:>6.1f}x"
                  f"  {options.runs} (pySHACL {judge_runs})")
        figures.append({"graph": label, "triples": size, **row})
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
