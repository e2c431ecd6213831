"""The web page in a real browser, as a person uses it: Debian's chromium, headless,
driven through chromium-driver by selenium, against `dngraph serve` on a loopback port.
Search "greening", run a saved query with a parameter, follow a link to a nation's page
and read its facts with their sources. The five founders are the members in mid-2017."""

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


def test_search_run_a_saved_query_and_follow_a_link_to_a_nation(server, browser, tmp_path):
    browser.get(server.url + "/")
    assert "Digital Nations knowledge graph" in browser.title
    shots = Path(os.environ.get("DNGRAPH_SCREENSHOTS") or tmp_path)
    shot = (ROOT / shots if not shots.is_absolute() else shots) / "screenshot-home.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

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
