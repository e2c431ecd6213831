"""``dngraph push`` and ``--endpoint`` as a person uses them, against the servers of ``conftest.py``."""

from __future__ import annotations

import logging
import urllib.parse

import pytest
from click.testing import CliRunner

from dngraph.cli import cli
from dngraph.endpoint import Endpoint
from servers import oxigraph_server, virtuoso_server  # noqa: F401 (fixtures)

SECRET = "Pw-7f3a9c-never-shown"


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def text(result) -> str:
    """Everything the command wrote: click's output holds standard error too."""
    return result.output


def test_push_then_query_gives_the_embedded_rows(oxigraph_server, cache_dir):
    pushed = run("push", "--endpoint", oxigraph_server["url"], "--chunk-size", "500")
    assert pushed.exit_code == 0, pushed.output
    assert "each count checked on the server" in pushed.output.splitlines()[-1]
    for args in (["query", "members", "--param", "on=2021-11-18", "--format", "csv"],
                 ["query", "summit", "--param", "summit=2021", "--format", "json"],
                 ["sparql", "--query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a dn:Nation }", "--format", "tsv"]):
        local, remote = run(*args), run(*args, "--endpoint", oxigraph_server["url"])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert remote.output == local.output


def test_endpoint_from_the_environment_and_from_the_config_file(oxigraph_server, tmp_path, cache_dir):
    run("push", "--endpoint", oxigraph_server["url"])
    args = ["query", "chairs", "--format", "csv"]
    assert run(*args, env={"DNGRAPH_ENDPOINT": oxigraph_server["url"]}).output == run(*args).output
    config = tmp_path / "endpoint.ini"
    config.write_text("[endpoint]\nurl = http://127.0.0.1:9/query\n")
    refused = run(*args, env={"DNGRAPH_CONFIG": str(config)})
    assert refused.exit_code == 2
    assert "127.0.0.1:9/query: cannot reach the server" in text(refused)
    assert run(*args, "--endpoint", oxigraph_server["url"], env={"DNGRAPH_CONFIG": str(config)}).exit_code == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/query", "ftp://127.0.0.1/query", "not a url"])
def test_a_bad_or_unreachable_endpoint_is_one_line_and_exit_2(url):
    result = run("query", "chairs", "--endpoint", url)
    assert result.exit_code == 2
    assert len(text(result).strip().splitlines()) == 1
    assert "Traceback" not in text(result)


def test_credentials_are_never_printed_nor_logged(virtuoso_server, caplog):
    caplog.set_level(logging.DEBUG)
    url = virtuoso_server["url"]
    wrong = run("push", "--endpoint", url, "--user", "dba", "--auth", "digest", env={"DNGRAPH_PASSWORD": SECRET})
    assert wrong.exit_code == 2
    assert "refused the credentials" in text(wrong)
    right = run("push", "--endpoint", url, "--user", "dba", "--password", "dba", "--auth", "digest")
    assert right.exit_code == 0, text(right)
    with_url_password = run("query", "chairs", "--endpoint", f"http://dba:{SECRET}@127.0.0.1:9/sparql")
    assert with_url_password.exit_code == 2
    for result in (wrong, right, with_url_password):
        assert SECRET not in text(result)
    assert SECRET not in caplog.text
    assert SECRET not in repr(Endpoint(url, user="dba", password=SECRET))


def test_basic_auth_is_refused_by_a_digest_only_service(virtuoso_server):
    result = run("push", "--endpoint", virtuoso_server["url"], "--user", "dba", "--password", "dba",
                 "--auth", "basic")
    assert result.exit_code == 2
    assert "dba" not in text(result).replace("/sparql", "")


def test_a_count_that_differs_on_the_server_is_exit_1_in_one_line():
    from dngraph.push import PushMismatch, PushReport

    report = PushReport("http://127.0.0.1:7878/query",
                        [("https://w3id.org/dngraph/graph/inferred", 1785, 1785),
                         ("https://w3id.org/dngraph/graph/shapes", 1593, 1590)])
    assert report.lines()[-1].endswith("COUNTS DIFFER")
    assert "(server counts 1590)" in report.lines()[1]
    with pytest.raises(PushMismatch) as raised:
        report.check()
    assert raised.value.exit_code == 1
    assert "\n" not in str(raised.value) and "graph/shapes> has 1590 triples" in str(raised.value)


def test_push_through_sparql_update_when_given_an_update_url(oxigraph_server):
    url = oxigraph_server["url"]
    update = url.replace("/query", "/update")
    for _ in range(2):  # the second push replaces each graph: nothing doubles
        pushed = run("push", "--endpoint", url, "--update-endpoint", update, "--chunk-size", "2000")
        assert pushed.exit_code == 0, pushed.output
        assert pushed.output.splitlines()[-1].endswith("each count checked on the server")
    args = ["query", "nation-history", "--param", "nation=kr", "--format", "csv"]
    assert run(*args, "--endpoint", url).output == run(*args).output


def test_serve_answers_saved_queries_and_sparql_from_the_endpoint(kg, oxigraph_server, cache_dir, tmp_path):
    import collections

    import pyoxigraph as ox
    from serving import running_server
    from test_query_parity import nt

    url = oxigraph_server["url"]
    assert run("push", "--endpoint", url).exit_code == 0

    def rows(body):
        answer = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        return collections.Counter(tuple(nt(s[v]) for v in answer.variables) for s in answer)

    def expected(result):
        return collections.Counter(tuple(nt(row.get(v)) for v in result.variables) for row in result.terms)

    with running_server(cache_dir, tmp_path, "--endpoint", url, "--workers", "1") as server:
        status, _, body = server.get("/queries/nation-history?nation=kr", accept="application/sparql-results+json")
        assert status == 200, body[:300]
        assert rows(body) == expected(kg.query("nation-history", nation="kr"))
        text = "SELECT ?n WHERE { ?n a <https://w3id.org/dngraph/ontology#Nation> }"
        status, _, body = server.get("/sparql?query=" + urllib.parse.quote(text),
                                     accept="application/sparql-results+json")
        assert status == 200, body[:300]
        assert rows(body) == expected(kg.sparql(text))


def test_the_guard_and_the_limits_hold_on_a_remote_engine(oxigraph_server, cache_dir):
    assert run("push", "--endpoint", oxigraph_server["url"]).exit_code == 0
    url = oxigraph_server["url"]
    service = run("sparql", "--endpoint", url, "--query",
                  "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert service.exit_code == 2 and "SERVICE refused" in service.output
    assert len(service.output.strip().splitlines()) == 1
    graph = "https://w3id.org/dngraph/id/source/joining-forces-for-canada"
    counted = ["sparql", "--format", "csv", "--query",
               f"SELECT (COUNT(DISTINCT ?s) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"]
    local, remote = run(*counted), run(*counted, "--endpoint", url)
    assert remote.exit_code == local.exit_code == 0 and remote.output == local.output
    other = run("sparql", "--endpoint", url, "--query", "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
    assert other.exit_code == 2 and "http://example.org/g" in other.output
    capped = run("sparql", "--endpoint", url, "--max-rows", "5", "--query", "SELECT ?s WHERE { ?s a dn:Nation }")
    assert capped.exit_code == 2 and "more than 5 rows" in capped.output
    # about 1.5 s of work for the engine (250,000 pairs), stopped by the client at 0.5 s
    slow = run("sparql", "--endpoint", url, "--timeout", "0.5", "--query",
               "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?t FILTER(STRLEN(CONCAT(str(?a), str(?b))) < 0) }")
    assert slow.exit_code == 2 and "time limit" in slow.output
