"""Input digests remembered in the cache folder (dngraph.digests): used while a file is
unchanged, never after an edit, whatever its size and modification time say."""

from __future__ import annotations

import hashlib
import os
import shutil
import time

import pytest

import dngraph.cache
from dngraph.cache import cache_key
from dngraph.digests import MEMO, file_digests
from dngraph.resources import Layout

from conftest import ROOT


@pytest.fixture
def root(tmp_path):
    """A copy of the project whose files were last modified a minute ago."""
    copy = tmp_path / "root"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, copy / name)
    past = time.time() - 60
    for path in copy.rglob("*"):
        os.utime(path, (past, past))
    return copy


def _refuse_reads(monkeypatch):
    def read(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(dngraph.cache, "read_source", read)


def test_a_remembered_digest_gives_the_same_key_without_reading(root, tmp_path, monkeypatch):
    layout, memo = Layout(root), tmp_path / "cache"
    plain = cache_key(layout)
    assert cache_key(layout, memo=memo) == plain
    assert (memo / MEMO).is_file()
    _refuse_reads(monkeypatch)
    assert cache_key(layout, memo=memo) == plain


def test_an_edit_that_keeps_size_and_modification_time_is_seen(root, tmp_path):
    layout, memo = Layout(root), tmp_path / "cache"
    before = cache_key(layout, memo=memo)
    target = root / "data" / "sources" / "joining-forces-for-canada.ttl"
    stat = target.stat()
    text = target.read_bytes()
    target.write_bytes(text.replace(b"Canada", b"Kanada", 1))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert target.stat().st_size == stat.st_size and target.stat().st_mtime_ns == stat.st_mtime_ns
    assert cache_key(layout, memo=memo) != before
    assert cache_key(layout, memo=memo) == cache_key(layout)


def test_a_digest_recorded_just_after_an_edit_is_not_trusted(tmp_path):
    path, memo = tmp_path / "f.ttl", tmp_path / "cache"
    path.write_bytes(b"one")
    reads = []

    def read(p):
        reads.append(p)
        return p.read_bytes()

    assert file_digests([path], memo, read) == [hashlib.sha256(b"one").digest()]
    assert file_digests([path], memo, read) == [hashlib.sha256(b"one").digest()]
    assert len(reads) == 2  # modified within two seconds of being recorded: read again


def test_a_damaged_memo_is_ignored(root, tmp_path):
    layout, memo = Layout(root), tmp_path / "cache"
    memo.mkdir()
    (memo / MEMO).write_text('{"x": [1, 2], "y": "z"')
    assert cache_key(layout, memo=memo) == cache_key(layout)
    (memo / MEMO).write_text('{"%s": [1, 2, 3]}' % (root / "ontology" / "dngraph.ttl"))
    assert cache_key(layout, memo=memo) == cache_key(layout)
