"""Nothing lost: a writer killed mid-way leaves the previous file whole, and the next run
leaves no temporary behind; a build killed mid-way does not stop the next one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import rdflib

import dngraph
from dngraph.digests import MEMO

from conftest import ROOT
from rdfcompare import same

# Runs ARGV[2:] as a dngraph command, but stops for good just before the finished
# temporary would be renamed over the target, after writing STARTED.
STALLED = """
import os, sys, time
from pathlib import Path
started = Path(sys.argv[1])
real_replace = os.replace
def stall(src, dst):
    started.write_text(str(src))
    time.sleep(600)
os.replace = stall
from dngraph.cli import main
main(sys.argv[2:])
"""


def run_until_stalled(script: str, *args: str, tmp_path: Path, env: dict | None = None) -> subprocess.Popen:
    started = tmp_path / "started"
    started.unlink(missing_ok=True)
    process = subprocess.Popen([sys.executable, "-c", script, str(started), *args],
                               env=dict(os.environ, **(env or {})))
    deadline = time.monotonic() + 120
    while not started.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the writer ended before the rename"
        time.sleep(0.05)
    return process


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_killed_export_leaves_the_previous_file_and_the_next_run_no_temporary(kg, tmp_path, cache_dir):
    target = tmp_path / "out" / "graph.ttl"
    target.parent.mkdir()
    assert subprocess.run([sys.executable, "-m", "dngraph", "export", "-o", str(target), "--source",
                           "joining-forces-for-canada"],
                          env=dict(os.environ, DNGRAPH_CACHE=str(cache_dir))).returncode == 0
    before = target.read_bytes()
    writer = run_until_stalled(STALLED, "export", "-o", str(target), "--source", "uk-backs-digital-government-declaration", tmp_path=tmp_path,
                               env={"DNGRAPH_CACHE": str(cache_dir)})
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert target.read_bytes() == before  # the old file, whole
    assert len(leftovers(target.parent)) == 1  # what the killed writer left
    assert subprocess.run([sys.executable, "-m", "dngraph", "export", "-o", str(target), "--source",
                           "uk-backs-digital-government-declaration"],
                          env=dict(os.environ, DNGRAPH_CACHE=str(cache_dir))).returncode == 0
    assert leftovers(target.parent) == []
    assert same(rdflib.Graph().parse(target, format="turtle"),
                      rdflib.Graph().parse(data=kg.export("turtle", sources=["uk-backs-digital-government-declaration"]).decode("utf-8"), format="turtle"))


def test_temporaries_of_a_writer_still_at_work_are_kept(tmp_path):
    from dngraph.leftovers import sweep, temp_prefix
    from dngraph.output import write_output

    target = tmp_path / "answer.csv"
    mine = tmp_path / f"{temp_prefix(target)}abc.tmp"  # this process is running
    mine.write_text("partial")
    write_output(target, "a,b\n")
    assert mine.exists() and target.read_text() == "a,b\n"
    assert sweep(target) == []


def test_killed_build_does_not_stop_the_next(tmp_path):
    root = tmp_path / "root"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    cache = tmp_path / "cache"
    script = STALLED.replace("from dngraph.cli import main\nmain(sys.argv[2:])",
                             "import dngraph\ndngraph.open(sys.argv[2], cache_dir=sys.argv[3]).store")
    builder = run_until_stalled(script, str(root), str(cache), tmp_path=tmp_path)
    builder.send_signal(signal.SIGKILL)
    builder.wait()
    assert leftovers(cache)  # the half-published build
    kg = dngraph.open(root, cache_dir=cache)
    assert len(kg.sparql("SELECT ?n WHERE { ?n a dn:Nation }")) >= 10 and kg.built
    assert leftovers(cache) == [] and [p.name.startswith("store-") for p in cache.iterdir() if p.name != MEMO] == [True]
