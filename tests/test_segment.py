"""Segmentation of the real letters: footnotes in all three source formats, headings, sentences."""

from __future__ import annotations

import pytest
from bestuursgraaf.graph.segment import Span, resolve_footnotes, segment, split_sentences

# (file, format, number of footnotes) — counted by hand in the documents.
FOOTNOTES = [
    ("001_4ecc82ebad1aebf7.txt", "bracket", 21),
    ("002_8e66f98fee8945c9.txt", "plain", 7),
    ("003_716a83a6eb3f8840.txt", "superscript", 19),
    ("004_6c88505460917616.txt", "plain", 37),
]


@pytest.mark.parametrize("name, fmt, count", FOOTNOTES)
def test_every_footnote_is_found_with_its_marker(corpus_dir, name, fmt, count):
    text = (corpus_dir / name).read_text()
    found_format, footnotes, markers = resolve_footnotes(text)
    assert found_format == fmt
    assert sorted(footnotes) == list(range(1, count + 1))
    assert sorted(m.number for m in markers) == list(range(1, count + 1))
    # A marker stands before its body in the text.
    for marker in markers:
        assert marker.start < footnotes[marker.number].start


def test_plain_footnote_body_runs_over_continuation_lines(corpus_dir):
    text = (corpus_dir / "004_6c88505460917616.txt").read_text()
    _, footnotes, _ = resolve_footnotes(text)
    assert footnotes[10].body.endswith("Wet gemeenschappelijke regelingen)")
    assert (
        footnotes[29].body
        == "Kamerstukken II 2021/22, 35925, nr. 90, Kamerstukken I 2021/22, 35570-VII-K"
    )


def test_marker_after_full_stop_and_space_is_found(corpus_dir):
    text = (corpus_dir / "004_6c88505460917616.txt").read_text()
    _, _, markers = resolve_footnotes(text)
    marker = next(m for m in markers if m.number == 25)
    assert text[marker.start - 11 : marker.end] == "opgesteld. 25"


def test_clean_text_keeps_offsets_and_drops_markers_and_bodies(corpus_dir):
    text = (corpus_dir / "001_4ecc82ebad1aebf7.txt").read_text()
    seg = segment(text)
    assert len(seg.clean) == len(text)
    assert "[footnoteRef:" not in seg.clean
    assert "Kamerstukken II 2022/23, 33 047, nr. 25" not in seg.clean
    start = text.index("motie-Van Waveren")
    assert seg.clean[start : start + 17] == "motie-Van Waveren"


def test_footnote_in_unseen_format_is_not_invented():
    text = "Dit is een brief zonder voetnoten. Er staat 2023 in en nr. 5 van iets.\n1 januari is een datum."
    fmt, footnotes, _ = resolve_footnotes(text)
    assert fmt is None and footnotes == {}


def test_numbered_headings_of_a_letter(corpus_dir):
    seg = segment((corpus_dir / "001_4ecc82ebad1aebf7.txt").read_text())
    numbered = [(h.number, h.title) for h in seg.headings if h.number]
    assert (
        "3.1",
        "3.1 Passende taaktoedeling door een beleidskader decentraal en gedeconcentreerd bestuur",
    ) in numbered
    assert [n for n, _ in numbered] == [
        "1",
        "1.1",
        "1.2",
        "1.3",
        "2",
        "2.1",
        "2.2",
        "2.3",
        "3",
        "3.1",
        "3.2",
        "4",
        "4.1",
        "4.2",
    ]


def test_headings_of_a_hard_wrapped_letter_are_not_wrapped_lines(corpus_dir):
    seg = segment((corpus_dir / "004_6c88505460917616.txt").read_text())
    titles = [h.title for h in seg.headings]
    assert "Werken aan een beleidskader decentraal bestuur" in titles
    assert "Implementatie van en werken met de UDO" in titles
    assert all(len(t) < 76 for t in titles)
    assert not any(t.startswith(("In deze brief", "Het lid")) for t in titles)


def test_action_lines_of_an_annex_are_numbered_headings(corpus_dir):
    seg = segment((corpus_dir / "002_8e66f98fee8945c9.txt").read_text())
    action_lines = [h for h in seg.headings if h.title.startswith("Actielijn")]
    assert [h.number for h in action_lines] == ["1", "2", "3", "4"]


def test_sentences_respect_dutch_abbreviations_and_initials():
    clean = "Zie Kamerstukken II, nr. 25 en o.a. het advies van prof. mr. dr. D.J. Elzinga. Dat is helder."
    sentences = [clean[s.start : s.end] for s in split_sentences(clean, [Span(0, len(clean))])]
    assert sentences == [
        "Zie Kamerstukken II, nr. 25 en o.a. het advies van prof. mr. dr. D.J. Elzinga.",
        "Dat is helder.",
    ]


def test_html_superscript_markers_with_bodies_at_the_page_foot():
    text = (
        "Het college heeft de begroting tijdig ingediend.<sup>1</sup> De provincie keurt haar "
        "goed<sup>2</sup> en meldt dat aan de minister.\n\n"
        "1 Kamerstukken II 2022/23, 35 925, nr. 4.\n"
        "<sup>2</sup> Zie de circulaire van 1 juli 2023.\n"
    )
    seg = segment(text)
    assert seg.footnote_format == "plain"
    assert {n: f.body for n, f in seg.footnotes.items()} == {
        1: "Kamerstukken II 2022/23, 35 925, nr. 4.",
        2: "Zie de circulaire van 1 juli 2023.",
    }
    assert [text[m.start : m.end] for m in seg.markers] == ["<sup>1</sup>", "<sup>2</sup>"]
    assert "sup>" not in seg.clean and len(seg.clean) == len(text)
    # the marker no longer glues two sentences together
    assert (
        seg.clean[seg.sentences[0].start : seg.sentences[0].end]
        == "Het college heeft de begroting tijdig ingediend."
    )


def test_bracketed_markers_with_a_list_of_notes_at_the_end():
    text = (
        "Geachte voorzitter,\n\nDe Afdeling advisering heeft op 2 mei advies uitgebracht.(1) Het kabinet "
        "volgt het advies, zoals eerder gemeld. (2) Daarbij gaat het om drie punten: (1) de termijnen, "
        "(2) de kosten en (3) het toezicht.\n\nNoten\n\n"
        "(1) Kamerstukken II 2021/22, 35 600, nr. 3.\n(2) Kamerstukken II 2021/22, 35 600, nr. 8.\n"
    )
    fmt, footnotes, markers = resolve_footnotes(text)
    assert fmt == "parenthesised"
    assert footnotes[2].body == "Kamerstukken II 2021/22, 35 600, nr. 8."
    # the enumeration "(1) de termijnen" in the running text is not a marker
    assert [m.start for m in markers] == [text.index("(1) Het"), text.index("(2) Daarbij")]


def test_the_signatures_under_a_motion_are_not_sections():
    text = (
        "De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering de wet te evalueren,\n\n"
        "en gaat over tot de orde van de dag.\n\nKoekkoek\nVan Dijk\nBikker\n"
    )
    assert segment(text).headings == []


def test_square_bracketed_markers_with_their_bodies_at_the_end():
    text = (
        "Het kabinet heeft de VNG gevraagd om een reactie.[1] De VNG reageerde positief[2] en snel.\n\n"
        "[1] Kamerstukken II 2020/21, 35 570 B, nr. 9.\n[2] Brief van de VNG van 3 maart 2021.\n"
    )
    fmt, footnotes, markers = resolve_footnotes(text)
    assert fmt == "square"
    assert footnotes[1].body == "Kamerstukken II 2020/21, 35 570 B, nr. 9."
    assert [text[m.start : m.end] for m in markers] == ["[1]", "[2]"]
