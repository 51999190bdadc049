"""The browse site in Debian's headless Chromium (through chromedriver) against a real
`bestuursgraaf serve` process: a researcher's path by clicks alone, a screenshot of each page
type checked for what is visible on it, search snippets, the SPARQL editor, and a request to
/sparql from a page of another origin."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser import find_chromium
from tests.server_fixtures import free_port, json_when_up

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
    "--lang=nl",
)
WAIT_S = 20


def _require_browser() -> str:
    chromium = find_chromium()
    if chromium is None or not Path(CHROMEDRIVER).is_file():
        pytest.skip(
            "no Chromium with chromedriver: install Debian's `chromium` and `chromium-driver` "
            "(as `make test` does), or name them in $CHROMIUM and $CHROMEDRIVER"
        )
    pytest.importorskip(
        "selenium", reason="selenium is in the test extra: pip install -e '.[test]'"
    )
    return chromium


@pytest.fixture(scope="module")
def site(built_graph_path: Path, tmp_path_factory) -> Iterator[str]:
    """A real `bestuursgraaf serve` on a free port of 127.0.0.1, stopped after the module."""
    _require_browser()
    port = free_port()
    env = {**os.environ, "BESTUURSGRAAF_DATA": str(tmp_path_factory.mktemp("browse-data"))}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bestuursgraaf",
            "serve",
            "--graph",
            str(built_graph_path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--threads",
            "4",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        json_when_up(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(site: str, tmp_path_factory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = _require_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(WAIT_S)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S).until(condition)


def _visible(driver, css: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    return _wait(driver, ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def _all(driver, css: str) -> list:
    from selenium.webdriver.common.by import By

    return [e for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]


def _click(driver, element) -> None:
    """Click as a person would: scrolled into view, then the page that follows has loaded."""
    from selenium.webdriver.support import expected_conditions as ec

    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    _wait(driver, ec.staleness_of(element))


def _screenshot_shows_a_page(driver, path: Path) -> None:
    """The screenshot is a real picture: many colours, not a blank or one-colour window."""
    from PIL import Image

    driver.save_screenshot(str(path))
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, f"{path} looks blank"


# -- a researcher's path ----------------------------------------------------------------------
def test_from_home_by_clicks_to_a_motion_its_fulfilling_action_and_timeline(
    browser, site, tmp_path
):
    from selenium.webdriver.common.keys import Keys

    browser.get(site + "/")
    box = _visible(browser, "#home-search")
    assert browser.find_element("css selector", "html").get_attribute("lang") == "nl"
    box.send_keys("Leijten", Keys.ENTER)
    _visible(browser, "ol.search-results")
    assert "/search" in browser.current_url
    # the person and the motion are hits, and passages that name her motion, with snippets
    assert _all(browser, "li.hit-Person a.title")
    passages = _all(browser, "li.hit-Passage .snippet mark")
    assert passages and all(mark.text.lower() == "leijten" for mark in passages)
    _click(browser, _all(browser, "li.hit-Motion a.title")[0])

    assert "page-motion" in browser.find_element("css selector", "body").get_attribute("class")
    assert "motie-Leijten" in _visible(browser, "h1").text
    fulfilling = [
        row
        for row in _all(browser, "table.answers tbody tr")
        if row.find_elements("css selector", "td.relation-fulfils")
    ]
    assert fulfilling, "the motion's page lists no action that fulfils it"
    action_link = fulfilling[0].find_element("css selector", "a.action-link")
    title = action_link.text
    _click(browser, action_link)

    assert "page-action" in browser.find_element("css selector", "body").get_attribute("class")
    assert _visible(browser, "h1").text == title
    timeline = _visible(browser, "figure.timeline svg")
    assert timeline.size["width"] > 300 and timeline.size["height"] > 50
    _screenshot_shows_a_page(browser, tmp_path / "action.png")
    _click(browser, _visible(browser, "a.timeline-link"))
    assert "/timeline/action/" in browser.current_url
    markers = _all(browser, "figure.timeline svg a")
    assert markers, "the timeline page draws no event"


# -- each page type: a screenshot and what is visible on it -----------------------------------
PAGES = {
    # path: (CSS selectors that must be visible, text the h1 must hold or None)
    "/documents/004_6c88505460917616?passage=36214-36284": (
        [
            "table.actions .status",
            "table.answers td.relation",
            "table.commitments .status",
            "table.citations",
            "a.official",
            "mark.source-passage",
        ],
        "Actieagenda Sterk Bestuur",
    ),
    "/documents": (["aside.facets .facet", "table.listing thead th a", "a.csv", "a.json"], None),
    "/actions?statusText=afgerond": (["aside.facets li.chosen", "table.listing tbody td a"], None),
    "/motions/kst-35513-14": (
        ["dl.facts", "table.answers", "ul.passages blockquote"],
        "motie-Van Dijk",
    ),
    "/": ([".cards a.card strong", "form.search.big input[name=q]"], "Bestuursgraaf"),
    "/commitments/004-6c88505460917616-36214-1": (
        ["dl.facts .status", "figure.timeline svg", "a.timeline-link", "table.trace tbody td"],
        "Over de voortgang en inzichten",
    ),
    "/commitments": (["table.listing tbody td a", "aside.facets"], None),
    "/organisations/bg:Gemeente": (["table.actions", "ul.passages"], "gemeente"),
    "/kamerstukken/kst-33047-25": (["dl.facts", "a.official"], None),
    "/questions/overdue?as_of=2024-07-01": (
        ["form.query-form input[type=date]", "table.results tbody td"],
        None,
    ),
    "/overview": (
        ["figure.overview-per-letter svg rect.segment", "figure.overview-over-time svg"],
        None,
    ),
    "/actions/000-03214f0aabcee69e-actieagenda-sterk-bestuur": (
        ["figure.timeline svg a", "a.timeline-link", "table.answers tbody td a"],
        "Actieagenda Sterk Bestuur",
    ),
    "/organisations": (
        ["aside.facets .facet", "table.listing thead th a", "nav.pager a[rel=next]", "a.csv"],
        None,
    ),
    "/kamerstukken": (["aside.facets .facet", "table.listing tbody td a", "a.csv", "a.json"], None),
    "/motions": (["aside.facets .facet", "table.listing tbody td a", "a.csv", "a.json"], None),
    "/search?q=gemeente": (
        ["ol.search-results li.hit a.title", ".snippet mark", "aside.facets .facet", "nav.pager"],
        None,
    ),
    "/queries/motions?format=html&sort=motion": (
        ["table.results thead th[aria-sort] a", "table.results tbody td a[href^='/motions/']"],
        None,
    ),
    "/editor": (["#yasgui .yasqe", ".yasqe_queryButton"], None),
    "/network?dossier=35513": (
        ["figure.network svg path.edge", "figure.network svg rect.node-action"],
        None,
    ),
}


def test_each_page_type_shows_its_key_elements(browser, site, tmp_path):
    for number, (path, (selectors, heading)) in enumerate(PAGES.items()):
        browser.get(site + path)
        h1 = _visible(browser, "h1")
        if heading:
            assert heading in h1.text, path
        for css in selectors:
            assert _all(browser, css), f"{path}: nothing visible for {css}"
        assert _visible(browser, "header.site nav.main a").is_displayed()
        _screenshot_shows_a_page(browser, tmp_path / f"page-{number}.png")


def test_the_marked_passage_is_scrolled_into_view(browser, site):
    browser.get(site + "/documents/004_6c88505460917616?passage=36214-36284#passage")
    mark = _visible(browser, "mark.source-passage")
    assert mark.text.strip()
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight;",
        mark,
    )
    assert in_view


def test_english_on_request(browser, site):
    browser.get(site + "/actions?lang=en")
    assert _visible(browser, "h1").text == "Actions"
    assert browser.find_element("css selector", "html").get_attribute("lang") == "en"


# -- the SPARQL editor ------------------------------------------------------------------------
def test_the_editor_runs_a_query_and_shows_results(browser, site):
    browser.get(site + "/editor")
    run = _visible(browser, ".yasqe_queryButton")
    run.click()
    cells = _wait(browser, lambda driver: _all(driver, ".yasr table tbody td"))
    assert any("Action" in cell.text or "actie" in cell.text for cell in cells)


# -- a page of another origin asks /sparql ----------------------------------------------------
CROSS_ORIGIN_PAGE = """<!DOCTYPE html><html><body><p id="answer">waiting</p><script>
fetch(%(endpoint)s + "?query=" + encodeURIComponent("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
      {headers: {Accept: "application/sparql-results+json"}})
  .then(r => r.json())
  .then(body => { document.getElementById("answer").textContent = "n=" + body.results.bindings[0].n.value; })
  .catch(error => { document.getElementById("answer").textContent = "failed: " + error; });
</script></body></html>"""


@pytest.fixture
def other_origin(site: str) -> Iterator[str]:
    page = (CROSS_ORIGIN_PAGE % {"endpoint": repr(site + "/sparql")}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_page_of_another_origin_queries_sparql(browser, other_origin):
    browser.get(other_origin)
    answer = _wait(
        browser,
        lambda driver: (text := driver.find_element("id", "answer").text) != "waiting" and text,
    )
    assert answer.startswith("n=") and int(answer[2:]) > 1000, answer
