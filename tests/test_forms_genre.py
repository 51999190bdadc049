"""Rules for forms of the genre seen in real Kamerstukken (issue #10), each on a sentence written
for it: the document is run through the real pipeline (`run_stages`) from a file."""

from __future__ import annotations

from pathlib import Path

from bestuursgraaf.graph.extract.entities import extract_entities
from bestuursgraaf.graph.pipeline import run_stages
from bestuursgraaf.graph.read import read_document


def _facts(tmp_path: Path, text: str, name: str = "brief.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_stages(read_document(path))


MOTION = """Tweede Kamer der Staten-Generaal

Vergaderjaar 2021–2022

36 111

Bouwen en wonen

Nr. 7

MOTIE VAN HET LID BAKKER
Voorgesteld 3 maart 2022
De Kamer,
gehoord de beraadslaging,
overwegende dat de motie-Jansen (36 111, nr. 4) nog niet is uitgevoerd;
verzoekt de regering de bouw te versnellen,
en gaat over tot de orde van de dag.
Bakker

kst-36111-7
ISSN 0921 - 7371
’s-Gravenhage 2022

Tweede Kamer, vergaderjaar 2021–2022, 36 111, nr. 7
"""


def test_own_identity_in_heading_and_colophon_is_no_citation(tmp_path):
    facts = _facts(tmp_path, MOTION)
    assert facts.published.kst_id == "kst-36111-7"
    cited = [o.citation.kst_id for o in facts.citations]
    assert cited == ["kst-36111-4"]  # the motion it names; not kst-36111-7 (twice) of its colophon


def _organisations(text: str) -> dict[str, str]:
    return {m.label: m.key for m in extract_entities(text) if m.kind == "organisation"}


def test_committee_by_portfolio_is_an_organisation():
    found = _organisations(
        "De vaste commissie voor Volksgezondheid, Welzijn en Sport, De Boer, vroeg de commissie "
        "voor Binnenlandse Zaken en de Hoge Colleges van Staat Witteveen om advies."
    )
    assert "vaste commissie voor Volksgezondheid, Welzijn en Sport" in found
    assert "commissie voor Binnenlandse Zaken en de Hoge Colleges van Staat" in found
    assert not any("De Boer" in label or "Witteveen" in label for label in found)


def test_committee_in_capitals_and_with_and_without_vaste_is_one():
    text = (
        "BRIEF VAN DE VOORZITTER VAN DE VASTE COMMISSIE VOOR ECONOMISCHE ZAKEN\n\n"
        "De commissie voor Economische Zaken heeft vergaderd."
    )
    committees = {m.key for m in extract_entities(text) if m.subtype == "committee"}
    assert committees == {"commissie-voor-economische-zaken"}


def test_committees_by_ministry_abbreviation_are_committees_not_ministries():
    found = _organisations(
        "Een werkgroep vanuit de commissies J&V, SZW en Financiën; en de vaste commissie IenM."
    )
    assert {"commissie J&V", "commissie SZW", "commissie Financiën", "vaste commissie IenM"} <= set(
        found
    )
    assert not any(label.startswith("Ministerie") for label in found)


def test_place_of_dating_and_chamber_name_are_not_organisations():
    found = _organisations(
        "Aan de Voorzitter van de Eerste Kamer der Staten-Generaal Den Haag, 21 december 2021\n\n"
        "De beide Kamers der Staten-Generaal stemden in.\n’s-Gravenhage 2023\n"
        "De gemeente Den Haag en de Staten-Generaal zijn betrokken."
    )
    assert "Eerste Kamer" in found
    assert list(found).count("Gemeente Den Haag") == 1  # only the municipality that acts
    keys = [
        m.key
        for m in extract_entities(
            "De beide Kamers der Staten-Generaal stemden in. Den Haag, 3 maart 2020"
        )
    ]
    assert "staten-generaal" not in keys and "gemeente-den-haag" not in keys
    assert "Staten-Generaal" in found  # acting on its own


def test_minister_for_a_portfolio_or_by_name_names_no_ministry():
    found = _organisations(
        "Op voordracht van de Minister voor Wonen en Rijksdienst antwoordde Staatssecretaris Van "
        "Huffelen, mede namens de Minister van Financiën."
    )
    assert "Ministerie van Financiën" in found
    assert not any(
        label in {"Ministerie van Wonen en Rijksdienst", "Ministerie van Huffelen"}
        for label in found
    )


def _promises(text: str):
    from datetime import date

    from bestuursgraaf.graph.extract.commitments import extract_commitments
    from bestuursgraaf.graph.segment import segment

    return [c for c in extract_commitments(segment(text), date(2009, 3, 2)) if c.kind == "promise"]


def test_kamer_in_the_third_person_informed_in_the_passive_is_a_promise():
    (promise,) = _promises("De TK wordt hierover in het najaar van 2009 geïnformeerd.\n")
    assert promise.addressee == "Tweede Kamer"
    assert promise.deadline is not None
    (second,) = _promises("De Tweede Kamer wordt na het zomerreces van 2009 per brief geïnformeerd.\n")
    assert second.promise.startswith("informeren")


def test_u_zult_ontvangen_with_a_time_is_a_promise_and_without_one_no_deadline_guess():
    (promise,) = _promises("U zult de evaluatie voor de zomer van 2009 ontvangen.\n")
    assert promise.addressee == "Kamer" and promise.deadline is not None
    assert _promises("U zult begrijpen dat ik dit betreur.\n") == []


def test_motion_relation_cues_of_the_genre():
    from bestuursgraaf.graph.extract.relations import classify_motion_relations

    def relations(sentence: str) -> set[str]:
        return {cue.relation for cue in classify_motion_relations(sentence)}

    assert relations("Conform de motie-Jansen is de regeling aangepast.") == {"fulfils"}
    assert relations("Met inachtneming van de motie van het lid Bakker werk ik het plan uit.") == {"takesIntoAccount"}
    assert relations(
        "Met deze brief informeer ik uw Kamer over de voortgang van de uitvoering van de moties Jansen c.s. en Bakker c.s."
    ) == {"fulfils"}
    assert relations("Ik informeer uw Kamer over de motie-Jansen.") == set()


def test_office_in_a_heading_in_capitals_names_its_ministry():
    found = _organisations("Nr. 60 BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP\n\nAan de Voorzitter")
    assert "Ministerie van Onderwijs, Cultuur en Wetenschap" in found
    assert _organisations("BRIEF VAN DE MINISTER VAN HET ONBEKENDE\n") == {}  # capitals mint no ministry
