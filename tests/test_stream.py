"""Rows stream to the output: memory stays flat on a huge SELECT, the first row is printed before
the query ends, -o replaces a file only with a whole answer, and a limit is never a quiet cut."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import dngraph
from dngraph.cli import cli
from dngraph.sandbox import LimitReached

from conftest import ROOT
from rdfcompare import same

# Every pair of triples of the shipped graph: tens of millions of rows, minutes to compute.
HUGE = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"
NATIONS = ("SELECT ?nation ?label WHERE { ?nation a dn:Nation OPTIONAL { ?nation rdfs:label ?label } } "
           "ORDER BY ?nation ?label")
MiB = 1 << 20


def start(*args, cache_dir, **kwargs):
    env = dict(os.environ, DNGRAPH_CACHE=str(cache_dir))
    return subprocess.Popen([sys.executable, "-m", "dngraph", *args], env=env, **kwargs)


def peak_rss(*args, cache_dir) -> tuple[int, int]:
    """Exit status and peak resident memory in bytes of ``dngraph ARGS`` (its worker included)."""
    process = start(*args, cache_dir=cache_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss * 1024


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
@pytest.mark.parametrize("limits", [[], ["--timeout", "60"]])
def test_streamed_rows_are_the_collected_answer(kg, fmt, limits):
    runner = CliRunner()
    result = runner.invoke(cli, ["sparql", "-f", fmt, "-q", NATIONS, *limits])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == kg.sparql(NATIONS).serialize(fmt)  # CSV's \r\n kept
    members = runner.invoke(cli, ["query", "members", "--param", "on=2021-11-18", "-f", fmt, *limits])
    assert members.stdout_bytes.decode() == kg.query("members", on="2021-11-18").serialize(fmt)


def test_streamed_graphs_and_the_api(kg, cache_dir, tmp_path):
    construct = "CONSTRUCT WHERE { ?n a dn:Nation ; rdfs:label ?l }"
    for limits in ([], ["--timeout", "60"]):
        out = CliRunner().invoke(cli, ["sparql", "-q", construct, "-o", str(tmp_path / "n.ttl"), *limits])
        assert out.exit_code == 0
        expected = Graph().parse(data=kg.sparql(construct).serialize("turtle"), format="turtle")
        assert same(Graph().parse(tmp_path / "n.ttl", format="turtle"), expected)
    assert list(kg.sparql_stream(NATIONS)) == kg.sparql(NATIONS).rows
    limited = dngraph.open(ROOT, cache_dir=cache_dir, timeout=60)
    with limited.sparql_stream(NATIONS) as rows:
        assert rows.variables == ["nation", "label"] and list(rows) == kg.sparql(NATIONS).rows
    assert list(limited.query_stream("members", on="2021-11-18")) == kg.query("members", on="2021-11-18").rows
    assert kg.sparql_stream("ASK { ?n a dn:Nation }").boolean is True
    capped = dngraph.open(ROOT, cache_dir=cache_dir, max_rows=5)
    rows = capped.sparql_stream(NATIONS)
    with pytest.raises(LimitReached, match="more than 5 rows"):
        list(rows)
    assert rows.count == 5


def test_memory_stays_flat_on_a_large_select(cache_dir):
    code, small = peak_rss("sparql", "-f", "csv", "-q", HUGE + " LIMIT 1", cache_dir=cache_dir)
    assert code == 0
    code, large = peak_rss("sparql", "-f", "csv", "-q", HUGE + " LIMIT 150000", cache_dir=cache_dir)
    assert code == 0 and large - small < 20 * MiB, (small / MiB, large / MiB)  # collected: +120 MiB
    # under a row cap the worker sends rows as it reads them (collected there: +38 MiB)
    code, capped = peak_rss("sparql", "-f", "csv", "--max-rows", "100000", "-q", HUGE, cache_dir=cache_dir)
    assert code == 2 and capped - small < 20 * MiB, (small / MiB, capped / MiB)


def first_lines(process, count: int, seconds: float) -> list[bytes]:
    lines, buffer, deadline = [], b"", time.monotonic() + seconds
    while len(lines) < count and time.monotonic() < deadline:
        if select.select([process.stdout], [], [], 0.1)[0]:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
    return lines


@pytest.mark.parametrize("args", [["-f", "csv"], ["-f", "json"], ["-f", "table"],
                                  ["-f", "tsv", "--timeout", "120"]])
def test_first_rows_arrive_while_the_query_still_runs(cache_dir, args):
    process = start("sparql", *args, "-q", HUGE, cache_dir=cache_dir, stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL)
    try:
        lines = first_lines(process, 20, 30)
        assert len(lines) >= 20 and process.poll() is None
        assert any(b"id:" in line or b"https://w3id.org/dngraph/" in line for line in lines[2:])
    finally:
        process.kill()
        process.wait()


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_while_rows_go_to_a_file_leaves_the_old_file(cache_dir, tmp_path):
    target = tmp_path / "answer.csv"
    target.write_text("old answer\n")
    process = start("sparql", "-f", "csv", "-q", HUGE, "-o", str(target), cache_dir=cache_dir,
                    stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not any(p.stat().st_size > 100_000 for p in temporaries(tmp_path)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert temporaries(tmp_path) and process.poll() is None, "the rows were not being written"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=5) == -signal.SIGINT
    finally:
        process.kill()
        process.wait()
    assert target.read_text() == "old answer\n" and temporaries(tmp_path) == []


@pytest.mark.parametrize("limit, message", [(["--timeout", "1.5"], "query stopped after 1.5 s"),
                                            (["--max-rows", "1000"], "more than 1000 rows")])
def test_a_limit_keeps_the_old_file_and_says_so_on_standard_output(tmp_path, limit, message):
    target = tmp_path / "answer.csv"
    target.write_text("old answer\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["sparql", "-f", "csv", "-q", HUGE, "-o", str(target), *limit])
    assert result.exit_code == 2 and message in result.stderr
    assert target.read_text() == "old answer\n" and temporaries(tmp_path) == []
    result = runner.invoke(cli, ["sparql", "-f", "csv", "-q", HUGE, *limit])
    assert result.exit_code == 2 and result.stdout.count("\n") >= 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert result.stderr.rstrip().endswith("the answer printed above is incomplete")
