"""Validation of unchanged input is answered from a cached report (validate_cache.py),
and ``dngraph validate --engine`` chooses the engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dngraph import validate, validate_cache
from dngraph.cli import cli
from dngraph.resources import Layout

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root(tmp_path):
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def refuse(*args, **kwargs):
    raise AssertionError("validated again instead of reading the cached report")


def test_unchanged_input_is_answered_from_the_cache(root, tmp_path, monkeypatch):
    layout, cache = Layout(root), tmp_path / "cache"
    first = validate.validate_layout(layout, cache=cache)
    files = list(cache.glob("validation-*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["key"] == files[0].stem
    monkeypatch.setattr(validate, "_run", refuse)
    assert validate.validate_layout(layout, cache=cache) == first


def test_changed_data_shapes_or_engine_is_validated_again(root, tmp_path):
    layout, cache = Layout(root), tmp_path / "cache"
    key = validate_cache.report_key(layout, layout.shapes, "fast")
    assert validate_cache.report_key(layout, layout.shapes, "pyshacl") != key
    shapes = layout.shapes.read_text(encoding="utf-8")
    layout.shapes.write_text(shapes + "\n# a comment\n", encoding="utf-8")
    assert validate_cache.report_key(layout, layout.shapes, "fast") != key
    validate.validate_layout(layout, cache=cache)
    path = root / "data/reference/iso-3166-1.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace('dn:iso3166Alpha2 "DK"', 'dn:iso3166Alpha2 "dk"'),
                    encoding="utf-8")
    report = validate.validate_layout(layout, cache=cache)
    assert not report.conforms
    assert len(list(cache.glob("validation-*.json"))) == 2


@pytest.mark.parametrize("damage", ["truncate", "other key", "not json"])
def test_a_damaged_report_is_not_trusted(root, tmp_path, damage):
    layout, cache = Layout(root), tmp_path / "cache"
    first = validate.validate_layout(layout, cache=cache)
    path = next(cache.glob("validation-*.json"))
    text = path.read_text(encoding="utf-8")
    path.write_text({"truncate": text[: len(text) // 2], "other key": text.replace(path.stem, "0" * 32),
                     "not json": "conforms"}[damage], encoding="utf-8")
    assert validate_cache.read(path) is None
    assert validate.validate_layout(layout, cache=cache) == first
    assert validate_cache.read(path) == first  # rewritten whole


def test_cli_engine_option(root, tmp_path):
    path = root / "data/reference/iso-3166-1.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace('dn:iso3166Alpha2 "DK"', 'dn:iso3166Alpha2 "dk"'),
                    encoding="utf-8")
    outputs = {}
    for engine in ("fast", "pyshacl"):
        result = CliRunner().invoke(cli, ["validate", "--root", str(root), "--cache-dir", str(tmp_path / engine),
                                          "--engine", engine], catch_exceptions=False)
        assert result.exit_code == 1, result.output
        outputs[engine] = result.output
    assert outputs["fast"] == outputs["pyshacl"]
    assert "<https://w3id.org/dngraph/id/nation/dk>" in outputs["fast"]
    bad = CliRunner().invoke(cli, ["validate", "--root", str(root), "--engine", "nonsense"])
    assert bad.exit_code == 2
