"""One remote graph (and one endpoint) shared between threads: each call keeps the limits it
was made under, whatever another thread's call is doing meanwhile."""

from __future__ import annotations

import threading

import pytest

import dngraph
from dngraph.endpoint import Endpoint
from dngraph.remote import RemoteGraph
from dngraph.sandbox import LimitReached
from servers import oxigraph_server  # noqa: F401 (fixture)

FEW = "SELECT ?n WHERE { ?n a dn:Nation } LIMIT 3"
MANY = "SELECT ?n WHERE { ?n a dn:Nation }"


def test_a_call_held_on_the_engine_leaves_other_threads_their_limits(kg, oxigraph_server, monkeypatch):  # noqa: F811
    from dngraph.push import push

    graph = dngraph.open(kg.layout.root, kg.cache_dir, endpoint=oxigraph_server["url"], timeout=7, max_rows=5)
    other = RemoteGraph(graph.endpoint, kg.layout.root, kg.cache_dir)  # the same endpoint object
    other.timeout = 3
    push(kg, graph.endpoint).check()
    graph.ontology_terms(), other.ontology_terms()  # asked once, before the requests watched here
    limits, inside, release = [], threading.Event(), threading.Event()
    real = Endpoint.request

    def request(endpoint, *args, **kwargs):
        thread = threading.current_thread().name
        limits.append((thread, kwargs.get("timeout") or endpoint.timeout))
        if thread == "held":  # stays inside its call until the other thread is done
            inside.set()
            release.wait(30)
        return real(endpoint, *args, **kwargs)

    monkeypatch.setattr(Endpoint, "request", request)
    held = {}
    worker = threading.Thread(target=lambda: held.setdefault("answer", graph.sparql(FEW)), name="held")
    worker.start()
    try:
        assert inside.wait(30)
        with pytest.raises(LimitReached, match="more than 5 rows"):
            graph.sparql(MANY)  # the cap holds while the held call is inside
        assert len(other.sparql(MANY)) > 5  # no cap on the other graph, its own time limit
    finally:
        release.set()
        worker.join(30)
    assert len(held["answer"]) == 3
    assert sorted(set(limits)) == [("MainThread", 3), ("MainThread", 7), ("held", 7)]
    assert (graph.timeout, graph.max_rows, other.timeout, other.max_rows) == (7, 5, 3, None)
