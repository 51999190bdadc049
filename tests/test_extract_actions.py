"""Actions: what the real letters commit to or report on, read from headings and sentences, with
one key per action across sentences and letters; and the genre's forms on made-up sentences."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.actions import (
    defined_abbreviations,
    extract_actions,
    load_action_cues,
)
from bestuursgraaf.graph.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _actions(name: str):
    return extract_actions(segment((CORPUS / name).read_text(encoding="utf-8")))


def _one(text: str):
    return extract_actions(segment(text))


def test_cue_file_loads_nouns_abbreviations_and_statuses():
    cues = load_action_cues()
    assert cues.noun("beleidskader").kind == "beleidskader"
    assert cues.noun("vervolgonderzoek").kind == "onderzoek"
    assert cues.noun("gemeenten") is None
    assert cues.abbreviations["UDO"] == "uitvoerbaarheidstoets decentrale overheden"
    assert "ROB" not in cues.abbreviations  # organisations are `body` rows, not actions


@pytest.mark.parametrize(
    "name",
    [
        "001_4ecc82ebad1aebf7.txt",
        "002_8e66f98fee8945c9.txt",
        "003_716a83a6eb3f8840.txt",
        "004_6c88505460917616.txt",
    ],
)
def test_beleidskader_decentraal_bestuur_has_one_key_across_letters(name):
    assert "beleidskader-decentraal-bestuur" in {a.key for a in _actions(name)}


@pytest.mark.parametrize(
    "name, key, status",
    [
        ("002_8e66f98fee8945c9.txt", "beleidskader-decentraal-bestuur", "handed_to_next_cabinet"),
        (
            "002_8e66f98fee8945c9.txt",
            "onderzoek-aantal-decentrale-volksvertegenwoordigers",
            "handed_to_next_cabinet",
        ),
        ("002_8e66f98fee8945c9.txt", "projectgroep-lokale-rekenkamers", "in_progress"),
        ("002_8e66f98fee8945c9.txt", "taakdifferentiatie", "handed_to_next_cabinet"),
        ("001_4ecc82ebad1aebf7.txt", "visie-regio-samenwerking", "in_progress"),
        ("001_4ecc82ebad1aebf7.txt", "handreiking-handvest-decentrale-democratie", "done"),
        ("001_4ecc82ebad1aebf7.txt", "bijzondere-fondsuitkering", "in_progress"),
        ("001_4ecc82ebad1aebf7.txt", "programma-onevenredige-hardheden-aanpak", "done"),
        ("001_4ecc82ebad1aebf7.txt", "actieagenda-goed-bestuur", "in_progress"),
        ("003_716a83a6eb3f8840.txt", "agenda-vervolgonderzoek-maatregelen", "in_progress"),
        ("003_716a83a6eb3f8840.txt", "onderzoek-besteding-budgetten", "in_progress"),
        ("004_6c88505460917616.txt", "code-interbestuurlijke-verhoudingen", "done"),
        ("004_6c88505460917616.txt", "onderzoek-regionale-samenwerking-gemeenteraden", "done"),
    ],
)
def test_real_letters_name_these_actions(name, key, status):
    statuses = [a.status for a in _actions(name) if a.key == key]
    assert status in statuses, (key, statuses)


def test_udo_named_by_full_name_abbreviation_and_heading_is_one_action():
    udo = [
        a
        for a in _actions("004_6c88505460917616.txt")
        if a.key == "uitvoerbaarheidstoets-decentrale-overheden"
    ]
    assert len(udo) >= 4
    assert {a.title for a in udo} == {"Uitvoerbaarheidstoets decentrale overheden (UDO)"}
    assert any(a.quote == "Implementatie van en werken met de UDO" for a in udo)  # the heading
    assert all(
        a.action_line == "3. Zorgen voor balans tussen ambities, taken, middelen en uitvoering"
        for a in udo
    )


def test_heading_action_carries_its_section_and_action_line():
    (heading,) = [
        a
        for a in _actions("002_8e66f98fee8945c9.txt")
        if a.quote == "Beleidskader decentraal bestuur"
    ]
    assert heading.section_heading == "Beleidskader decentraal bestuur"
    assert heading.action_line == "Actielijn 2. Passende verdeling van taken en bevoegdheden"
    assert heading.kind == "beleidskader"


def test_one_mention_per_sentence_and_action_and_quotes_are_the_source():
    for name in sorted(p.name for p in CORPUS.glob("*.txt")):
        text = (CORPUS / name).read_text(encoding="utf-8")
        actions = extract_actions(segment(text))
        pairs = [(a.start, a.key) for a in actions]
        assert len(pairs) == len(set(pairs)), name
        for a in actions:
            assert " ".join(text[a.start : a.end].split()).startswith(a.quote[:20])


@pytest.mark.parametrize(
    "sentence, key, status",
    [
        ("Ik werk aan een visie op de regio.", "visie-regio", "in_progress"),
        (
            "Daarnaast werk ik aan een wetswijziging om de bevoegdheden te verduidelijken.",
            "wetswijziging-bevoegdheden-verduidelijken",
            "in_progress",
        ),
        (
            "Er wordt onderzoek gedaan naar de besteding van de budgetten.",
            "onderzoek-besteding-budgetten",
            "in_progress",
        ),
        (
            "Ik ga een handreiking over het enquêterecht opstellen.",
            "handreiking-enqueterecht",
            "announced",
        ),
        (
            "Ik ben voornemens een campagne voor politiek actief worden te starten.",
            None,
            "announced",
        ),
        ("De handreiking over het enquêterecht is ontwikkeld.", "handreiking-enqueterecht", "done"),
        (
            "Het is aan een volgend kabinet om het beleidskader voor taaktoedeling vast te stellen.",
            "beleidskader-taaktoedeling",
            "handed_to_next_cabinet",
        ),
        (
            "Ik laat het aan mijn ambtsopvolger om de evaluatie van de Wgr af te ronden.",
            "evaluatie-wet-gemeenschappelijke-regelingen",
            "handed_to_next_cabinet",
        ),
        (
            "Ik investeer via de verenigingen in scholing van raadsleden.",
            "scholing-raadsleden",
            "in_progress",
        ),
    ],
)
def test_commitment_sentences_of_the_genre(sentence, key, status):
    actions = _one(sentence)
    assert actions, sentence
    if key:
        assert key in {a.key for a in actions}
    if status:
        assert {a.status for a in actions} == {status}


@pytest.mark.parametrize(
    "sentence",
    [
        "Gemeenten hebben taken gekregen.",
        "Uit recent onderzoek blijkt dat regionale samenwerking niet doelmatiger is.",
        "Het onderzoek wijst op witte vlekken.",
        "In dat kader heb ik gesproken met de koepels.",
        "De ROB adviseert een duidelijk overzicht van medebewindstaken bij te houden.",
    ],
)
def test_background_prose_is_not_an_action(sentence):
    assert _one(sentence) == []


def test_abbreviation_defined_in_the_text_expands_the_key():
    text = "Ik werk aan de Monitor Lokale Democratie (MLD) voor gemeenten. Over een jaar zal ik de MLD evalueren."
    assert defined_abbreviations(text)["MLD"] == "Monitor Lokale Democratie"
    keys = [a.key for a in _one(text)]
    # the monitor, named twice, and its evaluation: a different deliverable
    assert keys == [
        "monitor-lokale-democratie",
        "monitor-lokale-democratie",
        "evaluatie-monitor-lokale-democratie",
    ]


def test_responsible_minister_is_read_when_stated():
    (action,) = _one(
        "Jaarlijks zal de minister van Financiën een evaluatie van het Gemeentefonds uitvoeren."
    )
    assert action.responsible == "minister van Financiën"
    (action,) = _one("Ik werk aan een visie op de regio.")
    assert action.responsible is None


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "Ik verken of het huidige aantal volksvertegenwoordigers in gemeenten nog past bij de taken.",
            "Verkenning of het huidige aantal volksvertegenwoordigers in gemeenten nog past bij de taken",
        ),
        (
            "Ook wil ik bezien of de wettelijke bepaling omtrent het maximumaantal wethouders aanpassing behoeft.",
            "Verkenning of de wettelijke bepaling omtrent het maximumaantal wethouders aanpassing behoeft",
        ),
        (
            "Over een jaar zal ik de UDO samen met departementen en medeoverheden evalueren.",
            "Evaluatie van de UDO",
        ),
        (
            "Onderzocht wordt of de (online) haat en intimidatie de participatie van die groepen tegenhoudt.",
            "Onderzoek of de online haat en intimidatie de participatie van die groepen tegenhoudt",
        ),
    ],
)
def test_study_named_only_by_its_verb(sentence, title):
    assert title in [a.title for a in _one(sentence)]


@pytest.mark.parametrize(
    "sentence, title",
    [
        (
            "Binnen het traject ‘Dwars door domeinen’ (DDD) zijn in opdracht van mij pilots gestart.",
            "Traject Dwars door domeinen (DDD)",
        ),
        (
            "Tot slot werk ik samen met de Vereniging van Rekenkamers een plan van aanpak uit om de doorwerking van rekenkamerrapporten te verbeteren.",
            "Plan van aanpak om de doorwerking van rekenkamerrapporten te verbeteren",
        ),
        (
            "Er wordt momenteel een beleidsdoorlichting uitgevoerd van het onderdeel democratie en bestuur.",
            "Beleidsdoorlichting van het onderdeel democratie en bestuur",
        ),
        (
            "In opdracht van mijn ministerie worden workshops aangeboden aan lokale driehoeken.",
            "Workshops aan lokale driehoeken",
        ),
        (
            "Ook is een campagne aangekondigd die bevordert dat mensen politiek actief worden.",
            "Campagne die bevordert dat mensen politiek actief worden",
        ),
        (
            "Daarnaast werk ik samen met voorhoedegemeenten aan het verbeteren van raads- en stateninformatiesystemen.",
            "Verbeteren van raads- en stateninformatiesystemen",
        ),
        (
            "Ik zal uw Kamer medio volgend jaar informeren over de voortgang van de genoemde acties.",
            "Brief over de voortgang van de genoemde acties",
        ),
        (
            "Met het Wetsvoorstel versterking participatie op decentraal niveau wordt beoogd dat raden kaders stellen.",
            "Wetsvoorstel versterking participatie op decentraal niveau",
        ),
        (
            "Op dit moment werk ik aan een reactie op de voorlichting van de Raad van State.",
            "Reactie op de voorlichting van de Raad van State",
        ),
    ],
)
def test_genre_forms_give_informative_titles(sentence, title):
    assert title in [a.title for a in _one(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Zo wordt ter vervanging van de huidige decentralisatie-uitkering gewerkt aan een nieuwe vorm.",
        "Ik zet mij in op de opvolging van de aanbevelingen van de parlementaire verkenning.",
        "Ik bied u hierbij het verslag aan dat bureau Berenschot heeft opgesteld.",
        "Ik zet daarom in overleg met alle betrokkenen in op de verdere concretisering.",
        "Zoals ik in mijn actieagenda heb aangekondigd werk ik daaraan.",
        "In deze brief informeer ik uw Kamer over de voortgang van de acties.",
        "Over de uitkomsten zal ik uw Kamer over de uitkomsten van deze verkenning informeren.",
        "Ik werk aan een inhoudelijke reactie.",
    ],
)
def test_background_and_manner_are_not_actions(sentence):
    assert _one(sentence) == []


def test_heading_grouping_several_actions_is_a_theme_and_a_key_shares_its_best_title():
    text = (
        "1. Een slagvaardige overheid\n\n"
        "1.1 Verbeteren feedbackloop van medeoverheden naar het Rijk\n\n"
        "Ik werk aan een visie op de regio. Ik ontwikkel een handreiking over het enquêterecht.\n\n"
        "1.2 Taakdifferentiatie\n\n"
        "Ik verwacht dat dit nog tijd vraagt.\n\n"
    )
    titles = {a.title for a in _one(text)}
    assert "Verbeteren feedbackloop van medeoverheden naar het Rijk" not in titles
    assert {"Visie op de regio", "Taakdifferentiatie"} <= titles


def test_reaction_is_named_by_the_advice_named_before_it():
    text = (
        "De Raad voor het Openbaar Bestuur heeft een advies gepubliceerd, getiteld ‘Grip op de "
        "regio’. De raad constateert dat er veel te verbeteren is. Ik ben voornemens uw Kamer na "
        "de zomer een kabinetsreactie te sturen op dit advies.\n"
    )
    titles = [m.title for m in _one(text)]
    assert "Reactie op Grip op de regio" in titles


def test_reaction_left_to_the_next_cabinet_in_the_passive():
    text = (
        "Hetzelfde geldt voor het briefadvies ‘Grip op de regio’ van de Raad voor het Openbaar "
        "Bestuur, waarbij een reactie aan het volgende kabinet wordt gelaten.\n"
    )
    (mention,) = [m for m in _one(text) if m.title.startswith("Reactie")]
    assert mention.status == "handed_to_next_cabinet"


def test_reaction_to_an_advice_named_only_by_its_author_is_no_action():
    text = (
        "Het is goed om ook het advies van de Raad van State te betrekken. Ik laat het aan mijn "
        "ambtsopvolger om dit advies van kabinetsreactie te voorzien.\n"
    )
    assert not [m for m in _one(text) if m.title.startswith("Reactie")]


def test_action_in_a_first_person_footnote_of_a_sentence():
    mentions = [m for m in _actions("001_4ecc82ebad1aebf7.txt") if "projectgroep" in m.key]
    assert mentions and mentions[0].status == "done"


def test_effort_for_a_group_is_an_action_without_an_action_noun():
    text = (
        "Ook zet ik me in voor jonge raadsleden met een migratieachtergrond, zodat zij "
        "ongehinderd kunnen deelnemen.\n"
    )
    (mention,) = [m for m in _one(text) if m.title.startswith("Inzet voor")]
    assert mention.title == "Inzet voor jonge raadsleden met een migratieachtergrond"
    assert mention.status == "in_progress"


def test_promised_letter_with_its_subject_first():
    text = "Over de voortgang van de pilots zal ik uw Kamer jaarlijks informeren.\n"
    titles = [m.title for m in _one(text)]
    assert "Brief over de voortgang van de pilots" in titles


def test_outcome_of_a_study_first_is_not_another_letter():
    text = "Over de uitkomsten van het onderzoek informeer ik uw Kamer begin 2024.\n"
    assert not [m for m in _one(text) if m.kind == "brief"]


def test_fronted_topic_belongs_in_a_verb_study_title():
    text = "Voor de burgemeester bezie ik of er mogelijkheden zijn om zijn positie te versterken.\n"
    titles = [m.title for m in _one(text)]
    assert (
        "Verkenning voor de burgemeester of er mogelijkheden zijn om zijn positie te versterken"
        in titles
    )


def test_topic_put_first_names_the_promised_document():
    text = (
        "Ten aanzien van het bevorderen van de weerbaarheid van raadsleden, informeer ik uw Kamer "
        "in een samenhangende visie in het eerste kwartaal van 2025.\n"
    )
    titles = [m.title for m in _one(text)]
    assert "Visie over het bevorderen van de weerbaarheid van raadsleden" in titles


def test_advice_the_minister_asks_for_is_his_own_step():
    text = (
        "Aan de Raad van State heb ik advies gevraagd naar het toezicht op kleine "
        "gemeenschappelijke regelingen, zoals uw Kamer vroeg.\n"
    )
    (mention,) = [m for m in _one(text) if m.title.startswith("Adviesaanvraag")]
    assert mention.title == (
        "Adviesaanvraag over het toezicht op kleine gemeenschappelijke regelingen"
    )


def test_monitoring_of_de_wetswijziging_is_titled_by_the_amended_law():
    text = (
        "Met de wijziging van de Waterwet die vorig jaar in werking trad, kunnen schappen meer "
        "sturen. Ik zal de effecten van de wetswijziging monitoren in overleg met de koepels.\n"
    )
    titles = [a.title.lower() for a in _one(text)]
    assert any("wijziging van de waterwet" in t and "monitor" in t for t in titles), titles


def test_monitoring_of_de_wetswijziging_without_a_named_law_keeps_its_words():
    text = "Ik zal de effecten van de wetswijziging monitoren in overleg met de koepels.\n"
    titles = [a.title.lower() for a in _one(text)]
    assert any("wetswijziging" in t for t in titles), titles


def test_amended_law_is_the_last_named_by_its_full_or_short_name():
    from bestuursgraaf.graph.extract.actions import _amended_law

    assert _amended_law("Na de wijziging van de Wet open overheid, die per mei geldt") == (
        "Wet open overheid"
    )
    assert _amended_law("de wijziging van de Awb en later de wijziging van de Gemeentewet.") == (
        "Gemeentewet"
    )
    assert _amended_law("Er komt een nieuwe wet.") is None


def test_a_report_of_the_minister_is_an_action():
    # `*rapport` cue: a (tussen)rapport the minister sends or commissions is a deliverable.
    found = _one("Hierbij bied ik u het Tussenrapport Zicht op wijkteams aan.\n")
    assert any("wijkteams" in a.title.lower() for a in found)


def test_an_advisory_report_is_not_an_action():
    # An `adviesrapport` is an advisory body's product, not a measure of the letter.
    found = _one("Het Adviesrapport Zicht op wijkteams vormt de basis voor mijn beleid.\n")
    assert not any("rapport" in a.title.lower() for a in found)


def test_headings_under_a_labelled_action_line_are_actions_not_themes():
    # A progress report labels its action lines (`Actielijn 2.`): each heading under one is an
    # action of the agenda, even when its section names further actions of its own.
    text = (
        "Actielijn 2. Betere dienstverlening aan inwoners\n\n"
        "Bundelen van kennis over wijkgerichte zorg\n"
        "Vanuit de agenda is ingezet op het bundelen van kennis over wijkgerichte zorg. Daarom werk "
        "ik aan een handreiking wijkteams. Ook werk ik aan een monitor wijkgerichte zorg.\n"
    )
    titles = [a.title for a in _one(text)]
    assert "Bundelen van kennis over wijkgerichte zorg" in titles, titles


def test_verb_headed_heading_grouping_actions_under_a_numbered_line_stays_a_theme():
    text = (
        "2. Betere dienstverlening aan inwoners\n\n"
        "Bundelen van kennis over wijkgerichte zorg\n"
        "Daarom werk ik aan een handreiking wijkteams. Ook werk ik aan een monitor wijkgerichte "
        "zorg.\n"
    )
    titles = [a.title for a in _one(text)]
    assert "Bundelen van kennis over wijkgerichte zorg" not in titles, titles


def test_a_report_named_by_getiteld_takes_its_quoted_title():
    text = "Elk jaar brengt de minister van BZK een rapport uit, getiteld ‘Zorg in de wijk’.\n"
    titles = [a.title.lower() for a in _one(text)]
    assert any("zorg in de wijk" in t for t in titles), titles


def test_a_named_law_in_preparation_is_a_bill():
    text = "Daarnaast is de Wet versterking rechtsbescherming Wmo nu in voorbereiding.\n"
    found = _one(text)
    assert [(a.title, a.kind) for a in found] == [
        ("Wet versterking rechtsbescherming Wmo", "wetsvoorstel")
    ]


def test_a_named_law_in_force_is_no_bill():
    text = "Per 1 juli is de Wet open overheid in werking getreden.\n"
    assert not any(a.title.startswith("Wet") for a in _one(text))


def test_a_letter_still_to_come_is_named_by_its_subject():
    text = "Hierop ga ik in een brief over de toekomst van het lokaal bestuur, voor de zomer, in.\n"
    titles = [a.title for a in _one(text)]
    assert "Brief over de toekomst van het lokaal bestuur" in titles, titles


def test_a_letter_already_sent_is_no_promised_letter():
    text = "In een brief over de toekomst van het lokaal bestuur heb ik dit toegelicht.\n"
    assert not any(a.title.startswith("Brief") for a in _one(text))


def test_a_status_verb_with_a_condition_describes_use_not_progress():
    text = "Een Wijktoets (WT) wordt uitgevoerd zodra een ministerie een nieuwe taak overweegt.\n"
    assert not _one(text)


def test_the_same_status_verb_without_a_condition_is_progress():
    text = "Er wordt een Wijktoets (WT) uitgevoerd voor de nieuwe jeugdtaak.\n"
    assert any("wijktoets" in a.title.lower() for a in _one(text))


def test_work_the_ministry_funds_is_an_action_of_the_letter():
    text = (
        "Met financiële steun van mijn ministerie hebben de huurdersbonden drie taskforces "
        "opgericht die huurders ondersteunen bij klachten over hun woning.\n"
    )
    assert any(a.title.lower().startswith("taskforces") for a in _one(text))


def test_a_noun_in_ie_after_a_possessive_is_not_a_premodifier():
    text = (
        "Er is in opdracht van mijn ministerie onderzoek gedaan naar de wachtlijsten in de zorg.\n"
    )
    titles = [a.title for a in _one(text)]
    assert titles and not any("inisterie" in t for t in titles), titles


def test_an_indefinite_product_is_titled_by_the_footnote_that_names_it():
    text = (
        "Daarom heb ik een handreiking laten opstellen met praktische tips[footnoteRef:1]. Dat "
        "helpt.\n[1:  Grip op de wijkzorg Handleiding - praktijkvoorbeelden voor gemeenten (2024), "
        "https://example.org/grip. ]\n"
    )
    titles = [a.title for a in _one(text)]
    assert "Grip op de wijkzorg Handleiding" in titles, titles


def test_a_footnote_citing_a_kamerstuk_names_no_product():
    text = (
        "Daarom heb ik een handreiking laten opstellen met praktische tips[footnoteRef:1]. Dat "
        "helpt.\n[1:  Kamerstukken II 2023/24, 29 325, nr. 12. ]\n"
    )
    assert not _one(text)


def test_a_status_verb_is_read_past_a_dashed_parenthetical():
    text = (
        "Daarom heb ik – samen met de koepels van gemeenten, provincies en waterschappen en met de "
        "VNG – een beleidskader wijkzorg opgesteld.\n"
    )
    assert [(a.title, a.status) for a in _one(text)] == [("Beleidskader wijkzorg", "done")]


def test_research_as_an_activity_a_guide_helps_with_is_no_study():
    text = "Ik heb een leidraad wijkzorg opgesteld met tips voor het doen van eigen onderzoek naar de wachtlijsten.\n"
    assert [a.title for a in _one(text)] == ["Leidraad wijkzorg"]


def test_plural_measures_are_an_action_only_with_their_purpose():
    found = _one("Daarnaast werk ik aan maatregelen om de werkdruk van wethouders te verlagen.\n")
    assert [a.title for a in found] == ["Maatregelen om de werkdruk van wethouders te verlagen"]
    assert not _one("Daarnaast werk ik aan maatregelen en acties voor wethouders.\n")


def test_a_footnote_sending_the_study_titles_it_also_after_the_full_stop():
    text = (
        "Op verzoek van uw Kamer heb ik opdracht gegeven onderzoek te doen naar de stand van de "
        "literatuur over wijkteams.[footnoteRef:1] Het onderzoek wijst op lacunes.\n"
        "[1:  In de bijlage vindt u het onderzoek ‘Wijkteams en jeugdzorg. Een verkennende "
        "literatuurstudie’. ]\n"
    )
    found = [(a.title, a.status) for a in _one(text)]
    assert ("Onderzoek Wijkteams en jeugdzorg", "done") in found, found
    assert not [t for t, _ in found if "literatuur" in t], found


def test_advice_asked_about_what_the_sentence_before_names():
    text = (
        "Ik wil ruimte bieden aan maatwerk en kijk daarom naar de mogelijkheden voor "
        "bijvoorbeeld regionale budgetten. Aan de Raad voor het Openbaar Bestuur heb ik hier "
        "nader advies over gevraagd.\n"
    )
    found = [(a.title, a.status) for a in _one(text)]
    assert ("Adviesaanvraag over regionale budgetten", "in_progress") in found, found


def test_a_pronominal_advice_request_without_a_sentence_before_names_nothing():
    assert not _one("Aan de Raad van State heb ik hierover advies gevraagd.\n")


def test_this_theme_in_a_title_is_the_section_heading():
    text = (
        "Jonge ambtsdragers in het waterschap\n\n"
        "Het aandeel jonge bestuurders is klein. Samen met de Unie van Waterschappen organiseer "
        "ik een aantal rondetafelgesprekken om de verdere aanpak op dit thema te bepalen.\n"
    )
    titles = [a.title for a in _one(text)]
    assert any("‘Jonge ambtsdragers in het waterschap’" in t for t in titles), titles
    assert not any("dit thema" in t for t in titles), titles


def test_verb_headed_heading_over_one_action_only_describes_it():
    text = (
        "2. Betere dienstverlening aan inwoners\n\n"
        "Bundelen van kennis over wijkgerichte zorg\n"
        "Daarom heb ik samen met de koepels de Leidraad Wijkgerichte Zorg geactualiseerd.\n"
    )
    titles = [a.title for a in _one(text)]
    assert "Leidraad Wijkgerichte Zorg" in titles, titles
    assert "Bundelen van kennis over wijkgerichte zorg" not in titles, titles


def test_action_nouns_inside_an_indirect_question_are_asked_about():
    text = (
        "Daarom werk ik aan een visie op de jeugdzorg. Ook betrek ik daarbij de vraag of het "
        "toezicht nog past bij het actieplan jeugdbescherming.\n"
    )
    titles = [a.title for a in _one(text)]
    assert "Visie op de jeugdzorg" in titles, titles
    assert not any("ctieplan" in t for t in titles), titles


def test_reaction_to_an_advice_requested_is_named_by_the_request_in_its_footnote():
    text = (
        "Aan de Raad voor het Openbaar Bestuur heb ik advies gevraagd naar de rol van "
        "wijkraden bij het omgevingsbeleid.[footnoteRef:1] Het advies verscheen vorige maand. "
        "Ik bespreek het advies eerst met de koepels, waarna ik een reactie aan uw Kamer zal "
        "sturen.\n"
        "[1:  Te raadplegen via Verzoek voorlichting wijkraden en omgevingsbeleid. ]\n"
    )
    found = [(a.title, a.status) for a in _one(text)]
    assert ("Reactie op de voorlichting wijkraden en omgevingsbeleid", "announced") in found, found


def test_a_reaction_without_a_named_advice_or_request_names_nothing():
    text = (
        "Het advies verscheen vorige maand. Ik bespreek het advies eerst met de koepels, waarna "
        "ik een reactie aan uw Kamer zal sturen.\n"
    )
    assert not [a for a in _one(text) if a.title.startswith("Reactie")]
