"""Documents as published: the Kamerstuk heading in the layouts the genre uses (one line, or
spread over several; glued page headers), a motion's date, dictum and submitters with their
party, and a document known only by its official file name."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.build import extract_document
from bestuursgraaf.graph.extract.published import (
    extract_motion_text,
    extract_published_heading,
    published_heading_from_file_name,
)
from bestuursgraaf.graph.read import SourceDocument
from bestuursgraaf.graph.segment import segment

# Real: https://zoek.officielebekendmakingen.nl/kst-33959-5.html, as the stored page gives it (the
# page header glues chamber, vergaderjaar and number together).
KST_33959_5 = """Kamerstuk

Datum publicatieOrganisatieVergaderjaarDossier- en ondernummer
Tweede Kamer der Staten-Generaal2015-201633959 nr. 5

33 959 Voorstel van het lid Van der Staaij tot wijziging van het Reglement van Orde in verband met het introduceren van de mogelijkheid tot het overnemen van moties

Nr. 5 MOTIE VAN HET LID KLEIN

Voorgesteld 16 maart 2016

De Kamer,

gehoord de beraadslaging,

overwegende dat het parlementair instrument «motie» van grote waarde is;

spreekt als haar mening uit dat alle moties analoog aan de praktijk in de Eerste Kamer der Staten-Generaal door de Voorzitter voorgelezen worden;

verzoekt de Voorzitter, een voorstel te doen om artikel 66, lid 3 Reglement van Orde van de Tweede Kamer der Staten-Generaal dienovereenkomstig te wijzigen,

en gaat over tot de orde van de dag.

Klein
"""

# Real: https://www.eumonitor.eu/9353000/1/j9vvik7m1c3gyxp/vli4jalgwlyx (kst-35526-60), whose
# layout puts every part of the heading on a line of its own, the vergaderjaar broken in two.
KST_35526_60 = """Tweede Kamer der Staten-Generaal

Vergaderjaar 2020-

2021

35 526

Tijdelijke bepalingen in verband met maatregelen ter bestrijding van de epidemie van covid-19 voor de langere termijn (Tijdelijke wet maatregelen covid-19)

Nr. 60

VERSLAG VAN EEN SCHRIFTELIJK OVERLEG

Vastgesteld 21 april 2021

De vaste commissie voor Justitie en Veiligheid heeft een aantal vragen en opmerkingen voorgelegd.
"""

# Real: https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2022D23099 (kst-22112-3432)
KST_22112_3432 = """Brief regering : Hoofdlijnennota Europawet
22 112 Nieuwe Commissievoorstellen en initiatieven van de lidstaten van de Europese Unie
Nr. 3432
BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 juni 2022
Het kabinet hecht veel waarde aan de informatievoorziening aan de Kamer.
"""

# Written for the rule: a motion whose title, names and party run over three lines.
SPREAD_MOTION = """Eerste Kamer der Staten-Generaal
Vergaderjaar 2023–2024

36 410 VII
Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken en
Koninkrijksrelaties (VII) voor het jaar 2024

M

MOTIE VAN DE LEDEN
VAN DER GRAAF (CHRISTENUNIE) EN
KOOLE (PVDA) C.S.

Voorgesteld 14 maart 2024

De Kamer,

gehoord de beraadslaging,

constaterende dat gemeenten de taken niet kunnen uitvoeren;

verzoekt de regering om voor de zomer van 2024 een plan te maken,

en gaat over tot de orde van de dag.

Van der Graaf
Koole
Dittrich
"""


def _published(text: str):
    clean = segment(text).clean
    heading = extract_published_heading(clean)
    return heading, heading and extract_motion_text(clean, heading)


def test_real_motion_with_a_glued_page_header():
    heading, motion = _published(KST_33959_5)
    assert (heading.kst_id, heading.kind, heading.chamber, heading.vergaderjaar) == (
        "kst-33959-5",
        "motie",
        "II",
        "2015-2016",
    )
    assert [s.name for s in motion.submitters] == ["Klein"]
    assert str(motion.proposed) == "2016-03-16"
    # The dictum is what the motion asks, the Voorzitter being the one asked here.
    assert "een voorstel te doen om artikel 66" in motion.request


def test_real_heading_spread_over_lines():
    heading, motion = _published(KST_35526_60)
    assert (heading.kst_id, heading.kind, heading.vergaderjaar) == (
        "kst-35526-60",
        "other",
        "2020-2021",
    )
    assert heading.title_line == "VERSLAG VAN EEN SCHRIFTELIJK OVERLEG"
    assert heading.dossier_title.startswith("Tijdelijke bepalingen")
    assert motion is None


def test_real_letter_heading_with_number_and_kind_on_separate_lines():
    heading, _ = _published(KST_22112_3432)
    assert (heading.kst_id, heading.kind) == ("kst-22112-3432", "brief")
    assert heading.title_line == "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN"


def test_motion_title_over_several_lines_gives_submitters_and_parties():
    heading, motion = _published(SPREAD_MOTION)
    assert (heading.kst_id, heading.kind, heading.chamber) == ("kst-36410-VII-M", "motie", "I")
    assert heading.dossier_title.endswith("Koninkrijksrelaties (VII) voor het jaar 2024")
    assert [(s.name, s.party, s.chamber) for s in motion.submitters] == [
        ("Van der Graaf", "ChristenUnie", "Eerste Kamer"),
        ("Koole", "PvdA", "Eerste Kamer"),
        ("Dittrich", None, "Eerste Kamer"),
    ]
    assert motion.request == "voor de zomer van 2024 een plan te maken"
    assert str(motion.deadline.end) == "2024-06-30"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("kst-36410-21", ("36410", "21", None)),
        ("kst-36410-21.txt", ("36410", "21", None)),
        ("kst-36410-B-3.xml", ("36410-B", "3", None)),
        ("kst-35570-vii-k", ("35570-VII", "K", "I")),
        ("kst-CXXIV-G", ("CXXIV", "G", "I")),
    ],
)
def test_official_file_name_identifies_the_kamerstuk(name, expected):
    heading = published_heading_from_file_name(name, "De Kamer,\n\ngehoord de beraadslaging,\n")
    assert (heading.dossier, heading.ondernummer, heading.chamber) == expected
    assert heading.kind == "motie"


@pytest.mark.parametrize(
    "name", ["brief-36410-21", "36410-21", "kst-3641-21", "kst-36410", "stcrt-2024-123"]
)
def test_other_file_names_identify_nothing(name):
    assert (
        published_heading_from_file_name(name, "De Kamer,\n\ngehoord de beraadslaging,\n") is None
    )


def test_a_motion_known_only_by_its_file_name_gets_its_own_node(tmp_path: Path):
    text = (
        "De Kamer,\n\ngehoord de beraadslaging,\n\noverwegende dat gemeenten ruimte nodig hebben;\n\n"
        "verzoekt de regering, zo spoedig mogelijk een plan te maken,\n\n"
        "en gaat over tot de orde van de dag.\n\nDe Vries\nJansen\n"
    )
    path = tmp_path / "kst-36410-21.txt"
    path.write_text(text, encoding="utf-8")
    facts = extract_document(SourceDocument("kst-36410-21", path, path.name, text))
    assert (facts.published.kst_id, facts.published.kind) == ("kst-36410-21", "motie")
    assert [s.name for s in facts.motion_text.submitters] == ["De Vries", "Jansen"]
    assert facts.motion_text.request == "zo spoedig mogelijk een plan te maken"


# Look like a heading but are not one.
NOT_HEADINGS = [
    # a letter that quotes a motion's number in its body
    "Geachte voorzitter,\n\nIn de motie (36 410, nr. 21) vraagt uw Kamer om een plan.\n\nNr. 21 van de lijst is afgedaan.\n",
    # a numbered list of amounts, no dossier heading
    "Tabel\n\n12 345 inwoners\n\nNr. 4 in de rangorde\n",
]


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_text_without_a_kamerstuk_heading(text):
    assert extract_published_heading(segment(text).clean) is None


# Real Eerste Kamer headings (the paper by letter), as the stored pages give them.
@pytest.mark.parametrize(
    "text, expected",
    [
        (  # https://zoek.officielebekendmakingen.nl/kst-34391-C.html
            (
                "34 391 Wijziging van de Wet inkomstenbelasting 2001, de Wet op de loonbelasting 1964 "
                "en de Provinciewet (Wet uitwerking Autobrief II)\n\n"
                "C VOORLOPIG VERSLAG VAN DE VASTE COMMISSIE VOOR FINANCIEN1\n\nVastgesteld 24 mei 2016\n"
            ),
            (
                "kst-34391-C",
                "other",
                "I",
                "VOORLOPIG VERSLAG VAN DE VASTE COMMISSIE VOOR FINANCIEN1",
            ),
        ),
        (  # https://zoek.officielebekendmakingen.nl/kst-35010-C.html
            (
                "35 010 Wijziging van de Wet op het kindgebonden budget in verband met het verhogen van "
                "de inkomensgrens van het kindgebonden budget voor paren\n\nC MEMORIE VAN ANTWOORD\n\n"
                "Ontvangen 26 april 2019\n"
            ),
            ("kst-35010-C", "other", "I", "MEMORIE VAN ANTWOORD"),
        ),
        (  # https://zoek.officielebekendmakingen.nl/kst-cxxiv-g.html: a Roman-numbered EK dossier
            (
                "CXXIV Verslag van de Tijdelijke Commissie Werkwijze Eerste Kamer\n\n"
                "G BRIEF VAN DE VOORZITTER VAN DE EERSTE KAMER DER STATEN-GENERAAL\n\nAan de leden\n\n"
                "Den Haag, 5 december 2017\n"
            ),
            (
                "kst-CXXIV-G",
                "brief",
                "I",
                "BRIEF VAN DE VOORZITTER VAN DE EERSTE KAMER DER STATEN-GENERAAL",
            ),
        ),
    ],
)
def test_real_eerste_kamer_headings(text, expected):
    heading, _ = _published(text)
    assert (heading.kst_id, heading.kind, heading.chamber, heading.title_line) == expected


def test_a_roman_section_number_is_no_dossier():
    text = "Geachte voorzitter,\n\nII Algemeen\n\nA BRIEF is hier geen kop.\n"
    assert extract_published_heading(segment(text).clean) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # https://zoek.officielebekendmakingen.nl/kst-31335-9.html: `nr.` in lower case, a given
            # name in the title and `Naar boven` (page furniture) after the signatures
            (
                "31 335\nEU-trendrapport 2008\n\nnr. 9\nMOTIE VAN DE LEDEN TONY VAN DIJCK EN DE ROON\n\n"
                "Voorgesteld 2 juli 2008\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n"
                "verzoekt de regering de netto Nederlandse afdrachten aan de EU op te schorten,\n\n"
                "en gaat over tot de orde van de dag.\n\nTony van Dijck\n\nDe Roon\n\nNaar boven\n"
            ),
            ("kst-31335-9", ["Tony van Dijck", "De Roon"]),
        ),
        (  # https://zoek.officielebekendmakingen.nl/kst-21501-20-793.html: a sub-dossier
            (
                "Kamerstuk\n\nDatum publicatieOrganisatieVergaderjaarDossier- en ondernummer\n"
                "Tweede Kamer der Staten-Generaal2012-201321501-20 nr. 793\n\n21 501-20 Europese Raad\n\n"
                "Nr. 793 MOTIE VAN HET LID MADLENER\n\nVoorgesteld 29 mei 2013\n\nDe Kamer,\n\n"
                "gehoord de beraadslaging,\n\nverzoekt de regering, het aantal EU-ambtenaren te verminderen,\n\n"
                "en gaat over tot de orde van de dag.\n\nMadlener\n"
            ),
            ("kst-21501-20-793", ["Madlener"]),
        ),
        (  # written: the budget chapter on a line of its own under the dossier number
            (
                "Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2021-\n\n2022\n\n35 830\n\nVII\n\n"
                "Wijziging van de begrotingsstaten\n\nNr. 13\n\nMOTIE VAN DE LEDEN BROMET EN VAN DIJK\n\n"
                "Voorgesteld 7 december 2021\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n"
                "verzoekt de regering om een plan te maken,\n\nen gaat over tot de orde van de dag.\n\n"
                "Bromet\nVan Dijk\n"
            ),
            ("kst-35830-VII-13", ["Bromet", "Van Dijk"]),
        ),
    ],
)
def test_real_heading_layouts_of_older_and_sub_dossier_motions(text, expected):
    heading, motion = _published(text)
    assert (heading.kst_id, [s.name for s in motion.submitters]) == expected
