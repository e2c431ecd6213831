"""dngraph.quick answers `dngraph query NAME` exactly as the click CLI does, without importing
click, and hands every other command line to the CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dngraph.quick import simple_query

from conftest import ROOT

QUICK = "import sys; from dngraph.quick import main; main(sys.argv[1:])"
FULL = "import sys; from dngraph.cli import main; main(sys.argv[1:])"
REPORT = ("import atexit, sys; atexit.register(lambda: sys.stderr.write("
          "'click loaded\\n' if 'click' in sys.modules else ''));")


def run(code: str, args: list[str], env: dict) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-c", REPORT + code, *args], capture_output=True, text=True,
                          env=env, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DNGRAPH_")}
    clean.update(DNGRAPH_CACHE=str(cache), DNGRAPH_CONFIG=str(cache / "no-config.ini"))
    subprocess.run([sys.executable, "-c", FULL, "query", "members"], env=clean, check=True,
                   capture_output=True)  # builds the store
    return clean


@pytest.mark.parametrize("args", [
    ["query", "members"],
    ["query", "members", "-f", "csv"],
    ["query", "members", "--format", "json", "--no-infer"],
    ["query", "members", "--param", "on=2021-11-18", "-f", "tsv"],
    ["query", "members", "-p", "on=2021-11-18", "-p", "on=2019-01-01"],
    ["query", "members", "--root", str(ROOT)],
    ["query", "membres"],  # unknown: exit 2 naming the close names
    ["query", "members", "-p", "on=yesterday"],  # a bad value: exit 2
    ["query", "members", "-p", "colour=red"],  # an unknown parameter: exit 2
])
def test_same_answer_as_the_cli_without_click(env, args):
    assert simple_query(args) is not None
    code, out, err = run(QUICK, args, env)
    assert "click loaded" not in err
    full_code, full_out, full_err = run(FULL, args, env)
    assert "click loaded" in full_err
    assert (code, out, err) == (full_code, full_out, full_err.replace("click loaded\n", ""))


@pytest.mark.parametrize("args", [
    ["--help"], ["queries"], ["query"], ["query", "members", "--help"], ["query", "--debug", "members"],
    ["query", "members", "-o", "x.csv"], ["query", "members", "--format=csv"],
    ["query", "members", "-f", "yaml"], ["query", "members", "-p", "on"], ["query", "members", "-p"],
    ["query", "members", "--root", "/no/such/folder"], ["query", "members", "--with-sources"],
    ["query", "members", "--timeout", "5"], ["query", "members", "--endpoint", "http://127.0.0.1:9/q"],
    ["query", "members", "-f", "csv", "-f", "json"],
])
def test_anything_else_goes_to_the_cli(env, args):
    assert simple_query(args) is None


def test_a_configured_endpoint_goes_to_the_cli(monkeypatch):
    monkeypatch.setenv("DNGRAPH_ENDPOINT", "http://127.0.0.1:9/query")
    assert simple_query(["query", "members"]) is None
    monkeypatch.delenv("DNGRAPH_ENDPOINT")
    monkeypatch.setenv("DNGRAPH_TIMEOUT", "5")
    assert simple_query(["query", "members"]) is None


def test_the_cli_answers_what_quick_hands_on(env):
    code, out, err = run(QUICK, ["queries"], env)
    assert code == 0 and "members:" in out and "click loaded" in err
