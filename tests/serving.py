"""Start `dngraph serve` as a person would, on a free loopback port, and stop it after."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path

    def get(self, path: str, accept: str | None = None, headers: dict | None = None, data: bytes | None = None):
        """(status, headers, body) of a request to ``path``; HTTP errors are answers too."""
        request = urllib.request.Request(self.url + path, data=data, headers=dict(headers or {}))
        if accept:
            request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(cache_dir: Path, log_dir: Path, *args: str):
    """`dngraph serve --port P ARGS` in a subprocess, yielded once it answers."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = dict(os.environ, DNGRAPH_CACHE=str(cache_dir))
    command = [sys.executable, "-m", "dngraph", "serve", "--port", str(port), *args]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: Server, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"dngraph serve exited: {server.log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"dngraph serve did not answer within {limit} s")
