"""Shared fixtures: the shipped graph built once per session, no network anywhere."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import dngraph

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Block connections to anything but loopback: tests never reach the network."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise RuntimeError(f"network access blocked in tests: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def kg(cache_dir):
    """The shipped knowledge graph, built into a cache private to this test run."""
    return dngraph.open(ROOT, cache_dir=cache_dir)


@pytest.fixture(autouse=True)
def private_cache(monkeypatch, cache_dir):
    """Commands run in tests write their cache under the test run's folder."""
    monkeypatch.setenv("DNGRAPH_CACHE", str(cache_dir))
