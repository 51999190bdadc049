"""Recognising in a later letter the actions earlier letters named: by name, by abbreviation, by
head and object; not as an example, not in a list of enclosures. On letters written for these
tests in the genre's style, through the real segmenter and action stage, and on the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from bestuursgraaf.graph.build import extract_document
from bestuursgraaf.graph.read import SourceDocument, read_corpus
from bestuursgraaf.graph.recognise import (
    name_forms,
    names_action_at,
    recognise_earlier_actions,
    same_heading,
)
from bestuursgraaf.graph.trace import trace

EARLIER = """Kamerbrief over de toekomst van de waterschappen

Geachte voorzitter,

Ik zal het programma Sterke Waterschappen (PSW) starten. Daarnaast zal ik de Monitor bestuurskracht
waterschappen laten uitvoeren. Ook ga ik een handreiking opstellen voor de omgang met
burgerberaden. Het programma zal ik na twee jaar evalueren; ik zal de evaluatie van het PSW
aan uw Kamer sturen.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""

LATER = """Kamerbrief over de voortgang van de waterschapsagenda

Geachte voorzitter,

Het programma Sterke Waterschappen telt inmiddels elf pilots met de waterschappen. De eerste
ervaringen met het PSW zijn positief, zo blijkt uit gesprekken met de Unie van Waterschappen.
Net als andere trajecten, zoals de Monitor bestuurskracht waterschappen, vraagt dit om tijd.

Ook wordt voorgesteld de volgende bijlagen mee te sturen: - Handreiking burgerberaden - Verslag.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""


def _letter(doc_id: str, text: str, date: str):
    source = SourceDocument(doc_id, Path(f"{doc_id}.txt"), f"{doc_id}.txt", text, {"date": date})
    return extract_document(source)


def test_name_forms_of_a_programme_a_study_of_a_named_thing_and_a_description():
    earlier = _letter("earlier", EARLIER, "2023-03-01")
    forms = {a.key: name_forms(a) for a in earlier.actions}
    programme = next(f for k, f in forms.items() if k.startswith("programma"))
    assert "PSW" in programme.abbreviations and "Sterke Waterschappen" in programme.proper
    evaluation = next(f for k, f in forms.items() if k.startswith("evaluatie"))
    assert evaluation.head_stems and "PSW" in evaluation.abbreviations  # the object names it


def test_a_later_letter_names_an_earlier_programme_by_name_and_its_evaluation_by_experience():
    earlier = _letter("earlier", EARLIER, "2023-03-01")
    later = _letter("later", LATER, "2024-03-01")
    found = recognise_earlier_actions([later, earlier])
    assert found["earlier"] == []  # nothing comes before the first letter
    keys = {m.key for m in found["later"]}
    programme = next(a.key for a in earlier.actions if a.key.startswith("programma"))
    evaluation = next(a.key for a in earlier.actions if a.key.startswith("evaluatie"))
    assert programme in keys and evaluation in keys
    mention = next(m for m in found["later"] if m.key == programme)
    assert (
        "Het programma Sterke Waterschappen telt" in later.source.text[mention.start : mention.end]
    )
    assert mention.title == next(a.title for a in earlier.actions if a.key == programme)


def test_an_example_and_an_enclosure_list_are_not_speaking_of_an_action():
    earlier = _letter("earlier", EARLIER, "2023-03-01")
    later = _letter("later", LATER, "2024-03-01")
    keys = {m.key for m in recognise_earlier_actions([earlier, later])["later"]}
    assert not any(k.startswith("monitor") for k in keys)  # after "zoals"
    assert not any(k.startswith("handreiking") for k in keys)  # a list of enclosures


def test_recognised_actions_connect_the_letters():
    earlier = _letter("earlier", EARLIER, "2023-03-01")
    later = _letter("later", LATER, "2024-03-01")
    for facts, found in recognise_earlier_actions([earlier, later]).items():
        {"earlier": earlier, "later": later}[facts].actions.extend(found)
    links = trace([earlier, later]).continuations
    assert {(c.earlier_document, c.later_document) for c in links} == {("earlier", "later")}
    assert any(c.later_key.startswith("programma") for c in links)


def test_on_the_corpus_the_progress_report_speaks_of_werk_aan_uitvoering_and_the_udo_lessons(
    corpus_dir,
):
    documents = [extract_document(s) for s in read_corpus(corpus_dir)]
    found = recognise_earlier_actions(documents)
    report = {m.key for m in found["002_8e66f98fee8945c9"]}
    assert "programma-werk-uitvoering" in report
    assert "evaluatie-uitvoerbaarheidstoets-decentrale-overheden" in report
    # the nota lists the projectgroep's annual report among its enclosures only
    assert "projectgroep-lokale-rekenkamers" not in {m.key for m in found["000_03214f0aabcee69e"]}


@pytest.mark.parametrize(
    "sentence, named",
    [
        ("Het programma Sterke Waterschappen telt inmiddels elf pilots.", True),
        ("Binnen het PSW werken de waterschappen samen.", True),
        ("Dit past bij andere trajecten, zoals het programma Sterke Waterschappen.", False),
        (
            "De regeling wordt in samenhang met het programma Sterke Waterschappen (PSW) ingezet.",
            False,
        ),
        ("Een PSW wordt opgezet zodra een waterschap daarom vraagt.", False),  # an instance
        ("Ik stuur als bijlagen mee: - Verslag - Programma Sterke Waterschappen.", False),
        (
            "Zoals ik in het programma Sterke Waterschappen heb aangekondigd, start ik pilots.",
            False,
        ),
        ("De psw-regeling is gestart.", False),  # the abbreviation only with its capitals
    ],
)
def test_a_sentence_speaks_of_an_action_or_names_it_in_passing(sentence, named):
    earlier = _letter("earlier", EARLIER, "2023-03-01")
    programme = next(a for a in earlier.actions if a.key.startswith("programma"))
    assert (names_action_at(sentence, name_forms(programme)) is not None) is named


def test_a_recognised_action_says_which_earlier_action_it_was_recognised_from(embedded_store):
    result = embedded_store.select(
        """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?later ?earlier ?laterDate ?earlierDate ?earlierKind WHERE {
          ?later bg:recognisedFrom ?earlier ; bg:announcedIn/dcterms:date ?laterDate .
          OPTIONAL { ?earlier a ?earlierKind ; bg:announcedIn/dcterms:date ?earlierDate }
        }"""
    )
    assert result.rows
    for row in result.rows:
        assert row["earlierKind"].endswith("#Action"), row  # the node exists, as an action
        assert row["earlier"].split("/actie/")[1][:20] != row["later"].split("/actie/")[1][:20]
    # the later letter does not present it as its own work: not in its actions, but in the links
    from bestuursgraaf.graph.queries import load_query

    recognised = {row["later"] for row in result.rows}
    listed = {r["action"] for r in embedded_store.select(load_query("actions").bind({})).rows}
    linked = {
        r["later_action"] for r in embedded_store.select(load_query("action-links").bind({})).rows
    }
    assert not recognised & listed
    assert recognised & linked


AGENDA = """Kamerbrief over de agenda wijkgerichte zorg

Geachte voorzitter,

Hierbij stuur ik u de agenda wijkgerichte zorg.

1. Betere dienstverlening aan inwoners

Bundelen van kennis over wijkgerichte zorg

Daarom werk ik aan een handreiking wijkteams. Ook werk ik aan een monitor wijkgerichte zorg.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""

REPORT = """Voortgangsrapportage agenda wijkgerichte zorg

Actielijn 1. Betere dienstverlening aan inwoners

Bundelen van kennis over de wijkgerichte zorg
Vanuit de agenda is ingezet op het bundelen van kennis. De handreiking wijkteams is verschenen.
"""


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            "Bundelen van kennis over wijkgerichte zorg",
            "Bundelen van kennis over de wijkgerichte zorg",
            True,
        ),
        (
            "Inzichten in de uitvoerbaarheid van beleid",
            "Verzamelen van inzichten over de uitvoerbaarheid van beleid",
            True,
        ),
        ("Bundelen van kennis over wijkgerichte zorg", "Bundelen van kennis over jeugdzorg", False),
    ],
)
def test_headings_that_name_one_piece_of_work(a, b, same):
    assert same_heading(a, b) is same


def test_a_progress_reports_action_line_heading_is_recognised_in_the_agenda_that_had_it_as_a_theme():
    agenda = _letter("agenda", AGENDA, "2023-03-01")
    report = _letter("report", REPORT, "2024-03-01")
    assert not any(a.key.startswith("bundelen") for a in agenda.actions)  # a theme there
    heading_action = next(a for a in report.actions if a.key.startswith("bundelen"))
    found = recognise_earlier_actions([agenda, report])["agenda"]
    mention = next(m for m in found if m.key == heading_action.key)
    assert mention.title == "Bundelen van kennis over wijkgerichte zorg"  # the agenda's own words
    assert mention.named_again_from == "report"


PROMISE = """Kamerbrief over de waterschappen

Geachte voorzitter,

Op deze punten ga ik in een brief over de toekomst van de waterschappen, gepland in het
eerste kwartaal van 2024, nader in.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""

DELIVERED = """Datum 12 maart 2024
Betreft De toekomst van de waterschappen

Geachte voorzitter,

Met deze brief informeer ik uw Kamer over mijn inzet voor sterke waterschappen.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""

CITING = """Kamerbrief over de voortgang

Geachte voorzitter,

Mijn ambtsvoorganger heeft uw Kamer per brief van 12 maart 2024 geïnformeerd over de inzet
voor sterke waterschappen. Die inzet zet ik voort.

De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""


def test_the_promised_letter_is_the_later_one_of_that_title_and_a_letter_citing_its_date_speaks_of_it():
    promise = _letter("promise", PROMISE, "2023-10-01")
    delivered = _letter("delivered", DELIVERED, "2024-03-12")
    citing = _letter("citing", CITING, "2025-01-15")
    letter = next(a for a in promise.actions if a.key.startswith("brief"))
    found = recognise_earlier_actions([promise, delivered, citing])
    itself = next(m for m in found["delivered"] if m.key == letter.key)
    assert itself.status == "done" and itself.quote == "De toekomst van de waterschappen"
    cited = next(m for m in found["citing"] if m.key == letter.key)
    assert cited.named_again_from == "delivered"
    assert "per brief van 12 maart 2024" in cited.quote
    # a date no letter of the corpus has names none
    other = _letter("other", CITING.replace("12 maart 2024", "13 maart 2024"), "2025-01-15")
    assert not recognise_earlier_actions([promise, delivered, other])["other"]
