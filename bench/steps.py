"""What the benchmark measures at one size: each dngraph step and the baselines beside it.

A step is a whole ``dngraph`` process (cold build, warm CLI query, validate
without and with the cached report, export, link) or, for the API, repeated ``kg.query("members")`` calls inside one
process after it opened the graph. Each baseline does the same work with one
library alone on the same files (see bench/workers.py). Every run is stopped at
its time budget (a step's, or the shorter one of a baseline other than the targets'
yardsticks); an item whose time
projected from the previous sizes would pass it is skipped and says so. Runs of
an item stop repeating once together they pass the repeat budget, so a slow item
is measured fewer times.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .measure import Measure, repeat, run_process

CONSTRUCT_ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# The baselines the targets are measured against (pyoxigraph loading and querying the
# files; the build as it was, with owlrl): held to a step's budget, not a baseline's.
YARDSTICKS = {"pyoxigraph load (on disk)", "pyoxigraph load + query", "dngraph build with owlrl"}
FORMATS = ("turtle", "ntriples", "jsonld")


def dngraph_command() -> list:
    script = Path(sys.executable).parent / "dngraph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dngraph"]


def worker(name: str, root: Path, arg: str | None = None) -> list:
    return [sys.executable, "-m", "bench.workers", name, str(root)] + ([arg] if arg else [])


def cli_commands() -> set:
    """The names of the commands ``dngraph --help`` lists."""
    text = subprocess.run(dngraph_command() + ["--help"], capture_output=True, text=True).stdout
    listing = text.split("Commands:", 1)[-1]
    return {line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.split()}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@dataclass
class Size:
    """One graph to measure: its label ("shipped" or the target triple count), root and size."""

    label: str
    root: Path
    triples: int
    files: int
    steps: dict = field(default_factory=dict)
    baselines: dict = field(default_factory=dict)
    pairs: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"label": self.label, "triples": self.triples, "files": self.files,
                "steps": {k: v.to_json() for k, v in self.steps.items()},
                "baselines": {k: v.to_json() for k, v in self.baselines.items()},
                "pairs": self.pairs}


class Bench:
    """Measures sizes in order, remembering each item's last time to project the next."""

    def __init__(self, runs: int, budget: float, workdir: Path, log=print, repeat_budget: float | None = None,
                 baseline_budget: float | None = None):
        self.runs, self.budget, self.workdir, self.log = runs, budget, workdir, log
        self.repeat_budget = budget if repeat_budget is None else repeat_budget
        self.baseline_budget = budget if baseline_budget is None else baseline_budget
        self.history: dict = {}  # item name -> [(triples, Measure)] in the order measured
        self.commands = cli_commands()
        # Byte code compiled once and kept, as an installed package has it.
        compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "src" / "dngraph"), quiet=1)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env = dict(env, PYTHONPATH=os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))

    def item(self, size: Size, kind: str, name: str, argv: list, prepare=None, inproc: bool = False) -> Measure:
        """Measure one step or baseline (or say why not) and record it on ``size``."""
        limit = self.budget if kind == "step" or name in YARDSTICKS else self.baseline_budget
        skipped = self.skipped(name, size.triples, limit)
        if skipped:
            measure = Measure(status=skipped)
        elif inproc:
            measure = self._inproc(argv, limit)
        else:
            measure = repeat(argv, self.runs, limit, self.env, prepare, total=self.repeat_budget)
        self.history.setdefault(name, []).append((size.triples, measure))
        (size.steps if kind == "step" else size.baselines)[name] = measure
        self.log(f"  {name:<34} {measure.status:<12} "
                 f"{'' if measure.median is None else f'{measure.median:.4f} s'}")
        return measure

    def skipped(self, name: str, triples: int, limit: float | None = None) -> str | None:
        """Why ``name`` is not run at ``triples``: it went over budget at a smaller size, or
        its projected time passes ``limit`` (default the step budget; a run would be stopped
        there anyway)."""
        projected = self.projected(name, triples)
        if projected == float("inf"):
            return "skipped: over budget"
        if projected > (self.budget if limit is None else limit):
            return f"skipped: over budget (projected {projected:.0f} s)"
        return None

    def projected(self, name: str, triples: int) -> float:
        """The time ``name`` would take at ``triples``: a straight line through its last two
        sizes (so a fixed start-up cost does not grow), or in proportion from one; infinite
        once it went over budget. A run that proves slower is stopped at the budget anyway."""
        points = self.history.get(name, [])
        if points and points[-1][1].status.startswith(("over budget", "skipped: over budget")):
            return float("inf")
        timed = [(n, m.median) for n, m in points if m.median]
        if not timed:
            return 0.0
        (n1, t1), (n0, t0) = timed[-1], (timed[-2] if len(timed) > 1 else (0, 0.0))
        if n1 == n0:
            return t1
        return max(t1, t1 + (t1 - t0) * (triples - n1) / (n1 - n0))

    def _inproc(self, argv: list, limit: float) -> Measure:
        run = run_process(argv, limit, self.env)
        if not run.ok:
            return Measure(status=run.note)
        return Measure(seconds=[round(s, 5) for s in json.loads(run.stdout)], peak_mb=round(run.peak_mb, 1))

    def skip(self, size: Size, kind: str, name: str, status: str) -> None:
        (size.steps if kind == "step" else size.baselines)[name] = Measure(status=status)
        self.log(f"  {name:<34} {status}")

    def measure(self, size: Size) -> Size:
        cache = self.workdir / f"cache-{size.label}"
        built = self.build(size, cache)
        if built:
            self.queries(size, cache)
            # the yardstick at 10^6: pyoxigraph loading and querying the same files
            size.pairs.append(["build (cold)", "pyoxigraph load + query"])
        else:
            for name in ("query (CLI, warm)", "query (API, warm)"):
                self.skip(size, "step", name, "skipped: no build")
        self.validation(size, cache)
        self.exports(size, cache, built)
        self.link(size, cache, built)
        return size

    def build(self, size: Size, cache: Path) -> bool:
        command = "build" if "build" in self.commands else "stats"
        argv = dngraph_command() + [command, "--root", str(size.root), "--cache-dir", str(cache)]

        def empty():
            shutil.rmtree(cache, ignore_errors=True)
            cache.mkdir(parents=True)
        step = self.item(size, "step", "build (cold)", argv, prepare=empty)
        self.pair(size, "build (cold)", "pyoxigraph load (on disk)", worker("oxigraph-load", size.root))
        # the build as it was before the rules: owlrl reasons (the yardstick at 10^4)
        owlrl = self.workdir / f"cache-{size.label}-owlrl"

        def empty_owlrl():
            shutil.rmtree(owlrl, ignore_errors=True)
            owlrl.mkdir(parents=True)
        self.pair(size, "build (cold)", "dngraph build with owlrl",
                  argv[:-1] + [str(owlrl), "--reasoner", "owlrl"], prepare=empty_owlrl)
        shutil.rmtree(owlrl, ignore_errors=True)
        self.pair(size, "build (cold)", "owlrl closure", worker("owlrl", size.root))
        self.pair(size, "build (cold)", "reasonable closure", worker("reasonable", size.root), "reasonable")
        return step.status == "ok"

    def queries(self, size: Size, cache: Path) -> None:
        argv = dngraph_command() + ["query", "members", "--root", str(size.root), "--cache-dir", str(cache)]
        self.item(size, "step", "query (CLI, warm)", argv)
        self.pair(size, "query (CLI, warm)", "pyoxigraph load + query", worker("oxigraph-query", size.root))
        calls = str(max(5, 2 * self.runs + 1))
        self.item(size, "step", "query (API, warm)", worker("api-inproc", size.root, f"{cache},{calls}"),
                  inproc=True)
        self.pair(size, "query (API, warm)", "pyoxigraph query (in-process)",
                  worker("oxigraph-inproc", size.root, calls), inproc=True)

    def validation(self, size: Size, cache: Path) -> None:
        argv = dngraph_command() + ["validate", "--root", str(size.root), "--cache-dir", str(cache)]

        def no_report():  # validate the data again each run, not answer from the cached report
            for report in cache.glob("validation-*.json"):
                report.unlink()
        self.item(size, "step", "validate", argv, prepare=no_report)
        self.pair(size, "validate", "pySHACL", worker("pyshacl", size.root))
        self.item(size, "step", "validate (cached report)", argv)
        size.pairs.append(["validate (cached report)", "pySHACL"])  # the same baseline, measured once
        if "pyoxigraph load + query" in size.baselines:  # the same yardstick, measured once
            size.pairs.append(["validate", "pyoxigraph load + query"])
        core = self.workdir / "core-shapes.ttl"
        if installed("pyrudof") and not core.exists():
            from .coreshapes import write_core_shapes
            write_core_shapes(size.root / "ontology" / "shapes.ttl", core)
        self.pair(size, "validate", "pyrudof (SHACL Core shapes)", worker("pyrudof", size.root, str(core)),
                  "pyrudof")

    def exports(self, size: Size, cache: Path, built: bool) -> None:
        for fmt in FORMATS:
            name = f"export {fmt}"
            if "export" in self.commands:
                argv = dngraph_command() + ["export", "--format", fmt]
            else:
                argv = dngraph_command() + ["sparql", "--query", CONSTRUCT_ALL, "-f", fmt]
            argv += ["--root", str(size.root), "--cache-dir", str(cache)]
            if built:
                self.item(size, "step", name, argv)
            else:
                self.skip(size, "step", name, "skipped: no build")
            self.pair(size, name, f"pyoxigraph dump {fmt}", worker("oxigraph-export", size.root, fmt))

    def link(self, size: Size, cache: Path, built: bool) -> None:
        if "link" not in self.commands:
            self.skip(size, "step", "link", "not available")
            return
        dump = self.workdir / f"link-{size.label}.nt"
        if not dump.exists():
            from .linkdump import write_dump
            write_dump(size.root, dump)
        argv = dngraph_command() + ["link", "--with", str(dump), "--root", str(size.root), "--cache-dir", str(cache)]
        if built:
            self.item(size, "step", "link", argv)
        else:
            self.skip(size, "step", "link", "skipped: no build")
        self.pair(size, "link", "pyoxigraph load files + dump", worker("oxigraph-link", size.root, str(dump)))

    def pair(self, size: Size, step: str, name: str, argv: list, module: str | None = None,
             inproc: bool = False, prepare=None) -> None:
        size.pairs.append([step, name])
        if module and not installed(module):
            self.skip(size, "baseline", name, "not available")
        else:
            self.item(size, "baseline", name, argv, prepare=prepare, inproc=inproc)
