"""The build cache: reused when inputs are unchanged, rebuilt when they change or it is damaged."""

from __future__ import annotations

import shutil

import pytest

import dngraph
from dngraph.cache import cache_path

from conftest import ROOT


@pytest.fixture
def root(tmp_path):
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / "root" / name)
    return tmp_path / "root"


def members_count(kg) -> int:
    return len(kg.sparql("SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/dngraph/ontology#ForumMembership> }"))


def test_second_open_reuses_the_cache(root, tmp_path):
    first = dngraph.open(root, cache_dir=tmp_path / "c")
    count = members_count(first)
    assert first.built
    second = dngraph.open(root, cache_dir=tmp_path / "c")
    assert members_count(second) == count
    assert not second.built


def test_changed_file_invalidates_the_cache(root, tmp_path):
    kg = dngraph.open(root, cache_dir=tmp_path / "c")
    before = cache_path(kg.layout, tmp_path / "c")
    kg.store
    extra = root / "data" / "reference" / "wikipedia-digital-nations.ttl"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n", encoding="utf-8")
    assert cache_path(kg.layout, tmp_path / "c") != before
    again = dngraph.open(root, cache_dir=tmp_path / "c")
    again.store
    assert again.built


@pytest.mark.parametrize("damage", [
    lambda b: b[: len(b) // 2],                       # truncated write
    lambda b: b.replace(b"nation/ca", b"nation/xx", 1),  # silently altered content
    lambda b: b"\x00\x01 not n-quads at all",
])
def test_corrupt_cache_is_rebuilt_not_trusted(root, tmp_path, damage):
    kg = dngraph.open(root, cache_dir=tmp_path / "c")
    count = members_count(kg)
    path = cache_path(kg.layout, tmp_path / "c")
    path.write_bytes(damage(path.read_bytes()))
    again = dngraph.open(root, cache_dir=tmp_path / "c")
    assert members_count(again) == count
    assert again.built
    assert b"nation/xx" not in path.read_bytes()


def test_inferred_triples_are_kept_apart(kg):
    # dn:signedAt is a subproperty of dn:adoptedAt: the entailment is only in the inferred graph.
    # The updated charter is only ever said to be signed (some public pages assert dn:adoptedAt for other documents).
    doc = "<https://w3id.org/dngraph/id/charter/updated-digital-nations-charter>"
    ask = f"""ASK {{ GRAPH <https://w3id.org/dngraph/graph/inferred> {{
        {doc} <https://w3id.org/dngraph/ontology#adoptedAt> ?event }} }}"""
    assert kg.sparql(ask).boolean
    assert not kg.sparql(f"""ASK {{ {doc} <https://w3id.org/dngraph/ontology#adoptedAt> ?event }}""",
                         infer=False).boolean
