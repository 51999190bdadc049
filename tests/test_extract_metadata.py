"""Metadata a letter states about itself: the letterhead fields and the signature."""

from __future__ import annotations

from bestuursgraaf.graph.extract.metadata import extract_metadata


def test_subject_does_not_run_into_the_next_letterhead_field():
    head = (
        "Datum 2 februari 2024\n"
        "Betreft Voortgang van de herindeling in Zeeland\n"
        "Ons kenmerk 2024-0000098765\n\n"
        "Geachte voorzitter,\n\nHierbij ontvangt u de stand van zaken.\n"
    )
    meta = extract_metadata(head)
    assert meta.title.value == "Voortgang van de herindeling in Zeeland"
    assert meta.kenmerk.value == "2024-0000098765"
    assert meta.date.value == "2024-02-02"


def test_a_subject_wrapped_over_two_lines_is_kept_whole():
    meta = extract_metadata(
        "Betreft Reactie op het advies over de bekostiging\nvan de veiligheidsregio's\n\nGeachte voorzitter,"
    )
    assert meta.title.value == "Reactie op het advies over de bekostiging van de veiligheidsregio's"


def test_signatory_is_the_name_line_only():
    text = (
        "Met vriendelijke groet,\n\nDe staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,\n\n"
        "A.C. de Wit\n\nBijlagen\n"
    )
    meta = extract_metadata(text)
    assert meta.signatory.value == "A.C. de Wit"
    assert (
        meta.signatory_role.value
        == "staatssecretaris van binnenlandse zaken en koninkrijksrelaties"
    )


def test_letterhead_fields_written_with_a_colon():
    head = (
        "Datum: 7 oktober 2024\nOnderwerp: Toekomst van de veiligheidsregio's\n"
        "Kenmerk: 2024-0000555111\n\nGeachte voorzitter,\n"
    )
    meta = extract_metadata(head)
    assert (meta.date.value, meta.title.value, meta.kenmerk.value) == (
        "2024-10-07",
        "Toekomst van de veiligheidsregio's",
        "2024-0000555111",
    )


def test_onderwerp_without_a_colon_is_running_text():
    assert (
        extract_metadata("Geachte voorzitter,\n\nOnderwerp van gesprek was de begroting.\n").title
        is None
    )


def test_plain_dates_read_directly_as_dateparser_reads_them():
    import dateparser
    from bestuursgraaf.graph.extract.metadata import parse_dutch_date

    forms = [
        f"{day} {month} {year}"
        for year in (1899, 2024, 2199)
        for month in ("januari", "Februari", "APRIL", "december")
        for day in (0, 1, 29, 30, 31, 32)
    ] + ["07 maart 2023", "1 mei 1799", "1 mei 2200", "4 sept. 2023"]
    for text in forms:
        parsed = dateparser.parse(text, languages=["nl"], settings={"STRICT_PARSING": True})
        assert parse_dutch_date(text) == (parsed.date() if parsed else None), text
