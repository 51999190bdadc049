"""Who signs, and so who promises: each bewindspersoon's name, office, portfolio and ministry,
in the signature layouts of the genre; and in the built graph the promise's bg:promisor is the
signatory in the office the promise names, not the word `minister`."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build_dataset, union_graph
from bestuursgraaf.graph.extract.metadata import extract_metadata, extract_signatories
from bestuursgraaf.graph.namespaces import BG
from bestuursgraaf.graph.segment import segment
from rdflib import Literal
from rdflib.namespace import FOAF, ORG, RDFS

UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"


def _signed(text: str):
    return [
        (s.name, s.office, s.portfolio, s.ministry)
        for s in extract_signatories(segment(text).clean)
    ]


def test_real_signature_of_a_state_secretary():
    # tests/data/unseen/brief_ek_verslag_wgr.txt, a real letter to the Eerste Kamer
    text = (UNSEEN / "brief_ek_verslag_wgr.txt").read_text(encoding="utf-8")
    assert _signed(text) == [
        (
            "Z.C.J. Szabó",
            "staatssecretaris",
            "Binnenlandse Zaken en Koninkrijksrelaties",
            "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        )
    ]


@pytest.mark.parametrize(
    "signature, expected",
    [
        (  # a portfolio with a comma in it
            "De Minister van Onderwijs, Cultuur en Wetenschap,\n\nR.H. Dijkgraaf\n",
            [
                (
                    "R.H. Dijkgraaf",
                    "minister",
                    "Onderwijs, Cultuur en Wetenschap",
                    "Ministerie van Onderwijs, Cultuur en Wetenschap",
                )
            ],
        ),
        (  # a minister without a ministry of their own: the gazetteer files the portfolio under one
            "De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,\nL.J. Schreinemacher\n",
            [
                (
                    "L.J. Schreinemacher",
                    "minister",
                    "Buitenlandse Handel en Ontwikkelingssamenwerking",
                    "Ministerie van Buitenlandse Zaken",
                )
            ],
        ),
        (  # a portfolio no gazetteer knows: office and portfolio, no ministry guessed
            "De Minister voor Langdurige Zorg, Jeugd en Sport,\nC. Helder\n",
            [("C. Helder", "minister", "Langdurige Zorg, Jeugd en Sport", None)],
        ),
        (  # two signers, each with their own office
            (
                "De Minister van Justitie en Veiligheid,\nD.M. van Weel\n\n"
                "De Staatssecretaris van Justitie en Veiligheid,\nT.H.D. Struycken\n"
            ),
            [
                (
                    "D.M. van Weel",
                    "minister",
                    "Justitie en Veiligheid",
                    "Ministerie van Justitie en Veiligheid",
                ),
                (
                    "T.H.D. Struycken",
                    "staatssecretaris",
                    "Justitie en Veiligheid",
                    "Ministerie van Justitie en Veiligheid",
                ),
            ],
        ),
        (
            "De Minister-President, Minister van Algemene Zaken,\nM. Rutte\n",
            [("M. Rutte", "minister-president", "Algemene Zaken", "Ministerie van Algemene Zaken")],
        ),
    ],
)
def test_signature_layouts(signature, expected):
    assert _signed("Geachte voorzitter,\n\nIk informeer u.\n\n" + signature) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De minister van Financiën,\nzo blijkt uit de brief, is akkoord.\n",  # prose, not a name
        "De minister van Financiën heeft besloten.\nGeachte voorzitter,\n",
    ],
)
def test_prose_about_a_minister_is_no_signature(text):
    assert _signed(text) == []


def test_a_comma_in_the_portfolio_no_longer_hides_the_signatory():
    md = extract_metadata(
        segment(
            "Geachte voorzitter,\n\nDe Minister van Onderwijs, Cultuur en Wetenschap,\n\nR.H. Dijkgraaf\n"
        ).clean
    )
    assert md.signatory.value == "R.H. Dijkgraaf"


LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Datum 3 juni 2024
Betreft Voortgang strafrechtketen

Geachte voorzitter,

De staatssecretaris zal uw Kamer voor de zomer over de uitkomsten van de verkenning informeren.

De Minister van Justitie en Veiligheid,

D.M. van Weel

De Staatssecretaris van Justitie en Veiligheid,

T.H.D. Struycken
"""


def test_the_promisor_is_the_state_secretary_who_signs(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief_strafrechtketen.txt").write_text(LETTER, encoding="utf-8")
    graph = union_graph(build_dataset(corpus))
    promisors = {
        graph.value(c, BG.promisor)
        for c in graph.subjects(BG.promisorRole, Literal("staatssecretaris"))
    }
    assert len(promisors) == 1
    (person,) = promisors
    assert graph.value(person, FOAF.name) == Literal("T.H.D. Struycken")
    assert graph.value(person, BG.office) == Literal("staatssecretaris")
    ministry = graph.value(person, ORG.memberOf)
    assert graph.value(ministry, RDFS.label) == Literal("Ministerie van Justitie en Veiligheid")


def test_vague_deadline_and_organisation_kind_are_in_the_graph(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letter = LETTER.replace(
        "De staatssecretaris zal uw Kamer voor de zomer over de uitkomsten van de verkenning informeren.",
        "Het Kennisinstituut voor Mobiliteitsbeleid (KiM) heeft de verkenning gedaan. Ik zal uw Kamer "
        "voor het commissiedebat over de uitkomsten informeren.",
    )
    (corpus / "brief_kim.txt").write_text(letter, encoding="utf-8")
    graph = union_graph(build_dataset(corpus))
    (commitment,) = graph.subjects(BG.deadlineText, Literal("voor het commissiedebat"))
    assert graph.value(commitment, BG.deadlinePrecision) == Literal("event")
    assert graph.value(commitment, BG.deadlineEnd) is None
    (kim,) = graph.subjects(RDFS.label, Literal("Kennisinstituut voor Mobiliteitsbeleid"))
    assert graph.value(kim, BG.organisationKind) == Literal("research_institute")
