"""One table of formats (graph/formats.py) drives the CLI's choices, the stores, the dumps and
the API's content negotiation."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from bestuursgraaf.graph import formats
from bestuursgraaf.graph.cli import parser
from bestuursgraaf.graph.formats import DUMPS, PRINTED_ROWS, RESOURCES, SPARQL_RESULTS
from bestuursgraaf.graph.publish.dumps import FORMATS as DUMP_FORMATS
from werkzeug.datastructures import MIMEAccept


def _choices(command: str) -> list[str]:
    sub = next(a for a in parser()._actions if a.dest == "command").choices[command]
    return next(a for a in sub._actions if a.dest == "format").choices


def test_cli_format_choices_are_the_tables():
    assert _choices("query") == PRINTED_ROWS.names() == ["table", "csv", "json"]
    assert _choices("export") == DUMPS.names() == list(DUMP_FORMATS)


def test_every_oxigraph_name_in_the_table_exists():
    for table in (formats.SPARQL_RESULTS, formats.SPARQL_GRAPHS, formats.DATASET_FILES):
        for fmt in table:
            kind = ox.QueryResultsFormat if table is formats.SPARQL_RESULTS else ox.RdfFormat
            assert getattr(kind, fmt.oxigraph).media_type.split(";")[0] == fmt.media_type


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ([], "turtle"),
        ([("*/*", 1)], "turtle"),
        ([("application/json", 1)], "jsonld"),
        ([("text/html", 1), ("text/turtle", 0.5)], "html"),
        ([("application/rdf+xml", 0.3), ("application/n-triples", 0.9)], "ntriples"),
    ],
)
def test_resource_negotiation_follows_the_accept_header(accept, expected):
    assert RESOURCES.negotiate(MIMEAccept(accept)).name == expected


def test_nothing_acceptable_is_none_and_json_is_sparql_json():
    assert RESOURCES.negotiate(MIMEAccept([("image/png", 1)])) is None
    assert SPARQL_RESULTS.negotiate(MIMEAccept([("application/json", 1)])).media_type == (
        "application/sparql-results+json"
    )
