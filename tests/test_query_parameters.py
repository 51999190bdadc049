"""A named query's parameters restrict its answer and change nothing else: bound to a value of a
column, a query gives exactly the rows of its unrestricted answer that have that value, wherever
the query binds it (a FILTER or VALUES at its first WHERE, or inside the sub-SELECTs it marks with
`#@parameters`, which is where the slow queries at scale bind them)."""

from __future__ import annotations

import pytest
from bestuursgraaf.graph.queries import BINDING_MARKER, list_queries, parse_query_file

from tests.result_rows import comparable_rows

FIXED = {"as_of": "2024-07-01"}  # an input the answer depends on, the same in both asks


def _column_parameters() -> list[tuple[str, str]]:
    return [
        (query.name, parameter.name)
        for query in list_queries()
        for parameter in query.parameters
        if parameter.optional and parameter.name in query.columns and parameter.name not in FIXED
    ]


def _rows(store, query, values: dict[str, str]):
    fixed = {name: value for name, value in FIXED.items() if name in {p.name for p in query.parameters}}
    sparql = query.bind(fixed | values)
    result = store.select(sparql)
    return result.rows, comparable_rows(result.rows, result.columns, sparql)


@pytest.mark.parametrize(("name", "parameter"), _column_parameters())
def test_a_parameter_gives_the_rows_of_the_whole_answer_with_that_value(embedded_store, name, parameter):
    query = next(q for q in list_queries() if q.name == name)
    everything, _ = _rows(embedded_store, query, {})
    values = sorted({row[parameter] for row in everything if row[parameter]})
    if not values:
        pytest.skip(f"{name}: the bundled corpus gives no {parameter} to ask about")
    for value in {values[0], values[len(values) // 2], values[-1]}:
        _, bound = _rows(embedded_store, query, {parameter: value})
        wanted = [row for row in everything if row[parameter] == value]
        sparql = query.bind({k: v for k, v in FIXED.items() if k in {p.name for p in query.parameters}})
        assert bound == comparable_rows(wanted, query.columns, sparql), f"{name} with {parameter}={value}"


def test_every_marked_place_gets_the_bindings(tmp_path):
    """A query that marks two sub-SELECTs has the parameter bound in both (each starts from the
    same few things), and none is left at its first WHERE."""
    path = tmp_path / "two.rq"
    path.write_text(
        "# title: t\n# question: q\n# param: x (iri, optional, input)\n# columns: x, y\n"
        "SELECT ?x ?y WHERE {\n"
        "  { SELECT ?x WHERE {\n    #@parameters\n    ?x ?p ?o } }\n"
        "  OPTIONAL { SELECT ?x ?y WHERE {\n    #@parameters\n    ?x ?q ?y } }\n"
        "}\n",
        encoding="utf-8",
    )
    query = parse_query_file(path)
    bound = query.bind({"x": "https://example.org/a"})
    assert bound.count("VALUES ?x { <https://example.org/a> }") == 2
    assert BINDING_MARKER not in bound
    assert "SELECT ?x ?y WHERE {\n  { SELECT ?x WHERE {" in bound  # nothing inserted at the first WHERE
    assert query.bind({}) == query.text  # nothing given, nothing bound
