"""The one table of result and dump formats: media type, file extension, rdflib and Oxigraph
names and the CLI's `--format` name, shared by the CLI, the stores, the API and the dumps.

Each format is written once below; the tables at the end say which formats each use offers,
in order of preference (the first is the default). Content negotiation picks from a table with
werkzeug's Accept parsing (`FormatTable.negotiate`), so no module keeps a list of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept

W3C_FORMATS = "http://www.w3.org/ns/formats/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Format:
    """One serialisation: how the CLI, HTTP, files, rdflib and Oxigraph name it."""

    name: str  # the CLI's --format name and the stores' format name
    title: str
    media_type: str  # IANA media type
    extension: str  # file extension, without the dot
    rdflib: str | None = None  # rdflib's serializer/parser name
    oxigraph: str | None = None  # the member of pyoxigraph.RdfFormat / QueryResultsFormat
    aliases: tuple[str, ...] = ()  # further media types that select this format
    w3c: str | None = None  # its name under http://www.w3.org/ns/formats/
    file_type: str | None = None  # its code in the EU file-type authority table
    named_graphs: bool = False  # whether it keeps named graphs (a dataset format)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


class FormatTable:
    """The formats one use offers, in order of preference."""

    def __init__(self, *formats: Format) -> None:
        self._formats = formats

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats)

    def __contains__(self, name: object) -> bool:
        return any(f.name == name for f in self._formats)

    @property
    def default(self) -> Format:
        return self._formats[0]

    def names(self) -> list[str]:
        return [f.name for f in self._formats]

    def media_types(self) -> list[str]:
        """Every media type the table answers to (aliases included), preferred first."""
        return [media for f in self._formats for media in f.media_types]

    def by_name(self, name: str) -> Format | None:
        return next((f for f in self._formats if f.name == name), None)

    def by_extension(self, extension: str) -> Format | None:
        return next((f for f in self._formats if f.extension == extension), None)

    def by_media_type(self, media_type: str) -> Format | None:
        return next((f for f in self._formats if media_type in f.media_types), None)

    def negotiate(self, accept: MIMEAccept) -> Format | None:
        """The format an Accept header prefers (the default without one); None: none acceptable."""
        if not accept:
            return self.default
        best = accept.best_match(self.media_types())
        return self.by_media_type(best) if best else None


# -- the formats ------------------------------------------------------------------------------
SPARQL_JSON = Format(
    "json", "SPARQL 1.1 Query Results JSON", "application/sparql-results+json", "srj",
    oxigraph="JSON", aliases=("application/json",), w3c="SPARQL_Results_JSON",
)  # fmt: skip
SPARQL_XML = Format(
    "xml", "SPARQL Query Results XML", "application/sparql-results+xml", "srx",
    oxigraph="XML", w3c="SPARQL_Results_XML",
)  # fmt: skip
SPARQL_CSV = Format(
    "csv", "SPARQL 1.1 Query Results CSV", "text/csv", "csv", oxigraph="CSV",
    w3c="SPARQL_Results_CSV",
)  # fmt: skip
SPARQL_TSV = Format(
    "tsv", "SPARQL 1.1 Query Results TSV", "text/tab-separated-values", "tsv", oxigraph="TSV",
    w3c="SPARQL_Results_TSV",
)  # fmt: skip
TURTLE = Format(
    "turtle", "Turtle", "text/turtle", "ttl", rdflib="turtle", oxigraph="TURTLE",
    w3c="Turtle", file_type="RDF_TURTLE",
)  # fmt: skip
N_TRIPLES = Format(
    "ntriples", "N-Triples", "application/n-triples", "nt", rdflib="nt", oxigraph="N_TRIPLES",
    w3c="N-Triples", file_type="RDF_N_TRIPLES",
)  # fmt: skip
RDF_XML = Format(
    "rdfxml", "RDF/XML", "application/rdf+xml", "rdf", rdflib="xml", oxigraph="RDF_XML",
    w3c="RDF_XML", file_type="RDF_XML",
)  # fmt: skip
JSON_LD = Format(
    "jsonld", "JSON-LD", "application/ld+json", "jsonld", rdflib="json-ld",
    aliases=("application/json",), w3c="JSON-LD", file_type="JSON_LD", named_graphs=True,
)  # fmt: skip
N_QUADS = Format(
    "nquads", "N-Quads", "application/n-quads", "nq", rdflib="nquads", oxigraph="N_QUADS",
    w3c="N-Quads", file_type="RDF_N_QUADS", named_graphs=True,
)  # fmt: skip
TRIG = Format(
    "trig", "TriG", "application/trig", "trig", rdflib="trig", oxigraph="TRIG", w3c="TriG",
    file_type="RDF_TRIG", named_graphs=True,
)  # fmt: skip
HTML = Format("html", "HTML", "text/html", "html")
ROWS_JSON = Format("json", "JSON rows", "application/json", "json")
ROWS_CSV = Format("csv", "CSV", "text/csv", "csv")
TEXT_TABLE = Format("table", "text table", "text/plain", "txt")

# -- who offers what ------------------------------------------------------------------------
# SELECT and ASK results over the SPARQL protocol (and `query_serialized`).
SPARQL_RESULTS = FormatTable(SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)
# CONSTRUCT and DESCRIBE results.
SPARQL_GRAPHS = FormatTable(TURTLE, N_TRIPLES, RDF_XML)
# A linked-data resource, the ontology and the shapes: Turtle for */*, HTML only when asked.
RESOURCES = FormatTable(TURTLE, JSON_LD, RDF_XML, N_TRIPLES, HTML)
# The SPARQL service description (GET /sparql without a query).
SERVICE_DESCRIPTION = FormatTable(TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
# The dumps of the whole dataset (`export --format`, `/id/dump.<ext>`).
DUMPS = FormatTable(N_QUADS, TRIG, TURTLE, JSON_LD)
# A built graph file, read by the stores and the CLI.
DATASET_FILES = FormatTable(N_QUADS, TRIG)
# A named query's rows as the API serves them (/queries/<name>) and as `query` prints them.
SERVED_ROWS = FormatTable(ROWS_JSON, ROWS_CSV, HTML)
PRINTED_ROWS = FormatTable(TEXT_TABLE, ROWS_CSV, ROWS_JSON)
