"""Competency questions on the forum's whole history, answered from public pages.

Each expected answer is stated by the public page named in the comment (its file
is data/public/{slug}.ttl; its passages are in tests/claims/{slug}.tsv).
"""

from __future__ import annotations

import datetime

from dngraph.namespaces import ID, SOURCE


def ask(kg, body: str):
    # kg.sparql predeclares the project's prefixes (dn:, org:, rdfs:, skos:, schema: ...).
    return kg.sparql(body).rows


def column(rows, name):
    return {row[name] for row in rows}


def test_the_first_summit_was_in_london_in_december_2014(kg):
    # https://www.leadingdigitalgovs.org/summits: "London, UK", "9-10 December 2014", "Founding D5 Charter";
    # mois.go.kr 2016-11-17: "The first D-5 meeting took place in London".
    rows = ask(kg, f"""SELECT ?ordinal ?start ?end ?place WHERE {{ <{ID}summit/2014> dn:ordinal ?ordinal ;
        schema:startDate ?start ; schema:endDate ?end ; schema:location ?place }}""")
    assert {(r["ordinal"], r["start"], r["end"], r["place"]) for r in rows} == {
        (1, datetime.date(2014, 12, 9), datetime.date(2014, 12, 10), ID + "place/london")}


def test_who_hosted_each_summit_from_2014_to_2016(kg):
    # mois.go.kr 2018-02-26: "Past Host Countries: The UK (2014) / Estonia (2015) / Korea (2016)".
    rows = ask(kg, """SELECT ?year ?host WHERE { ?s a dn:MinisterialSummit ; dn:year ?year ; dn:host ?host
        FILTER(STR(?year) IN ("2014", "2015", "2016")) }""")
    assert {(r["year"], r["host"]) for r in rows} == {
        ("2014", ID + "nation/gb"), ("2015", ID + "nation/ee"), ("2016", ID + "nation/kr")}


def test_who_hosted_the_jerusalem_summit(kg):
    # https://www.jpost.com/...-572525: "the Jewish state hosted the annual meeting for the first time".
    rows = ask(kg, f"SELECT ?host WHERE {{ <{ID}summit/2018-jerusalem> dn:host ?host }}")
    assert column(rows, "host") == {ID + "nation/il"}


def test_two_summits_in_2018_and_one_page_dates_a_summit_to_2017(kg):
    # https://www.leadingdigitalgovs.org/summits lists Wellington (February 2018) and Jerusalem
    # (November 2018) after Busan (November 2016); only https://salsadigital.com.au/insights/d9-pioneers-in-digital-government
    # gives a summit in 2017 ("2017, New Zealand"), which the editors' reading links to Wellington.
    rows = ask(kg, """SELECT DISTINCT ?s ?year ?g WHERE { GRAPH ?g { ?s a dn:MinisterialSummit ; dn:year ?year }
        FILTER(STR(?year) IN ("2017", "2018")) }""")
    assert {(r["s"], r["year"]) for r in rows} == {
        (ID + "summit/2018-wellington", "2018"), (ID + "summit/2018-jerusalem", "2018"), (ID + "summit/2017", "2017")}
    assert {r["g"] for r in rows if r["year"] == "2017"} == {SOURCE + "salsadigital-2020-d9-pioneers"}
    assert kg.sparql(f"""ASK {{ GRAPH <{SOURCE}editors-reading> {{
        <{ID}summit/2017> skos:closeMatch <{ID}summit/2018-wellington> }} }}""").boolean is True


def test_what_was_the_theme_in_2022(kg):
    # https://www.leadingdigitalgovs.org/about and innovation.go.kr: 'Agile and Active Digital Governance'.
    rows = ask(kg, f"""SELECT ?source ?label WHERE {{ GRAPH ?source {{ <{ID}summit/2022> dn:theme ?t }}
        ?t skos:prefLabel ?label }}""")
    assert column(rows, "label") == {"Agile and Active Digital Governance"}
    assert column(rows, "source") == {SOURCE + "leadingdigitalgovs-about", SOURCE + "innovation-go-kr-2022-summit"}


def test_who_chaired_the_2022_summit_and_its_ordinal(kg):
    # https://www.leadingdigitalgovs.org/about: "under the chairmanship of Sang-min Lee Minister of the
    # Interior and Safety of the Republic of Korea"; innovation.go.kr: "the 9th summit".
    rows = ask(kg, f"""SELECT ?ordinal ?post WHERE {{ <{ID}summit/2022> dn:ordinal ?ordinal ; dn:chair ?p .
        ?p org:holds ?post }}""")
    assert column(rows, "ordinal") == {9}
    assert column(rows, "post") == {ID + "post/kr-minister-of-the-interior-and-safety"}


def test_who_chaired_in_2023(kg):
    # https://www.leadingdigitalgovs.org/: "For its 2023 Presidency, Portugal ..." and
    # "Portuguese Secretary of State & 2023 Digital Nations Chair, Mário Campolargo".
    rows = ask(kg, f"SELECT ?nation WHERE {{ <{ID}chair-term/2023> dn:chairNation ?nation }}")
    assert column(rows, "nation") == {ID + "nation/pt"}
    people = ask(kg, f"SELECT ?name WHERE {{ <{ID}post/digital-nations-chair-2023> org:heldBy ?p . ?p foaf:name ?name }}")
    assert column(people, "name") == {"Mário Campolargo"}


def test_portugal_handed_the_presidency_to_denmark(kg):
    # jornaleconomico.sapo.pt, 2023-11-15: "Portugal entregou esta terça-feira a presidência ... à Dinamarca."
    rows = ask(kg, f"""SELECT ?date ?who WHERE {{ <{ID}event/digital-nations-presidency-handover-2023>
        schema:startDate ?date ; dn:participant ?who }}""")
    assert column(rows, "date") == {datetime.date(2023, 11, 14)}
    assert column(rows, "who") == {ID + "nation/pt", ID + "nation/dk"}


def test_when_did_portugal_join(kg):
    # Wikipedia and digital.govt.nz: November 2018; https://www.jpost.com/...-572525: Portugal signed the
    # D9 charter in Jerusalem on 22 November 2018 as a new member state.
    rows = ask(kg, f"""SELECT ?begin WHERE {{ <{ID}membership/pt> org:memberDuring/time:hasBeginning/time:inXSDgYearMonth ?b
        BIND(STR(?b) AS ?begin) }}""")
    assert column(rows, "begin") == {"2018-11"}
    signed = ask(kg, f"SELECT ?charter WHERE {{ ?charter dn:signatory <{ID}nation/pt> ; dn:signedAt <{ID}summit/2018-jerusalem> }}")
    assert column(signed, "charter") == {ID + "charter/d9-charter"}


def test_when_did_denmark_join(kg):
    # en.digst.dk (November 2020): "Denmark joined the network in November 2019".
    rows = ask(kg, f"""SELECT ?b WHERE {{ GRAPH <{SOURCE}digst-2020-denmark-signs-charter> {{
        <{ID}membership/dk> org:memberDuring/time:hasBeginning/time:inXSDgYearMonth ?b }} }}""")
    assert {str(r["b"]) for r in rows} == {"2019-11"}


def test_who_chaired_in_2015_and_2016(kg):
    # gov.uk: "The UK handed over the presidency of the D5 ... to Estonia"; mois.go.kr 2015-12-02:
    # Korea "as the host and chair of the D5 Summit of the next year".
    rows = ask(kg, """SELECT DISTINCT ?year ?nation WHERE { ?t a dn:ChairTerm ; dn:year ?year ; dn:chairNation ?nation
        FILTER(STR(?year) IN ("2015", "2016")) }""")
    assert {(r["year"], r["nation"]) for r in rows} == {("2015", ID + "nation/ee"), ("2016", ID + "nation/kr")}


def test_pages_disagree_on_the_dates_of_the_2020_summit(kg):
    # leadingdigitalgovs.org/summits: "2-4 November 2020"; en.digst.dk: "the 2nd and 3rd of November 2020";
    # mois.go.kr 2020-11-10: "from November 3 to 4". Each claim stays in its page's graph.
    rows = ask(kg, f"""SELECT ?source ?start ?end WHERE {{ GRAPH ?source {{
        <{ID}summit/2020> schema:startDate ?start ; schema:endDate ?end }} }}""")
    claims = {(r["source"].rsplit("/", 1)[1], r["start"], r["end"]) for r in rows}
    assert {("leadingdigitalgovs-summits", datetime.date(2020, 11, 2), datetime.date(2020, 11, 4)),
            ("digst-2020-denmark-signs-charter", datetime.date(2020, 11, 2), datetime.date(2020, 11, 3)),
            ("mois-2020-7th-summit", datetime.date(2020, 11, 3), datetime.date(2020, 11, 4))} <= claims


def test_the_d7_charter_was_signed_at_wellington(kg):
    # mois.go.kr 2018-02-26: "signed the Digital 7 (D7) Charter"; "February 21-22 in Wellington"
    # (Yonhap gives the 22nd and 23rd: both starts are kept).
    rows = ask(kg, f"""SELECT ?start ?place WHERE {{ <{ID}charter/d7-charter> dn:signedAt ?s .
        ?s schema:startDate ?start ; schema:location ?place }}""")
    assert {(r["start"], r["place"]) for r in rows} == {(datetime.date(2018, 2, 21), ID + "place/wellington"),
                                                       (datetime.date(2018, 2, 22), ID + "place/wellington")}


def test_every_public_page_records_its_url_and_the_day_it_was_read(kg):
    from pathlib import Path
    public = {SOURCE + path.stem for path in (Path(__file__).resolve().parent.parent / "data" / "public").glob("*.ttl")}
    rows = ask(kg, """SELECT ?page ?url ?read WHERE { ?page a dn:SourceDocument ; dn:retrievedOn ?read ; schema:url ?url }""")
    assert public and column(rows, "page") == public
    assert all(isinstance(r["read"], datetime.date) for r in rows)


def test_who_hosted_the_2017_summit(kg):
    # https://salsadigital.com.au/insights/d9-pioneers-in-digital-government: "2017, New Zealand: ... with a
    # particular focus on digital rights".
    rows = ask(kg, f"""SELECT ?host ?topic WHERE {{ <{ID}summit/2017> dn:host ?host ; dn:topic ?topic }}""")
    assert {(r["host"], r["topic"]) for r in rows} == {(ID + "nation/nz", ID + "theme/digital-rights")}


def test_who_hosted_the_2019_summit(kg):
    # salsadigital.com.au: "2019, Uruguay: Data 360°"; gub.uy (Agesic): "realizado en nuestro país entre el 4 y
    # el 6 de noviembre".
    rows = ask(kg, f"SELECT ?host ?g WHERE {{ GRAPH ?g {{ <{ID}summit/2019> dn:host ?host }} }}")
    assert {r["host"] for r in rows} == {ID + "nation/uy"}
    assert {r["g"] for r in rows} == {SOURCE + "salsadigital-2020-d9-pioneers", SOURCE + "agesic-2019-d9-summit-uruguay"}


def test_the_montevideo_data_declaration_was_signed_at_the_2019_summit(kg):
    # gub.uy (Agesic): "En la cumbre también se firmó la “Declaración de Datos de Montevideo”".
    rows = ask(kg, f"""SELECT ?title WHERE {{ ?d dn:signedAt <{ID}summit/2019> ; dcterms:title ?title }}""")
    assert {str(r["title"]) for r in rows} == {"Declaración de Datos de Montevideo"}


def test_who_chaired_in_2019(kg):
    # uruguayxxi.gub.uy (2018-11-30): "Uruguay assumed the presidency of the D9 ... at the last meeting held in
    # November in Jerusalem"; cuti.org.uy (2018-11-22): "During the D9 summit held in Jerusalem, Uruguay assumed
    # the presidency of the group", which "implies organizing the summit next year in our country".
    rows = ask(kg, f"""SELECT ?nation ?at ?g WHERE {{ GRAPH ?g {{ <{ID}chair-term/2019> dn:chairNation ?nation ;
        dn:assumedChairAt ?at }} }}""")
    assert {(r["nation"], r["at"]) for r in rows} == {(ID + "nation/uy", ID + "summit/2018-jerusalem")}
    assert {r["g"] for r in rows} == {SOURCE + "uruguayxxi-2018-uruguay-d9-presidency",
                                      SOURCE + "cuti-2018-uruguay-d9-presidency"}


def test_working_group_leads_by_year(kg):
    # uruguayxxi.gub.uy and cuti.org.uy (November 2018): Uruguay will lead "the working groups on digital identity,
    # artificial intelligence and digital rights"; digst.dk (undated, after November 2019): "Artificial
    # Intelligence (ledet af UK), Data360 (ledet af Uruguay), Digital Identity (ledet af Israel)" and Digital
    # Rights "som er inaktiv".
    dated = ask(kg, """SELECT ?group ?nation ?begin WHERE { ?t org:role dn:WorkingGroupLead ; org:member ?nation ;
        org:organization ?group ; org:memberDuring/time:hasBeginning/time:inXSDgYearMonth ?b BIND(STR(?b) AS ?begin) }""")
    assert {(r["group"], r["nation"], r["begin"]) for r in dated} == {
        (ID + f"working-group/{g}", ID + "nation/uy", "2018-11")
        for g in ("digital-identity", "artificial-intelligence", "digital-rights")}
    leads = ask(kg, f"""SELECT ?group ?nation WHERE {{ GRAPH <{SOURCE}digst-digital-nations-dk> {{
        ?group dn:leadNation ?nation }} }}""")
    assert {(r["group"], r["nation"]) for r in leads} == {
        (ID + "working-group/artificial-intelligence", ID + "nation/gb"),
        (ID + "working-group/data-360", ID + "nation/uy"),
        (ID + "working-group/digital-identity", ID + "nation/il")}
    status = ask(kg, f"SELECT ?s WHERE {{ <{ID}working-group/digital-rights> dn:status ?s }}")
    assert {str(r["s"]) for r in status} == {"inactive"}


def test_pages_disagree_on_when_canada_and_uruguay_joined(kg):
    # eco.sapo.pt (2018-11-21): "em 2017, com a entrada do Uruguai e do Canadá, cresceu para D7";
    # cuti.org.uy (2018-11-22): "In February 2018 it was renamed D7, as Canada and Uruguay joined".
    rows = kg.query("disagreements").rows
    joined = {(r["subject"], str(r["value"]), r["source"]) for r in rows
              if r["property"] == "http://www.w3.org/ns/org#memberDuring"}
    for code in ("ca", "uy"):
        assert (ID + f"membership/{code}", "2017", SOURCE + "eco-2018-portugal-joins-d9") in joined
        assert (ID + f"membership/{code}", "2018-02", SOURCE + "cuti-2018-uruguay-d9-presidency") in joined


def test_when_did_portugal_join_to_the_day(kg):
    # eco.sapo.pt, Wednesday 21 November 2018: "a partir desta quinta-feira, o país passa a integrar um grupo".
    rows = ask(kg, f"""SELECT ?d WHERE {{ GRAPH <{SOURCE}eco-2018-portugal-joins-d9> {{
        <{ID}membership/pt> org:memberDuring/time:hasBeginning/time:inXSDDate ?d }} }}""")
    assert {r["d"] for r in rows} == {datetime.date(2018, 11, 22)}


def test_the_forums_names_over_time(kg):
    # cuti.org.uy (2018-11-22): "Initially known as D5", "In February 2018 it was renamed D7", "from this
    # summit, it began to be called D9".
    rows = ask(kg, f"""SELECT ?name ?text ?begin WHERE {{ GRAPH <{SOURCE}cuti-2018-uruguay-d9-presidency> {{
        <{ID}forum/digital-nations> dn:hasName ?name . ?name dn:nameText ?text ;
        dn:during/time:hasBeginning/(time:inXSDgYear|time:inXSDgYearMonth) ?b }} BIND(STR(?b) AS ?begin) }}""")
    assert {(str(r["text"]), r["begin"]) for r in rows} == {
        ("D5", "2014"), ("D7", "2018-02"), ("D9", "2018-11"), ("Digital 9", "2018-11")}


def test_the_2023_summit_met_in_lisbon(kg):
    # ciberseguranca.pt: "Cimeira Ministerial Digital Nations, que decorre no Hotel Sheraton, em Lisboa",
    # "três dias", "Sob o mote ‘Better Data, Better Society’"; the host is the editors' reading.
    rows = ask(kg, f"""SELECT ?place ?days ?theme WHERE {{ GRAPH <{SOURCE}ciberseguranca-2023-lisbon-summit> {{
        <{ID}summit/2023> schema:location ?place ; dn:durationDays ?days ; dn:theme ?theme }} }}""")
    assert {(r["place"], r["days"], r["theme"]) for r in rows} == {
        (ID + "place/lisbon", 3, ID + "theme/better-data-better-society")}
    host = ask(kg, f"SELECT ?host ?g WHERE {{ GRAPH ?g {{ <{ID}summit/2023> dn:host ?host }} }}")
    assert {(r["host"], r["g"]) for r in host} == {(ID + "nation/pt", SOURCE + "editors-reading")}


def test_pages_disagree_on_the_year_the_charter_was_updated(kg):
    # https://www.leadingdigitalgovs.org/news-updates: "The Charter was reviewed and updated in 2020.";
    # https://www.leadingdigitalgovs.org/about: "The Charter was reviewed and updated in 2021."
    rows = kg.query("disagreements").rows
    dates = {(str(r["value"]), r["source"]) for r in rows
             if r["subject"] == ID + "charter/updated-digital-nations-charter" and r["property"].endswith("/date")}
    assert {("2020", SOURCE + "leadingdigitalgovs-news-updates"), ("2021", SOURCE + "leadingdigitalgovs-about")} <= dates


def test_which_working_group_wrote_the_data_360_declaration_and_the_ai_framework(kg):
    # leadingdigitalgovs.org/news-updates: "Drafted by the Data 360 working group, this shared declaration";
    # "Written by the Artificial Intelligence working group, this framework was adopted at the D9 Ministerial
    # Summit in Israel in 2018". The first was only the editors' reading before this page.
    rows = ask(kg, f"""SELECT ?doc ?group WHERE {{ GRAPH <{SOURCE}leadingdigitalgovs-news-updates> {{
        ?doc dn:producedBy ?group }} }}""")
    assert {(r["doc"], r["group"]) for r in rows} == {
        (ID + "declaration/data-360", ID + "working-group/data-360"),
        (ID + "document/d9-approach-to-responsible-use-of-ai", ID + "working-group/artificial-intelligence")}



def test_the_2021_chair_hosted_the_8th_summit(kg):
    # https://www.leadingdigitalgovs.org/2021-ministerial-summit-london-copy: "As Chair of the Digital Nations in
    # 2021, the United Kingdom hosted the 8th annual Digital Nations Ministerial Summit in November 2021".
    page = SOURCE + "leadingdigitalgovs-2021-summit"
    rows = ask(kg, f"""SELECT ?chair ?host ?ordinal WHERE {{ GRAPH <{page}> {{
        <{ID}chair-term/2021> dn:chairNation ?chair . <{ID}summit/2021> dn:host ?host ; dn:ordinal ?ordinal }} }}""")
    assert {(r["chair"], r["host"], r["ordinal"]) for r in rows} == {(ID + "nation/gb", ID + "nation/gb", 8)}


def test_pages_disagree_on_the_days_of_the_wellington_summit(kg):
    # https://www.leadingdigitalgovs.org/summits: "Wellington, NZ 21-22 February 2018"; Yonhap
    # (https://wowtv.co.kr/NewsCenter/News/Read?articleId=AKR20180222077600004): "22∼23일 뉴질랜드 웰링턴에서 열린".
    rows = kg.query("disagreements").rows
    starts = {(r["value"], r["source"]) for r in rows
              if r["subject"] == ID + "summit/2018-wellington" and r["property"] == "https://schema.org/startDate"}
    assert (datetime.date(2018, 2, 22), SOURCE + "yonhap-2018-d7-wellington") in starts
    assert (datetime.date(2018, 2, 21), SOURCE + "leadingdigitalgovs-summits") in starts


def test_canada_signed_the_d7_charter_at_wellington(kg):
    # http://www.globalkorean.ca/2018/11/27/leading-digital-nations-become-digital-9/: "Canada signed the Digital 7
    # Charter on February 22nd during the D5 Ministerial Summit in Wellington, New Zealand."
    rows = ask(kg, f"""SELECT ?who WHERE {{ GRAPH <{SOURCE}globalkorean-2018-digital-9> {{
        <{ID}charter/d7-charter> dn:signatory ?who ; dn:signedAt <{ID}summit/2018-wellington> }} }}""")
    assert column(rows, "who") == {ID + "nation/ca"}


def test_korea_was_named_chair_for_2022_at_the_8th_summit(kg):
    # https://newspim.com/news/view/20211117000762: "제8차 디지털 네이션스(Digital Nations) 장관회의",
    # "영국이 의장국을 맡아 주관하는 올해 회의", "내년에는 우리나라가 의장국을 맡는다".
    page = SOURCE + "newspim-2021-8th-summit"
    rows = ask(kg, f"""SELECT ?year ?nation WHERE {{ GRAPH <{page}> {{ ?t dn:year ?year ; dn:chairNation ?nation }} }}""")
    assert {(r["year"], r["nation"]) for r in rows} == {("2021", ID + "nation/gb"), ("2022", ID + "nation/kr")}
    ordinal = ask(kg, f"SELECT ?o WHERE {{ GRAPH <{page}> {{ <{ID}summit/2021> dn:ordinal ?o }} }}")
    assert column(ordinal, "o") == {8}
