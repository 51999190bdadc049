"""More forms of the genre (issue #10, third round), each rule on a sentence written for it:
motions known by their subject or occasion, ... The documents run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from bestuursgraaf.graph.extract.motions import extract_motion_mentions
from bestuursgraaf.graph.link import resolve_motions
from bestuursgraaf.graph.pipeline import run_stages
from bestuursgraaf.graph.read import read_document


def _facts(tmp_path: Path, text: str, name: str = "brief.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_stages(read_document(path))


def _labels(text: str) -> list[str | None]:
    return [m.label for m in extract_motion_mentions(text)]


# --- motions known by their subject or occasion ----------------------------------------------


def test_a_list_of_motions_by_subject_is_one_motion_per_subject():
    text = (
        "Deze brief gaat in op de moties (over laaggeletterdheid, de bekostiging van "
        "brugklassen en digitale geletterdheid in het mbo) en op twee toezeggingen."
    )
    assert _labels(text) == [
        "motie over laaggeletterdheid",
        "motie over de bekostiging van brugklassen",
        "motie over digitale geletterdheid in het mbo",
    ]


def test_a_plural_with_one_subject_is_no_list_of_motions():
    assert _labels("Ik heb de moties over wonen en zorg gelezen.") == []


def test_a_motion_by_its_subject_ends_where_the_noun_phrase_ends():
    assert _labels("De motie over de positie van mantelzorgers4 vraagt om een onderzoek.") == [
        "motie over de positie van mantelzorgers"
    ]
    assert _labels("Uw Kamer heeft een motie over het gebruik van stikstofruimte aangenomen.") == [
        "motie over het gebruik van stikstofruimte"
    ]
    assert _labels("Het lid Jansen zal een motie over de bibliotheken indienen.") == [
        "motie over de bibliotheken"
    ]


def test_a_motion_about_this_or_that_is_no_subject():
    assert _labels("Een motie over dit onderwerp is eerder verworpen.") == []
    assert _labels("Over de motie is nog niet gestemd.") == []


def test_a_motion_by_its_occasion_keeps_the_occasion_and_its_year():
    mentions = extract_motion_mentions(
        "Op grond van een door de Eerste Kamer aangenomen motie bij de behandeling van de "
        "Waterwet in 2009 is een evaluatie gestart."
    )
    assert [(m.label, m.adopted) for m in mentions] == [
        ("motie bij de behandeling van de Waterwet in 2009", True)
    ]
    assert _labels(
        "De motie die bij het debat over de Voorjaarsnota is ingediend, vraagt dit."
    ) == ["motie bij het debat over de Voorjaarsnota"]


def test_a_motion_named_by_its_submitter_and_subject_is_the_submitter_s():
    mentions = extract_motion_mentions("De motie-Van Dijk over wonen is aangenomen.")
    assert [(m.label, [s.name for s in m.submitters]) for m in mentions] == [(None, ["Van Dijk"])]


def test_a_motion_by_its_subject_is_a_node_labelled_by_its_subject(tmp_path):
    facts = _facts(
        tmp_path,
        "Geachte voorzitter,\n\nMet deze brief geef ik uitvoering aan de motie over de "
        "toegankelijkheid van stembureaus. Ik heb daartoe samen met de gemeenten en de "
        "Kiesraad een handreiking opgesteld, die voor de komende verkiezingen aan alle "
        "stembureaus wordt gestuurd.\n",
    )
    nodes, _ = resolve_motions([facts])
    assert [node.label for node in nodes.values()] == [
        "motie over de toegankelijkheid van stembureaus"
    ]


# --- what this letter does now is no promise -------------------------------------------------


def _promises(text: str):
    from datetime import date

    from bestuursgraaf.graph.extract.commitments import extract_commitments
    from bestuursgraaf.graph.segment import segment

    return [c for c in extract_commitments(segment(text), date(2024, 3, 6)) if c.kind == "promise"]


HEADING = (
    "36 111 Wijziging van de Wet op het provinciefonds\n\nNr. 7 BRIEF VAN DE MINISTER VAN "
    "BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\nAan de Voorzitter van de Tweede Kamer der "
    "Staten-Generaal\n\nDen Haag, 6 maart 2024\n\n"
)


def test_the_letter_s_date_in_its_heading_is_no_deadline_of_the_first_sentence():
    assert _promises(HEADING + "Graag informeer ik uw Kamer over de stand van zaken.\n") == []
    text = HEADING.replace("Den Haag,", "Utrecht,") + "Graag bericht ik u over de uitvoering.\n"
    assert _promises(text) == []


def test_a_promise_right_under_the_heading_keeps_its_own_deadline():
    (promise,) = _promises(HEADING + "Ik informeer uw Kamer voor 1 juli 2024 over de uitkomst.\n")
    assert str(promise.deadline.end) == "2024-06-30"  # `voor 1 juli`: the day before


def test_bij_deze_and_middels_deze_brief_before_the_verb_inform_now():
    for opening in ("Bij deze informeer ik u", "Middels deze brief informeer ik uw Kamer"):
        text = f"{opening} voor het eerst over de stand van zaken op 6 maart 2024.\n"
        assert _promises(text) == [], opening


def test_informing_the_kamer_later_stays_a_promise():
    (promise,) = _promises("Ik informeer uw Kamer voor de zomer van 2024 over de resultaten.\n")
    assert promise.deadline is not None


def test_asking_the_new_minister_to_send_it_is_a_deferral():
    from datetime import date

    from bestuursgraaf.graph.extract.commitments import extract_commitments
    from bestuursgraaf.graph.segment import segment

    text = (
        "Gelet op de demissionaire status van het kabinet zal ik de nieuwe minister van "
        "Financiën verzoeken uw Kamer voor de begroting een reactie op het advies te sturen.\n"
    )
    (found,) = extract_commitments(segment(text), date(2012, 9, 20))
    assert found.kind == "deferral"


# --- the Handelingen: a motion numbered by the chair ------------------------------------------

HANDELINGEN = """De heer Jansen (D66):
Voorzitter. Ik dien een motie in over de bereikbaarheid van het platteland.

Motie

De Kamer,

gehoord de beraadslaging,

overwegende dat veel dorpen slecht bereikbaar zijn met het openbaar vervoer;

verzoekt de regering, in overleg met de provincies een plan voor buurtbussen op te stellen,

en gaat over tot de orde van de dag.

De voorzitter:
Deze motie is voorgesteld door de leden Jansen en De Boer. Naar mij blijkt, wordt de indiening ervan voldoende ondersteund.

Zij krijgt nr. 41 (31305).

De vergadering wordt enkele ogenblikken geschorst.
"""


def test_the_chair_s_number_is_a_citation():
    from bestuursgraaf.graph.extract.citations import extract_citations

    found = extract_citations("Zij krijgt nr. 41 (31305). Zij krijgt nr. 12(36410-VII).")
    assert [c.kst_id for c in found] == ["kst-31305-41", "kst-36410-VII-12"]
    (changed,) = extract_citations("Zij krijgt nr. 9, was nr. 7 (35925).")
    assert changed.kst_id == "kst-35925-9"


def test_a_motion_read_out_in_the_debate_is_the_chair_s_numbered_motion(tmp_path):
    facts = _facts(tmp_path, HANDELINGEN, "handelingen.txt")
    (motion,) = facts.motions
    assert [s.name for s in motion.mention.submitters] == ["Jansen", "De Boer"]
    assert motion.kamerstuk.kst_id == "kst-31305-41"
    nodes, _ = resolve_motions([facts])
    assert list(nodes) == ["kst-31305-41"]
    assert nodes["kst-31305-41"].label == "motie-Jansen/De Boer"


def test_the_chair_s_number_after_another_motion_is_not_the_first_one_s(tmp_path):
    text = HANDELINGEN.replace(
        "Zij krijgt nr. 41", "Ook de motie-Pietersen is ingediend. Zij krijgt nr. 41"
    )
    facts = _facts(tmp_path, text, "handelingen.txt")
    first = next(o for o in facts.motions if o.mention.submitters[0].name == "Jansen")
    assert first.kamerstuk is None


# --- citations ----------------------------------------------------------------------------------


def test_a_chamber_after_en_opens_the_next_eerste_kamer_citation():
    from bestuursgraaf.graph.extract.citations import extract_citations

    text = "Zie de verslagen bij beide fondsbegrotingen (EK 36 200 B, A en EK 36 200 C, A)."
    assert [c.kst_id for c in extract_citations(text)] == ["kst-36200-B-A", "kst-36200-C-A"]
    two = extract_citations("Kamerstukken I 2019/20, 35300 VII, C en D.")
    assert [c.kst_id for c in two] == ["kst-35300-VII-C", "kst-35300-VII-D"]


def test_a_letter_glued_to_the_dossier_number_is_its_suffix():
    from bestuursgraaf.graph.extract.citations import extract_citations

    (found,) = extract_citations("Zie de brief (Kamerstukken II 2019/20, 35 300B, nr. 8).")
    assert found.kst_id == "kst-35300-B-8"


def test_a_line_that_is_only_a_citation_cites_its_paper(tmp_path):
    text = (
        "Bijlage 3: Moties\n\nOmschrijving van de motie\n\nVindplaats\n\nStand van zaken\n\n"
        "De motie van het lid Pietersen; Verzoekt de regering, de gevolgen van de herverdeling "
        "van het gemeentefonds voor kleine gemeenten in kaart te brengen.\n\n"
        "Kamerstukken II 2019/20, 35300 B, nr. 12\n\n"
        "Afgedaan. De Tweede Kamer is op 3 maart 2020 per brief geïnformeerd "
        "(Kamerstukken II 2019/20, 35300 B, nr. 20).\n"
    )
    facts = _facts(tmp_path, text, "bijlage.txt")
    assert [c.citation.kst_id for c in facts.citations] == ["kst-35300-B-12", "kst-35300-B-20"]


def test_a_motion_listed_by_subject_and_named_by_its_submitter_is_one_motion(tmp_path):
    text = (
        "Geachte voorzitter,\n\nIn deze brief informeren wij u over de moties (over "
        "schooluitval, de bereikbaarheid van het platteland en laaggeletterdheid) die uw Kamer "
        "vorig jaar heeft aangenomen.\n\nDe motie van het lid Jansen (D66) verzoekt de regering "
        "de bereikbaarheid van dorpen op het platteland te verbeteren. Wij hebben daarover met "
        "de provincies gesproken.\n"
    )
    facts = _facts(tmp_path, text)
    labels = [o.mention.label or o.mention.raw for o in facts.motions]
    assert labels == [
        "motie over schooluitval",
        "motie over laaggeletterdheid",
        "motie van het lid Jansen (D66)",
    ]


# --- fulfils: a register of motions -------------------------------------------------------------

REGISTER = """Bijlage 2: Moties

Tabel 3 Aanvaarde moties die zijn afgerond

Omschrijving van de motie

Vindplaats

Stand van zaken

De motie van het lid Pietersen; Verzoekt de regering, de gevolgen van de herverdeling van het gemeentefonds voor kleine gemeenten in kaart te brengen.

Kamerstukken II 2019/20, 35300 B, nr. 12

Afgedaan. De Tweede Kamer is op 3 maart 2020 per brief geïnformeerd (Kamerstukken II 2019/20, 35300 B, nr. 20).

De motie van de leden Jansen en De Boer; Verzoekt de regering, de uitkering voor de Waddeneilanden te herzien.

Kamerstukken II 2019/20, 35300 B, nr. 14

Deze motie is in uitvoering. De Tweede Kamer wordt voor de zomer per brief geïnformeerd.
"""


def test_a_register_row_done_by_a_letter_is_that_letter_fulfilling_the_row_s_motion(tmp_path):
    facts = _facts(tmp_path, REGISTER, "bijlage.txt")
    (relation,) = facts.relations
    motion = facts.motions[relation.motion_index]
    assert relation.relation == "fulfils"
    assert motion.kamerstuk.kst_id == "kst-35300-B-12"
    (letter,) = [a for a in facts.actions if a.key == relation.action_key]
    assert letter.kind == "brief" and letter.status == "done"
    assert "35300 B, nr. 20" in letter.title


def test_a_letter_informing_the_kamer_without_afgedaan_fulfils_nothing(tmp_path):
    text = REGISTER.replace("Afgedaan. De Tweede", "In uitvoering. De Tweede")
    assert _facts(tmp_path, text, "bijlage.txt").relations == []


# --- organisations: acronyms by their company, parties, airports, committees of inquiry --------


def _organisations(text: str) -> list[tuple[str, str | None]]:
    from bestuursgraaf.graph.extract.entities import extract_entities

    return [(e.label, e.subtype) for e in extract_entities(text) if e.kind == "organisation"]


def test_an_unexpanded_acronym_listed_with_organisations_is_one():
    found = _organisations("Aan tafel zaten het IPO, de VNG, KWDB en LOSB.")
    assert ("KWDB", None) in found and ("LOSB", None) in found
    found = _organisations("De VNG en de Vereniging Sport en Gemeenten (VSG) en XYZO overlegden.")
    assert ("XYZO", None) in found


def test_an_acronym_without_organisations_beside_it_is_none():
    assert _organisations("Het KWDB-rapport en de LOSB-cijfers zijn gepubliceerd.") == []
    assert _organisations("Dit staat in hoofdstuk VII en bijlage IV.") == []


def test_a_bracketed_acronym_after_a_member_is_the_member_s_party():
    found = _organisations("Aanwezig waren J. de Wit (LVP), K.L. van der Berg (NPP) en anderen.")
    assert ("LVP", "political_party") in found and ("NPP", "political_party") in found


def test_a_name_with_airport_is_an_organisation_and_en_splits_two_of_them():
    found = _organisations("Het gaat om Twente Airport en Lelystad Airport Oost.")
    assert found == [("Twente Airport", "airport"), ("Lelystad Airport Oost", "airport")]


def test_a_parliamentary_committee_of_inquiry_is_named_by_its_subject():
    found = _organisations("De parlementaire enquêtecommissie Aardgaswinning heeft gerapporteerd.")
    assert found == [("Parlementaire enquêtecommissie Aardgaswinning", "committee")]
    lower = _organisations("het rapport van de ondervragingscommissie zorgfraude (POZ) verscheen")
    assert [label for label, _ in lower] == ["Ondervragingscommissie zorgfraude"]


# --- motions in a register's rows -------------------------------------------------------------


def test_motie_van_and_a_surname_names_the_submitter_without_het_lid():
    assert [
        [s.name for s in m.submitters]
        for m in extract_motion_mentions("Motie van Pietersen over de bekostiging van het mbo.")
    ] == [["Pietersen"]]
    assert extract_motion_mentions("De motie van GroenLinks is verworpen.") == []


def test_a_register_row_on_one_line_gives_its_motion_the_row_s_kamerstuk(tmp_path):
    text = (
        "Overzicht van moties en toezeggingen\n\n"
        "Motie van Pietersen over de bekostiging van kleine scholen in krimpgebieden. Een onderzoek "
        "is toegezegd. 12-03-2009 Debat over onderwijs in krimpregio's (31 289, nr. 45) De Tweede "
        "Kamer wordt voor de zomer per brief geïnformeerd.\n"
        "De motie-Jansen over de leraren is aangenomen. Zie hierover ook de brief (31 289, nr. 50).\n"
        "Motie van De Boer over de huisvesting van scholen. Afgedaan met de brief (31 289, nr. 51)\n"
    )
    motions = _facts(tmp_path, text, "register.txt").motions
    assert [(o.mention.raw, o.kamerstuk and o.kamerstuk.kst_id) for o in motions] == [
        ("Motie van Pietersen", "kst-31289-45"),
        ("motie-Jansen", None),  # prose, and the paper is a letter
        ("Motie van De Boer", None),  # the row's paper is the letter that carried it out
    ]


def test_a_scanned_motion_known_by_its_dossier_number_line_is_that_kamerstuk(tmp_path):
    text = (
        "3 maart 2021\n\n31 839-812\nJeugdbeleid\n\nMOTIE VAN HET LID DE BOER\n"
        "Plenair debat - Tweeminutendebat Jeugdzorg\n\nMotie\nDe Kamer,\n\n"
        "gehoord de beraadslaging,\nconstaterende dat gemeenten tekorten hebben op de jeugdzorg;\n"
        "verzoekt de regering om de gemeenten in 2021 te compenseren voor die tekorten,\n"
        "en gaat over tot de orde van de dag.\nDe Boer\n"
    )
    facts = _facts(tmp_path, text, "motie.txt")
    assert facts.published.kst_id == "kst-31839-812"
    assert facts.published.kind == "motie"
    assert [s.name for s in facts.motion_text.submitters] == ["De Boer"]


def test_the_kamer_informed_with_zal_is_a_promise_without_a_time():
    (promise,) = _promises(
        "De Kamer zal, zoals gebruikelijk, via de voortgangsrapportage worden geïnformeerd.\n"
    )
    assert promise.addressee == "Kamer" and promise.deadline is None
    (second,) = _promises(
        "U zult deze gegevens samen met de andere stukken over het spoor ontvangen.\n"
    )
    assert second.deadline is None
    assert _promises("De Kamer wordt via de voortgangsrapportage geïnformeerd.\n") == []


def test_a_letter_without_actions_of_its_own_is_the_action_of_its_relation_cue(tmp_path):
    text = (
        "Geachte voorzitter,\n\nDe motie Pietersen c.s. verzocht de regering de bekostiging van "
        "kleine scholen te herzien. Uitvoering van deze motie vindt plaats met inachtneming van "
        "de motie van het lid Jansen c.s., om hierbij ook de huisvesting van kleine scholen in "
        "krimpgebieden te betrekken.\n"
    )
    facts = _facts(tmp_path, text)
    relations = [
        (r.action_key, facts.motions[r.motion_index].mention.submitters[0].name, r.relation)
        for r in facts.relations
    ]
    assert relations == [("document", "Jansen", "takesIntoAccount")]


def test_het_rijk_in_lower_case_is_the_rijk():
    from bestuursgraaf.graph.extract.entities import extract_entities

    found = extract_entities("Gemeenten worden hiervoor gecompenseerd door het rijk.")
    assert ("Rijk", "government_layer") in [(e.label, e.kind) for e in found]


def test_de_groep_and_a_surname_is_a_group_named_after_its_chair():
    assert _organisations("Ik reageer op de brief van de Groep Verbeek over de polders.") == [
        ("Groep Verbeek", "committee")
    ]
