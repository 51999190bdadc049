"""Motion mentions: every motion named in the real letters, the genre's other forms of naming a
motion by its submitters, and no matches in prose about motions in general."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.motions import MotionMention, Submitter, extract_motion_mentions

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _names(mention: MotionMention) -> tuple[str, ...]:
    return tuple(s.name for s in mention.submitters)


# Read off each letter by hand, in order of appearance: (submitters, adopted).
SEED_MOTIONS = {
    "000_03214f0aabcee69e.txt": [((), None)],  # "een motie van een EK-lid": only its chamber
    "001_4ecc82ebad1aebf7.txt": [(("Van Waveren",), True)],
    "002_8e66f98fee8945c9.txt": [(("Strolenberg",), None), (("Van Dijk",), None)],
    "003_716a83a6eb3f8840.txt": [
        (("Leijten",), True),  # "de motie-Leijten die bij ... is aangenomen"
        (("Bromet",), None),
        (("Strolenberg",), None),
    ],
    "004_6c88505460917616.txt": [
        (("Leijten",), None),  # "motie-Leijten10": the footnote digit is not part of the name
        (("Van Dijk",), None),
        (("Van Dijk", "Grinwis"), None),
        (("Koole",), None),
        (("Van Dijk",), None),  # "Het lid Van Dijk (CDA) heeft bij motie"
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_MOTIONS))
def test_every_motion_named_in_the_seed_letters_is_found(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    mentions = extract_motion_mentions(text)
    assert [(_names(m), m.adopted) for m in mentions] == SEED_MOTIONS[name]
    for m in mentions:
        assert text[m.start : m.end] == m.raw


@pytest.mark.parametrize(
    "text, chamber",
    [
        ("omdat daarin een motie van een EK-lid werd afgedaan", "Eerste Kamer"),
        ("ter uitvoering van een motie van een lid van de Tweede Kamer", "Tweede Kamer"),
        ("de motie van een Kamerlid over de regio", "Tweede Kamer"),
    ],
)
def test_motion_named_only_by_its_chamber_is_a_mention_without_submitters(text, chamber):
    (mention,) = extract_motion_mentions(text)
    assert mention.submitters == () and mention.chamber == chamber
    assert mention.raw.startswith("motie van een")


def test_parties_and_chamber_are_read_from_the_brackets_across_wrapped_lines():
    text = (
        "Daarmee geef ik invulling aan de motie van de leden \n\nVan Dijk (CDA) en Grinwis (CU) "
        "en de motie van lid Koole (PvdA, Eerste Kamer).29 \n"
    )
    first, second = extract_motion_mentions(text, offset=500)
    assert first.submitters == (
        Submitter("Van Dijk", "CDA", None),
        Submitter("Grinwis", "CU", None),
    )
    assert first.raw == "motie van de leden \n\nVan Dijk (CDA) en Grinwis (CU)"
    assert second.submitters == (Submitter("Koole", "PvdA", "Eerste Kamer"),)
    assert second.raw == "motie van lid Koole (PvdA, Eerste Kamer)"
    assert text[second.start - 500 : second.end - 500] == second.raw


@pytest.mark.parametrize(
    ("text", "raw", "names"),
    [
        ("aan de motie-Van Dijk.", "motie-Van Dijk", ("Van Dijk",)),
        ("uitvoering van een motie-Strolenberg, onderzoek", "motie-Strolenberg", ("Strolenberg",)),
        ("Naar aanleiding van een motie-Leijten  , heb ik", "motie-Leijten", ("Leijten",)),
        ("een motie-Leijten10, heb ik", "motie-Leijten", ("Leijten",)),
        (
            "de motie van het lid Van der Graaf c.s. vraagt",
            "motie van het lid Van der Graaf c.s.",
            ("Van der Graaf",),
        ),
        (
            "de gewijzigde motie van de leden Bikker en Sneller over",
            "motie van de leden Bikker en Sneller",
            ("Bikker", "Sneller"),
        ),
        (
            "de motie-Van der Molen/Bisschop is",
            "motie-Van der Molen/Bisschop",
            ("Van der Molen", "Bisschop"),
        ),
        ("de motie-Omtzigt c.s. over", "motie-Omtzigt c.s.", ("Omtzigt",)),
        (
            "Met deze actieagenda doe ik tevens de motie-Van Dijk gestand die tijdens het",
            "motie-Van Dijk",
            ("Van Dijk",),
        ),
        (
            "de motie-Van Wijngaarden-Peeters over",
            "motie-Van Wijngaarden-Peeters",
            ("Van Wijngaarden-Peeters",),
        ),
        ("De motie-Kröger en de motie-Özütok", "motie-Kröger", ("Kröger",)),
        ("de motie-In 't Veld werd", "motie-In 't Veld", ("In 't Veld",)),
        (
            "de motie van het lid J.A. van der Graaf over",
            "motie van het lid J.A. van der Graaf",
            ("van der Graaf",),
        ),
        (
            "de motie van de leden Van Dijk, De Jonge en Ter Horst",
            "motie van de leden Van Dijk, De Jonge en Ter Horst",
            ("Van Dijk", "De Jonge", "Ter Horst"),
        ),
        ("Motie-Van 't Wout c.s. vraagt", "Motie-Van 't Wout c.s.", ("Van 't Wout",)),
        ("de motie van mevrouw Bikker", "motie van mevrouw Bikker", ("Bikker",)),
    ],
)
def test_forms_of_naming_a_motion(text, raw, names):
    mention = extract_motion_mentions(text)[0]
    assert mention.raw == raw
    assert _names(mention) == names


def test_plural_moties_keep_each_submitters_party():
    (m,) = extract_motion_mentions("de moties van de leden Jansen (VVD) en Paternotte (D66) zijn")
    assert m.submitters == (Submitter("Jansen", "VVD", None), Submitter("Paternotte", "D66", None))


def test_eerste_kamerlid_gives_the_chamber():
    (m,) = extract_motion_mentions("de motie van het Eerste Kamerlid Koole over")
    assert m.submitters == (Submitter("Koole", None, "Eerste Kamer"),)


def test_party_with_hyphen_and_chamber():
    (m,) = extract_motion_mentions("de motie-Van Nispen (GroenLinks-PvdA, Tweede Kamer) vraagt")
    assert m.submitters == (Submitter("Van Nispen", "GroenLinks-PvdA", "Tweede Kamer"),)


def test_brackets_that_are_not_a_party_are_left_out():
    (m,) = extract_motion_mentions("de motie-Van Dijk (Kamerstuk 35925, nr. 90) vraagt")
    assert m.raw == "motie-Van Dijk"
    assert m.submitters == (Submitter("Van Dijk", None, None),)


@pytest.mark.parametrize(
    ("text", "raw", "names", "party"),
    [
        (
            "Het lid Van Dijk (CDA) heeft bij motie tijdens het debat",
            "Het lid Van Dijk (CDA) heeft bij motie",
            ("Van Dijk",),
            "CDA",
        ),
        (
            "De leden Kröger en Özütok hebben bij motie verzocht",
            "De leden Kröger en Özütok hebben bij motie",
            ("Kröger", "Özütok"),
            None,
        ),
        (
            "Het lid Omtzigt heeft tijdens het debat over de begroting een motie ingediend",
            "Het lid Omtzigt heeft tijdens het debat over de begroting een motie",
            ("Omtzigt",),
            None,
        ),
    ],
)
def test_submitter_as_subject(text, raw, names, party):
    (m,) = extract_motion_mentions(text)
    assert (m.raw, _names(m), m.submitters[0].party) == (raw, names, party)


@pytest.mark.parametrize(
    ("text", "adopted"),
    [
        ("Hierbij betrek ik ook de door uw Kamer aangenomen motie-Van Waveren om", True),
        ("de aangenomen gewijzigde motie van de leden Bikker en Sneller", True),
        ("de motie-Leijten die bij de behandeling van de wijziging van de Wgr is aangenomen", True),
        ("De leden X en Bikker hebben bij aangenomen motie verzocht", True),
        ("de verworpen motie-Wilders", False),
        ("de motie-Van Dijk vraagt de regering", None),
        ("de motie-Van Dijk. Het amendement is aangenomen.", None),
    ],
)
def test_adoption_is_read_when_stated(text, adopted):
    assert extract_motion_mentions(text)[0].adopted is adopted


@pytest.mark.parametrize(
    "text",
    [
        "Door de implementatie van de UDO reageert het kabinet op deze motie.",
        "De motie vraagt de regering om een plan.",
        "Dat is een motievreemd onderwerp; de motie-indiener was afwezig.",
        "de motie van de leden die gisteren is aangenomen",
        "De leden van de commissie hebben bij motie gevraagd",
        "de motie-Van",
        "Het lid Van Dijk (CDA) stelde vragen over de begroting.",
        "Met de motie van vorige week en de moties van gisteren",
    ],
)
def test_no_mentions_in_prose(text):
    assert extract_motion_mentions(text) == []


def test_a_name_stops_before_the_tweede_kamer_in_prose():
    (m,) = extract_motion_mentions("de motie-Van Dijk en de Tweede Kamer")
    assert _names(m) == ("Van Dijk",)


# --- published motions ----------------------------------------------------------------------

_PUBLISHED = """Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2022–2023

35 925 VII Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken

Nr. 31 {title}
Voorgesteld 2 februari 2023

De Kamer,

gehoord de beraadslaging,

overwegende dat gemeenten meer ruimte nodig hebben;

verzoekt de regering, om de uitvoeringskracht van kleine gemeenten voor het eind van 2023 in kaart te brengen,

en gaat over tot de orde van de dag.

{signatures}
"""


@pytest.mark.parametrize(
    "title, signatures, names",
    [
        (
            "GEWIJZIGDE MOTIE VAN DE LEDEN LEIJTEN EN OMTZIGT TER VERVANGING VAN DIE GEDRUKT ONDER NR. 20",
            "Leijten\nOmtzigt",
            ["Leijten", "Omtzigt"],
        ),
        (
            "MOTIE VAN HET LID VAN DER GRAAF C.S. OVER DE UITVOERINGSKRACHT VAN KLEINE GEMEENTEN",
            "Van der Graaf\nBisschop\nSneller",
            ["Van der Graaf", "Bisschop", "Sneller"],
        ),
    ],
)
def test_published_motion_title_names_only_its_submitters(title, signatures, names):
    from bestuursgraaf.graph.extract.published import extract_motion_text, extract_published_heading
    from bestuursgraaf.graph.segment import segment

    seg = segment(_PUBLISHED.format(title=title, signatures=signatures))
    heading = extract_published_heading(seg.clean)
    assert heading.kst_id == "kst-35925-VII-31" and heading.kind == "motie"
    motion = extract_motion_text(seg.clean, heading)
    assert [s.name for s in motion.submitters] == names
    assert motion.request.startswith("de uitvoeringskracht van kleine gemeenten")
    assert seg.text[motion.request_start : motion.request_start + 20] == "de uitvoeringskracht"
    assert (motion.deadline.text, str(motion.deadline.end)) == (
        "voor het eind van 2023",
        "2023-12-31",
    )


@pytest.mark.parametrize(
    "text, raw, names",
    [
        ("Ook de motie Kröger vraagt daarom.", "motie Kröger", ("Kröger",)),
        (
            "zoals de motie Van den Berg/Ter Horst c.s. vraagt",
            "motie Van den Berg/Ter Horst c.s.",
            ("Van den Berg", "Ter Horst"),
        ),
        (
            "de motie van het lid Mirjam van Dijk (CDA) over",
            "motie van het lid Mirjam van Dijk (CDA)",
            ("van Dijk",),
        ),
    ],
)
def test_motion_named_without_hyphen_or_with_a_given_name(text, raw, names):
    (m,) = extract_motion_mentions(text)
    assert (m.raw, tuple(s.name for s in m.submitters)) == (raw, names)


@pytest.mark.parametrize(
    "text",
    ["In de motie Sterk Bestuur staat", "De motie Regio Deals Noord is", "de motie Tweede Kamer"],
)
def test_capitalised_words_after_motie_that_are_no_names(text):
    assert extract_motion_mentions(text) == []


def test_eerste_kamer_motion_heading_with_its_letter_alone():
    from bestuursgraaf.graph.extract.published import extract_motion_text, extract_published_heading
    from bestuursgraaf.graph.segment import segment

    text = (
        "Eerste Kamer der Staten-Generaal 1\nVergaderjaar 2021–2022\n\n"
        "35 570 VII Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken\n\n"
        "K MOTIE VAN HET LID KOOLE C.S.\nVoorgesteld 8 februari 2022\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\n"
        "verzoekt de regering de financiële positie van gemeenten te versterken,\n\n"
        "en gaat over tot de orde van de dag.\n\nKoole\nVan Ballekom\n"
    )
    seg = segment(text)
    heading = extract_published_heading(seg.clean)
    assert (heading.kst_id, heading.chamber) == ("kst-35570-VII-K", "I")
    assert [s.name for s in extract_motion_text(seg.clean, heading).submitters] == [
        "Koole",
        "Van Ballekom",
    ]


def test_a_motion_without_footnotes_takes_the_bracketed_citation_after_it():
    from bestuursgraaf.graph.attach import motion_occurrences
    from bestuursgraaf.graph.segment import segment

    text = (
        "Geachte voorzitter,\n\n"
        "De leden van de fractie van D66 wijzen op de motie-Dittrich c.s. over een vast spreekrecht "
        "voor burgers (Kamerstukken I 2022/23, 36 200, F) en op de motie-Nicolaï "
        "(Kamerstukken I 2022/23, 36 200, G). In de brief over de motie-Otten heb ik uw Kamer eerder "
        "geïnformeerd (Kamerstukken I 2022/23, 36 200, H).\n"
    )
    found = {o.mention.raw.split()[0]: o.kamerstuk for o in motion_occurrences(segment(text))}
    assert found["motie-Dittrich"].kst_id == "kst-36200-F"
    assert found["motie-Nicolaï"].kst_id == "kst-36200-G"
    assert found["motie-Otten"] is None  # the citation is the letter that was sent


# --- The genre's forms beyond the seeds (issue #10) -------------------------------------------
def _identified(text: str) -> list[tuple[str, tuple[str, ...], str | None]]:
    from bestuursgraaf.graph.attach import motion_occurrences
    from bestuursgraaf.graph.segment import segment

    return [
        (
            o.mention.raw,
            tuple(s.name for s in o.mention.submitters),
            o.kamerstuk and o.kamerstuk.kst_id,
        )
        for o in motion_occurrences(segment(text))
    ]


# Real sentences, with the page each was read from.
REAL_MOTION_SENTENCES = [
    (  # https://zoek.officielebekendmakingen.nl/h-tk-20192020-31-8-n1.html: a given name tells
        # two members apart, the motion cited by dossier and number alone
        (
            "Aan de orde zijn de stemmingen over moties, te weten:\n\n"
            "• de motie-Van Aalst/Remco Dijkstra over een zo spoedig mogelijke besluitvorming over de "
            "aanpak van de N35 (35300-A, nr. 15);\n\n"
            "• de motie-Remco Dijkstra/Postma over het krachtig voortzetten van het project A27/A12 "
            "(35300-A, nr. 24);\n"
        ),
        [
            ("motie-Van Aalst/Remco Dijkstra", ("Van Aalst", "Dijkstra"), "kst-35300-A-15"),
            ("motie-Remco Dijkstra/Postma", ("Dijkstra", "Postma"), "kst-35300-A-24"),
        ],
    ),
    (  # https://zoek.officielebekendmakingen.nl/h-tk-20162017-97-8.html
        (
            "Ik stel voor, zo dadelijk ook te stemmen over de aangehouden motie-Lodders/Geurts "
            "(33576, nr. 105) en de aangehouden motie-Agema/Gerbrands (25424, nr. 359)."
        ),
        [
            ("motie-Lodders/Geurts", ("Lodders", "Geurts"), "kst-33576-105"),
            ("motie-Agema/Gerbrands", ("Agema", "Gerbrands"), "kst-25424-359"),
        ],
    ),
    (  # https://berthub.eu/tkconv/get/2023D05549 (kst-26643-971): two motions in the plural
        (
            "Met deze brief informeer ik uw Kamer over de voortgang van de uitvoering van de moties "
            "Marijnissen c.s. en Klaver c.s. (hierna: Motie#21)."
        ),
        [("moties Marijnissen c.s.", ("Marijnissen",), None), ("Klaver c.s.", ("Klaver",), None)],
    ),
    (  # the title of the same letter: each motion with its bracketed citation
        (
            "Derde voortgangsrapportage over de uitvoering motie van het lid Marijnissen c.s. "
            "(Kamerstuk 35510-21) en motie van het lid Klaver c.s. (Kamerstuk 35510-16)"
        ),
        [
            ("motie van het lid Marijnissen c.s.", ("Marijnissen",), "kst-35510-21"),
            ("motie van het lid Klaver c.s.", ("Klaver",), "kst-35510-16"),
        ],
    ),
]


REAL_MOTION_SENTENCES.append(
    (  # https://zoek.officielebekendmakingen.nl/behandelddossier/kst-32824-194.html (markers left out)
        (
            "Daarnaast gaat de brief in op hoe uitvoering is gegeven aan de moties van de leden Van "
            "Haersma Buma c.s., Roemer c.s. en Azmani c.s. Tevens wordt beschreven hoe het kabinet optreedt."
        ),
        [
            ("moties van de leden Van Haersma Buma c.s.", ("Van Haersma Buma",), None),
            ("Roemer c.s.", ("Roemer",), None),
            ("Azmani c.s.", ("Azmani",), None),
        ],
    )
)


@pytest.mark.parametrize("text, expected", REAL_MOTION_SENTENCES)
def test_real_motion_sentences(text, expected):
    assert _identified(text) == expected


# Written for each rule.
WRITTEN_MOTION_SENTENCES = [
    (  # two submitters, identified by the bracketed citation in the sentence
        "In de motie-De Vries/Jansen (Kamerstuk 36 410, nr. 21) vraagt uw Kamer om een plan.",
        [("motie-De Vries/Jansen", ("De Vries", "Jansen"), "kst-36410-21")],
    ),
    (  # identified in the next sentence, which speaks of `deze motie`
        (
            "Geachte voorzitter,\n\nIn de motie van de leden De Vries en Jansen is de regering verzocht "
            "een plan te maken. Deze motie (Kamerstuk 36 410, nr. 21) is door uw Kamer aangenomen."
        ),
        [("motie van de leden De Vries en Jansen", ("De Vries", "Jansen"), "kst-36410-21")],
    ),
    (  # identified by a sentence that is only the citation
        (
            "Geachte voorzitter,\n\nDe motie van het lid Omtzigt c.s. verzoekt de regering een onderzoek "
            "te doen. Zie Kamerstukken II 2020/21, 35 510, nr. 21."
        ),
        [("motie van het lid Omtzigt c.s.", ("Omtzigt",), "kst-35510-21")],
    ),
    (  # the plural with a slash-joined pair: two motions
        "De moties Van der Molen/Bisschop en Bikker worden bij de uitwerking betrokken.",
        [
            ("moties Van der Molen/Bisschop", ("Van der Molen", "Bisschop"), None),
            ("Bikker", ("Bikker",), None),
        ],
    ),
    (
        "De moties-Leijten en -Omtzigt zijn uitgevoerd.",
        [("moties-Leijten", ("Leijten",), None), ("Omtzigt", ("Omtzigt",), None)],
    ),
    (
        "de motie-Pieter Heerma c.s. over de bestaanszekerheid",
        [("motie-Pieter Heerma c.s.", ("Heerma",), None)],
    ),
    (  # an overview of motions: the citation on a line of its own under the motion's text
        (
            "Geachte voorzitter,\n\nDe motie van de leden Bromet en Inge van Dijk; verzoekt de regering om "
            "een probleemanalyse op te stellen.\n\nKamerstukken II 2020/21, 35830 VII, nr. 13\n\n"
            "Afgedaan. De Kamer is per brief geïnformeerd."
        ),
        [
            (
                "motie van de leden Bromet en Inge van Dijk",
                ("Bromet", "van Dijk"),
                "kst-35830-VII-13",
            )
        ],
    ),
]


@pytest.mark.parametrize("text, expected", WRITTEN_MOTION_SENTENCES)
def test_motion_forms_with_two_submitters_and_nearby_citations(text, expected):
    assert _identified(text) == expected


# Look like the forms but are not: no motion, or a citation that is not the motion's.
@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the next sentence cites the letter that carried the motion out
            (
                "Geachte voorzitter,\n\nDe motie van het lid Omtzigt c.s. verzoekt de regering een onderzoek "
                "te doen. Deze motie heb ik uitgevoerd met mijn brief (Kamerstuk 35 510, nr. 30)."
            ),
            [("motie van het lid Omtzigt c.s.", ("Omtzigt",), None)],
        ),
        (  # the next sentence names a motion of its own: its citation is that one's
            (
                "Geachte voorzitter,\n\nDe motie van het lid Omtzigt c.s. verzoekt de regering een onderzoek "
                "te doen. Deze motie is in lijn met de motie-Leijten (Kamerstuk 35 510, nr. 30)."
            ),
            [
                ("motie van het lid Omtzigt c.s.", ("Omtzigt",), None),
                ("motie-Leijten", ("Leijten",), "kst-35510-30"),
            ],
        ),
        ("In de moties Sterk Bestuur staat dat.", []),
        ("De motie-Bikker De Kamer heeft gesproken.", [("motie-Bikker", ("Bikker",), None)]),
        ("de motie-Kröger Tweede Kamer", [("motie-Kröger", ("Kröger",), None)]),
    ],
)
def test_lookalike_motion_forms(text, expected):
    assert _identified(text) == expected
