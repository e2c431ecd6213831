"""The fixed cast of a generated graph: nations, themes, the forum, and the registry file.

Sizes grow with the square root of the target triple count, so that a bigger
graph has more nations and themes but is mostly made of more summits,
documents, working groups and initiatives (as a real graph grows by sources).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from .turtle import Blank, TurtleFile, iri, text, typed

SYLLABLES = ["ba", "ca", "da", "el", "fa", "go", "ha", "ir", "ka", "lo",
             "ma", "no", "or", "pa", "ri", "sa", "ta", "ul", "va", "zo"]
FORUM = iri("forum/digital-nations")
THEMES_SCHEME = iri("scheme/themes")
SECRETARIAT = iri("organization/forum-secretariat")


@dataclass(frozen=True)
class Nation:
    code: str  # ISO-style alpha-2, upper case
    name: str

    @property
    def iri(self) -> str:
        return iri(f"nation/{self.code.lower()}")

    @property
    def membership(self) -> str:
        return iri(f"membership/{self.code.lower()}")


@dataclass(frozen=True)
class World:
    nations: list
    themes: list  # (slug, label)


def _name(index: int) -> str:
    """A made-up place name, unique for every index below 8000."""
    mixed = (index * 7919) % 8000  # 7919 is prime to 8000: a permutation
    a, rest = divmod(mixed, 400)
    b, c = divmod(rest, 20)
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c] + ("nia" if index % 2 else "land")).capitalize()


def make_world(triples: int, rng: random.Random) -> World:
    """Nations and themes for a graph of about ``triples`` triples."""
    root = triples ** 0.5
    codes = ["".join(p) for p in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2)]
    count = min(len(codes), max(8, round(root / 3)))
    picked = rng.sample(codes, count)
    nations = [Nation(code, _name(i)) for i, code in enumerate(picked)]
    themes = [(f"theme-{i:04d}", f"theme {i} of digital government") for i in range(max(5, round(root / 5)))]
    return World(nations, themes)


def source_block(doc: TurtleFile, slug: str, title: str, issued: str, about: list) -> None:
    """The file's own source document, as docs/modelling.md asks."""
    doc.thing(doc.source, [
        ("a", "dn:SourceDocument"),
        ("dcterms:title", text(title)),
        ("rdfs:label", text(f"{title} (generated benchmark source)")),
        ("dcterms:creator", SECRETARIAT),
        ("dcterms:publisher", SECRETARIAT),
        ("dcterms:issued", typed(issued, "date")),
        ("dcterms:language", '"en"'),
        ("schema:url", f"<https://example.org/dngraph-bench/{slug}>"),
        ("dn:about", about),
    ])
    doc.thing(SECRETARIAT, [("a", "dn:Organization"), ("rdfs:label", text("Forum secretariat"))])
    doc.thing(FORUM, [("a", "dn:Forum"), ("rdfs:label", text("Digital Nations"))])


def registry_file(world: World) -> TurtleFile:
    """Every nation in full (codes, Wikidata link, French label) and its membership."""
    doc = TurtleFile(iri("source/bench-registry"))
    source_block(doc, "bench-registry", "Register of member nations", "2024-01-15",
                 [n.iri for n in world.nations[:5]])
    for i, nation in enumerate(world.nations):
        doc.thing(nation.iri, [
            ("a", "dn:Nation"),
            ("rdfs:label", [text(nation.name), text(f"République de {nation.name}", "fr")]),
            ("dn:iso3166Alpha2", f'"{nation.code}"'),
            ("dn:iso3166Alpha3", f'"{nation.code}X"'),
            ("skos:exactMatch", f"<http://www.wikidata.org/entity/Q{90000 + i}>"),
            ("dn:membership", nation.membership),
        ])
        begin = f"{2014 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        doc.thing(nation.membership, [
            ("a", "dn:ForumMembership"),
            ("rdfs:label", text(f"Membership of {nation.name}")),
            ("dn:memberNation", nation.iri),
            ("org:organization", FORUM),
            ("org:role", "dn:ForumMember"),
            ("org:memberDuring", Blank([
                ("a", "time:Interval"),
                ("time:hasBeginning", Blank([("a", "time:Instant"), ("time:inXSDDate", typed(begin, "date"))])),
            ])),
        ])
    theme_scheme(doc)
    for slug, label in world.themes:
        theme_block(doc, slug, label)
    return doc


def theme_scheme(doc: TurtleFile) -> None:
    doc.thing(THEMES_SCHEME, [("a", "skos:ConceptScheme"), ("rdfs:label", text("Themes"))])


def theme_block(doc: TurtleFile, slug: str, label: str) -> None:
    doc.thing(iri(f"theme/{slug}"), [
        ("a", "dn:Theme"),
        ("rdfs:label", text(label)),
        ("skos:prefLabel", text(label)),
        ("skos:inScheme", THEMES_SCHEME),
    ])
