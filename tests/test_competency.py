"""Competency questions: what analysts ask, answered from the graph.

Every expected answer is stated in a source document; the comment on each test
names it (seed file in brackets).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

ID = "https://w3id.org/dngraph/id/"
PREFIXES = """
PREFIX dn: <https://w3id.org/dngraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
"""
TEN = {"ca", "dk", "ee", "il", "mx", "nz", "pt", "kr", "gb", "uy"}


def ask(kg, body: str, **bindings):
    return kg.sparql(PREFIXES + body, **bindings).rows


def column(rows, name):
    return {row[name] for row in rows}


def test_who_chaired_the_2021_meeting(kg):
    # UK backs digital government declaration [003]: chaired by Chris Philp MP.
    rows = ask(kg, f"SELECT ?name WHERE {{ <{ID}summit/2021> dn:chair ?p . ?p foaf:name ?name }}")
    assert column(rows, "name") == {"Chris Philp"}


def test_which_ten_nations_were_members_in_2021(kg):
    # [003] the ten member nations meeting on 18 November 2021; [004] the same ten.
    rows = ask(kg, """SELECT DISTINCT ?nation WHERE {
        ?m a dn:ForumMembership ; dn:memberNation ?nation ; dn:attestedOn ?when .
        FILTER(SUBSTR(STR(?when), 1, 4) = "2021") }""")
    assert {r["nation"].rsplit("/", 1)[1] for r in rows} == TEN


def test_which_nation_leads_the_sustainable_government_it_group(kg):
    # [004] Canada leads on sustainable government IT; [000] Canada leads Greening Digital Government.
    rows = ask(kg, f"SELECT ?lead WHERE {{ <{ID}working-group/sustainable-government-it> dn:leadNation ?lead }}")
    assert column(rows, "lead") == {ID + "nation/ca"}


def test_what_targets_canadas_greening_strategy_sets(kg):
    # [000] cut government operations emissions by 40% by 2030, net zero by 2050.
    rows = ask(kg, f"""SELECT ?year ?value WHERE {{
        <{ID}initiative/greening-government-strategy> dn:hasTarget ?t .
        ?t dn:targetYear ?year . OPTIONAL {{ ?t dn:targetValue ?value }} }} ORDER BY ?year""")
    assert [(r["year"], r.get("value")) for r in rows] == [("2030", Decimal("40")), ("2050", Decimal("0"))]


def test_who_chairs_the_forum_each_year(kg):
    # [000] Canada 2020, the United Kingdom 2021, South Korea 2022; [001] the same.
    rows = ask(kg, "SELECT DISTINCT ?year ?nation WHERE { ?t a dn:ChairTerm ; dn:year ?year ; dn:chairNation ?nation }")
    assert {(r["year"], r["nation"]) for r in rows} == {
        ("2020", ID + "nation/ca"), ("2021", ID + "nation/gb"), ("2022", ID + "nation/kr"),
        # Public pages (data/public): gov.uk (UK 2014, Estonia 2015), mois.go.kr (Korea 2016),
        # leadingdigitalgovs.org (Portugal 2023), uruguayxxi.gub.uy and cuti.org.uy (Uruguay 2019).
        ("2014", ID + "nation/gb"), ("2015", ID + "nation/ee"), ("2016", ID + "nation/kr"), ("2023", ID + "nation/pt"),
        ("2019", ID + "nation/uy")}


def test_where_canada_assumed_the_chair(kg):
    # [000] Canada assumed the chair at the 2019 Ministerial Summit in Uruguay.
    rows = ask(kg, f"""SELECT ?summit ?place WHERE {{
        <{ID}chair-term/2020> dn:assumedChairAt ?summit . ?summit schema:location ?place }}""")
    # leadingdigitalgovs.org/summits also places it in Montevideo.
    assert {(r["summit"], r["place"]) for r in rows} == {
        (ID + "summit/2019", ID + "nation/uy"), (ID + "summit/2019", ID + "place/montevideo")}


def test_the_2020_summit(kg):
    # [000] the 7th summit, three days, fully virtual, chaired by Joyce Murray;
    # [001] hosted by Canada, theme "responsive and resilient service".
    rows = ask(kg, f"""SELECT ?ordinal ?days ?mode ?host ?chair ?theme WHERE {{
        <{ID}summit/2020> dn:ordinal ?ordinal ; dn:durationDays ?days ; schema:eventAttendanceMode ?mode ;
            dn:host ?host ; dn:chair ?c ; dn:theme ?t .
        ?c foaf:name ?chair . ?t skos:prefLabel ?theme }}""")
    assert len(rows) >= 1
    row = rows[0]
    assert (row["ordinal"], row["days"], row["host"]) == (7, 3, ID + "nation/ca")
    assert row["mode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert row["chair"] == "Joyce Murray"
    assert row["theme"].lower() == "responsive and resilient service"


def test_the_2021_joint_statement_has_three_pillars(kg):
    # [003] Sustainable, Inclusive and Values-driven Innovation ([004] names the same three
    # pillars of the members' 2021 priority, but no joint statement).
    rows = ask(kg, f"""SELECT DISTINCT ?pillar WHERE {{ <{ID}statement/2021-joint-statement> dn:pillar ?pillar }}""")
    assert column(rows, "pillar") == {ID + "principle/sustainable-innovation", ID + "principle/inclusive-innovation",
                                      ID + "principle/values-driven-innovation"}
    title = ask(kg, f"SELECT ?t WHERE {{ <{ID}statement/2021-joint-statement> dcterms:title ?t }}")
    assert column(title, "t") == {"Digital Government in Open Societies: Sustainable, Inclusive, and Values-driven Innovation"}


def test_two_charters_each_signed_as_its_source_says(kg):
    # [000] the updated charter, signed by all ten during the 2020 summit; [004] "the 2021
    # Digital Nations Charter", signed off by all, with no signing event. That the 2021 Charter
    # was signed at the 2021 summit, and that it may be the update, is the editors' reading.
    rows = ask(kg, f"""SELECT ?charter ?source ?year WHERE {{
        VALUES ?charter {{ <{ID}charter/updated-digital-nations-charter> <{ID}charter/2021-digital-nations-charter> }}
        GRAPH ?source {{ ?charter dn:signedAt ?event }}
        ?event (schema:superEvent)* ?summit . ?summit a dn:MinisterialSummit ; dn:year ?year }}""")
    assert {(r["charter"].rsplit("/", 1)[1], r["source"].rsplit("/", 1)[1], r["year"]) for r in rows} == {
        ("updated-digital-nations-charter", "shared-solutions-to-common-problems", "2020"),
        ("2021-digital-nations-charter", "editors-reading", "2021"),
        # mois.go.kr news of 2020-11-10: "signing an updated charter"
        ("updated-digital-nations-charter", "mois-2020-7th-summit", "2020")}
    match = ask(kg, f"""SELECT ?source WHERE {{ GRAPH ?source {{
        <{ID}charter/updated-digital-nations-charter> skos:closeMatch <{ID}charter/2021-digital-nations-charter> }} }}""")
    assert column(match, "source") == {ID + "source/editors-reading"}


def test_what_the_ai_working_group_produced(kg):
    # [003] the 2021 paper "Creating the Right Culture to Foster AI and Manage Change: ...".
    rows = ask(kg, f"""SELECT ?title WHERE {{ <{ID}working-group/artificial-intelligence> dn:output ?o .
        ?o dcterms:title ?title }}""")
    assert "Creating the Right Culture to Foster AI and Manage Change: Lessons from the Digital Nations Countries" \
        in column(rows, "title")


def test_what_the_ministers_endorsed_in_2021(kg):
    # [003] ministers endorse the Digital Nations Shared Approach to Sustainable Digital Government.
    rows = ask(kg, f"""SELECT ?doc WHERE {{ ?doc dn:endorsedAt <{ID}summit/2021> }}""")
    assert ID + "document/shared-approach-to-sustainable-digital-government" in column(rows, "doc")
    # dn:outcome is the inverse of dn:adoptedAt, of which dn:endorsedAt is a subproperty: inferred.
    outcomes = ask(kg, f"SELECT ?doc WHERE {{ <{ID}summit/2021> dn:outcome ?doc }}")
    assert ID + "document/shared-approach-to-sustainable-digital-government" in column(outcomes, "doc")


def test_paul_james_post(kg):
    # [000] Paul James, Chief Digital Officer for New Zealand, spoke at the charter signing.
    rows = ask(kg, f"""SELECT ?title ?nation WHERE {{ ?post org:heldBy <{ID}person/paul-james> ;
        rdfs:label ?title ; dn:nation ?nation }}""")
    assert any(r["title"].startswith("Chief Digital Officer") and r["nation"] == ID + "nation/nz" for r in rows)


def test_who_chairs_the_greening_group(kg):
    # [001] Mark Levene chairs the Greening Digital Government thematic group.
    rows = ask(kg, f"SELECT ?chair WHERE {{ <{ID}working-group/sustainable-government-it> dn:chair ?chair }}")
    assert column(rows, "chair") == {ID + "person/mark-levene"}


def test_when_the_forum_was_founded_and_its_former_names(kg):
    # [004] established in 2014; the reference page (Wikipedia) gives D5, D7, D9.
    rows = ask(kg, f"SELECT ?year WHERE {{ <{ID}forum/digital-nations> dn:foundingYear ?year }}")
    assert column(rows, "year") == {"2014"}
    names = ask(kg, f"SELECT ?n WHERE {{ <{ID}forum/digital-nations> dn:hasName/dn:nameText ?n }}")
    assert {"D5", "D7", "D9", "Digital Nations"} <= column(names, "n")


def test_members_on_a_date_before_canada_joined(kg):
    # digital.govt.nz and Wikipedia: five founders; Canada and Uruguay joined in February 2018.
    rows = ask(kg, """SELECT DISTINCT ?nation WHERE {
        ?m a dn:ForumMembership ; dn:memberNation ?nation ; org:memberDuring/time:hasBeginning ?b .
        ?b time:inXSDgYearMonth ?start FILTER(STR(?start) <= "2017-06") }""")
    assert {r["nation"].rsplit("/", 1)[1] for r in rows} == {"ee", "il", "nz", "kr", "gb"}


def test_every_nation_has_codes_and_a_wikidata_link(kg):
    rows = ask(kg, """SELECT ?nation ?a2 ?a3 ?wd WHERE { ?nation a dn:Nation ;
        dn:iso3166Alpha2 ?a2 ; dn:iso3166Alpha3 ?a3 ; skos:exactMatch ?wd }""")
    by_code = {r["a2"]: (r["a3"], r["wd"]) for r in rows}
    assert by_code["CA"] == ("CAN", "http://www.wikidata.org/entity/Q16")
    assert by_code["KR"] == ("KOR", "http://www.wikidata.org/entity/Q884")
    assert {c.upper() for c in TEN} <= set(by_code)


def test_where_a_fact_comes_from(kg):
    # The 2021 summit is described by the UK news story [003] and the Button article [004].
    sources = kg.sources(ID + "summit/2021")
    assert ID + "source/uk-backs-digital-government-declaration" in sources
    assert ID + "source/button-insight-digital-nations" in sources
    dated = ask(kg, f"""SELECT ?source WHERE {{ GRAPH ?source {{ <{ID}summit/2021> schema:startDate ?d }} }}""")
    # leadingdigitalgovs.org/about: "met virtually on 18 November 2021"; its 2021 summit page: "today on
    # Thursday 18th November"; its virtual package: "taking place 16-18 November 2021"; newspim.com: "18일".
    assert column(dated, "source") == {ID + "source/uk-backs-digital-government-declaration",
                                       ID + "source/leadingdigitalgovs-about",
                                       ID + "source/leadingdigitalgovs-2021-summit",
                                       ID + "source/leadingdigitalgovs-2021-virtual-package",
                                       ID + "source/newspim-2021-8th-summit"}
    assert column(ask(kg, f"SELECT ?d WHERE {{ <{ID}summit/2021> schema:startDate ?d }}"), "d") == {
        datetime.date(2021, 11, 18), datetime.date(2021, 11, 16)}
