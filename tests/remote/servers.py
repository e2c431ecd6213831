"""Real SPARQL servers for the remote-engine tests, started once per test run on loopback ports.

The oxigraph server (PyPI package ``oxigraph``, in the test extra) and Virtuoso 7
(Debian's ``virtuoso-opensource-7-bin``, installed by ``make engine-deps``), each
with its files in a temporary folder, stopped when the run ends. Test modules import
the fixtures (a conftest.py here would shadow ``tests/conftest.py`` for the modules
that import it by name); a server started for one module is reused by the next.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(process, url: str, log: Path, seconds: float = 60.0) -> None:
    """Poll ``url`` with an ASK query until the server answers; fail with its log if it dies or is slow."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"server not ready after {seconds} s: {log.read_text(errors='replace')[-2000:]}")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def oxigraph_binary() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or "oxigraph")


_RUNNING: dict = {}


def running_server(engine: str, tmp_path_factory, launch):
    """Yield ``{"url": ..., "user": ..., "password": ...}`` of a running ``engine`` server.

    The first call makes a folder, asks ``launch(folder)`` for ``(command, url, account,
    options)`` (``options`` go to ``subprocess.Popen``), starts ``command`` with its output in
    ``folder/server.log`` and waits until ``url`` answers; the server is stopped when the
    generator is closed (the session fixture's end). While it runs, a further call yields it again.
    """
    if engine in _RUNNING:
        yield _RUNNING[engine]
        return
    folder = tmp_path_factory.mktemp(engine)
    command, url, account, options = launch(folder)
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **options)
    try:
        wait_ready(process, url, log)
        _RUNNING[engine] = {"url": url, **account}
        yield _RUNNING[engine]
    finally:
        _RUNNING.pop(engine, None)
        stop(process)


def _oxigraph(folder: Path):
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
    return command, f"http://127.0.0.1:{port}/query", {"user": None, "password": None}, {}


def _virtuoso(folder: Path):
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    command = ["virtuoso-t", "+configfile", str(ini), "+foreground"]
    return command, f"http://127.0.0.1:{http}/sparql", {"user": "dba", "password": "dba"}, {"cwd": folder}


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """The oxigraph server on a free port: its query URL (and its Graph Store at /store)."""
    yield from running_server("oxigraph", tmp_path_factory, _oxigraph)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso 7 with a minimal ini on free ports: its query URL and the dba account (digest auth)."""
    yield from running_server("virtuoso", tmp_path_factory, _virtuoso)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def server(request):
    """Each engine in turn: its query URL and credentials."""
    return {"engine": request.param, **request.getfixturevalue(f"{request.param}_server")}


@pytest.fixture(scope="session")
def pushed(kg, server):
    """The shipped graph pushed to ``server``: ``(RemoteGraph, PushReport)``."""
    import dngraph
    from dngraph.push import push

    remote = dngraph.open(kg.layout.root, kg.cache_dir, endpoint=server["url"],
                          auth=(server["user"], server["password"]) if server["user"] else None)
    return remote, push(kg, remote.endpoint)
