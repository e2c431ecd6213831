"""The history queries (coverage, year, nation-history) answer from the public pages.

Expected values come from the pages cited in the comments (data/public/{slug}.ttl).
"""

from __future__ import annotations

ID = "https://w3id.org/dngraph/id/"
SOURCE = ID + "source/"


def rows(kg, name, **params):
    return kg.query(name, **params).rows


def _coverage(kg):
    return {(r["year"], r["fact"]): r for r in rows(kg, "coverage")}


def test_coverage_has_every_fact_for_every_year_from_2014(kg):
    result = rows(kg, "coverage")
    years = sorted({r["year"] for r in result})
    assert years[0] == 2014 and years == list(range(2014, years[-1] + 1))
    facts = ["summit", "ordinal", "dates", "host", "place or attendance", "theme", "chair person",
             "chair nation", "outcomes"]
    assert [r["fact"] for r in result if r["year"] == 2014] == facts
    assert all(r["status"] == ("known" if r["sources"] > 0 else "missing") for r in result)


def test_coverage_shows_the_gaps(kg):
    cover = _coverage(kg)
    # Only salsadigital.com.au dates a summit to 2017 ("2017, New Zealand"); no page names a chair for 2017
    # nor gives that summit's dates or ordinal.
    assert all(cover[(2017, fact)]["sources"] == 1 for fact in ("summit", "host", "theme"))
    assert all(cover[(2017, fact)]["status"] == "missing" for fact in ("chair nation", "dates", "ordinal"))
    # No page read gives the ordinal of the 2018 and 2019 summits.
    assert cover[(2018, "ordinal")]["status"] == "missing"
    assert cover[(2019, "ordinal")]["status"] == "missing"
    # 2019 host: salsadigital.com.au ("2019, Uruguay: Data 360°") and gub.uy ("realizado en nuestro país").
    assert cover[(2019, "host")]["sources"] == 2


def test_coverage_counts_sources(kg):
    cover = _coverage(kg)
    # 2016 host: mois.go.kr 2015-12-02, 2016-09-29, 2016-11-17 and 2018-02-26; salsadigital.com.au ("2016, Korea").
    assert cover[(2016, "host")]["sources"] == 5
    # 2022 ordinal: only innovation.go.kr ("the 9th summit").
    assert cover[(2022, "ordinal")]["sources"] == 1
    # 2023 chair nation: leadingdigitalgovs.org ("For its 2023 Presidency, Portugal").
    assert cover[(2023, "chair nation")]["status"] == "known"


def test_what_changed_in_2018(kg):
    result = rows(kg, "year", year="2018")
    pairs = {(r["change"], r["thing"], r.get("detail")) for r in result}
    # jpost.com: Israel hosted the meeting in Jerusalem; mois.go.kr 2018-02-26: Canada and Uruguay joined.
    assert ("summit host", ID + "summit/2018-jerusalem", ID + "nation/il") in pairs
    assert ("joined", ID + "membership/ca", ID + "nation/ca") in pairs
    assert ("document adopted", ID + "charter/d7-charter", ID + "summit/2018-wellington") in pairs
    assert {r["thing"] for r in result if r["change"] == "summit held"} == {
        ID + "summit/2018-wellington", ID + "summit/2018-jerusalem"}
    joined_by_mois = {r["detail"] for r in result if r["change"] == "joined" and r["source"] == SOURCE + "mois-2018-d7-wellington"}
    assert joined_by_mois == {ID + "nation/ca", ID + "nation/uy"}


def test_only_the_pages_that_date_them_so_put_changes_in_2017(kg):
    result = rows(kg, "year", year="2017")
    changes = {(r["change"], r["thing"], r["source"]) for r in result
               if r["change"] in ("summit held", "chair", "joined")}
    # salsadigital.com.au: "2017, New Zealand"; eco.sapo.pt: "em 2017, com a entrada do Uruguai e do Canadá".
    assert changes == {("summit held", ID + "summit/2017", SOURCE + "salsadigital-2020-d9-pioneers"),
                       ("joined", ID + "membership/ca", SOURCE + "eco-2018-portugal-joins-d9"),
                       ("joined", ID + "membership/uy", SOURCE + "eco-2018-portugal-joins-d9")}


def test_portugal_history(kg):
    result = rows(kg, "nation-history", nation="pt")
    facts = {(r.get("year"), r["role"], r["thing"]) for r in result}
    # Wikipedia/digital.govt.nz: joined November 2018; jpost.com: signed the D9 charter in Jerusalem;
    # leadingdigitalgovs.org: chaired the forum in 2023.
    assert (2018, "joined", ID + "membership/pt") in facts
    assert (2018, "signed", ID + "charter/d9-charter") in facts
    assert (2023, "chaired", ID + "chair-term/2023") in facts
    # Hosting 2023 is the editors' reading (Lisbon, during Portugal's presidency), not a page's word.
    hosted = {(r.get("year"), r["thing"], r["source"]) for r in result if r["role"] == "hosted"}
    assert hosted == {(2023, ID + "summit/2023", SOURCE + "editors-reading")}


def test_korea_history(kg):
    result = rows(kg, "nation-history", nation="kr")
    hosted = {(r["year"], r["thing"]) for r in result if r["role"] == "hosted"}
    chaired = {r["year"] for r in result if r["role"] == "chaired"}
    # mois.go.kr: hosted and chaired the 2016 summit in Busan; innovation.go.kr: host and chair in 2022.
    assert hosted == {(2016, ID + "summit/2016"), (2022, ID + "summit/2022")}
    assert chaired == {2016, 2022}
    assert all(r["source"].startswith(SOURCE) for r in result)
