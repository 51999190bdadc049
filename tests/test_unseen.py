"""Documents that are not in the bundled corpus, written for these tests in the genre's style
(tests/data/unseen/): two published motions, a letter published as a Kamerstuk with Markdown
footnotes, a cabinet reaction to a ROB advice to the Eerste Kamer with `(1)` notes listed under
"Noten", and a letter with numbered sections whose footnote markers are HTML `<sup>N</sup>` and
whose bodies stand at the page foot. None of these footnote forms is in the seed letters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bestuursgraaf.graph.build import build, union_graph
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.queries import load_query
from bestuursgraaf.graph.read import DocumentError
from bestuursgraaf.graph.store import EmbeddedStore
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, XSD

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen_graph(tmp_path_factory, corpus_dir) -> Path:
    corpus = tmp_path_factory.mktemp("unseen") / "corpus"
    shutil.copytree(corpus_dir, corpus)
    for path in UNSEEN.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    out = corpus.parent / "graph.nq"
    build(corpus, out)  # validates against the shapes; raises if the graph does not conform
    return out


@pytest.fixture(scope="module")
def store(unseen_graph) -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_file(unseen_graph)
    return store


def rows(store, name, **params):
    return store.select(load_query(name).bind(params)).rows


def test_published_motion_is_its_kamerstuk_with_submitters_date_and_request(unseen_graph):
    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    motion = Minter().kamerstuk("kst-33047-41")
    assert (motion, RDF.type, BG.Motion) in graph
    assert (motion, BG.dateProposed, Literal("2024-11-14", datatype=XSD.date)) in graph
    request = str(graph.value(motion, BG.requestText))
    assert request.startswith(
        "het beleidskader decentraal bestuur ook toe te passen op bestaande taken"
    )
    assert (motion, BG.requestDeadlineEnd, Literal("2025-06-30", datatype=XSD.date)) in graph
    submitters = {str(person).rsplit("/", 1)[-1] for person in graph.objects(motion, BG.submitter)}
    assert submitters == {"van-der-meer", "de-boer"}


def test_letter_mentioning_the_motion_reaches_the_same_node_and_fulfils_it(store):
    motions = {r["motion"]: r for r in rows(store, "motions")}
    row = motions["kst-33047-41"]
    assert row["date"] == "2024-11-14" and row["request"].startswith("het beleidskader")
    assert {d.rsplit("/", 1)[1] for d in row["documents"].split()} == {
        "motie_33047_41",
        "brief_regio",
    }
    links = [r for r in rows(store, "motions-by-action") if r["motion"] == "kst-33047-41"]
    assert [r["relation"] for r in links] == ["fulfils"]
    assert "beleidskader" in links[0]["action_title"].lower()


def test_letter_published_as_kamerstuk_identifies_itself(store):
    documents = {r["document"].rsplit("/", 1)[1]: r for r in rows(store, "documents")}
    assert documents["brief_regio"]["type"] == "Kamerbrief"
    assert documents["brief_regio"]["date"] == "2026-03-03"
    assert documents["brief_regio"]["title"].startswith("BRIEF VAN DE MINISTER")
    kst = store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT ?k WHERE { "
        "<https://w3id.org/bestuursgraaf/id/doc/brief_regio> bg:publishedAs/bg:kstId ?k }"
    ).rows
    assert [r["k"] for r in kst] == ["kst-33047-45"]


def test_markdown_footnotes_carry_the_citations(store):
    cited = [
        (r["kamerstuk"], r["footnote"])
        for r in rows(store, "citations")
        if r["document"].endswith("brief_regio")
    ]
    assert cited == [("kst-33047-38", "1"), ("kst-33047-41", "2")]


def test_entities_and_commitment_of_the_unseen_letter(store):
    def labels(name):
        return {r["label"] for r in rows(store, name) if r["document"].endswith("brief_regio")}

    assert {
        "Vereniging van Nederlandse Gemeenten",
        "Interprovinciaal Overleg",
        "Raad van State",
    } <= labels("organisations")
    assert any("Regio Deal" in label for label in labels("regional-collaborations"))
    assert {"Gemeentewet", "Wet gemeenschappelijke regelingen"} <= labels("laws")
    promises = [r for r in rows(store, "commitments") if r["document"].endswith("brief_regio")]
    assert any(
        r["deadline_text"] == "medio 2026" and r["deadline"] == "2026-05-01/2026-07-31"
        for r in promises
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary\x00" * 40, "binary file"),
        (
            (
                b"Dear Speaker, with this letter I inform the House of Representatives about the progress "
                b"of the action agenda for strong public administration and the cooperation between the "
                b"national government, the provinces, the municipalities and the water boards in the regions."
            ),
            "another language",
        ),
    ],
)
def test_unreadable_document_stops_the_build_with_no_partial_graph(
    tmp_path, corpus_dir, content, message
):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "zz_bad.txt").write_bytes(content)
    out = tmp_path / "graph.nq"
    with pytest.raises(DocumentError, match=message):
        build(corpus, out)
    assert not out.exists() and not list(tmp_path.glob(".graph.nq.*"))


def test_a_province_named_in_an_unseen_letter_links_to_tooi(unseen_graph):
    from rdflib import URIRef
    from rdflib.namespace import OWL

    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    gelderland = Minter().thing("organisatie", "provincie-gelderland")
    assert (
        gelderland,
        OWL.sameAs,
        URIRef("https://identifier.overheid.nl/tooi/id/provincie/pv25"),
    ) in graph


# --- the cabinet reaction to a ROB advice, the motion on water boards and the letter answering it ---

ROB = "kabinetsreactie_rob_provincies"
WATER = "brief_kostentoedeling_waterschappen"
MOTION = "motie_36600VII_23"


def of(store, name, document):
    return [r for r in rows(store, name) if r["document"].endswith("/" + document)]


def test_motion_with_three_submitters_and_a_deadline_in_its_dictum(unseen_graph):
    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    motion = Minter().kamerstuk("kst-36600-VII-23")
    assert (motion, RDF.type, BG.Motion) in graph
    assert (motion, BG.dateProposed, Literal("2024-11-14", datatype=XSD.date)) in graph
    submitters = {str(person).rsplit("/", 1)[-1] for person in graph.objects(motion, BG.submitter)}
    assert submitters == {"van-der-werf", "sneep", "van-baarle"}
    request = str(graph.value(motion, BG.requestText))
    assert request.startswith(
        "samen met de Unie van Waterschappen en de provincies de kostentoedeling"
    )
    assert (motion, BG.requestDeadlineEnd, Literal("2025-04-01", datatype=XSD.date)) in graph
    doc = Minter().document(MOTION)
    assert (doc, BG.publishedAs, motion) in graph
    assert list(graph.objects(doc, BG.hasSection)) == []  # the signatures are no sections


def test_letter_answering_the_motion_reaches_it_through_its_sup_footnote(store):
    cited = [(r["kamerstuk"], r["footnote"]) for r in of(store, "citations", WATER)]
    assert cited == [
        ("kst-36600-VII-23", "1"),
        ("kst-31142-3", "3"),
        ("kst-36410-XII-8", "4"),
        ("kst-27625-650", "4"),
        ("kst-27625-671", "5"),
    ]
    motion = {r["motion"]: r for r in rows(store, "motions")}["kst-36600-VII-23"]
    assert {d.rsplit("/", 1)[1] for d in motion["documents"].split()} == {MOTION, WATER}
    assert "Van der Werf (D66)" in motion["submitters"] and "Sneep (BBB)" in motion["submitters"]
    links = [r for r in rows(store, "motions-by-action") if r["motion"] == "kst-36600-VII-23"]
    assert [r["relation"] for r in links] == ["fulfils"]


def test_parenthesised_notes_carry_citations_and_motions_their_kst_ids(store):
    cited = [(r["kamerstuk"], r["footnote"]) for r in of(store, "citations", ROB)]
    assert cited == [
        ("kst-36200-VII-L", "2"),
        ("kst-36410-B-5", "3"),
        (None, "4"),  # Handelingen II 2023/24, nr. 45, item 12: not a Kamerstuk
        ("kst-36410-C-7", "4"),
        ("kst-36410-B-14", "5"),
        ("kst-36600-B-9", "6"),
    ]
    motions = {r["label"]: r["motion"] for r in rows(store, "motions") if ROB in r["documents"]}
    assert motions == {
        "motie-Bikker": "kst-36410-B-5",
        "motie-Kuiken/Dassen": "kst-36410-B-14",
        "motie-Van der Plas": "kst-36600-B-9",
    }


def test_letterheads_give_title_date_and_kenmerk(store, unseen_graph):
    documents = {r["document"].rsplit("/", 1)[1]: r for r in rows(store, "documents")}
    assert documents[ROB]["title"] == (
        "Kabinetsreactie op het advies 'Ruimte voor de provincie' van de Raad voor het Openbaar Bestuur"
    )
    assert (documents[ROB]["date"], documents[ROB]["type"]) == ("2024-11-21", "Kamerbrief")
    assert (documents[WATER]["title"], documents[WATER]["date"]) == (
        "Evaluatie kostentoedeling waterschappen",
        "2025-03-12",
    )
    graph = union_graph(Dataset().parse(unseen_graph, format="nquads"))
    assert str(graph.value(Minter().document(WATER), BG.kenmerk)) == "IENW/BSK-2025/61234"


def test_promises_with_their_deadline_intervals(store):
    def deadlines(document):
        return {
            r["deadline_text"]: (r["deadline"], r["promisor"], r["text"])
            for r in of(store, "commitments", document)
        }

    rob = deadlines(ROB)
    assert rob["voor 1 januari 2025"][0] == "2024-11-21/2024-12-31"
    assert rob["uiterlijk in het derde kwartaal van 2025"][:2] == (
        "2024-11-21/2025-09-30",
        "kabinet",
    )
    assert rob["voor het zomerreces"][0] == "2024-11-21/2025-06-30"
    assert (
        rob["voor het zomerreces"][2]
        == "Over de uitwerking daarvan stuur ik de Kamer voor het zomerreces een brief."
    )
    water = deadlines(WATER)
    assert water["voor 1 oktober 2025"][0] == "2025-03-12/2025-09-30"
    assert "<sup>" not in water["voor 1 oktober 2025"][2]


def test_entities_of_the_new_letters(store):
    def labels(name, document):
        return {r["label"] for r in of(store, name, document)}

    collaborations = labels("regional-collaborations", ROB)
    assert {
        "Regio Deal Noordoost-Friesland",
        "Omgevingsdienst Groningen",
        "gemeenschappelijke regeling",
    } <= collaborations
    assert {
        "Financiële-verhoudingswet, artikel 12",
        "Financiële-verhoudingswet, artikel 2",
        "Grondwet, artikel 132",
        "Grondwet, artikel 124",
    } <= labels("laws", ROB)
    assert "Waterschapswet, artikel 120" in labels("laws", WATER)
    organisations = labels("organisations", ROB) | labels("organisations", WATER)
    assert {
        "Raad voor het Openbaar Bestuur",
        "Eerste Kamer",
        "Ministerie van Financiën",
        "Technische Universiteit Delft",
    } <= organisations
    assert not any("Kenmerk" in label for label in organisations)
    persons = labels("persons", ROB)
    assert {"J.J.M. Uitermark", "J.A. Veldkamp", "P.R. Hoekstra", "Bikker"} <= persons
    assert not any("Noten" in label for label in persons)
    assert "Waterschapsspiegel 2024" in labels("advisory-reports", WATER)
    assert "Ruimte voor de provincie" in labels("advisory-reports", ROB)
    assert "Voorlichting over bekostiging van waterschappen" in labels("advisory-reports", MOTION)


def test_a_corpus_without_the_seed_letters_builds_and_the_curated_links_are_not_applied(tmp_path):
    """The curated links name seed letters; a corpus of other letters builds a valid graph
    without them, and the build says which rows it did not apply."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in UNSEEN.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    said: list[str] = []
    out = tmp_path / "graph.nq"
    build(corpus, out, progress=said.append)
    assert out.stat().st_size > 0
    assert any("not applied" in line and "curated/action_links.csv" in line for line in said)


def test_signatory_and_surname_are_one_person_in_each_letter(store):
    persons = rows(store, "persons")
    per_doc = [(r["id"], r["document"]) for r in persons]
    assert len(per_doc) == len(set(per_doc))
    ids = {r["id"].rsplit("/", 1)[-1] for r in persons}
    assert {"uitermark", "madlener"} <= ids
    assert not ids & {"j-j-m-uitermark", "b-madlener", "j-de-vries"}


def test_a_dated_advice_and_its_undated_mention_are_one_report(store):
    reports = [
        r["id"]
        for r in rows(store, "advisory-reports")
        if r["document"].endswith("kabinetsreactie_rob_provincies")
    ]
    assert [i for i in reports if "ruimte-voor-de-provincie" in i] == [
        "https://w3id.org/bestuursgraaf/id/rapport/raad-voor-het-openbaar-bestuur-2024-ruimte-voor-de-provincie"
    ]


def test_herindeling_letter_names_its_municipalities_water_boards_and_joint_bodies(store):
    def keys(name):
        return {
            r["id"].rsplit("/", 1)[-1]
            for r in rows(store, name)
            if r["document"].endswith("/brief_herindeling_veluwe")
        }

    organisations = keys("organisations")
    assert {"gemeente-hattem", "gemeente-heerde", "gemeente-oldebroek"} <= organisations
    assert {"waterschap-vallei-en-veluwe", "waterschap-drents-overijsselse-delta"} <= organisations
    assert {"provincie-gelderland", "kiesraad"} <= organisations
    collaborations = keys("regional-collaborations")
    assert {
        "veiligheidsregio-noord-en-oost-gelderland",
        "omgevingsdienst-noord-veluwe",
        "regio-noord-veluwe",
        "regio-zwolle",
    } <= collaborations
    laws = keys("laws")
    assert {"wet-algemene-regels-herindeling-art-8", "waterschapswet"} <= laws
    assert "kst-28750-65" in {
        r["kamerstuk"].rsplit("/", 1)[-1]
        for r in rows(store, "citations")
        if r["document"].endswith("/brief_herindeling_veluwe")
    }


def test_letter_to_the_senate_with_bracketed_citations_and_no_footnotes(store):
    def here(name):
        return [
            r
            for r in rows(store, name)
            if (r.get("document") or r.get("documents") or "").find("/brief_ek_verslag_wgr") >= 0
        ]

    cited = {r["kamerstuk"].rsplit("/", 1)[-1] for r in here("citations")}
    assert {"kst-36355-B", "kst-36355-2", "kst-35500-AB", "kst-36355-11"} <= cited
    motions = {r["motion"].rsplit("/", 1)[-1]: r["label"] for r in here("motions")}
    assert motions == {"kst-35500-AB": "motie-Kox"}
    persons = {r["id"].rsplit("/", 1)[-1] for r in here("persons")}
    assert {"kox", "szabo", "van-der-plas"} <= persons
    organisations = {r["id"].rsplit("/", 1)[-1] for r in here("organisations")}
    assert {"vereniging-van-nederlandse-gemeenten", "raad-van-state", "vvd"} <= organisations
    laws = {r["id"].rsplit("/", 1)[-1] for r in here("laws")}
    assert {"wet-personenvervoer-2000", "wet-gemeenschappelijke-regelingen-art-35"} <= laws


def test_the_advice_the_senate_letter_names_has_its_body_and_year(store):
    reports = [
        r["id"].rsplit("/", 1)[-1]
        for r in rows(store, "advisory-reports")
        if r["document"].endswith("/brief_ek_verslag_wgr")
    ]
    assert reports == [
        "raad-voor-het-openbaar-bestuur-2023-regionaal-samenwerken-met-raad-en-ruggespraak"
    ]
