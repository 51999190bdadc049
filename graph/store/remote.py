"""A store behind any SPARQL 1.1 endpoint, spoken to through SPARQLWrapper."""

from __future__ import annotations

import io
import json
from urllib.error import URLError

from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from graph.store.base import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    QueryResult,
    QuerySyntaxError,
    StoreError,
    query_form,
)

_ACCEPT = {**RESULT_MEDIA_TYPES, **GRAPH_MEDIA_TYPES}


class RemoteStore:
    """A SPARQL 1.1 endpoint. Its default graph must be the union of the named graphs
    (Oxigraph: `serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`).

    `update_endpoint` (default: `<endpoint>/../update` for Oxigraph-style servers) is used only by
    `replace_all`, to publish a build; the graph store protocol endpoint is `<base>/store`."""

    def __init__(self, endpoint: str, timeout: float = 60.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def _request(self, sparql: str, accept: str) -> tuple[bytes, str]:
        query_form(sparql)  # refuses updates and syntax errors locally, with a clear message
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod("postdirectly")
        wrapper.setQuery(sparql)
        wrapper.setTimeout(int(self.timeout))
        wrapper.addCustomHttpHeader("Accept", accept)
        try:
            response = wrapper.query().response
            body = response.read()
            content_type = response.headers.get("Content-Type", accept).split(";")[0].strip()
        except SPARQLWrapperException as error:
            message = str(error).splitlines()[0]
            if "QueryBadFormed" in type(error).__name__:
                raise QuerySyntaxError(f"the endpoint rejected the query: {message}") from error
            raise StoreError(f"the SPARQL endpoint {self.endpoint} failed: {message}") from error
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"the SPARQL endpoint {self.endpoint} is unreachable: {reason}") from error
        return body, content_type

    def select(self, sparql: str) -> QueryResult:
        body, _ = self._request(sparql, RESULT_MEDIA_TYPES["json"])
        try:
            data = json.loads(body)
        except ValueError as error:
            raise StoreError(f"the SPARQL endpoint {self.endpoint} sent no JSON results") from error
        columns = data.get("head", {}).get("vars", [])
        rows = [
            {name: binding[name]["value"] if name in binding else None for name in columns}
            for binding in data.get("results", {}).get("bindings", [])
        ]
        return QueryResult(columns=columns, rows=rows)

    def query_serialized(self, sparql: str, result_format: str) -> tuple[bytes, str]:
        form = query_form(sparql)
        if form in ("CONSTRUCT", "DESCRIBE"):
            fmt = result_format if result_format in GRAPH_MEDIA_TYPES else "turtle"
        else:
            fmt = result_format if result_format in RESULT_MEDIA_TYPES else "json"
        return self._request(sparql, _ACCEPT[fmt])

    def _store_url(self) -> str:
        base = self.endpoint.rstrip("/")
        return base.rsplit("/", 1)[0] + "/store" if base.endswith("/query") else base + "/store"

    def replace_all(self, nquads: bytes) -> None:
        """Publish a dataset with the SPARQL 1.1 Graph Store Protocol (PUT of the whole dataset)."""
        import urllib.request

        request = urllib.request.Request(
            self._store_url(), data=nquads, method="PUT",
            headers={"Content-Type": "application/n-quads"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):
                pass
        except (URLError, OSError) as error:
            raise StoreError(f"cannot publish to {self._store_url()}: {error}") from error

    def dump_nquads(self) -> bytes:
        body, _ = self._request(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", RESULT_MEDIA_TYPES["json"]
        )
        from rdflib import Dataset
        from rdflib.plugins.sparql.results.jsonresults import JSONResultParser

        result = JSONResultParser().parse(io.BytesIO(body))
        dataset = Dataset()
        for row in result.bindings:
            dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))
        return dataset.serialize(format="nquads").encode()

    def __len__(self) -> int:
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0]["n"] or 0)

