"""The built store: reused when inputs are unchanged, rebuilt when they change or it is damaged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import dngraph
from dngraph.digests import MEMO
from dngraph.store import MANIFEST, store_path

from conftest import ROOT


@pytest.fixture
def root(tmp_path):
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / "root" / name)
    return tmp_path / "root"


def members_count(kg) -> int:
    return len(kg.sparql("SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/dngraph/ontology#ForumMembership> }"))


def test_second_open_reuses_the_store(root, tmp_path):
    first = dngraph.open(root, cache_dir=tmp_path / "c")
    count = members_count(first)
    assert first.built and count >= 10
    second = dngraph.open(root, cache_dir=tmp_path / "c")
    assert members_count(second) == count
    assert not second.built
    assert [p.name for p in (tmp_path / "c").iterdir() if p.name != MEMO] == [store_path(first.layout, tmp_path / "c", first.reasoner).name]


def test_changed_file_invalidates_the_store(root, tmp_path):
    kg = dngraph.open(root, cache_dir=tmp_path / "c")
    before = store_path(kg.layout, tmp_path / "c")
    kg.store
    extra = root / "data" / "reference" / "wikipedia-digital-nations.ttl"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert store_path(kg.layout, tmp_path / "c") != before
    again = dngraph.open(root, cache_dir=tmp_path / "c")
    again.store
    assert again.built


def _biggest_table(path):
    return max(path.glob("*.sst"), key=lambda p: p.stat().st_size)


def _flip(path):
    blob = bytearray(path.read_bytes())
    for i in range(0, len(blob), 997):
        blob[i] ^= 0xFF
    path.write_bytes(bytes(blob))


DAMAGE = {
    "half-built (no manifest)": lambda p: (p / MANIFEST).unlink(),
    "manifest of another build": lambda p: (p / MANIFEST).write_text(
        json.dumps(dict(json.loads((p / MANIFEST).read_text()), key="0" * 32))),
    "truncated table": lambda p: _biggest_table(p).write_bytes(_biggest_table(p).read_bytes()[:100]),
    "bytes altered in a table": lambda p: _flip(_biggest_table(p)),
    "table missing": lambda p: _biggest_table(p).unlink(),
    "metadata altered": lambda p: (p / "CURRENT").write_text("MANIFEST-999999\n"),
    "stray file": lambda p: (p / "000999.sst").write_bytes(b"x"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_store_is_rebuilt_not_trusted(root, tmp_path, damage):
    kg = dngraph.open(root, cache_dir=tmp_path / "c")
    count = members_count(kg)
    path = store_path(kg.layout, tmp_path / "c", kg.reasoner)
    del kg
    damage(path)
    again = dngraph.open(root, cache_dir=tmp_path / "c")
    assert members_count(again) == count
    assert again.built
    assert not dngraph.open(root, cache_dir=tmp_path / "c").built


def test_concurrent_builds_end_with_one_valid_store(root, tmp_path):
    script = ("import sys, dngraph; kg = dngraph.open(sys.argv[1], cache_dir=sys.argv[2]); "
              "print(len(kg.sparql('SELECT * WHERE { ?s a ?c }')))")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(root), str(tmp_path / "c")],
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outputs[0] == outputs[1] and int(outputs[0]) > 100
    kg = dngraph.open(root, cache_dir=tmp_path / "c")
    assert [p.name for p in (tmp_path / "c").iterdir() if p.name != MEMO] == [store_path(kg.layout, tmp_path / "c", kg.reasoner).name]
    assert members_count(kg) >= 10 and not kg.built


def test_inferred_triples_are_kept_apart(kg):
    # dn:signedAt is a subproperty of dn:adoptedAt: the entailment is only in the inferred graph.
    # The updated charter is only ever said to be signed (some public pages assert dn:adoptedAt for other documents).
    doc = "<https://w3id.org/dngraph/id/charter/updated-digital-nations-charter>"
    ask = f"""ASK {{ GRAPH <https://w3id.org/dngraph/graph/inferred> {{
        {doc} <https://w3id.org/dngraph/ontology#adoptedAt> ?event }} }}"""
    assert kg.sparql(ask).boolean
    assert not kg.sparql(f"""ASK {{ {doc} <https://w3id.org/dngraph/ontology#adoptedAt> ?event }}""",
                         infer=False).boolean
