"""Commitments (toezeggingen) in letters: promises with their deadlines, references to earlier
promises (with the register number from a footnote), fulfilments and deferrals; no promise in
the past tense, by third parties, or in 'informeren' without a promise."""

from datetime import date
from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.commitments import CommitmentMention, extract_commitments
from bestuursgraaf.graph.segment import segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REF = date(2023, 9, 4)
REFERENCES = {
    "003": date(2023, 9, 4),
    "004": date(2023, 1, 1),  # the letter gives only its month
    "002": date(2024, 6, 1),
    "001": date(2025, 6, 18),  # after 18 June 2025
    "000": date(2024, 6, 3),
}


def _mentions(text: str, reference: date | None = REF) -> list[CommitmentMention]:
    return extract_commitments(segment(text), reference)


def _one(text: str, reference: date | None = REF) -> CommitmentMention:
    found = _mentions(text, reference)
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[CommitmentMention]]:
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        out[path.name[:3]] = extract_commitments(
            segment(path.read_text(encoding="utf-8")), REFERENCES[path.name[:3]]
        )
    return out


def _find(mentions, fragment: str) -> CommitmentMention:
    hits = [m for m in mentions if fragment in m.text]
    assert hits, f"no mention with {fragment!r}"
    return hits[0]


# --- promises -----------------------------------------------------------------------------

PROMISES = [
    (
        "Ik zal uw Kamer medio 2024 over de uitkomsten van deze verkenning informeren.",
        "informeren over de uitkomsten van deze verkenning",
        date(2024, 5, 1),
    ),
    (
        "Over de uitkomsten van het onderzoek informeer ik uw Kamer begin 2024.",
        "informeren over de uitkomsten van het onderzoek",
        date(2024, 1, 1),
    ),
    (
        "Eind 2023 informeer ik uw Kamer over de evaluatie van de wet.",
        "informeren over de evaluatie van de wet",
        date(2023, 10, 1),
    ),
    (
        "Ik streef ernaar uw Kamer voor het eind van dit jaar te informeren over de aanpak.",
        "informeren over de aanpak",
        REF,
    ),
    (
        "Ik zet in op de vormgeving van een beleidskader en verwacht uw Kamer medio 2024 het resultaat te kunnen sturen.",
        "het resultaat sturen",
        date(2024, 5, 1),
    ),
    (
        "Over een jaar zal ik de UDO samen met departementen en medeoverheden evalueren.",
        "de UDO evalueren",
        date(2024, 9, 4),
    ),
    (
        "Ik stuur het beleidskader zo spoedig mogelijk na de zomer aan uw Kamer.",
        "het beleidskader sturen",
        date(2023, 9, 1),
    ),
    (
        "Ik ben voornemens om uw Kamer na de zomer een integrale kabinetsreactie te sturen.",
        "een integrale kabinetsreactie sturen",
        date(2023, 9, 1),
    ),
    (
        "De eerste rapportage wordt na de zomer van dit jaar openbaar gemaakt.",
        "de eerste rapportage openbaar maken",
        date(2023, 9, 1),
    ),
    ("Ik informeer uw Kamer hier in het voorjaar over.", "hierover informeren", date(2024, 3, 1)),
    ("Daarover zal ik uw Kamer te zijner tijd informeren.", "daarover informeren", REF),
    ("De evaluatie ontvangt uw Kamer voor de zomer.", "De evaluatie sturen", REF),
    # a document or its findings that follow or appear at a future time
    (
        "De resultaten van de monitor volgen in het voorjaar.",
        "de resultaten van de monitor sturen",
        date(2024, 3, 1),
    ),
    ("Het eindrapport verschijnt eind dit jaar.", "het eindrapport publiceren", date(2023, 10, 1)),
]


@pytest.mark.parametrize("sentence,promise,start", PROMISES)
def test_promise_with_its_verb_phrase_and_deadline(sentence, promise, start):
    m = _one(sentence)
    assert m.kind == "promise"
    assert m.promise == promise
    assert m.deadline is not None and m.deadline.start == start


def test_promise_without_deadline():
    m = _one("Over de uitkomsten zal ik uw Kamer nader informeren.")
    assert (m.kind, m.promisor, m.addressee, m.deadline) == ("promise", "minister", "Kamer", None)
    assert m.promise == "nader informeren over de uitkomsten"


def test_promise_in_a_subordinate_clause():
    m = _one("Ik werk een plan van aanpak uit, waarover ik u eind dit jaar nader zal informeren.")
    assert (m.kind, m.promise, m.deadline.end) == (
        "promise",
        "nader informeren",
        date(2023, 12, 31),
    )


def test_deadline_span_points_into_the_source():
    text = "Ik zal uw Kamer\nmedio 2024 informeren over de voortgang."
    m = _one(text)
    assert text[m.deadline_span[0] : m.deadline_span[1]] == "medio 2024"
    assert (m.start, m.end) == (0, len(text))


def test_two_promises_in_one_sentence_give_two_mentions():
    found = _mentions(
        "Ik zal het rapport voor de zomer sturen en ik zal de wet eind 2024 evalueren."
    )
    assert [(m.promise, m.deadline.text) for m in found] == [
        ("het rapport sturen", "voor de zomer"),
        ("de wet evalueren", "eind 2024"),
    ]


def test_cabinet_and_named_office_as_promisor():
    assert _one("Het kabinet zal uw Kamer voor de zomer informeren.").promisor == "kabinet"
    m = _one(
        "Ook is dit kabinet voornemens later dit jaar nog een Overhedenoverleg te organiseren."
    )
    assert (m.promisor, m.promise) == ("kabinet", "een Overhedenoverleg organiseren")


def test_eerste_kamer_as_addressee():
    assert _one("Ik zal de Eerste Kamer voor de zomer informeren.").addressee == "Eerste Kamer"


# --- not promises -------------------------------------------------------------------------

NOT_PROMISES = [
    "Ik heb uw Kamer per brief geïnformeerd over de voortgang.",
    "Eerder informeerde ik uw Kamer al over mijn inzet.",
    "De gemeente zal de raad voor de zomer informeren.",
    "De VNG zal het rapport eind 2024 publiceren.",
    "Het is van belang om raden en staten te informeren over de mogelijkheden.",
    "In deze brief informeer ik uw Kamer over mijn inzet.",
    "Ik zal hieronder eerst uiteenzetten welke vraagstukken ik zie.",
    "Daar zal ik me op dit moment dus ook niet op richten.",
    "Ik informeer uw Kamer over het onderzoek.",  # a present tense without a future time
    "Ik wil de VNG om een reactie vragen.",  # a wish without a time
    "Tussentijdse resultaten worden op 4 november 2024 door het PBL gepubliceerd.",
    "Op 1 januari 2023 is de wet in werking getreden.",
    "Het kabinet volgt de ontwikkelingen in de regio dit jaar nauwgezet.",  # no product follows
    "Hieruit volgt dat de gemeenten eind dit jaar meer ruimte krijgen.",
]


@pytest.mark.parametrize("sentence", NOT_PROMISES)
def test_not_a_promise(sentence):
    assert [m for m in _mentions(sentence) if m.kind == "promise"] == []


# --- references, fulfilments, deferrals ---------------------------------------------------


def test_zoals_toegezegd_is_a_reference():
    m = _one("Verder laat ik, zoals toegezegd, onderzoeken of het aantal raadsleden past.")
    assert m.kind == "reference"


def test_registry_number_from_the_footnote():
    text = "Ik besprak het rapport met de verenigingen, zoals toegezegd aan uw Kamer.¹\n\n¹ Toezegging 205057\n"
    m = _one(text)
    assert (m.kind, m.registry_id, m.addressee) == ("reference", "205057", "Kamer")


def test_earlier_promise_in_the_passive_is_a_reference_with_its_recurrence():
    m = _one(
        "In de actieagenda is de Kamer toegezegd jaarlijks te informeren over de voortgang.",
        date(2024, 6, 3),
    )
    assert (m.kind, m.promise, m.addressee) == (
        "reference",
        "informeren over de voortgang",
        "Kamer",
    )
    assert m.deadline.recurring


def test_previous_cabinet_promise_is_a_reference():
    m = _one(
        "In de actieagenda heeft het vorige kabinet toegezegd de Kamer jaarlijks over de voortgang te informeren."
    )
    assert (m.kind, m.promisor) == ("reference", "kabinet")


def test_ek_promise_names_the_eerste_kamer():
    m = _one("Daarmee is ook de EK toegezegd jaarlijks een voortgangsbrief te ontvangen.")
    assert (m.kind, m.addressee) == ("reference", "Eerste Kamer")


def test_toezegging_named_as_a_noun_is_a_reference():
    m = _one(
        "Om aan de toezegging van jaarlijks informeren te voldoen is ingezet op verzending in de eerste helft van 2024."
    )
    assert (m.kind, m.promise) == ("reference", "jaarlijks informeren")


@pytest.mark.parametrize(
    "sentence",
    [
        "Hierbij informeer ik u, zoals toegezegd, over de stand van zaken.",
        "Met deze brief geef ik invulling aan de toezegging om uw Kamer te informeren.",
        "Ik bied u hierbij, conform toezegging, het eerste verslag aan.",
    ],
)
def test_fulfilment(sentence):
    assert _one(sentence).kind == "fulfilment"


@pytest.mark.parametrize(
    "sentence,promise",
    [
        (
            "Het is aan een volgend kabinet om het beleidskader vast te stellen.",
            "het beleidskader vaststellen",
        ),
        (
            "Ik laat het evenwel aan mijn ambtsopvolger om dit advies van kabinetsreactie te voorzien.",
            "dit advies van kabinetsreactie voorzien",
        ),
        (
            "Zoals gezegd, laat ik het aan het volgende kabinet om het advies van een reactie te voorzien.",
            "het advies van een reactie voorzien",
        ),
        (
            "Gelet op de fase is besloten die reactie echter aan het volgend kabinet te laten.",
            "die reactie overlaten aan een volgend kabinet",
        ),
        (
            "De voorbereidingen voor de visie zijn gestart en zie ik als waardevolle input voor een volgend kabinet.",
            "De voorbereidingen voor de visie overlaten aan een volgend kabinet",
        ),
    ],
)
def test_deferral(sentence, promise):
    m = _one(sentence)
    assert (m.kind, m.promise) == ("deferral", promise)


# --- the real letters ---------------------------------------------------------------------


def test_003_promises_with_deadlines(corpus):
    m = _find(
        corpus["003"], "Over de uitkomsten van het onderzoek informeer ik uw Kamer begin 2024"
    )
    assert (m.kind, m.promise, m.object_phrase) == (
        "promise",
        "informeren over de uitkomsten van het onderzoek",
        "de uitkomsten van het onderzoek",
    )
    assert (m.deadline.start, m.deadline.end) == (date(2024, 1, 1), date(2024, 3, 31))
    m = _find(
        corpus["003"], "Eind 2023 informeer ik uw Kamer over de uitvoering van de toezeggingen"
    )
    assert (m.kind, m.deadline.start, m.deadline.end) == (
        "promise",
        date(2023, 10, 1),
        date(2023, 12, 31),
    )
    m = _find(
        corpus["003"],
        "Ik zal uw Kamer medio 2024 over de uitkomsten van deze verkenning informeren",
    )
    assert (m.deadline.start, m.deadline.end) == (date(2024, 5, 1), date(2024, 7, 31))
    m = _find(corpus["003"], "Ik streef ernaar u voor het eind van dit jaar te informeren")
    assert (m.addressee, m.deadline.end) == ("Kamer", date(2023, 12, 31))
    m = _find(corpus["003"], "Ik zal uw Kamer medio volgend jaar informeren")
    assert m.deadline.start == date(2024, 5, 1)


def test_003_reference_with_register_number_from_footnote_18(corpus):
    m = _find(corpus["003"], "zoals toegezegd aan uw Kamer")
    assert (m.kind, m.registry_id) == ("reference", "205057")


def test_003_conform_toezegging_hierbij_is_a_fulfilment(corpus):
    assert _find(corpus["003"], "Ik bied u hierbij, conform toezegging").kind == "fulfilment"


def test_003_past_tense_is_no_promise(corpus):
    assert not [m for m in corpus["003"] if "Ik heb uw Kamer onlangs" in m.text]


def test_001_promises(corpus):
    m = _find(
        corpus["001"], "Ik stuur het beleidskader zo spoedig mogelijk na de zomer aan uw Kamer"
    )
    assert (m.kind, m.promise, m.object_phrase, m.addressee) == (
        "promise",
        "het beleidskader sturen",
        "het beleidskader",
        "Kamer",
    )
    assert m.deadline.start == date(2025, 9, 1)
    m = _find(corpus["001"], "waarover ik u eind dit jaar nader zal informeren")
    assert (m.kind, m.deadline.start, m.deadline.end) == (
        "promise",
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    m = _find(
        corpus["001"],
        "Ik ben voornemens om uw Kamer na de zomer een integrale kabinetsreactie te sturen",
    )
    assert m.object_phrase == "een integrale kabinetsreactie"
    m = _find(corpus["001"], "De eerste rapportage wordt na de zomer van dit jaar openbaar gemaakt")
    assert (m.kind, m.deadline.start) == ("promise", date(2025, 9, 1))


def test_001_footnote_zoals_toegezegd_makes_the_letter_a_fulfilment(corpus):
    assert (
        _find(corpus["001"], "In deze brief informeer ik uw Kamer over mijn inzet").kind
        == "fulfilment"
    )


def test_001_previous_cabinet_promise_and_deferral(corpus):
    assert _find(corpus["001"], "heeft het vorige kabinet toegezegd").kind == "reference"
    assert _find(corpus["001"], "input voor een volgend kabinet").kind == "deferral"


def test_002_deferrals(corpus):
    deferrals = [m for m in corpus["002"] if m.kind == "deferral"]
    assert _find(deferrals, "laat ik het aan het volgende kabinet")
    assert (
        _find(deferrals, "Ik laat het evenwel aan mijn ambtsopvolger").promise
        == "dit advies van kabinetsreactie voorzien"
    )
    assert _find(deferrals, "Het is aan een volgend kabinet om het beleidskader vast te stellen")
    assert _find(deferrals, "Het is aan het volgende kabinet om uw Kamer over de resultaten")
    assert len(deferrals) >= 5


def test_004_promises(corpus):
    m = _find(
        corpus["004"], "verwacht uw Kamer daar aan medio 2023 het resultaat van te kunnen sturen"
    )
    assert (m.kind, m.deadline.start) == ("promise", date(2023, 5, 1))
    m = _find(corpus["004"], "Over een jaar zal ik de UDO")
    assert (m.promise, m.deadline.start) == ("de UDO evalueren", date(2024, 1, 1))
    m = _find(corpus["004"], "Over de voortgang en inzichten zal ik uw Kamer jaarlijks informeren")
    assert m.deadline.recurring and m.deadline.start == date(2024, 1, 1)


def test_000_nota_references(corpus):
    kinds = [m.kind for m in corpus["000"]]
    assert kinds.count("reference") >= 4 and kinds.count("deferral") >= 1
    assert _find(corpus["000"], "is de Kamer toegezegd jaarlijks").deadline.recurring


def test_verb_closing_the_clause_after_a_noun_in_e_is_the_promise():
    (found,) = _mentions(
        "In overleg met de verenigingen zal ik een reactie formuleren op de aanbevelingen."
    )
    assert found.promise.startswith("een reactie formuleren")


def test_noun_in_en_after_an_adjective_is_not_the_verb():
    (found,) = _mentions("Ik zal met de grote gemeenten spreken over de uitvoering.")
    assert found.promise.startswith("spreken")  # the verb, not "gemeenten"


def test_writer_as_one_of_several_subjects_promises():
    (found,) = _mentions(
        "Deze zullen de koepels van decentrale overheden en ik namens het kabinet op korte termijn ondertekenen."
    )
    assert found.kind == "promise" and "ondertekenen" in found.promise
    assert found.deadline.text == "op korte termijn"


# --- found probing unseen letters -----------------------------------------------------------


def test_a_second_clause_without_its_own_subject_is_the_opening_subjects_promise():
    m = _one(
        "Het kabinet neemt de aanbeveling niet over, maar zal de Kamer in het eerste kwartaal "
        "van 2024 over de gevolgen informeren."
    )
    assert (m.kind, m.promisor, m.promise) == ("promise", "kabinet", "informeren over de gevolgen")
    assert (m.deadline.start, m.deadline.end) == (date(2024, 1, 1), date(2024, 3, 31))
    m = _one("Ik deel die zorg en zal uw Kamer voor het einde van dit jaar een voorstel sturen.")
    assert (m.promisor, m.deadline.end) == ("minister", date(2023, 12, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "De provincie onderzoekt de kosten en zal de raad voor de zomer informeren.",
        "Het IPO heeft een plan, maar zal dat pas eind 2024 publiceren.",
        "De VNG en het IPO stellen een plan op en zullen dat eind 2024 publiceren.",
    ],
)
def test_a_second_clause_of_someone_else_is_no_promise(sentence):
    assert [m for m in _mentions(sentence) if m.kind == "promise"] == []


def test_a_finite_verb_before_a_clause_with_zal_is_no_promise_of_its_own():
    found = _mentions(
        "Ik deel die zorg en zal uw Kamer voor het einde van dit jaar een voorstel sturen."
    )
    assert [m.promise for m in found] == ["een voorstel sturen"]


@pytest.mark.parametrize(
    "sentence, promise, deadline",
    [
        (
            "Wij zullen uw Kamer voor 1 december 2023 over de verdeling informeren.",
            "informeren over de verdeling",
            "voor 1 december 2023",
        ),
        ("Eind dit jaar sturen wij uw Kamer de evaluatie.", "de evaluatie sturen", "Eind dit jaar"),
        (
            "De staatssecretaris en ik zullen de Kamer na de zomer een voorstel sturen.",
            "een voorstel sturen",
            "na de zomer",
        ),
    ],
)
def test_a_letter_signed_by_two_promises_as_wij(sentence, promise, deadline):
    m = _one(sentence)
    assert (m.kind, m.promisor, m.promise, m.deadline.text) == (
        "promise",
        "minister",
        promise,
        deadline,
    )


def test_wij_in_the_present_without_a_time_is_no_promise():
    assert _mentions("Wij informeren uw Kamer over de voortgang.") == []


# --- The genre's forms beyond the seeds (issue #10) -------------------------------------------
def test_real_promise_with_a_deadline_at_the_end_of_the_recess():
    # https://zoek.officielebekendmakingen.nl/kst-35165-9.html (Den Haag, 14 juni 2019)
    text = (
        "Nog niet alle onderzoeken naar de Europees Parlementsverkiezing konden in dit tijdsbestek "
        "worden afgerond. Deze zal ik uiterlijk voor het einde van het zomerreces aan uw Kamer zenden."
    )
    (m,) = _mentions(text, date(2019, 6, 14))
    assert (m.kind, m.promisor, m.promise) == ("promise", "minister", "zenden")
    assert (m.deadline.text, m.deadline.end) == (
        "uiterlijk voor het einde van het zomerreces",
        date(2019, 8, 31),
    )


def test_real_request_of_a_member_is_no_commitment():
    # https://zoek.officielebekendmakingen.nl/h-tk-20162017-69-22.html (a member asks for a letter)
    text = (
        "Dat is natuurlijk prachtig, maar wij willen dat de minister voor het debat een officiële "
        "brief naar de Kamer stuurt waarin staat wat hij gaat doen met de aanbevelingen."
    )
    assert _mentions(text, date(2017, 1, 24)) == []


@pytest.mark.parametrize(
    "text, deadline, end",
    [
        (
            "Ik zal uw Kamer bij de begroting 2025 over de uitkomsten informeren.",
            "bij de begroting 2025",
            date(2024, 9, 21),
        ),
        (
            "Ik zal de Kamer voor het commissiedebat een brief sturen.",
            "voor het commissiedebat",
            None,
        ),
        (
            "Ik zal uw Kamer voor het kerstreces informeren.",
            "voor het kerstreces",
            date(2023, 12, 19),
        ),
        (
            "Ik ben voornemens uw Kamer in oktober 2024 te informeren.",
            "in oktober 2024",
            date(2024, 10, 31),
        ),
    ],
)
def test_promise_in_each_deadline_register(text, deadline, end):
    (m,) = _mentions(text)
    assert (m.kind, m.deadline.text, m.deadline.end) == ("promise", deadline, end)


# Requests refused are not commitments; a promise after `maar`, `wel` or `en zal` still is.
@pytest.mark.parametrize(
    "text",
    [
        "Ik zie geen aanleiding om uw Kamer voor de zomer opnieuw te informeren.",
        "Ik ben niet voornemens de regeling voor het kerstreces te wijzigen.",
        "Ik kan niet toezeggen dat ik uw Kamer voor de zomer zal informeren.",
        "Een evaluatie voor de zomer zeg ik niet toe.",
        "Ik kan niet beloven dat ik de Kamer voor het kerstreces zal informeren.",
        "De motie wordt ontraden.",
        "Ik acht het niet opportuun om uw Kamer voor de zomer te informeren.",
    ],
)
def test_refused_request_is_no_commitment(text):
    assert _mentions(text) == []


@pytest.mark.parametrize(
    "text, promise",
    [
        (
            "Ik ontraad deze motie, maar ik zal uw Kamer voor de zomer over de evaluatie informeren.",
            "informeren over de evaluatie",
        ),
        (
            "Ik zie geen aanleiding om dat te doen; wel zal ik uw Kamer voor het kerstreces informeren.",
            "informeren",
        ),
        (
            "Het kabinet ziet geen reden om de regeling te wijzigen en zal de Kamer voor de zomer over de evaluatie informeren.",
            "informeren over de evaluatie",
        ),
    ],
)
def test_promise_after_a_refusal_still_counts(text, promise):
    (m,) = _mentions(text)
    assert (m.kind, m.promise) == ("promise", promise)
