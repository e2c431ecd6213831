"""The on-disk store is written in two parts (dngraph.storewrite): the parsed graphs and
their merge by a forked process while the build reasons, the rest after. Whichever way
it is written, the store on disk holds exactly the quads built in memory, and a blank
node is one node in both parts. Each build that may fork runs in a fresh process, as a
command's first build does (the test process runs RocksDB's threads)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest

from dngraph import build, storewrite
from dngraph.resources import Layout

from conftest import ROOT

BUILD = textwrap.dedent("""
    import json, os, sys, threading
    from pathlib import Path
    from dngraph import build, rules, storewrite
    from dngraph.resources import Layout
    folder, mode = Path(sys.argv[1]), sys.argv[2]
    forks, real_fork = [], os.fork
    os.fork = lambda: forks.append(1) or real_fork()
    storewrite.WRITE_SLICE = 997
    if mode == "thread":  # another thread runs, as in a server
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    if mode == "writer fails":
        parent, real = os.getpid(), storewrite.write_store
        def write_store(folder, quads):
            if os.getpid() != parent:
                raise OSError("disk full")
            real(folder, quads)
        storewrite.write_store = write_store
    if mode == "build fails":
        def rule_closure(store, max_rounds=1000):
            raise RuntimeError("no fixpoint")
        rules.rule_closure = rule_closure
    try:
        build.build_store(Layout(Path(sys.argv[3])), "rules", folder)
        error = None
    except Exception as exc:
        error = str(exc)
    try:
        os.waitpid(-1, os.WNOHANG)
        leftover = True
    except ChildProcessError:
        leftover = False
    print(json.dumps({"forks": len(forks), "error": error, "leftover": leftover}))
""")


def build_in_a_fresh_process(folder, mode: str = "plain") -> dict:
    done = subprocess.run([sys.executable, "-c", BUILD, str(folder), mode, str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def blank(quad) -> bool:
    return any(isinstance(term, ox.BlankNode) for term in (quad.subject, quad.object))


def same_store(on_disk: set, in_memory: set) -> None:
    """The same quads, blank nodes aside (each build names them afresh), and every blank
    node of the merged default graph the very node of the named graph that states it."""
    assert len(on_disk) == len(in_memory)
    assert {q for q in on_disk if not blank(q)} == {q for q in in_memory if not blank(q)}
    named = {(q.subject, q.predicate, q.object) for q in on_disk if not isinstance(q.graph_name, ox.DefaultGraph)}
    merged = [q for q in on_disk if isinstance(q.graph_name, ox.DefaultGraph) and blank(q)]
    assert merged and all((q.subject, q.predicate, q.object) in named for q in merged)


@pytest.fixture(scope="module")
def in_memory():
    return set(build.build_store(Layout(ROOT), "rules", None)[0])


@pytest.mark.parametrize("mode,forks", [("plain", 2), ("thread", 0)])
def test_the_store_written_in_slices_holds_every_quad(tmp_path, in_memory, mode, forks):
    """With slices far smaller than the graph (dngraph.storewrite.WRITE_SLICE bounds the
    bulk loader's memory) and a size that does not divide it; written by a forked process
    and the build, or, with another thread running, by the build alone."""
    assert len(in_memory) > 5 * 997 and len(in_memory) % 997
    outcome = build_in_a_fresh_process(tmp_path / "store", mode)
    assert outcome == {"forks": forks, "error": None, "leftover": False}
    same_store(set(ox.Store.read_only(str(tmp_path / "store"))), in_memory)


def test_a_process_running_a_store_builds_without_forking(tmp_path, in_memory, monkeypatch):
    opened = ox.Store(str(tmp_path / "opened"))  # RocksDB's threads now run in this process
    assert not storewrite.single_threaded()
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked beside running threads"))
    build.build_store(Layout(ROOT), "rules", tmp_path / "store")
    same_store(set(ox.Store.read_only(str(tmp_path / "store"))), in_memory)
    del opened


def test_the_owlrl_build_is_written_whole(tmp_path):
    in_memory = set(build.build_store(Layout(ROOT), "owlrl", None)[0])
    build.build_store(Layout(ROOT), "owlrl", tmp_path / "owlrl")
    same_store(set(ox.Store.read_only(str(tmp_path / "owlrl"))), in_memory)


def test_a_writer_that_fails_fails_the_build(tmp_path):
    outcome = build_in_a_fresh_process(tmp_path / "store", "writer fails")
    assert outcome["forks"] == 1 and not outcome["leftover"]
    assert "writing process ended with 1" in outcome["error"]


def test_a_build_that_fails_stops_and_reaps_its_writer(tmp_path):
    outcome = build_in_a_fresh_process(tmp_path / "store", "build fails")
    assert outcome == {"forks": 1, "error": "no fixpoint", "leftover": False}


def test_a_commands_first_build_writes_beside_the_reasoning(tmp_path):
    """``dngraph stats`` with an empty cache builds in a single-threaded process, so both
    parts of its store are written by forked processes (nothing starts a thread first)."""
    script = textwrap.dedent("""
        import os, sys
        forks, real_fork = [], os.fork
        os.fork = lambda: forks.append(1) or real_fork()
        from dngraph.cli import main
        try:
            main(["stats", "--cache-dir", sys.argv[1]])
        except SystemExit as end:
            print(f"forks={len(forks)} exit={end.code}", file=sys.stderr)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "cache")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.stderr.strip().splitlines()[-1] == "forks=2 exit=0", done.stderr[-2000:]
    assert "triples" in done.stdout
