"""Deadline phrases of the genre resolved to intervals against the letter's date."""

from datetime import date

import pytest
from bestuursgraaf.graph.deadlines import Deadline, find_deadline, find_deadlines, resolve_deadline

REF = date(2023, 9, 4)
D = date

CASES = [
    ("medio 2024", D(2024, 5, 1), D(2024, 7, 31), "quarter"),
    ("begin 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("begin volgend jaar", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("medio volgend jaar", D(2024, 5, 1), D(2024, 7, 31), "quarter"),
    ("eind 2023", D(2023, 10, 1), D(2023, 12, 31), "quarter"),
    ("eind dit jaar", D(2023, 10, 1), D(2023, 12, 31), "quarter"),
    ("aan het eind van dit jaar", D(2023, 10, 1), D(2023, 12, 31), "quarter"),
    ("voor het eind van dit jaar", REF, D(2023, 12, 31), "quarter"),
    ("voor het einde van het jaar", REF, D(2023, 12, 31), "quarter"),
    ("uiterlijk eind 2024", REF, D(2024, 12, 31), "quarter"),
    ("in het eerste kwartaal van 2023", D(2023, 1, 1), D(2023, 3, 31), "quarter"),
    ("Q1 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("het derde kwartaal", D(2023, 7, 1), D(2023, 9, 30), "quarter"),
    ("de tweede helft van dit jaar", D(2023, 7, 1), D(2023, 12, 31), "half"),
    ("in de eerste helft van 2024", D(2024, 1, 1), D(2024, 6, 30), "half"),
    ("voor de zomer", REF, D(2024, 6, 30), "season"),  # this summer is past: next year's
    ("na de zomer", D(2023, 9, 1), D(2023, 11, 30), "season"),
    ("na het zomerreces", D(2023, 9, 1), D(2023, 11, 30), "season"),
    ("voor het kerstreces", REF, D(2023, 12, 19), "season"),
    ("in het najaar", D(2023, 9, 1), D(2023, 11, 30), "season"),
    ("dit voorjaar", D(2023, 3, 1), D(2023, 5, 31), "season"),
    ("komend najaar", D(2023, 9, 1), D(2023, 11, 30), "season"),
    ("over een jaar", D(2024, 9, 4), D(2024, 9, 4), "relative"),
    ("binnen twee jaar", REF, D(2025, 9, 4), "relative"),
    ("over zes maanden", D(2024, 3, 4), D(2024, 3, 4), "relative"),
    ("de komende twee jaar", REF, D(2025, 9, 4), "relative"),
    ("in 2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("in de loop van 2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    # in the course of a period that has begun: from the letter on (as 'later dit jaar')
    ("in de loop van dit kalenderjaar", REF, D(2023, 12, 31), "year"),
    ("in de loop van volgend jaar", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("later dit jaar", REF, D(2023, 12, 31), "year"),
    ("voor 1 januari 2025", REF, D(2024, 12, 31), "day"),
    ("uiterlijk 1 juli 2024", REF, D(2024, 7, 1), "day"),
    ("dit jaar", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("volgend jaar", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("eind maart", D(2024, 3, 21), D(2024, 3, 31), "month"),
    ("zo spoedig mogelijk na de zomer", D(2023, 9, 1), D(2023, 11, 30), "season"),
    ("voor de kerst", REF, D(2023, 12, 19), "day"),  # as 'voor het kerstreces'
    ("na de kerstdagen", D(2024, 1, 11), D(2024, 3, 31), "day"),
    ("uiterlijk in het derde kwartaal van 2024", REF, D(2024, 9, 30), "quarter"),
]


@pytest.mark.parametrize("phrase,start,end,precision", CASES)
def test_phrase_resolves_to_interval(phrase, start, end, precision):
    deadline = resolve_deadline(phrase, REF)
    assert (deadline.start, deadline.end, deadline.precision) == (start, end, precision)
    assert deadline.text == phrase
    assert not deadline.recurring


@pytest.mark.parametrize(
    "phrase",
    [
        "zo spoedig mogelijk",
        "binnenkort",
        "op korte termijn",
        "te zijner tijd",
        "de komende periode",
    ],
)
def test_open_phrase_starts_at_reference_and_never_ends(phrase):
    assert resolve_deadline(phrase, REF) == Deadline(phrase, REF, None, "open")


def test_jaarlijks_is_recurring_first_due_a_year_later():
    assert resolve_deadline("jaarlijks", REF) == Deadline(
        "jaarlijks", D(2024, 9, 4), None, "relative", True
    )


def test_twice_a_year_is_recurring_every_six_months():
    deadline = resolve_deadline("twee keer per jaar", REF)
    assert deadline.recurring and deadline.start == D(2024, 3, 4)


def test_relative_phrases_stay_unresolved_without_a_reference():
    for phrase in ["eind dit jaar", "na de zomer", "over een jaar", "jaarlijks", "volgend jaar"]:
        deadline = resolve_deadline(phrase, None)
        assert (deadline.start, deadline.end) == (None, None), phrase


def test_absolute_phrases_resolve_without_a_reference():
    assert resolve_deadline("medio 2024", None).start == D(2024, 5, 1)
    assert resolve_deadline("voor 1 januari 2025", None) == Deadline(
        "voor 1 januari 2025", None, D(2024, 12, 31), "day"
    )


def test_relative_words_resolve_against_the_reference_year():
    assert resolve_deadline("eind dit jaar", D(2025, 6, 18)).end == D(2025, 12, 31)
    assert resolve_deadline("vorig jaar", D(2025, 6, 18)).start == D(2024, 1, 1)


def test_find_deadline_gives_offsets_in_a_hard_wrapped_sentence():
    text = "Ik zal uw Kamer medio\n2024 over de uitkomsten informeren."
    deadline, start, end = find_deadline(text, REF)
    assert text[start:end] == "medio\n2024" and deadline.text == "medio 2024"


def test_deadline_after_the_promise_verb_is_found():
    text = "Over de uitkomsten van het onderzoek informeer ik uw Kamer begin 2024."
    deadline, start, _ = find_deadline(text, REF)
    assert deadline.start == D(2024, 1, 1) and text[start:].startswith("begin 2024")


def test_dates_of_other_documents_and_the_past_are_not_deadlines():
    assert find_deadline("In mijn brief van 18 juni jl. ben ik ingegaan op de zaak.", REF) is None
    assert find_deadline("Sinds januari 2023 is de UDO verplicht.", REF) is None
    assert find_deadline("het commissiedebat d.d. 18 januari 2023", REF) is None
    assert find_deadline("De Voortgangsrapportage 2023-2024 laat dit zien.", REF) is None
    assert find_deadline("Het voorjaarsoverleg en de Voorjaarsnota.", REF) is None


def test_a_sentence_with_two_deadlines_gives_both():
    found = find_deadlines("Ik stuur het rapport voor de zomer en de evaluatie eind 2024.", REF)
    assert [d.text for d, _, _ in found] == ["voor de zomer", "eind 2024"]


def test_unknown_phrase_is_an_error():
    with pytest.raises(ValueError, match="not a deadline phrase"):
        resolve_deadline("morgenochtend vroeg", REF)


def test_a_letter_dated_by_its_month_only_gives_a_duration_the_whole_month_a_year_on():
    ((deadline, _, _),) = find_deadlines(
        "Over een jaar zal ik de regeling evalueren.", D(2023, 1, 1), D(2023, 1, 31)
    )
    assert (deadline.start, deadline.end) == (D(2024, 1, 1), D(2024, 1, 31))
    ((within, _, _),) = find_deadlines(
        "Binnen twee jaar stuur ik het rapport.", D(2023, 1, 1), D(2023, 1, 31)
    )
    assert (within.start, within.end) == (D(2023, 1, 1), D(2025, 1, 31))
    ((day, _, _),) = find_deadlines("Over een jaar zal ik de regeling evalueren.", D(2023, 1, 10))
    assert day.start == day.end == D(2024, 1, 10)  # a known day: that day


# --- The genre's registers beyond the seeds (issue #10): the budget cycle, points of a period,
# and dated events with no date (vague deadlines, precision "event"). Reference: 4 September 2023.
GENRE_CASES = [
    ("bij de begroting 2025", D(2024, 9, 15), D(2024, 9, 21), "day"),  # Prinsjesdag 2024
    ("bij de ontwerpbegroting voor 2024", D(2023, 9, 15), D(2023, 9, 21), "day"),
    ("bij de begroting", D(2023, 9, 15), D(2023, 9, 21), "day"),  # the next Prinsjesdag
    ("uiterlijk bij de begroting voor 2025", REF, D(2024, 9, 21), "day"),
    ("bij de Miljoenennota", D(2023, 9, 15), D(2023, 9, 21), "day"),
    ("bij de Voorjaarsnota", D(2024, 4, 1), D(2024, 6, 1), "season"),
    ("voor de Voorjaarsnota", REF, D(2024, 3, 31), "season"),
    ("bij de Najaarsnota", D(2023, 11, 15), D(2023, 11, 30), "season"),
    ("bij het jaarverslag 2023", D(2024, 5, 15), D(2024, 5, 21), "day"),  # Verantwoordingsdag
    ("voor de begrotingsbehandeling", REF, D(2023, 9, 14), "season"),  # before they open
    ("uiterlijk voor het einde van het zomerreces", REF, D(2024, 8, 31), "season"),
    ("aan het begin van de zomer van 2024", D(2024, 6, 1), D(2024, 6, 29), "season"),
    ("in oktober 2016", D(2016, 10, 1), D(2016, 10, 31), "month"),
    ("vóór 1 maart 2020", None, D(2020, 2, 29), "day"),  # already past on the reference date
    ("in het voorjaar van 2024", D(2024, 3, 1), D(2024, 5, 31), "season"),
    ("medio 2025", D(2025, 5, 1), D(2025, 7, 31), "quarter"),
    ("voor het commissiedebat", REF, None, "event"),
    ("bij de eerstvolgende voortgangsrapportage", REF, None, "event"),
    ("na de verkiezingen", REF, None, "event"),
    ("voor de plenaire behandeling", REF, None, "event"),
]


@pytest.mark.parametrize("phrase, start, end, precision", GENRE_CASES)
def test_genre_deadline_register(phrase, start, end, precision):
    d = resolve_deadline(phrase, REF)
    assert (d.text, d.start, d.end, d.precision) == (phrase, start, end, precision)


def test_real_deadline_of_a_letter_dated_14_june_2019():
    # https://zoek.officielebekendmakingen.nl/kst-35165-9.html (Den Haag, 14 juni 2019)
    text = "Deze zal ik uiterlijk voor het einde van het zomerreces aan uw Kamer zenden."
    ((deadline, _, _),) = find_deadlines(text, date(2019, 6, 14))
    assert (deadline.start, deadline.end) == (date(2019, 6, 14), date(2019, 8, 31))


@pytest.mark.parametrize(
    "text",
    [
        "In de begroting 2025 is hiervoor geld gereserveerd.",  # a place in a document
        "Ik heb met de VNG gesproken over het debat.",
        "Bij brief van 3 maart heb ik u geïnformeerd.",
    ],
)
def test_lookalikes_are_no_deadline(text):
    assert find_deadlines(text, REF) == []


def test_real_yearly_promise_with_its_due_moment():
    # https://berthub.eu/tkconv/get/2024D34636 (kst-29279-874, Den Haag, 23 september 2024)
    text = (
        "In de brief is toegezegd dat uw Kamer jaarlijks vóór het zomerreces zal worden "
        "geïnformeerd over de voortgang van de daarin aangekondigde maatregelen en acties."
    )
    ((deadline, _, _),) = find_deadlines(text, date(2024, 9, 23))
    assert (deadline.text, deadline.end, deadline.recurring) == (
        "jaarlijks vóór het zomerreces",
        date(2025, 6, 30),
        True,
    )


def test_a_recurrence_alone_keeps_its_first_due_date():
    ((deadline, _, _),) = find_deadlines("Ik zal uw Kamer jaarlijks informeren.", REF)
    assert (deadline.text, deadline.start, deadline.recurring) == ("jaarlijks", D(2024, 9, 4), True)


def test_a_recurrence_and_a_later_deadline_apart_stay_two():
    found = find_deadlines("Jaarlijks rapporteer ik, en de eerste keer voor de zomer.", REF)
    assert [d.text for d, _, _ in found] == ["Jaarlijks", "voor de zomer"]
