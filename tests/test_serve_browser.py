"""The web page in a real browser, as a person uses it: Debian's chromium, headless,
driven through chromium-driver by selenium, against `dngraph serve` on a loopback port.
Search "greening", run a saved query with a parameter, follow a link to a nation's page
and read its facts with their sources; see the timeline and the network drawn on the page;
read the source documents of a saved query's rows. The five founders are the members in
mid-2017; the rows' sources are the table of tests/test_citations.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from serving import running_server
from test_citations import EXPECTED

CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1400"]


@pytest.fixture(scope="module")
def server(kg, cache_dir, tmp_path_factory):
    kg.store
    with running_server(cache_dir, tmp_path_factory.mktemp("logs")) as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium")
    if not chromium or not CHROMEDRIVER.exists():
        pytest.fail("chromium and chromium-driver are missing: run make test-deps")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def wait_for(browser, locator):
    return WebDriverWait(browser, 20).until(EC.presence_of_element_located(locator))


def screenshot(browser, tmp_path, name: str) -> Path:
    """The window as a PNG, kept in $DNGRAPH_SCREENSHOTS (``make screenshot``: docs/) when set."""
    shots = Path(os.environ.get("DNGRAPH_SCREENSHOTS") or tmp_path)
    shot = (ROOT / shots if not shots.is_absolute() else shots) / name
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    return shot


def test_search_run_a_saved_query_and_follow_a_link_to_a_nation(server, browser, tmp_path):
    browser.get(server.url + "/")
    assert "Digital Nations knowledge graph" in browser.title
    screenshot(browser, tmp_path, "screenshot-home.png")

    box = browser.find_element(By.CSS_SELECTOR, "#search input[name=q]")
    box.send_keys("greening")
    box.submit()
    wait_for(browser, (By.CSS_SELECTOR, "ol.hits"))
    found = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ol.hits li a")]
    assert "Greening Digital Government working group" in found
    assert all("greening" in text.lower() for text in found)

    browser.get(server.url + "/#query-members")
    form = browser.find_element(By.CSS_SELECTOR, "form[data-query=members]")
    form.find_element(By.NAME, "on").send_keys("2017-06-01")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, (By.CSS_SELECTOR, "table.results tbody"))
    assert "/queries/members?" in browser.current_url and "on=2017-06-01" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    codes = {row.find_elements(By.TAG_NAME, "td")[2].text for row in rows}
    assert codes == {"EE", "IL", "NZ", "KR", "GB"}
    # Each row names the documents behind it, linked to their pages.
    assert all(row.find_elements(By.CSS_SELECTOR, "td:last-child a.source[href*='/id/source/']") for row in rows)
    screenshot(browser, tmp_path, "screenshot-sources.png")
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.download")] == ["Download CSV", "Download JSON"]

    browser.find_element(By.LINK_TEXT, "Estonia").click()
    wait_for(browser, (By.ID, "facts"))
    assert browser.current_url == server.url + "/id/nation/ee"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Estonia"
    facts = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
             for row in browser.find_elements(By.CSS_SELECTOR, "#facts tbody tr")]
    assert ["ISO 3166-1 alpha-2 code", "EE", "ISO 3166-1 country codes"] in facts
    outside = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.external")}
    assert outside["ISO 3166-1 EE"] == "https://www.iso.org/obp/ui/#iso:code:3166:EE"
    assert any(href.startswith("http://www.wikidata.org/entity/Q") for href in outside.values())
    sources = {row[2] for row in facts}
    assert "inferred" in sources and len(sources) > 3


def loaded(browser, image) -> bool:
    return browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)


def test_the_timeline_and_the_network_are_drawn_on_the_page(server, kg, browser, tmp_path):
    browser.get(server.url + "/#pictures")
    pictures = {}
    for kind in ("timeline", "network"):
        image = browser.find_element(By.CSS_SELECTOR, f"#{kind} img")
        WebDriverWait(browser, 60).until(lambda _: loaded(browser, image))
        assert image.get_attribute("src") == f"{server.url}/plots/{kind}.svg"
        pictures[kind] = image
    # Shown at a readable size: most of the page's width, taller than a thumbnail.
    assert pictures["timeline"].size["width"] > 900 and pictures["timeline"].size["height"] > 400
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.ID, "pictures"))
    screenshot(browser, tmp_path, "screenshot-timeline.png")
    # The timeline is drawn from the saved queries: every member the members query names is on it.
    svg = server.get("/plots/timeline.svg")[2].decode("utf-8")
    assert all(f">{row['nationLabel']}<" in svg for row in kg.query("members").rows)


SUMMIT_2023 = next(e for e in EXPECTED if e[0] == "summits" and e[1] == {"since": "2023"})


def test_a_saved_query_row_names_its_source_documents(server, browser):
    name, params, match, expected = SUMMIT_2023
    browser.get(server.url + f"/#query-{name}")
    form = browser.find_element(By.CSS_SELECTOR, f"form[data-query={name}]")
    assert form.find_element(By.NAME, "sources").is_selected()
    for param, value in params.items():
        form.find_element(By.NAME, param).send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, (By.CSS_SELECTOR, "table.results tbody"))
    headings = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.results th")]
    assert headings[-1] == "sources"
    summit = match["summit"].rsplit("/id/", 1)[1]
    row = next(tr for tr in browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
               if tr.find_elements(By.CSS_SELECTOR, f"td a[href='/id/{summit}']"))
    cited = row.find_elements(By.TAG_NAME, "td")[-1].find_elements(By.CSS_SELECTOR, "a.source")
    assert {a.text for a in cited} == expected
    assert {a.get_attribute("href") for a in cited} == {f"{server.url}/id/source/{slug}" for slug in expected}
    answer = browser.current_url
    cited[0].click()
    wait_for(browser, (By.ID, "facts"))
    assert browser.current_url == f"{server.url}/id/source/{sorted(expected)[0]}"
    # "Hide sources" gives the same rows without the column.
    browser.get(answer)
    browser.find_element(By.CSS_SELECTOR, "a.toggle").click()
    wait_for(browser, (By.CSS_SELECTOR, "table.results tbody"))
    assert "sources" not in browser.current_url
    assert [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.results th")] == headings[:-1]
