"""The SPARQL 1.1 Protocol at /sparql, as a SPARQL client sees it: SPARQLWrapper against a
real `dngraph serve` on a loopback port. Answers are what the sources say: twelve nations
have ISO codes (the ten members, plus the United States and Australia that one source
names), and the five founders were the members in 2017."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from rdfcompare import same
from serving import running_server
from test_citations import EXPECTED

DN = "https://w3id.org/dngraph/ontology#"
ID = "https://w3id.org/dngraph/id/"
SOURCE = ID + "source/"
CODES = ["AU", "CA", "DK", "EE", "GB", "IL", "KR", "MX", "NZ", "PT", "US", "UY"]
FOUNDERS = {"EE", "IL", "NZ", "KR", "GB"}
CODES_QUERY = f"SELECT ?nation ?code WHERE {{ ?nation a <{DN}Nation> ; <{DN}iso3166Alpha2> ?code }} ORDER BY ?code"
CODES_GRAPH = f"CONSTRUCT {{ ?nation <{DN}iso3166Alpha2> ?code }} WHERE {{ ?nation a <{DN}Nation> ; <{DN}iso3166Alpha2> ?code }}"
# Counts every triple of a three-way cross product: far longer than any time limit here.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 3


@pytest.fixture(scope="module")
def server(kg, cache_dir, tmp_path_factory):
    kg.store  # built once; the server's workers open it read-only
    with running_server(cache_dir, tmp_path_factory.mktemp("logs"), "--timeout", str(TIMEOUT),
                        "--workers", "2", "--max-concurrent", "2", "--max-rows", "50") as running:
        yield running


def client(server, fmt, method=None, direct=False) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(server.url + "/sparql")
    wrapper.setReturnFormat(fmt)
    if method:
        wrapper.setMethod(method)
    if direct:
        wrapper.setRequestMethod(POSTDIRECTLY)
    return wrapper


def expected_codes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for code in CODES:
        graph.add((rdflib.URIRef(f"{ID}nation/{code.lower()}"), rdflib.URIRef(DN + "iso3166Alpha2"), rdflib.Literal(code)))
    return graph


@pytest.mark.parametrize("method,direct", [(None, False), (POST, False), (POST, True)],
                         ids=["GET", "POST-form", "POST-query"])
def test_select_as_json_by_every_method(server, method, direct):
    wrapper = client(server, JSON, method, direct)
    wrapper.setQuery(CODES_QUERY)
    answer = wrapper.queryAndConvert()
    assert answer["head"]["vars"] == ["nation", "code"]
    rows = answer["results"]["bindings"]
    assert [row["code"]["value"] for row in rows] == CODES
    assert rows[1]["nation"] == {"type": "uri", "value": ID + "nation/ca"}


def test_select_as_xml(server):
    wrapper = client(server, XML)
    wrapper.setQuery(CODES_QUERY)
    document = wrapper.queryAndConvert()
    literals = [node.firstChild.nodeValue for node in document.getElementsByTagName("literal")]
    assert literals == CODES
    assert [v.getAttribute("name") for v in document.getElementsByTagName("variable")] == ["nation", "code"]


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_select_as_csv_and_tsv(server, fmt):
    wrapper = client(server, fmt)
    wrapper.setQuery(CODES_QUERY)
    text = wrapper.queryAndConvert().decode("utf-8")
    table = list(csv.reader(io.StringIO(text), delimiter=",")) if fmt == CSV else \
        [line.split("\t") for line in text.splitlines()]
    if fmt == CSV:
        assert table[0] == ["nation", "code"]
        assert [row[1] for row in table[1:]] == CODES
        assert table[2][0] == ID + "nation/ca"
    else:  # TSV writes terms in SPARQL syntax
        assert table[0] == ["?nation", "?code"]
        assert [row[1] for row in table[1:]] == [f'"{c}"' for c in CODES]
        assert table[2][0] == f"<{ID}nation/ca>"


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server, fmt):
    for text, expected in ((f'ASK {{ <{ID}nation/ca> <{DN}iso3166Alpha2> "CA" }}', True),
                           (f'ASK {{ <{ID}nation/ca> <{DN}iso3166Alpha2> "FR" }}', False)):
        wrapper = client(server, fmt)
        wrapper.setQuery(text)
        answer = wrapper.queryAndConvert()
        if fmt == JSON:
            assert answer["boolean"] is expected
        else:
            assert answer.getElementsByTagName("boolean")[0].firstChild.nodeValue == str(expected).lower()


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
def test_construct_in_every_graph_format(server, fmt):
    wrapper = client(server, fmt)
    wrapper.setQuery(CODES_GRAPH)
    response = wrapper.query().response
    kind = response.headers["Content-Type"].split(";")[0]
    assert kind == {TURTLE: "text/turtle", JSONLD: "application/ld+json", RDFXML: "application/rdf+xml"}[fmt]
    parsed = rdflib.Graph().parse(data=response.read(), format={TURTLE: "turtle", JSONLD: "json-ld",
                                                                RDFXML: "xml"}[fmt])
    assert same(parsed, expected_codes_graph())


def test_construct_as_ntriples_by_accept(server):
    query = urllib.parse.urlencode({"query": CODES_GRAPH})
    status, headers, body = server.get(f"/sparql?{query}", accept="application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert same(rdflib.Graph().parse(data=body, format="nt"), expected_codes_graph())


def test_describe_a_nation(server):
    wrapper = client(server, TURTLE)
    wrapper.setQuery(f"DESCRIBE <{ID}nation/ca>")
    graph = rdflib.Graph().parse(data=wrapper.queryAndConvert(), format="turtle")
    assert (rdflib.URIRef(ID + "nation/ca"), rdflib.URIRef(DN + "iso3166Alpha2"), rdflib.Literal("CA")) in graph


def count_triples(server) -> int:
    wrapper = client(server, JSON)
    wrapper.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(wrapper.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def test_updates_are_refused_however_sent_and_change_nothing(server):
    before = count_triples(server)
    update = f'INSERT DATA {{ <{ID}nation/ca> <{DN}iso3166Alpha2> "XX" }}'
    for direct in (False, True):  # update= form field; application/sparql-update body
        wrapper = client(server, JSON, POST, direct)
        wrapper.setQuery(update)
        with pytest.raises(urllib.error.HTTPError) as refused:
            wrapper.query()
        assert refused.value.code == 403
        assert b"read-only" in refused.value.read()
    for body in (urllib.parse.urlencode({"query": update}).encode(), None):  # an update as a query
        path = "/sparql" if body else "/sparql?" + urllib.parse.urlencode({"query": "DROP ALL"})
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else None
        status, _, message = server.get(path, headers=headers, data=body)
        assert status == 403 and b"read-only" in message
    assert count_triples(server) == before
    wrapper = client(server, JSON)
    wrapper.setQuery(f'ASK {{ ?s <{DN}iso3166Alpha2> "XX" }}')
    assert wrapper.queryAndConvert()["boolean"] is False


def test_a_syntax_error_is_a_bad_request_with_one_line(server):
    status, _, body = server.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert status == 400
    assert body.decode().startswith("SPARQL syntax error") and body.count(b"\n") <= 2


def test_a_query_past_its_time_limit_gets_503_while_another_client_is_served(server):
    slow = {}

    def run_slow():
        started = time.monotonic()
        slow["answer"] = server.get("/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    wrapper = client(server, JSON)
    wrapper.setQuery(CODES_QUERY)
    assert len(wrapper.queryAndConvert()["results"]["bindings"]) == 12
    assert thread.is_alive(), "the other client was served only after the slow query ended"
    assert time.monotonic() - started < TIMEOUT
    thread.join(TIMEOUT + 30)
    status, headers, body = slow["answer"]
    assert status == 503 and "Retry-After" in headers
    assert b"time limit" in body
    assert TIMEOUT - 0.5 <= slow["seconds"] < TIMEOUT + 10
    # The stopped worker is replaced: queries keep being answered.
    assert count_triples(server) > 0


def answered_again(server, limit: float = 60) -> bool:
    """Whether the server answers a query again once its stopped workers are replaced."""
    deadline = time.monotonic() + limit
    query = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    while time.monotonic() < deadline:
        if server.get(query)[0] == 200:
            return True
        time.sleep(0.5)
    return False


def test_queries_past_the_concurrency_limit_get_503_with_retry_after(server):
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(
        server.get("/sparql?" + urllib.parse.urlencode({"query": SLOW}))[0])) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.7)
    status, headers, body = server.get("/sparql?" + urllib.parse.urlencode({"query": CODES_QUERY}))
    assert status == 503 and int(headers["Retry-After"]) >= 1
    assert b"too many queries" in body
    for thread in threads:
        thread.join(TIMEOUT + 30)
    assert answers == [503, 503]
    assert answered_again(server)


def test_rows_are_capped(server):
    status, headers, body = server.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
    assert status == 200 and headers["Dngraph-Rows-Capped"] == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_cors_lets_browser_tools_query(server):
    status, headers, _ = server.get("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                    headers={"Origin": "https://yasgui.example"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    request = urllib.request.Request(server.url + "/sparql", method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_service_description(server):
    status, headers, body = server.get("/sparql", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(predicate=sd.endpoint, object=rdflib.URIRef(server.url + "/sparql"))
    assert service is not None
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = set(graph.objects(service, sd.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    names = set(graph.objects(None, sd.name))
    assert rdflib.URIRef(ID + "source/joining-forces-for-canada") in names


def test_saved_query_over_http_in_every_format(server):
    status, headers, body = server.get("/queries/members?on=2017-06-01", accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert {row["code"] for row in csv.DictReader(io.StringIO(body.decode()))} == FOUNDERS
    status, _, body = server.get("/queries/members?on=2017-06-01&format=json")
    assert {b["code"]["value"] for b in json.loads(body)["results"]["bindings"]} == FOUNDERS
    status, _, body = server.get("/queries/members?on=2017-06-01", accept="application/sparql-results+xml")
    assert status == 200 and body.count(b"<result>") == len(FOUNDERS)


@pytest.mark.parametrize("path,status,message", [
    ("/queries/members?on=yesterday", 400, "parameter 'on': 'yesterday' is not a date as YYYY-MM-DD"),
    ("/queries/members?colour=red", 400, "query 'members' has no parameter 'colour'"),
    ("/queries/nation-history", 400, "query 'nation-history' needs parameter 'nation'"),
    ("/queries/nation-history?nation=fr", 400, "is not a dn:Nation in the graph"),
    ("/queries/membrs", 404, "no saved query named 'membrs'; did you mean members"),
])
def test_saved_query_bad_parameters_get_one_line(server, path, status, message):
    got, _, body = server.get(path)
    assert got == status
    text = body.decode()
    assert message in text and text.count("\n") == 1


def test_service_clauses_are_refused_so_the_server_never_fetches_for_a_client(server):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    status, _, body = server.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 400 and b"SERVICE is not allowed" in body


def test_the_log_has_one_line_per_request(server):
    server.get("/queries/chairs?format=csv")
    server.get("/sparql", headers={"Content-Type": "application/sparql-update"}, data=b"CLEAR ALL")
    lines = server.log.read_text().splitlines()
    assert any(line.endswith(" ms") and " GET /queries/chairs 200 " in line for line in lines)
    assert any(" POST /sparql 403 " in line for line in lines)


def _matches(binding: dict, match: dict) -> bool:
    return all(str(binding.get(name)) == str(value) for name, value in match.items())


@pytest.mark.parametrize("name, params, match, expected", EXPECTED,
                         ids=[f"{e[0]}-{'-'.join(map(str, e[2].values()))}" for e in EXPECTED])
def test_saved_query_rows_name_their_sources_in_json_and_csv(server, name, params, match, expected):
    # The table of tests/test_citations.py: the files that state each row's facts.
    query = urllib.parse.urlencode({**params, "sources": "1"})
    status, _, body = server.get(f"/queries/{name}?{query}&format=json")
    assert status == 200
    answer = json.loads(body)
    column = answer["head"]["vars"][-1]
    assert column in ("sources", "sourceGraphs")
    rows = [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]
    found = [row for row in rows if _matches(row, match)]
    assert found, f"no {name} row matching {match}"
    assert all(row[column].split() == sorted(SOURCE + slug for slug in expected) for row in found)
    status, headers, body = server.get(f"/queries/{name}?{query}", accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    found = [row for row in csv.DictReader(io.StringIO(body.decode())) if _matches(row, match)]
    assert found and all(set(row[column].split()) == {SOURCE + slug for slug in expected} for row in found)


def test_saved_query_without_sources_has_no_sources_column(server):
    for path in ("/queries/summits?since=2023&format=json", "/queries/summits?since=2023&sources=0&format=json"):
        assert "sources" not in json.loads(server.get(path)[2])["head"]["vars"]
