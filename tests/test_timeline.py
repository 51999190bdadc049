"""The timeline: its layout as a pure function, its routes over a hand-made store, and the real
corpus's beleidskader timeline as headless Chromium draws it (screenshot and DOM)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from bestuursgraaf.api import create_app
from bestuursgraaf.api.timeline_svg import (
    STATUS_STYLES,
    TimelineEvent,
    date_span,
    events_from_rows,
    render_timeline,
)
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import DEFAULT_BASE
from bestuursgraaf.graph.queries import load_query
from bestuursgraaf.graph.store import EmbeddedStore, QueryResult

from tests.browser import chromium_or_skip, dump_dom, screenshot
from tests.http_server import serving

SAMPLE = Path(__file__).parent / "data" / "timeline_sample.trig"
SVG = "{http://www.w3.org/2000/svg}"
COMMITMENT = f"{DEFAULT_BASE}toezegging/t1-1"
PROBLEM = "application/problem+json"


def event(when: str, status: str = "InProgress", kind: str = "action", **extra) -> TimelineEvent:
    return TimelineEvent(
        date=when, document_title=f"Brief {when}", kind=kind, status=status, **extra
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def marker_xs(root: ET.Element) -> list[float]:
    return [
        float(re.match(r"translate\(([\d.]+) ", g.get("transform"))[1])
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "marker"
    ]


def year_tick(root: ET.Element, year: int) -> float:
    (tick,) = [line for line in root.iter(f"{SVG}line") if line.get("data-year") == str(year)]
    return float(tick.get("x1"))


# -- dates ----------------------------------------------------------------------------------
def test_partial_dates_span_their_month_or_year():
    assert [str(day) for day in date_span("2023-01")] == ["2023-01-01", "2023-01-31"]
    assert [str(day) for day in date_span("2025")] == ["2025-01-01", "2025-12-31"]
    assert [str(day) for day in date_span("2023-09-04")] == ["2023-09-04", "2023-09-04"]
    assert date_span("") is None and date_span("medio 2024") is None and date_span(None) is None


# -- layout ---------------------------------------------------------------------------------
def test_one_marker_per_event_placed_left_to_right_by_date():
    events = [event("2025", "Done"), event("2023-01"), event("2024-06", "HandedToNextCabinet")]
    root = parse(render_timeline(events, "Kader"))
    xs = marker_xs(root)
    assert len(xs) == 3
    assert xs == sorted(xs) and xs[0] < xs[1] < xs[2]
    dates = [g.get("data-date") for g in root.iter(f"{SVG}g") if g.get("class") == "marker"]
    assert dates == ["2023-01", "2024-06", "2025"]


def test_partial_date_is_placed_at_its_start_and_spans_its_year():
    root = parse(render_timeline([event("2023-09-04"), event("2025")], "Kader"))
    start_2025, start_2026 = year_tick(root, 2025), year_tick(root, 2026)
    assert marker_xs(root)[1] == pytest.approx(start_2025, abs=0.2)
    (span,) = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "date-span"]
    assert float(span.get("x")) == pytest.approx(start_2025, abs=0.2)
    assert float(span.get("x")) + float(span.get("width")) == pytest.approx(start_2026, abs=0.2)


def test_deadline_bar_spans_its_interval_with_its_text():
    promise = event(
        "2023-01-15",
        "Open",
        "promise",
        deadline_text="in 2024",
        deadline_start="2024-01-01",
        deadline_end="2024-12-31",
    )
    root = parse(render_timeline([promise], "Toezegging"))
    (bar,) = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "deadline"]
    assert float(bar.get("x")) == pytest.approx(year_tick(root, 2024), abs=0.2)
    right = float(bar.get("x")) + float(bar.get("width"))
    assert right == pytest.approx(year_tick(root, 2025), abs=0.2)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "in 2024" in texts
    # the axis reaches from before the promise to after the deadline
    assert min(marker_xs(root)) < float(bar.get("x"))


def test_deferral_drawn_as_an_arrow_to_the_next_cabinet():
    root = parse(render_timeline([event("2024-06", "HandedToNextCabinet")], "Kader"))
    arrows = [line for line in root.iter(f"{SVG}line") if line.get("class") == "deferral"]
    assert len(arrows) == 1 and arrows[0].get("marker-end") == "url(#arrowhead)"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "naar volgend kabinet" in texts


def test_lanes_per_kind_and_legend_per_status():
    events = [
        event("2023-01", "Open", "promise"),
        event("2023-02"),
        event("2024", "Open", "reported"),
    ]
    root = parse(render_timeline(events, "Kader"))
    lanes = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "lane"]
    assert lanes == ["actie", "toezegging", "voortgang"]
    legend = ["".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert legend[:2] == [STATUS_STYLES["Open"].label, STATUS_STYLES["InProgress"].label]


def test_markers_carry_the_quote_as_tooltip_and_link_to_the_letter():
    linked = event("2023-01", quote="Ik stuur u het kader.", link="/id/doc/t1")
    root = parse(render_timeline([linked], "Kader"))
    (anchor,) = [a for a in root.iter(f"{SVG}a") if a.find(f"{SVG}g") is not None]
    assert anchor.get("href") == "/id/doc/t1"
    tooltip = anchor.find(f"{SVG}g/{SVG}title").text
    assert "Brief 2023-01 (jan 2023)" in tooltip and "“Ik stuur u het kader.”" in tooltip


def test_text_is_escaped():
    hostile = event("2023-01", quote='<script>alert("x")</script> & co', document=None)
    hostile = TimelineEvent(**{**hostile.__dict__, "document_title": "Brief <b>&</b>"})
    svg = render_timeline([hostile], 'Kader <"&">')
    root = parse(svg)  # well-formed XML despite the markup in the data
    assert "<script>" not in svg and "<b>" not in svg
    assert root.find(f"{SVG}title").text == 'Kader <"&">'


def test_no_dated_events_says_so():
    svg = render_timeline([TimelineEvent(date=None, document_title="Brief")], "Kader")
    assert "geen gebeurtenissen met een datum" in svg and "1 zonder datum" in svg


def test_events_from_a_query_result_read_step_kinds_as_lanes():
    result = QueryResult(
        columns=["date", "document", "document_title", "kind", "status", "deadline_start"],
        rows=[
            {
                "date": "2023-01",
                "document": "urn:x:d1",
                "document_title": "Een",
                "kind": "action",
                "status": "Announced",
                "deadline_start": "",
            },
            {
                "date": "2024-06-01",
                "document": "urn:x:d2",
                "document_title": None,
                "kind": "deferred",
                "status": "Deferred",
                "deadline_start": None,
            },
        ],
    )
    events = events_from_rows(result.rows, link=lambda iri: f"/page?{iri}")
    assert [e.kind for e in events] == ["action", "deferral"]
    assert events[1].document_title == "urn:x:d2" and events[1].deferral == "uitgesteld"
    assert events[0].deadline is None and events[0].link == "/page?urn:x:d1"
    assert len(marker_xs(parse(render_timeline(events, "Kader")))) == 2


# -- routes over the hand-made store --------------------------------------------------------
@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    store = EmbeddedStore()
    store.load_file(SAMPLE)
    settings = Settings(
        base_iri=DEFAULT_BASE, data_dir=tmp_path_factory.mktemp("timeline"), endpoint=None
    )
    return create_app(store, settings).test_client()


def test_action_timeline_page_has_the_svg_and_a_table(client):
    response = client.get("/timeline/action/kader-test")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert page.count('class="marker"') == 6  # 3 action rows, 3 commitment steps
    assert "<h1>Kader &lt;test&gt;</h1>" in page
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert page.count("<tr>") == 1 + 6
    assert 'href="/documents/t1"' in page  # the letter's page on the browse site
    assert "medio 2024" in page and "naar volgend kabinet" in page


def test_action_timeline_as_svg(client):
    response = client.get("/timeline/action/kader-test?format=svg")
    assert response.mimetype == "image/svg+xml"
    root = parse(response.get_data(as_text=True))
    assert len(marker_xs(root)) == 6
    assert root.find(f"{SVG}title").text == "Kader <test>"


def test_commitment_timeline_one_marker_per_step(client):
    response = client.get("/timeline/commitment", query_string={"iri": COMMITMENT, "format": "svg"})
    assert response.status_code == 200
    root = parse(response.get_data(as_text=True))
    statuses = [g.get("data-status") for g in root.iter(f"{SVG}g") if g.get("class") == "event"]
    assert sorted(statuses) == ["Deferred", "Open", "Open"]
    xs = marker_xs(root)
    assert len(xs) == 3 and len(set(xs)) == 3


def test_unknown_action_or_commitment_is_a_404_problem(client):
    for url in ("/timeline/action/geen-actie", "/timeline/action/Not_A_Key"):
        response = client.get(url)
        assert response.status_code == 404 and response.mimetype == PROBLEM
    response = client.get("/timeline/commitment", query_string={"iri": f"{COMMITMENT}-x"})
    assert response.status_code == 404 and response.mimetype == PROBLEM
    assert response.get_json()["type"].endswith("/problems/not-found")


@pytest.mark.parametrize("iri", ["", "geen-iri", "http://x/a b", "http://x/<a>"])
def test_bad_commitment_iri_is_a_400_problem(client, iri):
    response = client.get("/timeline/commitment", query_string={"iri": iri})
    assert response.status_code == 400 and response.mimetype == PROBLEM
    assert response.get_json()["type"].endswith("/problems/bad-parameter")


def test_unknown_format_is_a_400_problem(client):
    response = client.get("/timeline/action/kader-test?format=png")
    assert response.status_code == 400 and response.mimetype == PROBLEM


# -- the real corpus in a real browser ------------------------------------------------------
KEY = "beleidskader-decentraal-bestuur"
LETTERS = [  # the four letters that carry the beleidskader, in date order
    "Actieagenda Sterk Bestuur",
    "Versterking decentrale volksvertegenwoordigingen en besturen",
    "Voortgangsrapportage Actieagenda Sterk Bestuur 2023-2024",
    "Actieagenda Goed Bestuur",
]
TOLERANCE = 10  # per channel, around a status colour
MIN_MARKER_SIDE = 14  # px: a marker is 18-24 px across, a legend swatch 10


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def colour_blobs(png: Path, colours: list[str]) -> list[tuple[str, float, float]]:
    """The marker-sized connected regions (4-neighbours) of each colour: (colour, x, y) centres."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    width, height = image.size
    targets = {colour: _rgb(colour) for colour in colours}
    by_colour: dict[str, set[int]] = {colour: set() for colour in colours}
    data = image.tobytes()
    for index, pixel in enumerate(zip(data[0::3], data[1::3], data[2::3])):
        for colour, target in targets.items():
            if all(abs(a - b) <= TOLERANCE for a, b in zip(pixel, target)):
                by_colour[colour].add(index)
    blobs = []
    for colour, pixels in by_colour.items():
        while pixels:
            stack, region = [pixels.pop()], []
            while stack:
                index = stack.pop()
                region.append(index)
                x, y = index % width, index // width
                for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                    neighbour = ny * width + nx
                    if 0 <= nx < width and 0 <= ny < height and neighbour in pixels:
                        pixels.remove(neighbour)
                        stack.append(neighbour)
            xs, ys = [i % width for i in region], [i // width for i in region]
            if min(max(xs) - min(xs), max(ys) - min(ys)) + 1 >= MIN_MARKER_SIDE:
                blobs.append((colour, (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
    return blobs


def columns_of(items: list[tuple[float, str]], gap: float = 8) -> list[Counter]:
    """Items (x, colour) grouped into columns of nearby x, left to right: a colour count each."""
    columns: list[tuple[float, Counter]] = []
    for x, colour in sorted(items):
        if columns and x - columns[-1][0] <= gap:
            columns[-1][1][colour] += 1
        else:
            columns.append((x, Counter([colour])))
    return [counter for _, counter in columns]


@pytest.fixture(scope="module")
def corpus_url(embedded_store, tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(
        base_iri=DEFAULT_BASE, data_dir=tmp_path_factory.mktemp("browser"), endpoint=None
    )
    with serving(create_app(embedded_store, settings)) as url:
        yield url


def test_beleidskader_timeline_in_chromium_shows_each_step_in_its_colour(
    corpus_url, embedded_store, tmp_path
):
    chromium = chromium_or_skip()
    rows = embedded_store.select(load_query("action-trace").bind({"action": KEY})).rows
    events = events_from_rows(rows, "action")
    assert len({e.document for e in events}) == 4
    png = screenshot(chromium, f"{corpus_url}/timeline/action/{KEY}", tmp_path / "timeline.png")

    colours = sorted({e.style.colour for e in events})
    blobs = colour_blobs(png, colours)
    # as many markers of each colour as events of a status of that colour ...
    assert Counter(colour for colour, _, _ in blobs) == Counter(e.style.colour for e in events)
    # ... in columns left to right as the events' dates (one column per date, lanes stacked)
    by_date: dict = {}
    for e in events:
        by_date.setdefault(e.span[0], Counter())[e.style.colour] += 1
    expected = [by_date[day] for day in sorted(by_date)]
    assert columns_of([(x, colour) for colour, x, _ in blobs]) == expected
    # the story: the progress report of June 2024 hands the beleidskader to the next cabinet
    handed = [e for e in events if e.status == "HandedToNextCabinet"]
    assert [e.document_title for e in handed] == [LETTERS[2]]


def test_beleidskader_timeline_dom_names_the_four_letters_in_date_order(corpus_url):
    chromium = chromium_or_skip()
    dom = dump_dom(chromium, f"{corpus_url}/timeline/action/{KEY}")
    labels = [
        " ".join(re.sub(r"<[^>]+>", " ", text).split())
        for text in re.findall(r'<text class="letter"[^>]*>(.*?)</text>', dom, flags=re.DOTALL)
    ]
    assert len(labels) == 4
    for label, title in zip(labels, LETTERS):
        assert label.endswith(title), (label, title)
    assert "<svg" in dom and 'class="marker"' in dom


def test_the_timeline_page_follows_the_sites_language(client):
    """Dutch first, English on request (?lang=en or Accept-Language), like the other pages."""
    dutch = client.get("/timeline/action/kader-test").get_data(as_text=True)
    english = client.get("/timeline/action/kader-test?lang=en").get_data(as_text=True)
    by_header = client.get(
        "/timeline/action/kader-test", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "<h2 id=\"gebeurtenissen\">Gebeurtenissen</h2>" in dutch and "Timeline of" not in dutch
    assert "Tijdlijn van actie kader-test" in dutch
    for page in (english, by_header):
        assert ">Events</h2>" in page and "Timeline of action kader-test" in page
        assert '<th scope="col">Date</th>' in page and "Gebeurtenissen" not in page
        outside_svg = page.split("<svg", 1)[0] + page.split("</svg>", 1)[1]
        assert "brieven" not in outside_svg and "Tijdlijn" not in outside_svg


def test_the_drawing_follows_the_sites_language_too(client):
    """The SVG's own words (lanes, statuses, legend, months, its description) are English on an
    English page and in the English SVG, Dutch otherwise; the action page's inline drawing too."""
    english_words = ("Timeline of", ">action<", ">deadlines<")
    dutch_words = ("Tijdlijn met", ">actie<", ">termijnen<")
    for url in ("/timeline/action/kader-test?lang=en", "/timeline/action/kader-test?format=svg&lang=en"):
        page = client.get(url).get_data(as_text=True)
        svg = page[page.index("<svg") : page.index("</svg>")]
        assert all(word in svg for word in english_words), url
        assert not any(word in svg for word in dutch_words), url
        assert re.search(r'class="month"[^>]*>(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)<', svg)
        assert not re.search(r'class="month"[^>]*>(mrt|mei|okt)<', svg)
    dutch = client.get("/timeline/action/kader-test?format=svg").get_data(as_text=True)
    assert all(word in dutch for word in dutch_words)
    assert not any(word in dutch for word in english_words)
