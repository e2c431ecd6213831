"""A bounded load test of `dngraph serve` on loopback: concurrent clients send a fixed number of
cheap queries, first alone (the baseline), then while another client sends runaway queries.
No request may be lost or answered wrongly, the runaway ones must be stopped at the time limit,
and the cheap ones must not wait for them. Prints throughput and latency percentiles of both
phases, with the ratio of the medians."""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.parse

import pytest

from serving import running_server

DN = "https://w3id.org/dngraph/ontology#"
CODES = ["AU", "CA", "DK", "EE", "GB", "IL", "KR", "MX", "NZ", "PT", "US", "UY"]
CHEAP = f"SELECT ?code WHERE {{ ?nation a <{DN}Nation> ; <{DN}iso3166Alpha2> ?code }} ORDER BY ?code"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 2
CLIENTS, REQUESTS, RUNAWAYS = 3, 15, 3


@pytest.fixture(scope="module")
def server(kg, cache_dir, tmp_path_factory):
    kg.store
    with running_server(cache_dir, tmp_path_factory.mktemp("logs"), "--timeout", str(TIMEOUT),
                        "--workers", "3", "--max-concurrent", "6") as running:
        yield running


def ask(server, query: str):
    return server.get("/sparql?" + urllib.parse.urlencode({"query": query}), accept="application/sparql-results+json")


def cheap_client(server, latencies: list, problems: list) -> None:
    for _ in range(REQUESTS):
        started = time.monotonic()
        for _attempt in range(20):
            status, headers, body = ask(server, CHEAP)
            if status != 503:
                break
            time.sleep(min(float(headers.get("Retry-After", 1)), 1))  # busy: come back, as asked
        latencies.append(time.monotonic() - started)
        if status != 200:
            problems.append((status, body[:200]))
        elif [row["code"]["value"] for row in json.loads(body)["results"]["bindings"]] != CODES:
            problems.append(("wrong answer", body[:200]))


def phase(server, runaway: bool) -> dict:
    latencies, problems, stopped = [], [], []
    threads = [threading.Thread(target=cheap_client, args=(server, latencies, problems)) for _ in range(CLIENTS)]
    if runaway:
        def runaway_client():
            for _ in range(RUNAWAYS):
                started = time.monotonic()
                status, _, body = ask(server, RUNAWAY)
                stopped.append((status, b"time limit" in body, time.monotonic() - started))
        threads.append(threading.Thread(target=runaway_client))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads[:CLIENTS]:
        thread.join(120)
    seconds = time.monotonic() - started  # the cheap clients' time: their throughput
    for thread in threads[CLIENTS:]:
        thread.join(120)
    cuts = statistics.quantiles(latencies, n=100)
    return {"answered": len(latencies), "problems": problems, "stopped": stopped, "seconds": seconds,
            "throughput": len(latencies) / seconds, "p50": statistics.median(latencies), "p95": cuts[94],
            "p99": cuts[98]}


def test_cheap_queries_keep_their_latency_while_runaway_ones_are_stopped(server):
    ask(server, CHEAP)  # every worker warm
    baseline = phase(server, runaway=False)
    loaded = phase(server, runaway=True)
    for name, figures in (("cheap alone", baseline), ("cheap + runaway", loaded)):
        print(f"\n{name}: {figures['answered']} requests in {figures['seconds']:.2f} s, "
              f"{figures['throughput']:.1f} req/s; latency p50 {figures['p50'] * 1000:.0f} ms, "
              f"p95 {figures['p95'] * 1000:.0f} ms, p99 {figures['p99'] * 1000:.0f} ms")
    print(f"median latency ratio (with runaway / alone): {loaded['p50'] / baseline['p50']:.2f}")
    for figures in (baseline, loaded):
        assert figures["answered"] == CLIENTS * REQUESTS and figures["problems"] == []
    assert len(loaded["stopped"]) == RUNAWAYS
    for status, said_so, seconds in loaded["stopped"]:
        assert status == 503 and said_so and TIMEOUT - 0.5 <= seconds < TIMEOUT + 10
    # A cheap query never waits for a runaway one to be stopped.
    assert loaded["p95"] < TIMEOUT
