"""The embedded default store: Oxigraph in this process, the union of named graphs as default graph."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from bestuursgraaf.graph.store.base import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    QueryResult,
    QuerySyntaxError,
    StoreError,
    describe_syntax_error,
    query_form,
)
from bestuursgraaf.graph.store.bounded_results import ResultCaps, WrittenResult, write_results

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


def term_to_str(term: object) -> str | None:
    """The lexical value of an Oxigraph term (IRI, literal or blank node label)."""
    if term is None:
        return None
    return term.value  # type: ignore[attr-defined]


class EmbeddedStore:
    """An in-memory (or on-disk, with `path`) Oxigraph store."""

    def __init__(self, path: Path | None = None) -> None:
        self._in_memory = path is None
        self._store = ox.Store(str(path)) if path else ox.Store()

    @classmethod
    def wrap(cls, store: ox.Store) -> EmbeddedStore:
        """An already opened Oxigraph store, e.g. a read-only one on disk; a `replace_all` then
        swaps in a new in-memory dataset and leaves the disk alone."""
        embedded = cls()
        embedded._store = store
        return embedded

    def load_file(self, path: Path) -> None:
        fmt = _FILE_FORMATS.get(path.suffix)
        if fmt is None:
            raise StoreError(f"{path}: unknown dataset format (expected .nq or .trig)")
        if not path.is_file():
            raise StoreError(f"{path}: no built graph here; run `bestuursgraaf build` first")
        try:
            self._store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, OSError) as error:
            raise StoreError(f"{path}: cannot load the graph: {error}") from error

    def replace_all(self, nquads: bytes) -> None:
        """Replace the content. In memory, the new dataset is loaded aside and swapped in, so a
        dataset that does not parse leaves the old content intact."""
        target = ox.Store() if self._in_memory else self._store
        if not self._in_memory:
            target.clear()
        try:
            target.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError) as error:
            raise StoreError(f"cannot load the N-Quads dataset: {error}") from error
        self._store = target

    def _run(self, sparql: str):
        query_form(sparql)  # refuses updates before Oxigraph sees them (a cheap lexical check)
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            message = describe_syntax_error(sparql, str(error)) or f"not a valid SPARQL query: {error}"
            raise QuerySyntaxError(message) from None
        except OSError as error:
            raise StoreError(f"the embedded store failed: {error}") from error

    # Oxigraph's result objects belong to the thread that made them: each method drops its
    # results before returning, so that a server's worker threads never free another's.
    def select(self, sparql: str) -> QueryResult:
        results = self._run(sparql)
        try:
            if not isinstance(results, ox.QuerySolutions):
                raise QuerySyntaxError("select() needs a SELECT query")
            columns = [variable.value for variable in results.variables]
            rows = [{name: term_to_str(solution[name]) for name in columns} for solution in results]
            return QueryResult(columns=columns, rows=rows)
        finally:
            del results

    def query_serialized(self, sparql: str, result_format: str) -> tuple[bytes, str]:
        results = self._run(sparql)
        try:
            if isinstance(results, ox.QueryTriples):
                fmt = result_format if result_format in _GRAPH_FORMATS else "turtle"
                return results.serialize(format=_GRAPH_FORMATS[fmt]), GRAPH_MEDIA_TYPES[fmt]
            fmt = result_format if result_format in _RESULT_FORMATS else "json"
            return results.serialize(format=_RESULT_FORMATS[fmt]), RESULT_MEDIA_TYPES[fmt]
        finally:
            del results

    def write_results(self, sparql: str, result_format: str, out: BinaryIO, caps: ResultCaps) -> WrittenResult:
        """Run a query and write its answer to `out`, within the row and byte caps."""
        return write_results(self._store, sparql, result_format, out, caps)

    def dump_nquads(self) -> bytes:
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        return len(self._store)
