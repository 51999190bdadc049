"""Every named query gives the same rows on the embedded store, on a real Oxigraph server, on a
real Virtuoso and on rdflib's union dataset, on a graph whose named graphs repeat triples (a
Kamerstuk cited by several letters has its triples in each letter's graph; here every document
graph is also copied whole into a second graph, so each of its triples stands twice in the union).

Rows are compared as the engines send them, datatypes aside (the remote store reads values only),
with no normalising but one: GROUP_CONCAT lists compare as sorted lists (tests/result_rows.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bestuursgraaf.graph.queries import list_queries
from bestuursgraaf.graph.store import EmbeddedStore, RemoteStore
from rdflib import Dataset

from tests.result_rows import comparable_rows
from tests.server_fixtures import load_nquads
from tests.virtuoso_server import load_nquads_into_virtuoso

EXAMPLES = {"action": "beleidskader-decentraal-bestuur", "as_of": "2024-07-01"}


@pytest.fixture(scope="module")
def repeated_nquads(built_graph_path: Path, tmp_path_factory) -> Path:
    """The built graph plus, for every quad of a document graph, the same triple in a copy graph."""
    lines = built_graph_path.read_text(encoding="utf-8").splitlines()
    copies = [
        line.rsplit(" <", 1)[0] + " <https://w3id.org/bestuursgraaf/id/graph/copy> ."
        for line in lines
        if "/id/graph/doc/" in line.rsplit(" ", 2)[-2]
    ]
    assert copies, "the built graph has no document graphs to repeat"
    path = tmp_path_factory.mktemp("repeated") / "repeated.nq"
    path.write_text("\n".join(lines + copies) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def embedded(repeated_nquads: Path) -> EmbeddedStore:
    store = EmbeddedStore()
    store.load_file(repeated_nquads)
    return store


@pytest.fixture(scope="module")
def remote(repeated_nquads: Path, oxigraph_server) -> RemoteStore:
    """The same graph behind a real `oxigraph serve --union-default-graph` on 127.0.0.1."""
    load_nquads(oxigraph_server, repeated_nquads.read_bytes())
    return RemoteStore(oxigraph_server.query_url)


@pytest.fixture(scope="module")
def virtuoso(repeated_nquads: Path, virtuoso_server) -> RemoteStore:
    """The same graph bulk-loaded into a real Virtuoso, whose default graph is the union of all
    graphs (its own system graphs hidden)."""
    load_nquads_into_virtuoso(virtuoso_server, repeated_nquads.read_bytes())
    return RemoteStore(virtuoso_server.query_url)


@pytest.fixture(scope="module")
def rdflib_union(repeated_nquads: Path) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(repeated_nquads, format="nquads")
    return dataset


def _rdflib_rows(dataset: Dataset, sparql: str, columns: list[str]) -> Counter:
    solutions = [
        {name: None if term is None else str(term) for name, term in solution.asdict().items()}
        for solution in dataset.query(sparql)
    ]
    return comparable_rows(solutions, columns, sparql)


def _params(query, embedded: EmbeddedStore) -> dict[str, str]:
    values = {}
    for parameter in query.parameters:
        if parameter.optional and parameter.name != "as_of":  # a day asked: the telling case
            continue
        if parameter.name in EXAMPLES:
            values[parameter.name] = EXAMPLES[parameter.name]
        elif parameter.name == "commitment":
            iri = embedded.select(
                "PREFIX bg: <https://w3id.org/bestuursgraaf/def#> "
                "SELECT ?c WHERE { ?c a bg:Commitment } ORDER BY ?c LIMIT 1"
            ).rows[0]["c"]
            values["commitment"] = iri
    return values


# Queries over what the bundled corpus does not hold (the Tweede Kamer's open data): compared on a
# corpus that has it, in tests/test_official.py.
NOT_IN_THE_BUNDLED_CORPUS = {"motion-votes"}
COMPARED = [query.name for query in list_queries() if query.name not in NOT_IN_THE_BUNDLED_CORPUS]


@pytest.fixture(scope="module")
def embedded_answers(embedded: EmbeddedStore):
    """Each named query's SPARQL text, columns and rows on the embedded store, asked once."""
    answers = {}

    def answer(name: str) -> tuple[str, list[str], Counter]:
        if name not in answers:
            query = next(q for q in list_queries() if q.name == name)
            sparql = query.bind(_params(query, embedded))
            result = embedded.select(sparql)
            rows = comparable_rows(result.rows, result.columns, sparql)
            assert rows, f"{name} answers nothing on the corpus: the comparison would prove nothing"
            answers[name] = (sparql, result.columns, rows)
        return answers[name]

    return answer


@pytest.mark.parametrize("name", COMPARED)
def test_named_query_same_rows_on_oxigraph_and_rdflib_union(name, embedded_answers, remote, rdflib_union):
    sparql, columns, ours = embedded_answers(name)
    served = remote.select(sparql)
    assert comparable_rows(served.rows, served.columns, sparql) == ours, (
        f"{name}: the Oxigraph server answers otherwise than the embedded store"
    )
    theirs = _rdflib_rows(rdflib_union, sparql, columns)
    assert ours == theirs, (
        f"{name}: {sum(ours.values())} rows on Oxigraph, {sum(theirs.values())} on rdflib; "
        f"only on Oxigraph: {list((ours - theirs).items())[:3]}; only on rdflib: {list((theirs - ours).items())[:3]}"
    )


@pytest.mark.parametrize("name", COMPARED)
def test_named_query_same_rows_on_virtuoso(name, embedded_answers, virtuoso):
    sparql, columns, ours = embedded_answers(name)
    served = virtuoso.select(sparql)
    assert served.columns == columns, f"{name}: Virtuoso names other columns"
    theirs = comparable_rows(served.rows, served.columns, sparql)
    assert theirs == ours, (
        f"{name}: {sum(ours.values())} rows embedded, {sum(theirs.values())} on Virtuoso; "
        f"only embedded: {list((ours - theirs).items())[:3]}; only on Virtuoso: {list((theirs - ours).items())[:3]}"
    )


def test_register_comparison_same_rows_on_every_engine_with_the_register_loaded(
    tmp_path_factory, repeated_nquads: Path, oxigraph_server, virtuoso_server
):
    """On the bundled graph register-comparison has only one kind of row (no register is in it):
    here the corpus carries the register (tests/test_register.py), so all three kinds are compared.
    The servers get the register graph for this test and the module's graph back after it."""
    from bestuursgraaf.graph.build import build_dataset
    from bestuursgraaf.graph.queries import load_query

    from tests.test_register import register_corpus

    path = tmp_path_factory.mktemp("register-union") / "graph.nq"
    dataset = build_dataset(register_corpus(path.parent))
    path.write_bytes(dataset.serialize(format="nquads").encode("utf-8"))
    sparql = load_query("register-comparison").bind({})
    store = EmbeddedStore()
    store.load_file(path)
    result = store.select(sparql)
    ours = comparable_rows(result.rows, result.columns, sparql)
    assert {row["kind"] for row in result.rows} == {"not-in-register", "not-in-letters", "disagreement"}
    union = Dataset(default_union=True)
    union.parse(path, format="nquads")
    assert _rdflib_rows(union, sparql, result.columns) == ours, "rdflib answers otherwise"
    try:
        load_nquads(oxigraph_server, path.read_bytes())
        served = RemoteStore(oxigraph_server.query_url).select(sparql)
        assert comparable_rows(served.rows, served.columns, sparql) == ours, "Oxigraph answers otherwise"
        load_nquads_into_virtuoso(virtuoso_server, path.read_bytes())
        served = RemoteStore(virtuoso_server.query_url).select(sparql)
        assert comparable_rows(served.rows, served.columns, sparql) == ours, "Virtuoso answers otherwise"
    finally:
        load_nquads(oxigraph_server, repeated_nquads.read_bytes())
        load_nquads_into_virtuoso(virtuoso_server, repeated_nquads.read_bytes())
