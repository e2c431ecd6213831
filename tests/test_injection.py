"""Injection-proof parameters, property-based: arbitrary text, IRIs and numbers given to every
parameter of every saved query (API, CLI and the server's /queries/NAME) never change the
query that runs; each run answers, or ends with the one-line parameter error."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dngraph.guard
from dngraph.cli import cli
from dngraph.errors import ParameterError, QueryError

from serving import running_server

PROPERTY = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text written to break out of a term, were it ever spliced into the query.
BREAKOUTS = ['ca> } UNION { ?s ?p ?o } #', '2021-01-01"^^xsd:date) } LIMIT 1 #', '" . ?x ?y ?z . "',
             "en' } ; DROP ALL ; #", "1 } } SELECT * WHERE { ?s ?p ?o", "http://x/> . ?s ?p ?o . <y",
             "nation/ca\n}", "\\u003e } UNION {", "SERVICE <http://127.0.0.1:9/>"]

VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(BREAKOUTS),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.dates().map(str),
    st.integers(-9999, 99999).map(lambda y: f"{y:04d}"),
    st.builds(lambda scheme, rest: f"{scheme}:{rest}", st.sampled_from(["http", "https", "file", "urn", "id"]),
              st.text(max_size=30)),
    st.sampled_from(["ca", "gb", "nation/ca", "https://w3id.org/dngraph/id/nation/ca", "en", "fr"]),
)


def typed(param) -> st.SearchStrategy:
    """Values shaped for ``param``'s type, so that many runs answer rather than stop at the check."""
    if param.cls:
        return st.sampled_from(["ca", "gb", "nz", "kr", "nation/ca", "https://w3id.org/dngraph/id/nation/ca",
                                "d7-wellington-2018", "x"])
    return {"iri": st.builds(lambda path: "https://w3id.org/dngraph/id/" + path, st.text(max_size=20)),
            "xsd:date": st.dates().map(str), "xsd:gYear": st.integers(1990, 2030).map(str),
            "xsd:integer": st.integers(-2**64, 2**64).map(str),
            "language": st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})?", fullmatch=True),
            "string": st.text(max_size=40)}[param.type]


def draw_value(data, kg, name, param):
    shaped = data.draw(st.booleans())
    return data.draw(typed(kg.saved(name).param(param)) if shaped else VALUES)


def parameters(kg) -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in kg.queries().values() for p in q.params]


@pytest.fixture(scope="module")
def pairs(kg):
    found = parameters(kg)
    assert len(found) >= 15  # every parameter of every shipped query
    return found


class Recorder:
    """Records the text and bindings of every query that reaches the store."""

    def __init__(self, monkeypatch):
        self.calls = []
        real = dngraph.guard.execute_screened

        def record(store, text, default_graph, bindings=None, *args):
            self.calls.append((text, dict(bindings or {})))
            return real(store, text, default_graph, bindings, *args)

        monkeypatch.setattr(dngraph.guard, "execute_screened", record)


@PROPERTY
@given(data=st.data())
def test_api_parameters_never_change_the_query(kg, pairs, monkeypatch, data):
    import pyoxigraph

    name, param = data.draw(st.sampled_from(pairs))
    value = draw_value(data, kg, name, param)
    saved = kg.saved(name)
    recorder = Recorder(monkeypatch)
    try:
        kg.query(name, **{param: value})
    except ParameterError as exc:
        assert "\n" not in str(exc) and repr(param) in str(exc)
        assert all(text != saved.text for text, _ in recorder.calls)  # refused before the query ran
        return
    finally:
        monkeypatch.undo()
    ran = [bindings for text, bindings in recorder.calls if text == saved.text]
    assert len(ran) == 1  # the saved text, byte for byte
    assert set(ran[0]) <= {p.name for p in saved.params}
    assert all(isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.Literal)) for term in ran[0].values())
    assert saved.param(param).to_term(value) == ran[0][param]


@settings(PROPERTY, max_examples=60)
@given(data=st.data())
def test_cli_parameters_answer_or_give_one_line(kg, pairs, data):
    name, param = data.draw(st.sampled_from(pairs))
    value = draw_value(data, kg, name, param)
    result = CliRunner().invoke(cli, ["query", name, "--param", f"{param}={value}", "--format", "json"])
    if result.exit_code == 0:
        json.loads(result.stdout)
        return
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"'{param}'" in lines[0] and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def server(kg, cache_dir, tmp_path_factory):
    kg.store
    with running_server(cache_dir, tmp_path_factory.mktemp("logs"), "--workers", "1") as running:
        yield running


@settings(PROPERTY, max_examples=60)
@given(data=st.data())
def test_server_parameters_answer_or_give_one_line(kg, pairs, server, data):
    name, param = data.draw(st.sampled_from(pairs))
    value = draw_value(data, kg, name, param).replace("\x00", "")
    status, _, body = server.get(f"/queries/{name}?" + urllib.parse.urlencode({param: value}),
                                 accept="application/sparql-results+json")
    if not value.strip():
        assert status in (200, 400)
        return
    try:
        expected = kg.query(name, **{param: value})
    except QueryError as exc:
        assert status == 400, (status, body[:200])
        assert body.decode("utf-8").strip().count("\n") == 0 and str(exc) in body.decode("utf-8")
        return
    assert status == 200, (status, body[:300])
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == min(len(expected), 10000)
