"""Advisory reports: reference-style footnotes (one, several bodies, several run together) and
running-text forms, one key per report within a letter, negatives, and the real letters."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.reports import extract_reports, sent_report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _reports(name: str):
    return extract_reports((CORPUS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text, body, year, title, kind",
    [
        (
            "ROB (2021). Werkprogramma 2021-2023",
            "Raad voor het Openbaar Bestuur",
            "2021",
            "Werkprogramma 2021-2023",
            "werkprogramma",
        ),
        (
            "Raad voor het Openbaar Bestuur (2025), Afrekenen met disbalans, zie: https://www.raadopenbaarbestuur.nl/x",
            "Raad voor het Openbaar Bestuur",
            "2025",
            "Afrekenen met disbalans",
            "advies",
        ),
        (
            "Berenschot (2022). Eindverslag Dialoogsessies Beleidskader Decentraal Bestuur",
            "Berenschot",
            "2022",
            "Eindverslag Dialoogsessies Beleidskader Decentraal Bestuur",
            "eindverslag",
        ),
        (
            "Studiegroep Interbestuurlijke en Financiële Verhoudingen (2020). Als één overheid.",
            "Studiegroep Interbestuurlijke en Financiële Verhoudingen",
            "2020",
            "Als één overheid",
            "rapport",
        ),
        (
            (
                "Raad voor de leefomgeving en infrastructuur, Raad voor het Openbaar Bestuur, Raad voor "
                "Volksgezondheid & Samenleving (2023), Elke regio telt! Een nieuwe aanpak van verschillen tussen regio’s."
            ),
            "Raad voor de leefomgeving en infrastructuur, Raad voor het Openbaar Bestuur, Raad voor Volksgezondheid & Samenleving",
            "2023",
            "Elke regio telt! Een nieuwe aanpak van verschillen tussen regio’s",
            "advies",
        ),
        (
            "RvS (2020). Ongevraagd advies over ministeriële verantwoordelijkheid",
            "Raad van State",
            "2020",
            "Ongevraagd advies over ministeriële verantwoordelijkheid",
            "advies",
        ),
    ],
)
def test_reference_style_footnote(text, body, year, title, kind):
    (report,) = extract_reports(text, offset=10)
    assert (report.body, report.year, report.title, report.kind) == (body, year, title, kind)
    assert report.start == 10 and text.startswith(report.raw)


def test_two_references_in_one_footnote_and_two_titles_in_one_reference():
    text = "Elzinga (2021). Naar nieuwe vormen van decentraal bestuur ROB (2021). Rust-reinheid-regelmaat en Droomland of niemandsland."
    reports = extract_reports(text)
    assert [(r.body, r.title) for r in reports] == [
        ("Elzinga", "Naar nieuwe vormen van decentraal bestuur"),
        ("Raad voor het Openbaar Bestuur", "Rust-reinheid-regelmaat"),
        ("Raad voor het Openbaar Bestuur", "Droomland of niemandsland"),
    ]
    assert reports[0].key == "elzinga-2021-naar-nieuwe-vormen-van-decentraal-bestuur"


def test_abbreviation_and_full_name_give_one_body_key():
    a = extract_reports("ROB (2025). Afrekenen met disbalans.")[0]
    b = extract_reports(
        "Raad voor het Openbaar Bestuur (2025), Afrekenen met disbalans, zie: https://x"
    )[0]
    assert a.key == b.key == "raad-voor-het-openbaar-bestuur-2025-afrekenen-met-disbalans"


@pytest.mark.parametrize(
    "text, body, title, kind",
    [
        (
            "Ik reageer op het advies 'Afrekenen met disbalans' van de Raad voor het Openbaar Bestuur.",
            "Raad voor het Openbaar Bestuur",
            "Afrekenen met disbalans",
            "advies",
        ),
        (
            "De Raad voor het Openbaar Bestuur heeft onlangs een advies gepubliceerd, getiteld ‘Afrekenen met disbalans’.",
            "Raad voor het Openbaar Bestuur",
            "Afrekenen met disbalans",
            "advies",
        ),
        (
            "Ik werk aan een reactie op de voorlichting interbestuurlijke verhoudingen van de Raad van State.",
            "Raad van State",
            "Voorlichting interbestuurlijke verhoudingen",
            "voorlichting",
        ),
        (
            "Hetzelfde geldt voor het briefadvies 'Raamwerk voor toekomstbestendige financiële verhoudingen' van de Raad voor het Openbaar Bestuur.",
            "Raad voor het Openbaar Bestuur",
            "Raamwerk voor toekomstbestendige financiële verhoudingen",
            "briefadvies",
        ),
        (
            "Het rapport ‘Elke regio telt’ heeft laten zien dat beleid niet altijd oog heeft voor regio’s.",
            None,
            "Elke regio telt",
            "rapport",
        ),
        (
            "Uit de trendrapportage 'Staat van het Bestuur 2022' blijkt dat het bestuur onder druk staat.",
            None,
            "Staat van het Bestuur 2022",
            "trendrapportage",
        ),
        (
            "Ik besprak het onderzoeksrapport 'Teveel van het goede?' naar de staat van het ambt.",
            None,
            "Teveel van het goede?",
            "onderzoeksrapport",
        ),
        (
            "De ROB heeft in het rapport over 'Goede ondersteuning, sterke democratie' aandacht gevraagd.",
            "Raad voor het Openbaar Bestuur",
            "Goede ondersteuning, sterke democratie",
            "rapport",
        ),
    ],
)
def test_running_text_forms(text, body, title, kind):
    (report,) = extract_reports(text)
    assert (report.body, report.title, report.kind) == (body, title, kind)
    assert report.raw in text


def test_staat_van_het_bestuur_takes_its_year_from_the_title():
    (report,) = extract_reports("Uit de trendrapportage 'Staat van het Bestuur 2022' blijkt dat.")
    assert report.year == "2022" and report.key == "staat-van-het-bestuur-2022"


def test_untitled_advice_takes_the_one_titled_advice_of_its_body():
    text = (
        "De Raad voor het Openbaar Bestuur heeft een advies gepubliceerd, getiteld ‘Afrekenen met disbalans’. "
        "Ik stuur een reactie op dit ROB-advies, waarbij ik ook inga op het nog komende ROB-advies over monitoring."
    )
    reports = extract_reports(text)
    assert [r.key for r in reports] == [
        "raad-voor-het-openbaar-bestuur-afrekenen-met-disbalans",
        "raad-voor-het-openbaar-bestuur-afrekenen-met-disbalans",
        "advies-raad-voor-het-openbaar-bestuur",  # a coming advice is never the titled one
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ik stuur u binnenkort een reactie op dit ROB-advies.",
        "Ik laat het aan het volgende kabinet om het advies van de Raad van State te betrekken.",
    ],
)
def test_untitled_advice_pointing_back_without_a_titled_twin_is_dropped(text):
    assert extract_reports(text) == []


def test_advice_of_a_committee_named_after_its_chair_is_specific():
    (report,) = extract_reports("Ik betrek het advies van de commissie Van Ark.")
    assert report.key == "advies-commissie-van-ark" and report.body == "commissie Van Ark"


@pytest.mark.parametrize(
    "text, key",
    [
        (
            "Tot slot doe ik uw Kamer het tweede jaarverslag van de Projectgroep Lokale Rekenkamers toekomen.",
            "tweede-jaarverslag-van-de-projectgroep-lokale-rekenkamers",
        ),
        (
            "Ik bied u hierbij het eerste verslag aan van de projectgroep lokale rekenkamers, die tot eind 2024 actief is.",
            "eerste-verslag-van-de-projectgroep-lokale-rekenkamers",
        ),
        (
            "Het derde en laatste jaarverslag van deze projectgroep doe ik u als bijlage toekomen.",
            "derde-jaarverslag-van-deze-projectgroep",
        ),
    ],
)
def test_edition_of_a_series_report_is_keyed_by_its_words(text, key):
    (report,) = extract_reports(text)
    assert report.key == key and report.title is None


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "In de voorlichting interbestuurlijke verhoudingen gaat de Raad van State hier nader op in.",
            "Voorlichting interbestuurlijke verhoudingen",
        ),
        (
            "Ik heb onlangs een rapport over regionale samenwerking en gemeenteraden aan uw Kamer gestuurd.",
            "Regionale samenwerking en gemeenteraden",
        ),
        (
            "Onder meer via de “Staat van de Uitvoering” (die 18 januari gepubliceerd is) komt reflectie.",
            "Staat van de Uitvoering",
        ),
        (
            "Op de laatste 'Voorlichting Interbestuurlijke Verhoudingen' van de Raad van State is nog niet gereageerd.",
            "Voorlichting Interbestuurlijke Verhoudingen",
        ),
        (
            "In de bijlage vindt u het onderzoek ‘Regionale samenwerking en gemeenteraden. Een samenvattend onderzoek naar de legitimiteit’.",
            "Regionale samenwerking en gemeenteraden",
        ),
        (
            "Naar aanleiding van het grootschalige onderzoek naar Bestuurlijke Regionale Ecosystemen is een netwerk opgestart.",
            "Onderzoek naar Bestuurlijke Regionale Ecosystemen",
        ),
    ],
)
def test_reports_named_without_a_reference(text, title):
    assert [r.title for r in extract_reports(text)] == [title]


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "  - Tussenrapport Zicht op raads- en statenondersteuning\n",
            "Tussenrapport Zicht op raads- en statenondersteuning",
        ),
        (
            "3\tBijlage bij Kamerbrief: Jaarverslag projectgroep lokale rekenkamers 2023\t",
            "Jaarverslag projectgroep lokale rekenkamers 2023",
        ),
        (
            "20 Eindrapportage 2019-2022 Regio Deal Lab Governance (zie bijlage bij deze brief)",
            "Eindrapportage 2019-2022 Regio Deal Lab Governance",
        ),
        (
            "¹ <https://www.kennisopenbaarbestuur.nl/documenten/rapporten/2022/05/01/gefundeerd-politiek-vertrouwen>",
            "Gefundeerd politiek vertrouwen",
        ),
        (
            "⁴ EIPA, Public Sector Performance Programme 2022 – 2025: an International Benchmarking study",
            "Public Sector Performance Programme 2022 – 2025",
        ),
        (
            "6 Elzinga (2021). Naar nieuwe vormen van decentraal bestuur ROB (2021). Rust-reinheid-regelmaat en ",
            None,
        ),
    ],
)
def test_footnote_and_enclosure_forms(text, title):
    titles = [r.title for r in extract_reports(text)]
    assert (
        title in titles
        if title
        else titles == ["Naar nieuwe vormen van decentraal bestuur", "Rust-reinheid-regelmaat"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "¹² <https://www.kennisopenbaarbestuur.nl/documenten/rapporten/2023/03/13/handreiking-decentraal-enqueterecht>.",
        "  - Voortgangsrapportage actieagenda sterk bestuur\n",
        "Ook is het afgelopen jaar een Stand van de Uitvoering opgesteld.",
        "Het rapport signaleert bovendien dat gemeenten worstelen.",
        "Onderzoek wordt gedaan naar de besteding van de budgetten.",
        "Onderzoek naar de regio laat zien dat het werkt.",
    ],
)
def test_not_reports_in_the_new_forms(text):
    assert extract_reports(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Kamerstukken II 2022/23, 33 047, nr. 25",
        "Coalitieakkoord 'Omzien naar elkaar, vooruitkijken naar de toekomst' (2021)",
        "De Raad van State (RvS) en de ROB constateren dat de verhoudingen niet aansluiten.",
        "In de eindrapportage van de evaluatie van de Regio Deals worden aanbevelingen gedaan.",
        "Het onderzoek wijst op witte vlekken.",
    ],
)
def test_not_reports(text):
    assert extract_reports(text) == []


def test_letter_004_footnotes():
    reports = _reports("004_6c88505460917616.txt")
    keys = {r.key for r in reports}
    assert {
        "raad-voor-het-openbaar-bestuur-werkprogramma-2021-2023",
        "elzinga-2021-naar-nieuwe-vormen-van-decentraal-bestuur",
        "raad-voor-het-openbaar-bestuur-2021-rust-reinheid-regelmaat",
        "raad-voor-het-openbaar-bestuur-2021-droomland-of-niemandsland",
        "raad-van-state-2021-voorlichting-over-interbestuurlijke-verhoudingen",
        "raad-van-state-2020-ongevraagd-advies-over-ministeriele-verantwoordelijkheid",
        "studiegroep-interbestuurlijke-en-financiele-verhoudingen-2020-als-een-overheid",
        "berenschot-2022-eindverslag-dialoogsessies-beleidskader-decentraal-bestuur",
        "sociaal-en-cultureel-planbureau-2021-reflectie-op-het-coalitieakkoord",
        "raad-van-state-2021-investeren-in-vertrouwen",
    } <= keys
    elzinga = next(r for r in reports if r.key.startswith("elzinga"))
    assert elzinga.body == "D.J. Elzinga"  # the initials the letter gives him elsewhere


def test_letter_001_names_afrekenen_met_disbalans_three_times_as_one_report():
    reports = [r for r in _reports("001_4ecc82ebad1aebf7.txt") if "disbalans" in r.key]
    assert len(reports) == 3 and {r.year for r in reports} == {"2025"}
    elke = [
        r
        for r in _reports("001_4ecc82ebad1aebf7.txt")
        if r.title and r.title.startswith("Elke regio telt")
    ]
    assert len(elke) == 2 and len({r.key for r in elke}) == 1


def test_letters_000_and_003():
    (raamwerk,) = [r for r in _reports("000_03214f0aabcee69e.txt") if r.kind == "briefadvies"]
    assert raamwerk.kind == "briefadvies" and raamwerk.body == "Raad voor het Openbaar Bestuur"
    titles = {r.title for r in _reports("003_716a83a6eb3f8840.txt")}
    assert {
        "Staat van het Bestuur 2022",
        "Naar nieuwe vormen van decentraal bestuur",
        "Goede ondersteuning, sterke democratie",
        "Teveel van het goede?",
    } <= titles


def test_parliaments_own_inquiry_named_with_the_article_is_a_report():
    (report,) = extract_reports(
        "Ik bewaak de opvolging van de aanbevelingen van de parlementaire verkenning."
    )
    assert report.title == "parlementaire verkenning" and report.kind == "verkenning"
    assert not extract_reports("Uw Kamer kan een parlementaire enquête instellen.")


def test_untitled_report_sent_takes_report_heading_as_title():
    sentence = "Het rapport doe ik uw Kamer hierbij toekomen."
    mention = sent_report(sentence, 100, "Onderzoek naar de werkdruk van wethouders")
    assert mention is not None
    assert mention.title == "Onderzoek naar de werkdruk van wethouders"
    assert (mention.start, mention.end) == (100, 100 + len(sentence) - 1)


def test_untitled_report_offered_takes_evaluation_heading():
    mention = sent_report(
        "Dit onderzoek bied ik u hierbij aan.", 0, "Evaluatie subsidieregeling dorpshuizen"
    )
    assert mention is not None and mention.kind == "evaluatie"


def test_sent_report_under_a_policy_heading_is_not_titled():
    assert sent_report("Het rapport bied ik u hierbij aan.", 0, "Versterken van de raad") is None
    assert sent_report("Het rapport bied ik u hierbij aan.", 0, None) is None


def test_sentence_without_sending_verb_is_no_sent_report():
    assert (
        sent_report("Het rapport laat zien dat er veel variatie is.", 0, "Onderzoek naar X en Y")
        is None
    )


# --- genre rules: advices named by their request or their committee -------------------------


def test_committee_acted_on_is_its_advice():
    # made-up sentence: proposals `n.a.v.` a committee named after its chair cite its advice
    keys = [
        m.key
        for m in extract_reports("De voorstellen (n.a.v. commissie De Wit) worden uitgewerkt.")
    ]
    assert "advies-commissie-de-wit" in keys


def test_requested_voorlichting_is_titled_by_its_subject():
    text = "Ik heb de Afdeling verzocht een voorlichting uit te brengen over de lokale belastingen."
    (m,) = [m for m in extract_reports(text) if m.kind == "voorlichting"]
    assert m.title == "Voorlichting over lokale belastingen"
    assert m.body == "Raad van State"


def test_advice_asked_of_body_is_keyed_by_body_and_subject():
    text = "Aan de Raad van State heb ik advies gevraagd naar het toezichtsarrangement in crisissituaties."
    keys = [m.key for m in extract_reports(text)]
    assert "advies-raad-van-state-over-toezichtsarrangement" in keys


def test_recap_of_a_request_names_no_new_report():
    text = "Zoals eerder vermeld heb ik de Raad van State advies gevraagd over mogelijke varianten."
    assert not [m for m in extract_reports(text) if "varianten" in m.key]


def test_coming_body_advice_is_named_by_its_subject():
    text = "Ik ga ook in op het nog komende ROB-advies op verzoek van de Eerste Kamer over rekenkamers."
    titles = [m.title for m in extract_reports(text)]
    assert "ROB-advies over rekenkamers" in titles


# --- found probing unseen letters -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, body, year, title",
    [
        (
            "7 Raad voor het Openbaar Bestuur, Lokaal bestuur onder druk. Een verkenning, maart 2022.",
            "Raad voor het Openbaar Bestuur",
            "2022",
            "Lokaal bestuur onder druk",
        ),
        (
            "(2) Zie: Algemene Rekenkamer, 'Zicht op gemeentefinanciën' (2021).",
            "Algemene Rekenkamer",
            "2021",
            "Zicht op gemeentefinanciën",
        ),
        (
            "Raad van State, Voorlichting over de Wet open overheid, W04.21.0111/I, 12 mei 2021.",
            "Raad van State",
            "2021",
            "Voorlichting over de Wet open overheid",
        ),
    ],
)
def test_footnote_naming_body_title_and_date_separated_by_commas(text, body, year, title):
    (report,) = extract_reports(text)
    assert (report.body, report.year, report.title) == (body, year, title)


@pytest.mark.parametrize(
    "text",
    [
        "Kamerstukken II 2021/22, 35 925 VII, nr. 12.",
        "Zie: Handelingen II 2021/22, nr. 12, item 4.",
        "Brief van de minister van BZK, 4 juni 2022.",
    ],
)
def test_comma_separated_footnotes_that_name_no_report(text):
    assert extract_reports(text) == []


@pytest.mark.parametrize(
    "text, key, title",
    [
        (
            "In haar advies over de toekomst van het stelsel van toezicht concludeert de Raad voor het Openbaar Bestuur dat het anders moet.",
            "advies-raad-voor-het-openbaar-bestuur-over-toekomst-van-het-stelsel-van-toezicht",
            "Advies over toekomst van het stelsel van toezicht",
        ),
        (
            "De Afdeling advisering van de Raad van State wijst in haar voorlichting over de positie van gemeenteraden op de rol van de griffie.",
            "voorlichting-raad-van-state-over-positie-van-gemeenteraden",
            "Voorlichting over positie van gemeenteraden",
        ),
    ],
)
def test_advice_named_by_its_subject_with_a_possessive(text, key, title):
    (report,) = extract_reports(text)
    assert (report.key, report.title) == (key, title)
    assert report.body in {"Raad van State", "Raad voor het Openbaar Bestuur"}


def test_possessive_advice_of_a_body_the_sentence_does_not_name_is_no_report():
    assert (
        extract_reports(
            "De burgemeester heeft in zijn advies over de begroting gewezen op de tekorten."
        )
        == []
    )


def test_a_mention_without_year_takes_the_key_of_the_one_that_gives_it():
    from bestuursgraaf.graph.extract.reports import unify_reports

    footnote = extract_reports(
        "Raad voor het Openbaar Bestuur (2023). Vertrouwen op lokaal niveau."
    )
    text = extract_reports(
        "De ROB wijst in het advies 'Vertrouwen op lokaal niveau' op de rol van raden."
    )
    other = extract_reports("ROB (2022). Een ander advies over raden.")
    assert footnote and text and other and footnote[0].key != text[0].key
    unified = unify_reports([*footnote, *text, *other])
    assert unified[0].key == unified[1].key == footnote[0].key
    assert unified[1].year == "2023"
    assert unified[2].key == other[0].key  # another advice of that body keeps its own node


def test_two_editions_leave_an_undated_mention_alone():
    from bestuursgraaf.graph.extract.reports import unify_reports

    a = extract_reports("ROB (2021). Vertrouwen op lokaal niveau.")
    b = extract_reports("ROB (2024). Vertrouwen op lokaal niveau.")
    c = extract_reports(
        "De ROB wijst in het advies 'Vertrouwen op lokaal niveau' op de rol van raden."
    )
    unified = unify_reports([*a, *b, *c])
    assert len({m.key for m in unified}) == 3


@pytest.mark.parametrize(
    "text, year",
    [
        (
            "Het advies 'Gezag en gemeenschap' van de Raad voor het Openbaar Bestuur (2022) laat dat zien.",
            "2022",
        ),
        ("Zoals het advies 'Gezag en gemeenschap' van de ROB uit 2022 laat zien.", "2022"),
        ("In het rapport 'Gezag en gemeenschap' (ROB, 2022) staat dat.", "2022"),
        ("In het rapport 'Gezag en gemeenschap' (zie de bijlage, 2022) staat dat.", None),
    ],
)
def test_a_running_text_mention_takes_the_year_right_after_it(text, year):
    (report,) = extract_reports(text)
    assert report.title == "Gezag en gemeenschap"
    assert report.year == year
    if year:
        assert report.key == "raad-voor-het-openbaar-bestuur-2022-gezag-en-gemeenschap"
