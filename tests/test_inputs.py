"""Bounded input: size limits on data files, query files and parameters; FIFOs, devices and
symbolic links out of the project refused with one line."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli
from dngraph.errors import LoadError, ParameterError, QueryError

from conftest import ROOT


@pytest.fixture
def copy_root(tmp_path):
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / "root" / name)
    return tmp_path / "root"


def test_query_file_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "query.rq"
    os.mkfifo(fifo)
    result = CliRunner().invoke(cli, ["sparql", str(fifo)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {fifo}: is a FIFO, not a regular file (pipe a query to standard input with -)"


def test_query_file_that_is_a_device_is_refused():
    result = CliRunner().invoke(cli, ["sparql", "/dev/zero"])
    assert result.exit_code == 2
    assert "/dev/zero: is a device or socket, not a regular file" in result.stderr


def test_query_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    query = tmp_path / "big.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n" + "# padding\n" * 200, encoding="utf-8")
    assert CliRunner().invoke(cli, ["sparql", str(query), "-f", "csv"]).exit_code == 0
    monkeypatch.setenv("DNGRAPH_MAX_QUERY_BYTES", "1000")
    result = CliRunner().invoke(cli, ["sparql", str(query)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {query}: {query.stat().st_size} bytes, more than the limit of 1000 (DNGRAPH_MAX_QUERY_BYTES)"


def test_data_file_over_the_limit_is_refused(copy_root, tmp_path, monkeypatch):
    biggest = max((copy_root / "data").rglob("*.ttl"), key=lambda p: p.stat().st_size)
    monkeypatch.setenv("DNGRAPH_MAX_DATA_BYTES", str(biggest.stat().st_size - 1))
    with pytest.raises(LoadError, match=f"{biggest.name}: {biggest.stat().st_size} bytes, more than the limit"):
        dngraph.open(copy_root, cache_dir=tmp_path / "cache").store
    result = CliRunner().invoke(cli, ["validate", "--root", str(copy_root)])
    assert result.exit_code == 2 and "DNGRAPH_MAX_DATA_BYTES" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_data_file_that_is_a_fifo_is_refused(copy_root, tmp_path):
    os.mkfifo(copy_root / "data" / "sources" / "pipe.ttl")
    with pytest.raises(LoadError, match="pipe.ttl: is a FIFO, not a regular file"):
        dngraph.open(copy_root, cache_dir=tmp_path / "cache").store


def test_symbolic_link_out_of_the_project_is_refused(copy_root, tmp_path):
    outside = tmp_path / "elsewhere.ttl"
    outside.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n", encoding="utf-8")
    (copy_root / "data" / "sources" / "elsewhere.ttl").symlink_to(outside)
    with pytest.raises(LoadError, match="elsewhere.ttl: is a symbolic link to .*outside"):
        dngraph.open(copy_root, cache_dir=tmp_path / "cache").store


def test_symbolic_link_inside_the_project_is_read(copy_root, tmp_path):
    (copy_root / "queries" / "members-again.rq").symlink_to(copy_root / "queries" / "members.rq")
    kg = dngraph.open(copy_root, cache_dir=tmp_path / "cache")
    assert "members-again" in kg.queries()


def test_saved_query_linked_from_outside_is_named_as_unusable(copy_root, tmp_path):
    outside = tmp_path / "outside.rq"
    shutil.copy(copy_root / "queries" / "members.rq", outside)
    (copy_root / "queries" / "outside.rq").symlink_to(outside)
    kg = dngraph.open(copy_root, cache_dir=tmp_path / "cache")
    assert "outside" not in kg.queries()
    assert "symbolic link" in str(kg.query_problems()["outside"])


def test_parameter_over_the_limit_is_refused(kg, monkeypatch):
    with pytest.raises(ParameterError, match="parameter 'on' \\(date as YYYY-MM-DD\\): 5000 bytes, more than the limit of 4096"):
        kg.query("members", on="2" * 5000)
    monkeypatch.setenv("DNGRAPH_MAX_PARAM_BYTES", "8")
    with pytest.raises(ParameterError, match="DNGRAPH_MAX_PARAM_BYTES"):
        kg.query("members", on="2021-11-18")
    result = CliRunner().invoke(cli, ["query", "members", "--param", "on=2021-11-18"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_limits_must_be_positive_numbers(kg, monkeypatch):
    monkeypatch.setenv("DNGRAPH_MAX_QUERY_BYTES", "-1")
    with pytest.raises(QueryError, match="DNGRAPH_MAX_QUERY_BYTES='-1': expected a positive whole number"):
        kg.sparql("ASK {}")
