"""Connecting the letters in time, on the real corpus: the same action across letters, the steps
of a promise, overdue commitments on a given day."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import date

import pytest
from bestuursgraaf.graph.cli import main
from bestuursgraaf.graph.letter_dates import in_time_order
from bestuursgraaf.graph.queries import load_query
from bestuursgraaf.graph.trace import (
    CuratedLinksError,
    is_the_promised_letter,
    read_curated_links,
    same_action,
    same_action_by_title,
    same_reaction,
    unapplied_curated_links,
)

BELEIDSKADER = "beleidskader-decentraal-bestuur"
LETTERS = [
    "004_6c88505460917616",
    "003_716a83a6eb3f8840",
    "002_8e66f98fee8945c9",
    "001_4ecc82ebad1aebf7",
]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("beleidskader-decentraal-bestuur", "beleidskader-decentraal-bestuur", True),
        ("onderzoek-budgetten-rekenkamers", "onderzoek-omvang-budgetten-rekenkamers-griffie", True),
        ("onderzoek-besteding-budgetten", "onderzoek-omvang-budgetten-rekenkamers-griffie", True),
        ("onderzoek-budgetten-rekenkamers", "onderzoek-aantal-volksvertegenwoordigers", False),
        ("handreiking-enqueterecht", "handreiking-juridische-kwaliteit", False),
        ("visie-regio", "regio-deals", False),  # a shared word is not the same head
        # study nouns are one head class: a "verkenning" announced is an "onderzoek" reported
        (
            "onderzoek-aantal-decentrale-volksvertegenwoordigers",
            "verkenning-huidige-aantal-wettelijk-vastgelegde-volksvertegenwoordigers",
            True,
        ),
        (
            "verkenning-extra-ondersteuning-griffies",
            "onderzoek-aantal-decentrale-volksvertegenwoordigers",
            False,
        ),
        ("onderzoek-aantal-wethouders", "handreiking-aantal-wethouders", False),  # another class
        # letters are one head class; progress letters are a series, whether or not they name it
        (
            "kamerbrief-voortgang-actieagenda-sterk-bestuur",
            "voortgangsrapportage-actieagenda-sterk-bestuur-2023-2024",
            True,
        ),
        (
            "brief-voortgang-brief-genoemde-acties",
            "kamerbrief-voortgang-actieagenda-sterk-bestuur",
            True,
        ),
        # a listed compound (`voortgangsrapportage`) is a progress letter too, and `inzichten` names none
        ("voortgangsrapportage-actieagenda-2023-2024", "brief-voortgang-inzichten", True),
        ("voortgangsrapportage-actieagenda", "rapportage-klachten-burgers", False),
        (
            "voortgangsbrief-actieagenda-sterk-bestuur",
            "voortgangsbrief-programma-weerbaar-bestuur",
            False,
        ),
        (
            "brief-uitvoering-toezeggingen-plenaire-behandeling",
            "kamerbrief-voortgang-actieagenda",
            False,
        ),
        # reactions: a "kabinetsreactie" is a "reactie"
        ("reactie-voorlichting-raad-state", "kabinetsreactie-voorlichting-raad-state", True),
        ("reactie-voorlichting-raad-state", "kabinetsreactie-advies-afrekenen-disbalans", False),
        # compounds: a compound head holds the other's head, a compound word holds another word
        ("samenwerkingsplatform-sociaal-domein", "platform-sociaal-domein", True),
        ("samenwerkingsplatform-sociaal-domein", "platform-plek", False),
        (
            "afwegingskader-burgemeestersbevoegdheden",
            "afwegingskader-bevoegdheden-burgemeester",
            True,
        ),
        ("afwegingskader-burgemeestersbevoegdheden", "afwegingskader-taken-provincies", False),
        ("wetsvoorstel-raadsleden", "wetsvoorstel-raad-state", False),  # short parts do not count
        # a head that is a name of its own (no cue lists it as a kind of work) is the action
        (
            "medeondertekening-wetten-gemeenten-provincies",
            "medeondertekening-handelingsperspectief",
            True,
        ),
        ("herindeling-gemeenten-friesland", "herindeling-gemeenten-drenthe", True),
        (
            "handreiking-wetten-gemeenten",
            "handreiking-handelingsperspectief",
            False,
        ),  # a kind of work
        # an infinitive heads many pieces of work: it is no name
        (
            "verzamelen-inzichten-interbestuurlijke-samenwerkingsstructuren",
            "verzamelen-inzichten-uitvoerbaarheid-beleid-vanuit-praktijk",
            False,
        ),
        # words of one meaning count as one (gazetteers/action_synonyms.csv); clause fillers do not count
        ("onderzoek-aantal-gemeenteraden", "verkenning-hoe-omvang-gemeenteraden-kan-worden", True),
        (
            "verkenning-hoe-taken-kunnen-worden-belegd",
            "onderzoek-hoe-kosten-kunnen-worden-gedekt",
            False,
        ),
    ],
)
def test_same_action_by_name(a, b, same):
    assert same_action(a, b) is same


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            (
                "verkenning-wettelijke-bepaling-maximumaantal-wethouders",
                "Verkenning of de wettelijke bepaling omtrent het maximumaantal wethouders en gedeputeerden aanpassing behoeft",
            ),
            (
                "verkenning-welke-aanpassingen-nodig-gemeenteraden",
                "Verkenning welke aanpassingen nodig zijn zodat gemeenteraden meer wethouders kunnen benoemen",
            ),
            True,
        ),
        (  # one distinctive word shared is not enough
            (
                "verkenning-wettelijke-bepaling-maximumaantal-wethouders",
                "Verkenning of het maximumaantal wethouders aanpassing behoeft",
            ),
            ("verkenning-rol-wethouders-regio", "Verkenning van de rol van wethouders in de regio"),
            False,
        ),
        (  # the words of the domain and the head do not count
            (
                "onderzoek-versterking-decentrale-overheden",
                "Onderzoek naar versterking van decentrale overheden en medeoverheden",
            ),
            (
                "verkenning-versterken-decentrale-medeoverheden",
                "Verkenning om decentrale medeoverheden te versterken",
            ),
            False,
        ),
        (  # the head word itself is not a distinctive word
            ("reactie-voorlichting-raad-state", "Reactie op de voorlichting van de Raad van State"),
            (
                "reactie-voorlichting-interbestuurlijke-verhoudingen",
                "Reactie op Voorlichting Interbestuurlijke Verhoudingen",
            ),
            False,
        ),
        (  # another head, however many words are shared
            (
                "handreiking-aanpassing-maximumaantal-wethouders",
                "Handreiking over aanpassing van het maximumaantal wethouders",
            ),
            (
                "verkenning-aanpassing-maximumaantal-wethouders",
                "Verkenning van aanpassing van het maximumaantal wethouders",
            ),
            False,
        ),
    ],
)
def test_same_action_by_title_words(a, b, same):
    assert same_action_by_title(a[0], a[1], b[0], b[1]) is same


@pytest.mark.parametrize(
    "a, letter_a, b, letter_b, same",
    [
        (
            "reactie-voorlichting-raad-state",
            [],
            "reactie-voorlichting-interbestuurlijke-verhoudingen",
            ["reactie-raamwerk-financiele-verhoudingen"],
            True,
        ),
        # two reactions to one kind of product in a letter: which one is meant is not known
        (
            "reactie-voorlichting-raad-state",
            [],
            "reactie-voorlichting-interbestuurlijke-verhoudingen",
            ["kabinetsreactie-voorlichting-taakdifferentiatie"],
            False,
        ),
        (
            "reactie-voorlichting-raad-state",
            [],
            "reactie-advies-afrekenen-disbalans",
            [],
            False,
        ),  # another product
        (
            "onderzoek-voorlichting-raad-state",
            [],
            "onderzoek-voorlichting-verhoudingen",
            [],
            False,
        ),  # reactions only
    ],
)
def test_reactions_to_the_same_product(a, letter_a, b, letter_b, same):
    assert same_reaction(a, [a, *letter_a], b, [b, *letter_b]) is same


def rows(store, name: str, **params: str) -> list[dict]:
    return store.select(load_query(name).bind(params)).rows


def test_the_beleidskader_is_one_action_through_four_letters(embedded_store):
    links = rows(embedded_store, "action-links")
    chain = [
        (r["earlier_document"].rsplit("/", 1)[1], r["later_document"].rsplit("/", 1)[1])
        for r in links
        if "beleidskader" in r["earlier_title"].lower()
        and "beleidskader" in r["later_title"].lower()
    ]
    assert sorted(chain) == sorted(itertools.pairwise(LETTERS))
    assert all(r["method"].startswith(("automatic: ", "curated: ")) for r in links)


def test_trace_of_the_beleidskader_shows_promise_deferral_and_renewal(embedded_store):
    events = rows(embedded_store, "action-trace", action=BELEIDSKADER)
    letters = {e["document"].rsplit("/", 1)[1] for e in events if e["kind"] == "action"}
    assert letters == set(LETTERS)
    promise = next(
        e for e in events if e["kind"] == "promise" and e["document"].endswith(LETTERS[0])
    )
    assert promise["deadline_text"] == "medio 2023"
    assert (promise["deadline_start"], promise["deadline_end"]) == ("2023-05-01", "2023-07-31")
    deferral = next(e for e in events if e["kind"] == "deferred")
    assert deferral["document"].endswith(LETTERS[2])  # the 2024 progress report leaves it
    assert re.search(r"volgende? kabinet|ambtsopvolger", deferral["quote"])
    renewed = next(
        e for e in events if e["kind"] == "promise" and e["document"].endswith(LETTERS[3])
    )
    assert "na de zomer" in renewed["deadline_text"]
    assert any(e["kind"] == "superseded" and e["document"].endswith(LETTERS[3]) for e in events)


def test_commitment_with_deadline_resolved_against_the_letter_date(embedded_store):
    found = rows(embedded_store, "commitments")
    budgets = next(
        r
        for r in found
        if "uitkomsten van het onderzoek" in r["text"]
        and "begin 2024" in (r["deadline_text"] or "")
    )
    assert budgets["deadline"] == "2024-01-01/2024-03-31"
    assert budgets["document"].endswith("003_716a83a6eb3f8840")
    assert budgets["tk_status"] in {"Openstaand", "Voldaan", "Vervallen"}


def test_status_depends_on_the_day_asked(embedded_store):
    before = {r["commitment"]: r for r in rows(embedded_store, "commitments", as_of="2023-06-01")}
    after = {r["commitment"]: r for r in rows(embedded_store, "commitments", as_of="2026-01-01")}
    late = [c for c, r in after.items() if r["status"] == "Overdue"]
    assert late, "some promise of the corpus is past its deadline by 2026"
    assert any(before[c]["status"] == "Open" for c in late if c in before)


def test_overdue_on_1_july_2024_from_the_cli(capsys, built_graph_path):
    code = main(
        [
            "query",
            "overdue",
            "--param",
            "as_of=2024-07-01",
            "--format",
            "csv",
            "--graph",
            str(built_graph_path),
        ]
    )
    found = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert code == 0 and found
    for row in found:
        assert row["deadline_end"] < "2024-07-01"
        assert row["quote"] and row["passage"].startswith("https://")
    # "informeer ik uw Kamer begin 2024" (003): due by March 2024, reported on in June 2024 (002)
    # only as research done -- the graph says whether 002 fulfilled it; what is listed must be due.
    assert all(
        r["document"].rsplit("/", 1)[1] in {"003_716a83a6eb3f8840", "004_6c88505460917616"}
        for r in found
    )


def test_overdue_defaults_to_today_and_accepts_today(capsys, built_graph_path):
    by_default = main(["query", "overdue", "--graph", str(built_graph_path), "--format", "json"])
    default_rows = json.loads(capsys.readouterr().out)["rows"]
    today = main(["query", "overdue", "--graph", str(built_graph_path), "--format", "json",
                  "--param", "as_of=today"])
    today_rows = json.loads(capsys.readouterr().out)["rows"]
    dated = main(["query", "overdue", "--graph", str(built_graph_path), "--format", "json",
                  "--param", f"as_of={date.today().isoformat()}"])
    dated_rows = json.loads(capsys.readouterr().out)["rows"]
    assert by_default == today == dated == 0
    assert default_rows == today_rows == dated_rows
    # Long after every deadline of the corpus, what is overdue is not what was overdue in mid-2024.
    early = main(["query", "overdue", "--graph", str(built_graph_path), "--format", "json",
                  "--param", "as_of=2023-01-01"])
    assert early == 0 and json.loads(capsys.readouterr().out)["rows"] != default_rows


def test_a_date_parameter_refuses_what_is_no_day(capsys, built_graph_path):
    code = main(["query", "overdue", "--graph", str(built_graph_path), "--param", "as_of=tomorrow"])
    assert code == 1 and "is not a date (YYYY-MM-DD or 'today')" in capsys.readouterr().err


def test_curated_links_file_errors_name_file_and_line(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text(
        "earlier_document,earlier_key,later_document,later_key,decision,curator,note\n"
        "a,b,c,d,maybe,me,\n"
    )
    with pytest.raises(CuratedLinksError, match=r"links\.csv:2: decision must be confirm or veto"):
        read_curated_links(path)
    path.write_text("x,y\n")
    with pytest.raises(CuratedLinksError, match=r"links\.csv:1: expected the columns"):
        read_curated_links(path)


def test_a_curated_veto_removes_an_automatic_link(tmp_path, corpus_dir):
    from bestuursgraaf.graph.build import extract_document
    from bestuursgraaf.graph.read import read_corpus
    from bestuursgraaf.graph.trace import trace

    documents = [extract_document(s) for s in read_corpus(corpus_dir)]
    automatic = trace(documents).continuations
    link = next(
        c for c in automatic if c.later_key == BELEIDSKADER and c.later_document == LETTERS[1]
    )
    veto = {
        "earlier_document": link.earlier_document,
        "earlier_key": link.earlier_key,
        "later_document": link.later_document,
        "later_key": link.later_key,
        "decision": "veto",
        "curator": "test",
        "note": "",
    }
    vetoed = trace(documents, [veto], "curated/x.csv").continuations
    assert link in automatic and link not in vetoed
    other = next(
        a.key
        for d in documents
        if d.doc_id == LETTERS[1]
        for a in d.actions
        if a.key != BELEIDSKADER
    )
    confirm = dict(veto, decision="confirm", later_key=other)
    confirmed = trace(documents, [confirm], "curated/x.csv").continuations
    assert any(c.later_key == other and c.method == "curated: curated/x.csv" for c in confirmed)
    # a row naming an action the corpus does not have is not applied, and the build says so
    missing = dict(veto, decision="confirm", later_key="anything-else")
    assert not any(
        c.later_key == "anything-else" for c in trace(documents, [missing], "x").continuations
    )
    (line,) = unapplied_curated_links([missing, confirm], documents)
    assert "no action 'anything-else'" in line and LETTERS[1] in line


def test_a_letter_dated_by_its_month_follows_the_dated_nota_of_that_month(corpus_dir):
    """The nota of 3 June 2024 proposes the letter dated only "June 2024": in time order the nota
    comes first and the two are successive (the letter continues the nota's actions)."""
    from bestuursgraaf.graph.build import extract_document
    from bestuursgraaf.graph.read import read_corpus
    from bestuursgraaf.graph.trace import trace

    documents = [extract_document(s) for s in read_corpus(corpus_dir)]
    order = [d.doc_id for d in in_time_order(documents)]
    assert order == [
        "004_6c88505460917616",
        "003_716a83a6eb3f8840",
        "000_03214f0aabcee69e",
        *LETTERS[2:],
    ]
    links = trace(documents).continuations
    assert not any(
        c.earlier_document == LETTERS[2] and c.later_document == "000_03214f0aabcee69e"
        for c in links
    )


def test_actions_named_in_passing_are_passed_over(corpus_dir):
    """An example after "zoals" (004: "zoals het programma Werk aan Uitvoering") and an action
    named once in a sentence about another the letter discusses (000: the Code, in a sentence on
    the actieagenda) are named in passing; an evaluation naming the thing it evaluates is not, nor
    an action the letter discusses in several sentences."""
    from bestuursgraaf.graph.build import extract_document
    from bestuursgraaf.graph.read import read_corpus
    from bestuursgraaf.graph.trace import named_in_passing, trace

    documents = {s.doc_id: extract_document(s) for s in read_corpus(corpus_dir)}
    assert "programma-werk-uitvoering" in named_in_passing(documents["004_6c88505460917616"])
    assert "code-interbestuurlijke-verhoudingen" in named_in_passing(
        documents["000_03214f0aabcee69e"]
    )
    assert "evaluatie-uitvoerbaarheidstoets-decentrale-overheden" not in named_in_passing(
        documents["004_6c88505460917616"]
    )
    assert BELEIDSKADER not in named_in_passing(documents[LETTERS[0]])
    links = trace(list(documents.values())).continuations
    assert not any(c.later_key == "code-interbestuurlijke-verhoudingen" for c in links)
    assert not any(
        c.earlier_document == LETTERS[0] and c.earlier_key == "programma-werk-uitvoering"
        for c in links
    )


def test_the_trace_of_an_action_is_found_by_its_key_or_by_the_iri_of_one_of_its_letters(
    embedded_store,
):
    by_key = rows(embedded_store, "action-trace", action=BELEIDSKADER)
    iri = next(
        r["action"]
        for r in rows(embedded_store, "actions")
        if r["key"] == BELEIDSKADER and r["document"].endswith(LETTERS[1])
    )
    by_iri = rows(embedded_store, "action-trace", action=iri)
    assert by_iri and sorted(map(str, by_iri)) == sorted(map(str, by_key))
    assert rows(embedded_store, "action-trace", action="no-such-action") == []


def test_motions_by_action_say_how_far_each_fulfilment_has_come(embedded_store):
    found = rows(embedded_store, "motions-by-action")
    assert all(r["status"] for r in found)
    # a motion fulfilled by an action that a later letter continues: its status there is the latest
    continued = [r for r in found if r["latest_document"] and r["latest_document"] != r["document"]]
    assert continued
    links = {
        (r["earlier_action"], r["later_document"]) for r in rows(embedded_store, "action-links")
    }
    assert all(any(a == r["action"] for a, _ in links) for r in continued)


@pytest.mark.parametrize(
    "promised, title, delivered",
    [
        (
            "brief-versterking-decentrale-bestuur",
            "Versterking decentrale volksvertegenwoordigingen en besturen",
            True,
        ),
        ("kamerbrief-toekomst-waterschappen", "De toekomst van de waterschappen", True),
        (
            "brief-versterking-decentrale-bestuur",
            "Versterking van de waterschappen",
            False,
        ),  # one word
        ("brief-toekomst-waterschappen", "Toekomst provinciale financien", False),
        ("visie-toekomst-waterschappen", "De toekomst van de waterschappen", False),  # not a letter
        (
            "brief-voortgang-inzichten",
            "Voortgang en inzichten",
            False,
        ),  # progress letters: a series
    ],
)
def test_a_later_document_whose_title_is_the_subject_is_the_promised_letter(
    promised, title, delivered
):
    assert is_the_promised_letter(promised, title) is delivered


def test_the_promised_letter_on_decentral_government_is_fulfilled_late_by_the_september_letter(
    embedded_store,
):
    """004 promises 'een brief over de versterking van het decentrale bestuur, gepland in het eerste
    kwartaal van 2023'; 003 (4 September 2023) is that letter: the promise is fulfilled, late, and
    not overdue on 1 July 2024."""
    promise = next(
        r for r in rows(embedded_store, "commitments") if "brief over de versterking" in r["text"]
    )
    steps = rows(embedded_store, "commitment-trace", commitment=promise["commitment"])
    fulfilled = [s for s in steps if s["kind"] == "fulfilled"]
    assert fulfilled and fulfilled[0]["document"].endswith(LETTERS[1])
    overdue = rows(embedded_store, "overdue", as_of="2024-07-01")
    assert promise["commitment"] not in {r["commitment"] for r in overdue}


def test_a_key_parameter_binds_a_key_or_an_iri_as_a_bound_start():
    """action-trace's `action` is a key or an IRI; either way the query starts from a bound term
    (a FILTER accepting both made Oxigraph walk every action's continuations first)."""
    from bestuursgraaf.graph.queries import load_query

    query = load_query("action-trace")
    assert 'VALUES (?action ?action_iri) { ("beleidskader" UNDEF) }' in query.bind({"action": "beleidskader"})
    iri = "https://w3id.org/bestuursgraaf/id/actie/001-x"
    assert f"VALUES (?action ?action_iri) {{ (UNDEF <{iri}>) }}" in query.bind({"action": iri})
    hostile = 'x" UNDEF) } } SELECT * { ?s ?p ?o } #'
    assert 'VALUES (?action ?action_iri) { ("x\\" UNDEF) } } SELECT * { ?s ?p ?o } #" UNDEF) }' in query.bind(
        {"action": hostile}
    )  # one escaped literal, not query text


def test_a_hostile_action_key_finds_nothing(embedded_store):
    assert rows(embedded_store, "action-trace", action='x" UNDEF) } } SELECT * { ?s ?p ?o } #') == []


def test_parameters_are_bound_where_the_query_marks_it(tmp_path):
    """action-trace binds its action inside the sub-SELECT that finds the action's occurrences
    (bound at the outer WHERE, it would be a cross join that restricts nothing), and a query
    without the marker still binds at its first WHERE."""
    from bestuursgraaf.graph.queries import BINDING_MARKER, load_query, parse_query_file

    query = load_query("action-trace")
    assert BINDING_MARKER in query.text
    bound = query.bind({"action": "beleidskader"})
    subselect = bound.index("SELECT DISTINCT ?occurrence WHERE {")
    values = bound.index('VALUES (?action ?action_iri) { ("beleidskader" UNDEF) }')
    assert subselect < values < bound.index("?action_iri bg:actionKey ?action")
    assert BINDING_MARKER not in bound
    plain = tmp_path / "plain.rq"
    plain.write_text("# title: t\n# question: q\n# param: x (string, input)\n# columns: x\nSELECT ?x WHERE { }\n")
    assert parse_query_file(plain).bind({"x": "a"}).endswith('WHERE { VALUES ?x { "a" } }\n')


def test_an_action_is_first_mentioned_in_its_earliest_passage(embedded_store):
    """bg:firstMentionedIn (what action-trace quotes) is the passage of the action's mentions
    that starts first in its letter, one per action."""
    sparql = """
    PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
    SELECT ?action (COUNT(DISTINCT ?first) AS ?firsts) (SAMPLE(?start) AS ?first_start)
           (MIN(?other_start) AS ?earliest)
    WHERE { ?action a bg:Action ; bg:firstMentionedIn ?first ; bg:mentionedIn ?other .
            ?first bg:startOffset ?start . ?other bg:startOffset ?other_start }
    GROUP BY ?action"""
    found = embedded_store.select(sparql).rows
    actions = embedded_store.select(
        "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> SELECT ?a { ?a a bg:Action }"
    ).rows
    assert found and len(found) == len(actions)
    for row in found:
        assert int(row["firsts"]) == 1 and int(row["first_start"]) == int(row["earliest"]), row
