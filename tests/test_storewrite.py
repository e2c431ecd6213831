"""The on-disk store is written in two parts (dngraph.storewrite): the parsed graphs and
their merge by a forked process while the build reasons, the rest after. Whichever way
it is written, the store on disk holds exactly the quads built in memory, and a blank
node is one node in both parts."""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest

from dngraph import build, rules, storewrite
from dngraph.resources import Layout

from conftest import ROOT


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


@pytest.mark.parametrize("forked", [True, False])
def test_the_store_written_in_slices_holds_every_quad(tmp_path, monkeypatch, forked):
    """With slices far smaller than the graph (dngraph.storewrite.WRITE_SLICE bounds the
    bulk loader's memory) and a size that does not divide it, written by the forked
    process and the build, or by the build alone."""
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    if not forked:  # as when other threads run (a server building on first use)
        monkeypatch.setattr(storewrite.threading, "active_count", lambda: 2)
    in_memory = set(build.build_store(Layout(ROOT), "rules", None)[0])
    monkeypatch.setattr(storewrite, "WRITE_SLICE", 997)
    assert len(in_memory) > 5 * 997 and len(in_memory) % 997
    build.build_store(Layout(ROOT), "rules", tmp_path / "sliced")
    assert len(forks) == (1 if forked else 0)
    same_store(set(ox.Store.read_only(str(tmp_path / "sliced"))), in_memory)


def test_the_owlrl_build_is_written_whole(tmp_path):
    in_memory = set(build.build_store(Layout(ROOT), "owlrl", None)[0])
    build.build_store(Layout(ROOT), "owlrl", tmp_path / "owlrl")
    same_store(set(ox.Store.read_only(str(tmp_path / "owlrl"))), in_memory)


def test_a_writer_that_fails_fails_the_build(tmp_path, monkeypatch):
    parent = os.getpid()
    real = storewrite.write_store

    def fail_in_the_child(folder, quads):
        if os.getpid() != parent:
            raise OSError("disk full")
        real(folder, quads)
    monkeypatch.setattr(storewrite, "write_store", fail_in_the_child)
    with pytest.raises(RuntimeError, match="writing process ended with 1"):
        build.build_store(Layout(ROOT), "rules", tmp_path / "failed")
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_build_that_fails_stops_its_writer(tmp_path, monkeypatch):
    def broken(store, max_rounds=1000):
        raise RuntimeError("no fixpoint")
    monkeypatch.setattr(rules, "rule_closure", broken)
    with pytest.raises(RuntimeError, match="no fixpoint"):
        build.build_store(Layout(ROOT), "rules", tmp_path / "stopped")
    with pytest.raises(ChildProcessError):  # the forked writer was stopped and reaped
        os.waitpid(-1, os.WNOHANG)
