"""``dngraph query NAME`` without click (dngraph.entry): read exactly as click reads it,
answered exactly as the click command answers it, and everything else left to click."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from dngraph.cli import cli
from dngraph.entry import quick_query

from conftest import ROOT

CLICK = "import sys; from dngraph.cli import cli; cli.main(args=sys.argv[1:], prog_name='dngraph')"
# the query command's parameters, named as click names them
KEYS = ("name", "pairs", "fmt", "output", "no_infer", "root", "cache_dir", "reasoner")


def click_params(args: list[str], name: str = "query") -> dict:
    """What click hands the command ``name`` for ``args`` (after the command's name)."""
    command = cli.get_command(None, name)
    return command.make_context(name, list(args)).params


@pytest.mark.parametrize("args", [
    ["query", "members"],
    ["--debug", "query", "members"],
    ["query", "members", "-p", "lang=fr", "--param", "on=2021-11-18", "--param=x=y=z"],
    ["query", "-f", "csv", "members", "--no-infer"],
    ["query", "members", "--format=json", "--reasoner", "owlrl", "--root", str(ROOT)],
    ["query", "members", "--cache-dir", "new-folder", "-o", "out.csv"],
    ["query", "members", "--param", "", "-p", "a="],
])
def test_a_plain_query_call_is_read_as_click_reads_it(args):
    call = quick_query(args)
    assert call is not None and call["debug"] == (args[0] == "--debug")
    expected = click_params(args[args.index("query") + 1:])
    read = {key: tuple(value) if key == "pairs" else value for key, value in call.items() if key in KEYS}
    assert read == {key: expected[key] for key in read}
    for key in set(KEYS) - set(read):  # an option not given has click's default
        assert expected[key] in (None, "rules"), key


@pytest.mark.parametrize("args", [
    ["queries"], ["--debug", "queries", "--root", str(ROOT)], ["queries", "--cache-dir=somewhere"]])
def test_a_plain_listing_of_the_queries_is_read_as_click_reads_it(args):
    call = quick_query(args)
    assert call is not None and call["command"] == "queries"
    expected = click_params(args[args.index("queries") + 1:], "queries")
    assert {key: call.get(key) for key in expected} == expected


@pytest.mark.parametrize("args", [
    ["queries", "members"], ["queries", "--no-infer"], ["queries", "-f", "csv"], ["queries", "--reasoner", "rules"],
    ["queries", "--root", "/no/such/folder"], ["queries", "--help"],
    [], ["--help"], ["--version"], ["query"], ["query", "--help"], ["query", "members", "-h"],
    ["stats"], ["sparql", "--query", "ASK {}"], ["query", "a", "b"], ["query", "members", "--"],
    ["query", "members", "--timeout", "5"], ["query", "members", "--max-rows", "3"],
    ["query", "members", "--allow-network"], ["query", "members", "--endpoint", "http://127.0.0.1:1/q"],
    ["query", "members", "--with-sources"], ["query", "members", "-fcsv"], ["query", "members", "-p=a=1"],
    ["query", "members", "-f", "csv", "-f", "json"], ["query", "members", "--format", "xml"],
    ["query", "members", "--reasoner", "hermit"], ["query", "members", "-p"], ["query", "members", "-p", "-x=1"],
    ["query", "members", "--root", "/no/such/folder"], ["query", "members", "--root", str(ROOT / "README.md")],
    ["query", "members", "--cache-dir", str(ROOT / "README.md")], ["query", "members", "-o", str(ROOT)],
    ["query", "members", "--no-infer", "--no-infer"], ["query", "members", "--no-infer=yes"],
    ["query", "members", "--debug"], ["query", "-members"], ["query", ""], ["query", "members", "--root", ""],
])
def test_anything_else_is_left_to_click(args):
    assert quick_query(args) is None


def test_a_timeout_from_the_environment_is_left_to_click(monkeypatch):
    assert quick_query(["query", "members"]) is not None
    monkeypatch.setenv("DNGRAPH_TIMEOUT", "5")
    assert quick_query(["query", "members"]) is None


def _both(args, cwd, env=None):
    env = dict(os.environ, **(env or {}))
    quick = subprocess.run([sys.executable, "-m", "dngraph", *args], capture_output=True, cwd=cwd, env=env)
    slow = subprocess.run([sys.executable, "-c", CLICK, *args], capture_output=True, cwd=cwd, env=env)
    return quick, slow


@pytest.mark.parametrize("args", [
    ["query", "members"],
    ["query", "members", "-f", "csv", "-p", "lang=fr"],
    ["query", "members", "--format=json", "--param", "on=2021-11-18", "--no-infer"],
    ["query", "members", "-f", "markdown", "--param", "on=2014-06-01"],
    ["query", "summits", "-f", "tsv"],
    ["query", "membres"],  # unknown: exit 2 naming the close names
    ["query", "members", "-p", "on=the-day-after"],  # a bad value: exit 2 naming the parameter
    ["query", "members", "-p", "colour=red"],  # no such parameter
    ["query", "members", "-p", "on"],  # not NAME=VALUE
    ["query", "members", "-f", "turtle"],  # rows in a graph format
])
def test_the_quick_path_answers_as_the_click_command_does(args, cache_dir, tmp_path):
    quick, slow = _both(args, tmp_path, {"DNGRAPH_CACHE": str(cache_dir)})
    assert quick_query(args) is not None
    assert (quick.returncode, quick.stdout, quick.stderr) == (slow.returncode, slow.stdout, slow.stderr)
    assert quick.returncode in (0, 2) and (quick.stdout if quick.returncode == 0 else quick.stderr)


def test_the_listing_of_the_queries_is_the_click_commands_also_with_a_broken_file(cache_dir, tmp_path):
    env = {"DNGRAPH_CACHE": str(cache_dir)}
    quick, slow = _both(["queries"], tmp_path, env)
    assert quick.returncode == slow.returncode == 0
    assert (quick.stdout, quick.stderr) == (slow.stdout, slow.stderr) and b"members: " in quick.stdout
    root = tmp_path / "root"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    (root / "queries" / "broken.rq").write_text("# param: x nonsense\nSELECT * WHERE { ?s ?p ?o }\n")
    quick, slow = _both(["queries", "--root", str(root)], tmp_path, env)
    assert quick.returncode == slow.returncode == 2
    assert (quick.stdout, quick.stderr) == (slow.stdout, slow.stderr) and b"broken.rq" in quick.stderr


def test_output_to_a_file_and_a_failure_with_debug_match_too(cache_dir, tmp_path):
    env = {"DNGRAPH_CACHE": str(cache_dir)}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "old.csv").write_text("old\n")
    quick = subprocess.run([sys.executable, "-m", "dngraph", "query", "members", "-f", "csv", "-o", "old.csv"],
                           capture_output=True, cwd=tmp_path / "a", env=dict(os.environ, **env))
    slow = subprocess.run([sys.executable, "-c", CLICK, "query", "members", "-f", "csv", "-o", "old.csv"],
                          capture_output=True, cwd=tmp_path / "b", env=dict(os.environ, **env))
    assert quick.returncode == slow.returncode == 0 and quick.stdout == slow.stdout == b""
    assert (tmp_path / "a" / "old.csv").read_bytes() == (tmp_path / "b" / "old.csv").read_bytes() != b"old\n"
    quick, slow = _both(["--debug", "query", "members", "-p", "on=nonsense"], tmp_path, env)
    assert quick.returncode == slow.returncode == 2
    assert b"Traceback" in quick.stderr and b"Traceback" in slow.stderr
    assert quick.stderr.splitlines()[-1] == slow.stderr.splitlines()[-1]


def test_a_warm_query_imports_neither_click_nor_dataclasses(cache_dir):
    code = ("import sys, dngraph.entry as entry\n"
            "code = entry.run_quick(entry.quick_query(['query', 'members', '-f', 'csv']))\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'dataclasses', 'inspect', 'rdflib'))\n"
            "print(code, heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, DNGRAPH_CACHE=str(cache_dir)))
    assert done.stderr.strip() == "0 []", done.stderr
    assert done.stdout.startswith("nation,nationLabel,code,joined,lastAttested")
