"""The load-time term checks: what pyoxigraph's parser refuses by itself, and the literal
length check that remains for what it parsed (dngraph.wellformed.check_parsed)."""

from __future__ import annotations

import pyoxigraph
import pytest

from dngraph.errors import LoadError
from dngraph.wellformed import MAX_LITERAL_BYTES, check_parsed, iri_problem

GRAPH = pyoxigraph.NamedNode("https://w3id.org/dngraph/id/source/x")
# Every character an IRI may not hold (wellformed._NOT_IN_IRI), and a few it may.
REFUSED = [chr(c) for c in range(0x21)] + list('<>"{}|^`\\')
ALLOWED = ["a", "\u00e9", "\U0001F600", "~"]


def parse(text: str) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE,
               base_iri="file:///tmp/x.ttl", to_graph=GRAPH)
    return store


def iri_forms(char: str) -> list[str]:
    """``char`` written into an IRI as it is and as a Turtle \\u escape, absolute and relative."""
    escaped = f"\\u{ord(char):04X}" if ord(char) < 0x10000 else f"\\U{ord(char):08X}"
    return [f"http://x/a{char}b", f"http://x/a{escaped}b", f"a{char}b", f"http://x/#{escaped}"]


@pytest.mark.parametrize("char", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_pyoxigraph_refuses_every_iri_the_check_refuses(char):
    for form in iri_forms(char):
        for text in (f'<{form}> <http://p/> "x" .', f'<http://s/> <http://p/> "x"^^<{form}> .'):
            with pytest.raises(SyntaxError):
                parse(text)


@pytest.mark.parametrize("char", ALLOWED)
def test_iris_pyoxigraph_accepts_pass_the_check(char):
    for form in iri_forms(char):
        store = parse(f'<{form}> <http://p/> <{form}> .')
        for quad in store:
            assert iri_problem(quad.subject.value) is None


def test_a_lone_surrogate_escape_is_refused_by_pyoxigraph():
    with pytest.raises(SyntaxError):
        parse('<http://s/> <http://p/> "half \\uD800 pair" .')


def big_text(longest: int) -> str:
    """Turtle over the length limit in all, whose longest literal has ``longest`` characters."""
    lines = [f'<http://s/{i}> <http://p/> "{"y" * 1000}" .' for i in range(MAX_LITERAL_BYTES // 1000 + 10)]
    accented = "\u00e9" * longest
    lines.insert(5, f'<http://s/long> <http://p/> "{accented}" .')
    return "\n".join(lines) + "\n"


def test_a_large_file_of_short_literals_passes():
    text = big_text(MAX_LITERAL_BYTES // 2)  # two bytes a character: exactly at the limit
    check_parsed(parse(text), GRAPH, "big.ttl", text)


def test_a_literal_over_the_limit_is_named_with_its_line():
    text = big_text(MAX_LITERAL_BYTES // 2 + 1)
    with pytest.raises(LoadError) as caught:
        check_parsed(parse(text), GRAPH, "big.ttl", text)
    assert caught.value.line == 6
    assert f"{MAX_LITERAL_BYTES + 2} bytes" in str(caught.value)
