"""Citations of parliamentary papers: every footnote citation in the real letters, the genre's
other spellings, and no false positives in prose."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.citations import Citation, extract_citations

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _ids(citations: list[Citation]) -> list[str]:
    """kst id for papers, `dossier:N` for dossiers, `other:raw` for the rest."""
    return [
        c.kst_id or (f"dossier:{c.dossier}" if c.kind == "dossier" else f"other:{c.raw}")
        for c in citations
    ]


# Read off the footnotes of each letter by hand, in order of appearance.
SEED_CITATIONS = {
    "000_03214f0aabcee69e.txt": [],
    "001_4ecc82ebad1aebf7.txt": [
        "kst-33047-31",
        "kst-33047-25",
        "kst-36600-VII-22",
        "kst-33047-30",
        "kst-36600-VII-136",
        "kst-33047-29",
        "kst-36600-VII-142",
        "kst-29362-382",
        "kst-29697-161",
        "kst-29362-381",
        "kst-33047-32",
        "kst-36600-B-45",
        "kst-33047-29",
        "kst-33047-38",
        "kst-33047-27",
        "kst-36600-VII-143",
    ],
    "002_8e66f98fee8945c9.txt": [
        "kst-36200-VII-142",
        "kst-36200-VII-142",
        "kst-36200-VII-178",
        "kst-36410-VII-76",
        "kst-35298-19",
        "kst-35298-21",
    ],
    "003_716a83a6eb3f8840.txt": [
        "kst-35925-VII-129",
        "kst-33047-25",
        "kst-35925-VII-14",
        "kst-36200-VII-156",
        "kst-28844-254",
        "kst-28844-252",
        "kst-35925-VII-136",
        "kst-33047-25",
        "kst-35165-55",
        "kst-36200-VII-157",
        "dossier:35298",
        "kst-35925-VII-164",
    ],
    "004_6c88505460917616.txt": [
        "kst-35925-VII-129",
        "kst-31490-323",
        "kst-35513-13",
        "kst-35925-VII-170",
        "kst-35925-VII-129",
        "kst-35513-14",
        "kst-35925-VII-136",
        "dossier:35004",
        "dossier:35005",
        "kst-36200-B-10",
        "kst-35925-90",
        "kst-35570-VII-K",
        "kst-36200-VI-10",
        "other:Kamerstukken II, 2022Z25514 (blg)",
        "kst-35850-9",
        "kst-35510-103",
        "kst-35925-VII-164",
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_CITATIONS))
def test_every_footnote_citation_in_the_seed_letters_is_found(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    citations = extract_citations(text)
    assert _ids(citations) == SEED_CITATIONS[name]
    for c in citations:
        assert text[c.start : c.end] == c.raw


def test_offsets_are_shifted_by_the_offset_argument():
    text = "Zie Kamerstukken II 2022/23, 33 047, nr. 25."
    (c,) = extract_citations(text, offset=1000)
    assert (c.start, c.end) == (1004, 1004 + len(c.raw))
    assert text[c.start - 1000 : c.end - 1000] == c.raw


@pytest.mark.parametrize(
    ("text", "raw", "chamber", "year", "dossier", "nr", "kst"),
    [
        (
            "Kamerstukken II 2022/23, 33 047, nr. 25",
            None,
            "II",
            "2022-2023",
            "33047",
            "25",
            "kst-33047-25",
        ),
        (
            "Kamerstukken II 2021-2022, 35298, nr. 19",
            None,
            "II",
            "2021-2022",
            "35298",
            "19",
            "kst-35298-19",
        ),
        (
            "Kamerstukken II 2021/22, 35925 VII, nr. 129",
            None,
            "II",
            "2021-2022",
            "35925-VII",
            "129",
            "kst-35925-VII-129",
        ),
        (
            "Kamerstukken II 2021/22, 35925-VII, nr.164",
            None,
            "II",
            "2021-2022",
            "35925-VII",
            "164",
            "kst-35925-VII-164",
        ),
        (
            "Kamerstukken II 2023-2024, 36200 VII nr. 178",
            None,
            "II",
            "2023-2024",
            "36200-VII",
            "178",
            "kst-36200-VII-178",
        ),
        (
            "Kamerstukken II, 2022/23, 35165 nr. 55",
            None,
            "II",
            "2022-2023",
            "35165",
            "55",
            "kst-35165-55",
        ),
        (
            "Kamerstukken II 2024/25, 36 600 B, nr. 45",
            None,
            "II",
            "2024-2025",
            "36600-B",
            "45",
            "kst-36600-B-45",
        ),
        (
            "Kamerstukken II 2021/2022, 35 925 VII, nr. 164",
            None,
            "II",
            "2021-2022",
            "35925-VII",
            "164",
            "kst-35925-VII-164",
        ),
        (
            "Kamerstukken II 2021/22, 36200-VII, nr. 156.",
            "Kamerstukken II 2021/22, 36200-VII, nr. 156",
            "II",
            "2021-2022",
            "36200-VII",
            "156",
            "kst-36200-VII-156",
        ),
        ("Kamerstuk 33 047, nr. 31", None, None, None, "33047", "31", "kst-33047-31"),
        (
            "Kamerstukken 2022/23, 33047, nr. 25",
            None,
            None,
            "2022-2023",
            "33047",
            "25",
            "kst-33047-25",
        ),
        ("TK 2022-2023, 33047, nr. 25", None, "II", "2022-2023", "33047", "25", "kst-33047-25"),
        (
            "Tweede Kamer, vergaderjaar 2022–2023, 33 047, nr. 25",
            None,
            "II",
            "2022-2023",
            "33047",
            "25",
            "kst-33047-25",
        ),
        (
            "Kamerstukken I 2021/22, 35570-VII-K",
            None,
            "I",
            "2021-2022",
            "35570-VII",
            "K",
            "kst-35570-VII-K",
        ),
        (
            "Kamerstukken I 2008/09, 31700 VI, D, p. 4",
            "Kamerstukken I 2008/09, 31700 VI, D",
            "I",
            "2008-2009",
            "31700-VI",
            "D",
            "kst-31700-VI-D",
        ),
        (
            "Kamerstukken II 1999/00, 26 800 VII, nr. 3",
            None,
            "II",
            "1999-2000",
            "26800-VII",
            "3",
            "kst-26800-VII-3",
        ),
        (
            "Kamerstukken II 2019/20, 21 501-20, nr. 1500",
            None,
            "II",
            "2019-2020",
            "21501-20",
            "1500",
            "kst-21501-20-1500",
        ),
        (
            "(Kamerstuk 31865-207)",
            "Kamerstuk 31865-207",
            None,
            None,
            "31865",
            "207",
            "kst-31865-207",
        ),
        (
            "zie https://zoek.officielebekendmakingen.nl/kst-35925-VII-129.html",
            "kst-35925-VII-129",
            None,
            None,
            "35925-VII",
            "129",
            "kst-35925-VII-129",
        ),
    ],
)
def test_spellings_of_a_single_kamerstuk(text, raw, chamber, year, dossier, nr, kst):
    (c,) = extract_citations(text)
    assert c.raw == (raw or text)
    assert (c.chamber, c.vergaderjaar, c.dossier, c.ondernummer) == (chamber, year, dossier, nr)
    assert c.kind == "kamerstuk"
    assert c.kst_id == kst


def test_one_paper_in_two_dossiers_keeps_the_second_as_extra():
    (c,) = extract_citations("Kamerstukken II 2024/25, 29 697 en 32 851, nr. 161.")
    assert (c.dossier, c.extra_dossiers, c.kst_id) == ("29697", ("32851",), "kst-29697-161")


def test_dossier_only_citations():
    found = extract_citations(
        "Kst. 35298. Zie ook (Kamerstukken 34538) en Kamerstukdossier 33 047."
    )
    assert [(c.kind, c.dossier, c.kst_id) for c in found] == [
        ("dossier", "35298", None),
        ("dossier", "34538", None),
        ("dossier", "33047", None),
    ]
    assert found[0].raw == "Kst. 35298"


def test_dossier_numbers_written_as_nrs_are_dossiers():
    found = extract_citations("medeoverheden (Kamerstukken II \n\n2021/22, nrs. 35004 en 35005).")
    assert [(c.kind, c.dossier, c.vergaderjaar) for c in found] == [
        ("dossier", "35004", "2021-2022"),
        ("dossier", "35005", "2021-2022"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kamerstukken II 2021/22, 35925, nr. 90, Kamerstukken I 2021/22, 35570-VII-K",
            ["kst-35925-90", "kst-35570-VII-K"],
        ),
        (
            "Kamerstukken II 2021/22, 35925 VII, nr. 129. & Kamerstukken II 2022/23, 33047, nr. 25",
            ["kst-35925-VII-129", "kst-33047-25"],
        ),
        (
            (
                "Kamerstukken II 2024/25, 36 600 VII, nr. 22; Kamerstukken II, 2024/25, 33 047, nr. 30; "
                "Kamerstukken II 2024/25, 36 600 VII, nr. 136."
            ),
            ["kst-36600-VII-22", "kst-33047-30", "kst-36600-VII-136"],
        ),
        ("Kamerstukken II 2022/23, 33047, nrs. 25 en 26", ["kst-33047-25", "kst-33047-26"]),
        (
            "Kamerstukken II 2022/23, 33047, nrs. 3 t/m 5",
            ["kst-33047-3", "kst-33047-4", "kst-33047-5"],
        ),
        (
            (
                "Kamerstukken II 2021/22, 35925-VII, nr. 136; de bouwstenen zijn opgesteld door prof. "
                "mr. dr. D.J. Elzinga"
            ),
            ["kst-35925-VII-136"],
        ),
    ],
)
def test_several_citations_in_one_footnote(text, expected):
    assert _ids(extract_citations(text)) == expected


def test_a_later_citation_may_leave_out_the_shared_introducer():
    found = extract_citations(
        "Kamerstukken II 2019/20, 29 544, nr. 1000; 2020/21, 29544, nr. 1023 en 36200 VII, nr. 5"
    )
    assert _ids(found) == ["kst-29544-1000", "kst-29544-1023", "kst-36200-VII-5"]
    assert [c.vergaderjaar for c in found] == ["2019-2020", "2020-2021", "2020-2021"]
    assert all(c.chamber == "II" for c in found)
    assert found[1].raw == "2020/21, 29544, nr. 1023"


def test_both_ondernummers_share_the_raw_span():
    a, b = extract_citations("Kamerstukken II 2022/23, 33047, nrs. 25 en 26.")
    assert a.raw == b.raw == "Kamerstukken II 2022/23, 33047, nrs. 25 en 26"
    assert (a.start, a.end) == (b.start, b.end)


@pytest.mark.parametrize(
    ("text", "raw", "chamber", "year"),
    [
        (
            "Kamerstukken II, 2022Z25514 (blg) https://open.overheid.nl/x",
            "Kamerstukken II, 2022Z25514 (blg)",
            "II",
            None,
        ),
        (
            "Handelingen II 2022/23, nr. 45, item 12",
            "Handelingen II 2022/23, nr. 45, item 12",
            "II",
            "2022-2023",
        ),
        (
            "Aanhangsel Handelingen II 2022/23, nr. 1234.",
            "Aanhangsel Handelingen II 2022/23, nr. 1234",
            "II",
            "2022-2023",
        ),
        (
            "Aanhangsel Handelingen I 2014/15, nr. 12",
            "Aanhangsel Handelingen I 2014/15, nr. 12",
            "I",
            "2014-2015",
        ),
    ],
)
def test_other_parliamentary_papers_are_kept_raw(text, raw, chamber, year):
    (c,) = extract_citations(text)
    assert (c.kind, c.raw, c.chamber, c.vergaderjaar) == ("other", raw, chamber, year)
    assert c.dossier is None and c.kst_id is None


def test_matching_crosses_hard_wrapped_lines():
    (c,) = extract_citations("(Kamerstukken II \n\n2021/22, 35925 \nVII, \n\nnr. 129)")
    assert c.kst_id == "kst-35925-VII-129"


@pytest.mark.parametrize(
    "text",
    [
        "In 2022 is 35 000 euro uitgegeven aan 12 345 inwoners.",
        "Het vergaderjaar 2021/22 liep tot september; zie pagina 33047.",
        "De Kamerstukken van de Tweede Kamer zijn openbaar.",
        "Kamerstukken II 2021/22 bevatten veel brieven.",
        "De TK-leden en EK-leden vergaderden op 12 februari 2025.",
        "Kst. is een afkorting.",
        "Conform art 116 Gemeentewet respectievelijk artikel 114 van de Provinciewet",
        "Raad voor het Openbaar Bestuur (2025), Afrekenen met disbalans, nr. 12.",
    ],
)
def test_no_citations_in_prose(text):
    assert extract_citations(text) == []


def test_a_year_is_not_read_as_a_dossier():
    (c,) = extract_citations("Kamerstukken II 2022-2023, 36200 VII, nr. 142.")
    assert c.dossier == "36200-VII" and c.vergaderjaar == "2022-2023"


# --- found probing unseen letters -------------------------------------------------------------


def test_a_second_ondernummer_with_its_own_nr():
    found = extract_citations("Zie Kamerstukken II 2019/20, 35 300 B, nr. 4 en nr. 9.")
    assert [c.kst_id for c in found] == ["kst-35300-B-4", "kst-35300-B-9"]


def test_a_spaced_dossier_after_en_is_no_ondernummer():
    found = extract_citations("Kamerstukken II 2019/20, 35 300 VII, nr. 8 en 35 300 C, nr. 3")
    assert [c.kst_id for c in found] == ["kst-35300-VII-8", "kst-35300-C-3"]


# --- The genre's forms beyond the seeds (issue #10) -------------------------------------------
# Real sentences, each with the page it was read from; the expected ids are read off by hand.
REAL_GENRE_CITATIONS = [
    (  # https://www.eumonitor.eu/9353000/1/j9vvik7m1c3gyxp/vli4jalgwlyx (kst-35526-60)
        (
            "over de aangenomen motie van het lid Janssen c.s. over bepalende zeggenschap van de "
            "Staten-Generaal over verlenging van de Tijdelijke maatregelen covid-19 (Kamerstuk 35 526, L)."
        ),
        ["kst-35526-L"],
    ),
    (  # https://www.openkamer.org/kamerstuk/29576/71/ (verslag of an algemeen overleg, 2008)
        (
            "– de brief van de minister van Landbouw, Natuur en Voedselkwaliteit d.d. 10 maart 2008 "
            "over de Heroverweging Zuiderdieppolders (30 825, nr. 11; naar aanleiding van een verzoek "
            "van de commissies van VW en LNV);"
        ),
        ["kst-30825-11"],
    ),
    (  # same page
        (
            "– de brief van de minister van Landbouw, Natuur en Voedselkwaliteit d.d. 19 mei 2008 met "
            "de aanbieding van het LEI-rapport Landbouwgronden in Europa (29 576, nr. 50);"
        ),
        ["kst-29576-50"],
    ),
    (  # https://zoek.officielebekendmakingen.nl/kst-31308-3.html (two dossiers joined by a slash)
        (
            "– de brief van de minister van Financiën inzake het verantwoordingsproces, toleranties en "
            "subsidies van 19 december 2007 (31 031/29 949, nr. 19);"
        ),
        ["kst-31031-19"],
    ),
    (  # https://zoek.officielebekendmakingen.nl/dossier/kst-30462-3.html
        (
            "– achtste voortgangsrapportage Zandmaas en Grensmaas (18 106, nr. 166);\n"
            "– de antwoorden op de door de commissie gestelde vragen (18 106, nr. 170)."
        ),
        ["kst-18106-166", "kst-18106-170"],
    ),
    (  # https://berthub.eu/tkconv/get/2023D05549 (title of kst-26643-971)
        (
            "Derde voortgangsrapportage over de uitvoering motie van het lid Marijnissen c.s. "
            "(Kamerstuk 35510-21) en motie van het lid Klaver c.s. (Kamerstuk 35510-16)"
        ),
        ["kst-35510-21", "kst-35510-16"],
    ),
    (  # an Eerste Kamer source note cited in a public repository of legislative tables
        "Bron: Kamerstukken I 2004/05, 29 762 e.a., D (memorie van antwoord, 30 maart 2005)",
        ["kst-29762-D"],
    ),
    (  # citations of the Eerste Kamer as listed by a public legal-citation parser's docs
        "Kamerstukken I 2014/15, 33802, C, p. 3.",
        ["kst-33802-C"],
    ),
    (  # the Eerste Kamer's Roman-numbered dossiers (kst-CXXIV-G on officielebekendmakingen)
        (
            "Verslag van de Tijdelijke commissie werkwijze Eerste Kamer, Kamerstukken I 2017/18, "
            "CXXIV, G."
        ),
        ["kst-CXXIV-G"],
    ),
]


REAL_GENRE_CITATIONS.append(
    (  # https://zoek.officielebekendmakingen.nl/behandelddossier/kst-32824-194.html: two dossiers
        (
            "sinds de Kamerbrief «Spanningen Turks Nederlandse gemeenschap» van 12 september 2016 "
            "(Kamerstukken 32 824 en 29 279, nr. 148)."
        ),
        ["kst-32824-148"],
    )
)


@pytest.mark.parametrize("text, expected", REAL_GENRE_CITATIONS)
def test_real_genre_citation_found(text, expected):
    assert [c.kst_id for c in extract_citations(text) if c.kst_id] == expected


# Written for each rule: one sentence per spelling.
WRITTEN_GENRE_CITATIONS = [
    ("Zie ook EK 36 200 VII, C.", ["kst-36200-VII-C"]),  # EK without a year
    ("Zie TK 36 200 VII, nr. 12.", ["kst-36200-VII-12"]),  # TK without a year
    ("Kamerstukken I 2014/15, CIII, A", ["kst-CIII-A"]),  # Roman EK dossier
    ("Kamerstukken I 2021/22, 35 925, nr. E", ["kst-35925-E"]),  # EK letter written as nr.
    ("Kamerstuknr. 36 410, nr. 21", ["kst-36410-21"]),
    ("Kamerstuknummer 36410-21", ["kst-36410-21"]),
    ("Kamerstukken II 2012/13, 29 697 en 32 851, nr. 161", ["kst-29697-161"]),
    ("Kamerstukken II 2023/24, 36 410-B, nr. 3", ["kst-36410-B-3"]),
    ("Kamerstukken II 2023/24, 36410 B, nr. 3", ["kst-36410-B-3"]),
    ("Kamerstukken II 2023/24, 36410 - B, nr. 3", ["kst-36410-B-3"]),
    ("In reactie op uw brief met kenmerk 35510-21 bericht ik u", ["kst-35510-21"]),
    (
        "de brief van 3 maart (36 200 VII, nr. 8; 36 200 VII, nr. 9)",
        ["kst-36200-VII-8", "kst-36200-VII-9"],
    ),
    ("zie het bestand kst-36410-21.txt en kst-CXXIV-G", ["kst-36410-21", "kst-CXXIV-G"]),
    ("Kamerstukken I 2022/23, 36 200 VII, C en D", ["kst-36200-VII-C", "kst-36200-VII-D"]),
    ("Kamerstukken I 2022/23, 36 200 VII, nrs. C en D", ["kst-36200-VII-C", "kst-36200-VII-D"]),
    ("EK 2022/23, 36 200, letter C", ["kst-36200-C"]),
    ("de motie-Kox c.s. over de koopkracht (35 500, AB) is aangenomen.", ["kst-35500-AB"]),
    ("(EK, 36 200 VII, C)", ["kst-36200-VII-C"]),
    ("Eerste Kamer, vergaderjaar 2022–2023, 36 200 VII, C", ["kst-36200-VII-C"]),
    ("Kamerstukken I 2022/23, 36 200 VII, C. En D is ook genoemd.", ["kst-36200-VII-C"]),
]


@pytest.mark.parametrize("text, expected", WRITTEN_GENRE_CITATIONS)
def test_genre_citation_spelling(text, expected):
    assert [c.kst_id for c in extract_citations(text) if c.kst_id] == expected


def test_joint_dossier_keeps_the_second_as_extra():
    (c,) = extract_citations("(31 031/29 949, nr. 19)")
    assert (c.dossier, c.extra_dossiers) == ("31031", ("29949",))


def test_bare_letter_makes_an_eerste_kamer_paper():
    (c,) = extract_citations("(Kamerstuk 35 526, L).")
    assert (c.kst_id, c.chamber) == ("kst-35526-L", "I")


# Look like the forms but are not Kamerstukken.
NOT_CITATIONS = [
    "een bedrag van € 12 345, nr. 5 van de lijst",
    "In 2021, 2022 en 2023 waren er 12 345 aanvragen, nr. 3 daarvan",
    "uw brief met kenmerk 2023Z12345 van 3 maart",  # a zaak number: not a kst id
    "postcode 2511 CV, nr. 5",
    "ruim 1 234 567, nr. 5",
    "De EK 2023 werd gewonnen door Nederland.",
    "Kamerstukken II 2021/22, 35 925, A. De minister",  # the letter starts a sentence
    "Kamerstuk 35 925, Aanvulling op de brief",
    "De motie kreeg steun van 12 345 burgers.",
    "Er waren 35 500, A en B.",  # a letter after a number, outside brackets
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_lookalike_is_no_kamerstuk(text):
    assert [c.kst_id for c in extract_citations(text) if c.kst_id] == []
