"""Every thing's IRI dereferences on `dngraph serve`: a page for people (labels in their
language, each fact with its source), Turtle and JSON-LD for programs, a 404 page for an
unknown IRI; the ontology's terms have a documentation page; search ranks by label; every
literal on a page is escaped. The server runs on the shipped graph plus one file whose
labels hold markup."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
import urllib.parse
from html.parser import HTMLParser

import pytest
import rdflib

from conftest import ROOT
from rdfcompare import same
from serving import running_server

ID = "https://w3id.org/dngraph/id/"
DN = rdflib.Namespace("https://w3id.org/dngraph/ontology#")
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PROBE = """@prefix dn: <https://w3id.org/dngraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/dngraph/id/source/markup-probe> a dn:SourceDocument ; rdfs:label "Probe <b>document</b>"@en .
<https://w3id.org/dngraph/id/theme/markup-probe> a dn:Theme ;
    rdfs:label "<script>alert('label')</script>"@en ;
    rdfs:comment "5 < 6 & <img src=x onerror=alert(1)>" .
"""

# A JSON-LD context as the graph may ship one (ontology/context.jsonld): short keys.
CONTEXT = {"@context": {"dn": str(DN), "code": {"@id": str(DN) + "iso3166Alpha2"},
                        "label": {"@id": "http://www.w3.org/2000/01/rdf-schema#label", "@container": "@language"}}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("root")
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    (root / "data" / "reference" / "markup-probe.ttl").write_text(PROBE, encoding="utf-8")
    (root / "ontology" / "context.jsonld").write_text(json.dumps(CONTEXT), encoding="utf-8")
    cache = tmp_path_factory.mktemp("cache")
    with running_server(cache, tmp_path_factory.mktemp("logs"), "--root", str(root)) as running:
        yield running


class Tables(HTMLParser):
    """The text of each cell of each table with an id, and the h1."""

    def __init__(self, html: str):
        super().__init__()
        self.tables, self.h1, self.links = {}, "", []
        self._table = self._cell = None
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "id" in attrs:
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag == "td" and self._table is not None:
            self._cell = []
        elif tag == "h1":
            self._in_h1 = True
        if tag == "a":
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._table[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_h1:
            self.h1 += data.strip()


def page(server, path, **headers):
    status, got, body = server.get(path, accept=HTML, headers=headers)
    assert got["Content-Type"].startswith("text/html")
    return status, body.decode("utf-8")


def test_a_nation_page_has_every_fact_with_labels_and_sources(server):
    status, html = page(server, "/id/nation/ca")
    assert status == 200
    parsed = Tables(html)
    assert parsed.h1 == "Canada"
    facts = [row for row in parsed.tables["facts"] if row]
    assert ["ISO 3166-1 alpha-2 code", "CA", "ISO 3166-1 country codes"] in facts
    # Canada chaired the forum in 2020, say two source documents.
    chair = next(row for row in facts if row[0] == "chair term")
    assert chair[1] == "Canada's chair of the Digital Nations, 2020"
    assert "Responsive and Resilient Service" in chair[2] and "Shared Solutions to Common Problems" in chair[2]
    # The 2020 summit was hosted by Canada: stated on the summit, inferred on the nation.
    assert ["hosted", "7th Annual Digital Nations Ministerial Summit", "inferred"] in facts
    # What points here: Canada's membership of the forum.
    assert any(row and row[0].startswith("Canada in the") and row[1] == "member nation"
               for row in parsed.tables["incoming"])
    assert "http://www.wikidata.org/entity/Q16" in parsed.links
    assert "https://www.iso.org/obp/ui/#iso:code:3166:CA" in parsed.links
    assert "/id/membership/ca" in parsed.links and "/id/source/iso-3166-1" in parsed.links


def test_the_label_follows_the_readers_language(server):
    assert Tables(page(server, "/id/organization/iso")[1]).h1 == "International Organization for Standardization"
    french = page(server, "/id/organization/iso", **{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})[1]
    assert Tables(french).h1 == "Organisation internationale de normalisation"
    assert '<html lang="fr-ca">' in french


def test_turtle_and_jsonld_views_for_machines(server):
    status, headers, turtle = server.get("/id/nation/ca", accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    canada = rdflib.URIRef(ID + "nation/ca")
    assert (canada, DN.iso3166Alpha2, rdflib.Literal("CA")) in graph
    assert (canada, rdflib.SKOS.exactMatch, rdflib.URIRef("http://www.wikidata.org/entity/Q16")) in graph
    status, headers, jsonld = server.get("/id/nation/ca", accept="application/ld+json")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert same(rdflib.Graph().parse(data=jsonld, format="json-ld"), graph)
    assert same(rdflib.Graph().parse(data=server.get("/id/nation/ca?format=jsonld")[2], format="json-ld"), graph)
    # Compacted with the graph's own context: short keys, labels by language.
    document = json.loads(jsonld)
    assert document["code"] == "CA" and document["label"]["en"] == "Canada"


def test_ontology_terms_resolve_to_their_documentation(server):
    status, html = page(server, "/ontology")
    assert status == 200
    assert '<dt id="Nation">' in html and '<dt id="memberNation">' in html
    status, headers, turtle = server.get("/ontology", accept="text/turtle")
    shipped = rdflib.Graph().parse(ROOT / "ontology" / "dngraph.ttl")
    assert same(rdflib.Graph().parse(data=turtle, format="turtle"), shipped)
    # A term's IRI on a thing's page links to its place in that documentation.
    assert "/ontology#iso3166Alpha2" in Tables(page(server, "/id/nation/ca")[1]).links


def test_an_unknown_iri_gets_a_404_page(server):
    status, html = page(server, "/id/nation/zz")
    assert status == 404 and "https://w3id.org/dngraph/id/nation/zz" in html
    assert server.get("/id/nation/zz", accept="text/turtle")[0] == 404
    assert page(server, "/no/such/page")[0] == 404


def test_every_literal_on_a_page_is_escaped(server):
    status, html = page(server, "/id/theme/markup-probe")
    assert status == 200
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>document</b>" not in html
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in html
    assert "5 &lt; 6 &amp; &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Probe &lt;b&gt;document&lt;/b&gt;" in html
    query = "SELECT ?label WHERE { ?t rdfs:label ?label FILTER(CONTAINS(?label, 'script')) }"
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + query
    status, html = page(server, "/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 200 and "<script>alert" not in html and "&lt;script&gt;" in html
    status, html = page(server, "/search?q=" + urllib.parse.quote("<script>"))
    assert status == 200 and "<script>alert" not in html and "&lt;script&gt;alert" in html


def search(server, text):
    status, _, body = server.get("/search?" + urllib.parse.urlencode({"q": text}), accept="application/json")
    assert status == 200
    return json.loads(body)


def test_search_ignores_case_and_accents_in_english_and_french(server):
    assert search(server, "ISRAËL")[0] == {"iri": ID + "nation/il", "label": "Israel", "lang": "en", "match": "exact"}
    assert search(server, "danemark")[0]["iri"] == ID + "nation/dk"
    assert search(server, "Corée")[0]["iri"] == ID + "nation/kr"
    greening = search(server, "greening")
    assert ID + "working-group/sustainable-government-it" in [hit["iri"] for hit in greening]
    assert all("greening" in hit["label"].lower() for hit in greening)


def test_search_ranks_exact_then_prefix_then_word_then_contains(server):
    hits = search(server, "canada")
    assert hits[0]["iri"] == ID + "nation/ca" and hits[0]["match"] == "exact"
    order = ["exact", "prefix", "word", "contains"]
    ranks = [order.index(hit["match"]) for hit in hits]
    assert ranks == sorted(ranks) and len(set(ranks)) >= 3
    assert search(server, "   ") == []


def test_saved_query_results_page_with_labels_links_and_downloads(server):
    status, html = page(server, "/queries/nation-history?nation=ca")
    assert status == 200
    parsed = Tables(html)
    assert "/id/summit/2020" in parsed.links
    downloads = [link for link in parsed.links if link and "format=" in link]
    assert sorted(downloads) == ["/queries/nation-history?nation=ca&format=csv",
                                 "/queries/nation-history?nation=ca&format=json"]
    status, headers, body = server.get(downloads[0] if "csv" in downloads[0] else downloads[1])
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.startswith(b"year,role,thing,thingLabel,source,sourceLabel")


def test_the_home_page_offers_every_saved_query_and_loads_nothing_from_elsewhere(server):
    status, html = page(server, "/")
    assert status == 200
    for path in (ROOT / "queries").glob("*.rq"):
        assert f'action="/queries/{path.stem}"' in html
    assert 'action="/sparql"' in html and 'action="/search"' in html
    assert "http://" not in html.replace("http://www.w3.org/", "") and "//cdn" not in html
    status, headers, css = server.get("/static/style.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def things() -> list[str]:
    """Every IRI under https://w3id.org/dngraph/id/ that the served data files mention."""
    graph = rdflib.Graph().parse(data=PROBE, format="turtle")
    for path in sorted((ROOT / "data").rglob("*.ttl")):
        graph.parse(path)
    return sorted({str(term) for triple in graph for term in (triple[0], triple[2])
                   if isinstance(term, rdflib.URIRef) and str(term).startswith(ID)})


def test_every_things_iri_has_an_html_turtle_and_jsonld_view(server):
    iris = things()
    assert len(iris) > 200
    failed = []
    for iri in iris:
        path = "/id/" + iri[len(ID):]
        status, html = page(server, path)
        if status != 200 or not Tables(html).h1:
            failed.append((iri, "html", status))
            continue
        status, headers, turtle = server.get(path, accept="text/turtle")
        graph = rdflib.Graph().parse(data=turtle, format="turtle") if status == 200 else rdflib.Graph()
        if not headers["Content-Type"].startswith("text/turtle") or (rdflib.URIRef(iri), None, None) not in graph:
            failed.append((iri, "turtle", status))
            continue
        status, headers, jsonld = server.get(path, accept="application/ld+json")
        if status != 200 or not same(rdflib.Graph().parse(data=jsonld, format="json-ld"), graph):
            failed.append((iri, "json-ld", status))
    assert failed == []


def test_saved_query_page_shows_each_rows_sources_as_links(server):
    status, html = page(server, "/queries/chairs?sources=1")
    assert status == 200
    parsed = Tables(html)
    row = next(row for row in parsed.tables["answer"] if row and row[0] == "2020")
    # Two documents state Canada's 2020 chair term (tests/test_citations.py).
    assert row[-1] == "responsive-and-resilient-service, shared-solutions-to-common-problems"
    assert {"/id/source/responsive-and-resilient-service", "/id/source/shared-solutions-to-common-problems",
            "/queries/chairs?sources=1&format=csv", "/queries/chairs"} <= set(parsed.links)
    plain = Tables(page(server, "/queries/chairs")[1])
    assert [r[:-1] for r in parsed.tables["answer"]] == plain.tables["answer"]
    assert "/queries/chairs?sources=1" in plain.links


PICTURES = ("/plots/timeline.svg", "/plots/network.svg", "/plots/timeline.png", "/plots/network.png")


def test_the_pictures_are_drawn_from_the_saved_queries_and_shown_on_the_home_page(server):
    html = page(server, "/")[1]
    assert '<img src="/plots/timeline.svg"' in html and '<img src="/plots/network.svg"' in html
    # Asked at once, as a browser asks for a page's images: each is drawn with its own settings.
    with ThreadPoolExecutor(4) as pool:
        answers = dict(zip(PICTURES, pool.map(server.get, PICTURES)))
    status, headers, svg = answers["/plots/timeline.svg"]
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    assert b">Digital Nations: " in answers["/plots/network.svg"][2]  # text stays text, not paths
    status, _, body = server.get("/queries/members?format=json")
    members = {b["nationLabel"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert len(members) == 10 and all(f">{label}<".encode() in svg for label in members)
    status, headers, png = server.get("/plots/network.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert server.get("/plots/timeline.gif")[0] == 404 and server.get("/plots/nothing.svg")[0] == 404
