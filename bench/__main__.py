"""python -m bench: dngraph's steps beside their baselines, at graph sizes from 10^3 to 10^6 triples.

For each size it generates a project root of that many triples (bench/generate.py;
"shipped" is the project's own graph), measures each step and each baseline as
the median of repeated runs (fewer for a slow item: --repeat-budget) with its
peak memory, and prints a table per size with the ratio step / baseline and the
number of runs behind each median. First it times the quick commands (``--help``,
``queries``, a warm ``query``) beside ``python -c "import rdflib"`` (bench/startup.py).
--json writes the figures; --compare OLD.json prints each median beside the one in
OLD.json with the ratio new / old.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from . import report
from .generate import SHIPPED_ROOT, generated
from .steps import Bench, Size

DEFAULT_SIZES = "shipped,1000,10000,100000,1000000"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated triple counts, or 'shipped' (default {DEFAULT_SIZES})")
    parser.add_argument("--runs", type=int, default=3, help="runs per item; the median is reported (default 3)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds one run of a dngraph step may take before it is stopped and reported over "
                             "budget (default 60)")
    parser.add_argument("--baseline-budget", type=float, default=15.0,
                        help="the same for one run of a baseline (but the targets' yardsticks, which have "
                             "the step budget), so a slow library is reported as taking more than this "
                             "instead of holding up the run (default 15)")
    parser.add_argument("--repeat-budget", type=float, default=4.0,
                        help="an item's runs stop repeating once together they pass this many seconds, "
                             "so a slower item is run fewer times; each table says how many (default 4)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--compare", type=Path, help="a JSON file of an earlier run to compare with")
    parser.add_argument("--workdir", type=Path,
                        help="where to generate the graphs (default: a temporary folder); a graph generated "
                             "there before by the same generator is used again")
    parser.add_argument("--startup-runs", type=int, default=9,
                        help="runs of each start-up command beside import rdflib; 0 skips them (default 9)")
    options = parser.parse_args(argv)
    try:
        options.sizes = [s if s == "shipped" else int(float(s)) for s in options.sizes.split(",") if s]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {options.sizes}")
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    return options


def shipped_size() -> Size:
    import pyoxigraph as ox

    files = sorted((SHIPPED_ROOT / "data").rglob("*.ttl"))
    store = ox.Store()
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x:" + path.stem))
    return Size("shipped", SHIPPED_ROOT, len(store), len(files))


def run(options, workdir: Path) -> dict:
    startup = {}
    if options.startup_runs > 0:
        from .startup import measure

        startup = measure(options.startup_runs, log=lambda line: print(line, flush=True))
        print()
    bench = Bench(options.runs, options.budget, workdir, log=lambda line: print(line, file=sys.stderr),
                  repeat_budget=options.repeat_budget, baseline_budget=options.baseline_budget)
    sizes = []
    for target in options.sizes:
        if target == "shipped":
            size = shipped_size()
        else:
            start = time.perf_counter()
            summary = generated(target, workdir / f"root-{target}")
            print(f"{'reused' if summary.get('reused') else 'generated'} {summary['triples']} triples in "
                  f"{summary['files']} files ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
            size = Size(str(target), Path(summary["root"]), summary["triples"], summary["files"])
        print(f"{size.label}: measuring", file=sys.stderr)
        sizes.append(bench.measure(size).to_json())
        print(report.size_table(sizes[-1]) + "\n", flush=True)
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()},
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": options.runs, "budget_s": options.budget, "baseline_budget_s": options.baseline_budget,
        "repeat_budget_s": options.repeat_budget,
        "commands": sorted(bench.commands),
        "sizes": sizes,
        "startup": startup,
    }


def main(argv=None) -> int:
    options = parse_args(argv)
    start = time.perf_counter()
    if options.workdir:
        options.workdir.mkdir(parents=True, exist_ok=True)
        result = run(options, options.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="dngraph-bench-") as folder:
            result = run(options, Path(folder))
    print("all sizes: step / baseline (ratio), medians")
    print(report.summary_table(result))
    growth = report.growth_table(result)
    if growth:
        print("\ngrowth between sizes: (time ratio) / (triple ratio), 1.00 = linear")
        print(growth)
    result["elapsed_s"] = round(time.perf_counter() - start, 1)
    minutes, secs = divmod(round(result["elapsed_s"]), 60)
    print(f"\nthe whole run took {minutes} min {secs} s")
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if options.compare:
        print("compared with " + str(options.compare) + " (ratio new / old)")
        print(report.compare(result, json.loads(options.compare.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
