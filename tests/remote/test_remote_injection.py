"""Injection-proof parameters on a remote engine, property-based.

A remote engine takes only query text, so a bound value is written into it as a ``VALUES``
block (:mod:`dngraph.valuesbind`). Against an oxigraph server started on loopback:

- arbitrary RDF terms (hostile text, IRIs, language tags, huge and ill-typed numbers) bound
  to queries that echo them: the text the server receives is read back by an independent
  SPARQL parser (rdflib's, which also applies the codepoint escapes of SPARQL 1.1 Query
  section 19.2) as the same query with exactly that one term in its ``VALUES`` data, and the
  server answers what the embedded store answers for the same binding;
- such terms (but numbers and dates, which Virtuoso holds in its own types) sent to Virtuoso 7
  come back whole, or are refused in one line;
- arbitrary values given to every parameter of every saved query, through the API and
  ``dngraph query --endpoint``: the text sent differs from the text sent for a plain value
  only by the bound term (as written by the serializer the first test checks), and the answer
  is the embedded store's, or the same one-line parameter error (exit 2) before anything is
  sent but the class check.
"""

from __future__ import annotations

import collections
import urllib.parse

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import dngraph
from dngraph.cli import cli
from dngraph.endpoint import Endpoint
from dngraph.errors import ParameterError, QueryError
from servers import oxigraph_server, virtuoso_server  # noqa: F401 (fixtures)
from test_injection import BREAKOUTS, draw_value, parameters
from test_query_parity import nt

PROPERTY = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN = ["ca", "2021", "data-360", "digital-nations-charter", "https://w3id.org/dngraph/id/nation/ca",
         "2021-11-18", "en", "3"]


@pytest.fixture(scope="module")
def remote(kg, oxigraph_server):  # noqa: F811
    from dngraph.push import push

    graph = dngraph.open(kg.layout.root, kg.cache_dir, endpoint=oxigraph_server["url"])
    push(kg, graph.endpoint).check()
    graph.ontology_terms()  # asked once, before the queries whose requests are counted
    return graph


class Sent:
    """The query text of every request sent to the engine while it is installed."""

    def __init__(self, monkeypatch):
        self.texts = []
        real = Endpoint.request

        def request(endpoint, method, url, body=None, *args, **kwargs):
            if body:
                self.texts += urllib.parse.parse_qs(body.decode("utf-8"))["query"]
            return real(endpoint, method, url, body, *args, **kwargs)

        monkeypatch.setattr(Endpoint, "request", request)


def rows(result):
    return collections.Counter(tuple(nt(row.get(v)) for v in result.variables) for row in result.terms)


# -- arbitrary terms, read back by an independent parser and by the engine --------------------

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40), st.sampled_from(BREAKOUTS),
    st.text(alphabet=st.sampled_from(list('\\"\'{}<>()uU0041;#.\n\r\t ?^@')), max_size=30),
    st.builds(lambda a, b: f"{a}\\u{b:04x}", st.text(alphabet="\\ab", max_size=3), st.integers(0, 0xFFFF)),
)
LANGUAGE = st.from_regex(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,2}", fullmatch=True)
NUMBERS = st.one_of(st.integers(-10**40, 10**40).map(str), st.floats().map(repr), st.decimals().map(str),
                    HOSTILE_TEXT)


def iri(text: str):
    try:
        return ox.NamedNode(text)
    except ValueError:
        assume(False)


def tagged(text: str, tag: str):
    try:
        return ox.Literal(text, language=tag)
    except ValueError:
        assume(False)


# Terms every engine keeps as they are written (Virtuoso holds numbers and dates in its own types).
KEPT_TERMS = st.one_of(
    HOSTILE_TEXT.map(ox.Literal),
    st.builds(tagged, HOSTILE_TEXT, LANGUAGE),
    st.builds(lambda text, kind: ox.Literal(text, datatype=iri(kind)), HOSTILE_TEXT,
              st.sampled_from(["http://example.org/t", "urn:x:y", "https://w3id.org/dngraph/ontology#T"])),
    st.builds(lambda scheme, rest: iri(f"{scheme}:{rest}"), st.sampled_from(["http", "https", "urn", "file"]),
              HOSTILE_TEXT),
)
TERMS = st.one_of(
    KEPT_TERMS,
    st.builds(lambda lexical, kind: ox.Literal(lexical, datatype=ox.NamedNode(XSD + kind)), NUMBERS,
              st.sampled_from(["integer", "decimal", "double", "date", "gYear", "boolean"])),
)

ECHOES = [
    "SELECT ?v (STR(?v) AS ?text) (LANG(?v) AS ?lang) (DATATYPE(?v) AS ?type) WHERE { }",
    "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o = ?v || ?s = ?v) } GROUP BY ?v",
    "ASK { OPTIONAL { ?v ?p ?o } FILTER(isLiteral(?v) || isIRI(?v)) }",
]


def read_back(text: str):
    """The query ``text`` as rdflib's SPARQL parser reads it: its parse tree with the rows of
    every ``VALUES`` block taken out, and those rows' terms as pyoxigraph terms."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    found = []

    def skeleton(node):
        if isinstance(node, (list, tuple, ParseResults)):
            return tuple(skeleton(part) for part in node)
        if isinstance(node, CompValue):
            if node.name == "InlineData":
                found.extend(_as_term(value) for value in _flat(node["value"]))
                return ("InlineData", tuple(str(v) for v in node["var"]), len(node["value"]))
            return (node.name, tuple((key, skeleton(value)) for key, value in node.items()))
        return (type(node).__name__, str(node))

    return skeleton(parseQuery(text)), found


def _flat(values):
    from pyparsing import ParseResults

    for value in values:
        if isinstance(value, (list, ParseResults)):
            yield from _flat(value)
        else:
            yield value


def _as_term(node):
    import rdflib

    if isinstance(node, rdflib.URIRef):
        return ox.NamedNode(str(node))
    if getattr(node, "name", None) == "literal":
        datatype, language = (node[key] if key in node else None for key in ("datatype", "lang"))
        return ox.Literal(str(node["string"]), language=language or None,
                          datatype=ox.NamedNode(str(datatype)) if datatype and not language else None)
    return ("not a term", node)


@PROPERTY
@given(text=st.sampled_from(ECHOES), term=TERMS)
def test_any_bound_term_reaches_the_engine_as_that_one_term(kg, remote, monkeypatch, text, term):
    sent = Sent(monkeypatch)
    try:
        answer = remote.sparql(text, v=term)
    finally:
        monkeypatch.undo()
    assert len(sent.texts) == 1
    shape, terms = read_back(sent.texts[0])
    assert terms and all(found == term for found in terms)  # the value, whole, as the one term of each block
    assert shape == read_back(sent.texts[0].replace(str(term), '"plain"'))[0]
    expected = kg.sparql(text, v=term)
    if expected.kind == "ask":
        assert answer.boolean == expected.boolean
    else:
        assert rows(answer) == rows(expected)


@settings(PROPERTY, max_examples=25)
@given(term=KEPT_TERMS)
def test_any_bound_term_reaches_virtuoso_whole_or_is_refused_in_one_line(kg, virtuoso_server, term):  # noqa: F811
    graph = dngraph.open(kg.layout.root, kg.cache_dir, endpoint=virtuoso_server["url"],
                         auth=(virtuoso_server["user"], virtuoso_server["password"]))
    try:
        answer = graph.sparql("SELECT ?v WHERE { }", v=term)
    except QueryError as refused:
        event("refused")
        assert "\n" not in str(refused) and "rejected the query (HTTP 400)" in str(refused)
        return
    event("answered")
    assert answer.terms == [{"v": term}]


# -- every parameter of every saved query -----------------------------------------------------

@pytest.fixture(scope="module")
def pairs(kg):
    return parameters(kg)


_PLAIN_RUNS: dict = {}


def plain_run(kg, remote, name: str, param: str):
    """A value the saved query answers for, the term it binds to, and the texts sent for it."""
    if (name, param) not in _PLAIN_RUNS:
        saved = kg.saved(name)
        for value in PLAIN:
            try:
                kg.query(name, **{param: value})
            except ParameterError:
                continue
            term = saved.param(param).to_term(value)
            with pytest.MonkeyPatch.context() as patch:
                sent = Sent(patch)
                remote.query(name, **{param: value})
            assert sent.texts and all(str(term) in text for text in sent.texts)
            assert str(term) not in saved.text
            _PLAIN_RUNS[name, param] = term, sent.texts
            break
    return _PLAIN_RUNS[name, param]


@PROPERTY
@given(data=st.data())
def test_saved_query_parameters_change_only_the_bound_term_on_the_engine(kg, remote, pairs, monkeypatch, data):
    name, param = data.draw(st.sampled_from(pairs))
    value = draw_value(data, kg, name, param)
    plain, plain_texts = plain_run(kg, remote, name, param)
    try:
        expected = kg.query(name, **{param: value})
    except ParameterError as refused:
        expected = refused
    sent = Sent(monkeypatch)
    try:
        answer = remote.query(name, **{param: value})
    except ParameterError as refused:
        answer = refused
    finally:
        monkeypatch.undo()
    event("refused" if isinstance(expected, ParameterError) else "answered")
    if isinstance(expected, ParameterError):
        assert type(answer) is ParameterError and str(answer) == str(expected)
        assert "\n" not in str(answer) and repr(param) in str(answer)
    else:
        assert not isinstance(answer, Exception), answer
        assert rows(answer) == rows(expected)
    if sent.texts:
        term = kg.saved(name).param(param).to_term(value)
        # the same requests as for a plain value, the term in its place (a class check may stop first)
        assert sent.texts == [text.replace(str(plain), str(term)) for text in plain_texts][:len(sent.texts)]
        assert len(sent.texts) == len(plain_texts) or isinstance(answer, ParameterError)


@settings(PROPERTY, max_examples=20)
@given(data=st.data())
def test_saved_query_parameters_on_the_command_line_with_an_endpoint(kg, remote, pairs, oxigraph_server, data):  # noqa: F811
    name, param = data.draw(st.sampled_from(pairs))
    value = draw_value(data, kg, name, param)
    args = ["query", name, "--param", f"{param}={value}", "--format", "csv"]
    local = CliRunner().invoke(cli, args)
    on_engine = CliRunner().invoke(cli, args + ["--endpoint", oxigraph_server["url"]])
    assert (on_engine.exit_code, on_engine.output) == (local.exit_code, local.output)
    assert on_engine.exit_code in (0, 2), on_engine.output
    event(f"exit {on_engine.exit_code}")
    if on_engine.exit_code == 2:
        lines = on_engine.output.strip().splitlines()
        assert len(lines) == 1 and f"'{param}'" in lines[0] and "Traceback" not in on_engine.output
