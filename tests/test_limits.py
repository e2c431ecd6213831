"""Time and rows: --timeout / timeout= stop a runaway query in a worker process that is
killed, --max-rows / max_rows= refuse an answer past the cap, Ctrl-C stops at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import dngraph
from dngraph.cli import cli
from dngraph.sandbox import LimitReached

from conftest import ROOT

# A cartesian product of every triple with itself twice, each row through a regex: hours.
RUNAWAY = ('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i '
           'FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), "zz$")) }')
NATIONS = "SELECT ?nation WHERE { ?nation a dn:Nation } ORDER BY ?nation"


def dngraph_cli(*args, cache_dir, **kwargs):
    env = dict(os.environ, DNGRAPH_CACHE=str(cache_dir))
    return subprocess.Popen([sys.executable, "-m", "dngraph", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_cli_timeout_stops_a_runaway_query(cache_dir):
    started = time.monotonic()
    process = dngraph_cli("sparql", "--timeout", "2", "--query", RUNAWAY, cache_dir=cache_dir)
    out, err = process.communicate(timeout=90)
    assert process.returncode == 2
    assert err.strip() == "error: query stopped after 2 s, its time limit (raise --timeout or timeout=)"
    assert out == "" and time.monotonic() - started < 60


def test_api_timeout_stops_a_runaway_query_and_the_caller_goes_on(cache_dir):
    code = ("import sys, time, dngraph\n"
            "kg = dngraph.open(sys.argv[1], cache_dir=sys.argv[2], timeout=2)\n"
            "kg.sparql('ASK {}')\n"
            "start = time.monotonic()\n"
            "try:\n    kg.sparql(sys.argv[3])\n"
            "except dngraph.sandbox.LimitReached as exc:\n    print(round(time.monotonic() - start), exc)\n"
            "print(len(kg.sparql('SELECT ?n WHERE { ?n a dn:Nation }')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT), str(cache_dir), RUNAWAY],
                          capture_output=True, text=True, timeout=90)
    seconds, message, nations = done.stdout.split(" ", 1)[0], *done.stdout.split(" ", 1)[1].splitlines()
    assert 2 <= int(seconds) <= 5, done.stdout
    assert message.startswith("query stopped after 2 s") and int(nations) >= 10


def test_answers_under_limits_are_the_same(kg, cache_dir):
    limited = dngraph.open(ROOT, cache_dir=cache_dir, timeout=30, max_rows=1000)
    assert limited.sparql(NATIONS).rows == kg.sparql(NATIONS).rows
    assert limited.query("members", on="2021-11-18").rows == kg.query("members", on="2021-11-18").rows
    cited, plain = limited.query("members", with_sources=True), kg.query("members", with_sources=True)
    assert cited.rows == plain.rows and cited.serialize("csv") == plain.serialize("csv")
    graph = "CONSTRUCT WHERE { ?n a dn:Nation }"
    assert sorted(map(str, limited.sparql(graph).triples)) == sorted(map(str, kg.sparql(graph).triples))


def test_row_cap_refuses_rather_than_truncates(kg, cache_dir):
    nations = len(kg.sparql(NATIONS))
    capped = dngraph.open(ROOT, cache_dir=cache_dir, max_rows=nations)
    assert len(capped.sparql(NATIONS)) == nations
    capped.max_rows = nations - 1
    with pytest.raises(LimitReached, match=f"more than {nations - 1} rows"):
        capped.sparql(NATIONS)
    result = CliRunner().invoke(cli, ["query", "members", "--max-rows", "2"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == ("error: answer refused: more than 2 rows or triples "
                                     "(raise --max-rows, max_rows= or DNGRAPH_MAX_ROWS)")


def test_errors_from_the_worker_keep_their_line_and_code(cache_dir):
    result = CliRunner().invoke(cli, ["sparql", "--timeout", "30", "--query", "SELECT * WHERE { ?a ?b }"])
    assert result.exit_code == 2 and result.stderr.startswith("error: SPARQL syntax error at line 1")
    result = CliRunner().invoke(cli, ["query", "members", "--timeout", "30", "--param", "on=yesterday"])
    assert result.exit_code == 2 and "parameter 'on'" in result.stderr


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def test_ctrl_c_stops_a_limited_query_at_once(cache_dir):
    process = dngraph_cli("sparql", "--timeout", "600", "--query", RUNAWAY, cache_dir=cache_dir)
    deadline = time.monotonic() + 60
    while not children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = children(process.pid)
    assert workers, "the query worker did not start"
    time.sleep(1.5)  # the worker has opened the graph and runs the query
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - interrupted < 3
    assert process.returncode == 130 and err.strip().endswith("interrupted")
    time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
                   for pid in workers)


def test_ctrl_c_stops_an_unlimited_query_at_once(cache_dir):
    process = dngraph_cli("sparql", "--query", RUNAWAY, cache_dir=cache_dir)
    time.sleep(4)  # imported, opened the graph, running the query
    assert process.poll() is None
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=10)
    finally:
        process.kill()
    assert time.monotonic() - interrupted < 3
    assert process.returncode == -signal.SIGINT


def test_a_query_under_a_limit_loads_nothing_of_the_server(cache_dir):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom dngraph.cli import cli\n"
            "done = CliRunner().invoke(cli, ['sparql', '--timeout', '30', '--format', 'csv', '--query', sys.argv[1]])\n"
            "print(done.exit_code, len(done.output.splitlines()), sorted(m for m in sys.modules if 'starlette' in m))\n")
    done = subprocess.run([sys.executable, "-c", code, NATIONS], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, DNGRAPH_CACHE=str(cache_dir)))
    code, lines, loaded = done.stdout.strip().split(" ", 2)
    assert (code, loaded) == ("0", "[]"), done.stdout + done.stderr
    assert int(lines) >= 11  # the header and the nations, from the worker



def test_a_query_without_a_limit_loads_no_worker_and_no_http_layer(cache_dir):
    """A local query needs neither the worker process (multiprocessing) nor the HTTP layer
    nor the build's file handling: each costs start-up time on every call. The modules a
    real ``dngraph query`` loads are read from Python's own import log (``-X importtime``)."""
    argv = [sys.executable, "-X", "importtime", "-m", "dngraph", "query", "members", "--format", "csv"]
    env = dict(os.environ, DNGRAPH_CACHE=str(cache_dir))
    subprocess.run(argv[:1] + argv[3:], capture_output=True, timeout=120, env=env, check=True)  # built now
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert done.returncode == 0 and len(done.stdout.splitlines()) >= 11, done.stderr[-500:]
    assert "dngraph.store" in loaded and "pyoxigraph" in loaded  # the log is read right
    heavy = {"multiprocessing", "dngraph.worker", "dngraph.endpoint", "dngraph.clashes", "shutil", "tempfile"}
    assert loaded & heavy == set()
