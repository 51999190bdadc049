"""A store behind any SPARQL 1.1 endpoint, spoken to through SPARQLWrapper."""

from __future__ import annotations

import ast
import io
import json
import math
import time
import urllib.request
from urllib.error import HTTPError, URLError

from bestuursgraaf.graph.store.base import (
    GRAPH_MEDIA_TYPES,
    RESULT_MEDIA_TYPES,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    StoreError,
    describe_syntax_error,
    query_form,
)
from rdflib import Dataset, Variable
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

_ACCEPT = {**RESULT_MEDIA_TYPES, **GRAPH_MEDIA_TYPES}


class RemoteStore:
    """A SPARQL 1.1 endpoint. Its default graph must be the union of the named graphs
    (Oxigraph: `serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`).

    Only `replace_all` writes, to publish a build, with a PUT of the whole dataset to the graph
    store endpoint `<base>/store` (for a query endpoint `<base>/query`). `dump_nquads` and `len`
    see the named graphs only (they are read through `GRAPH ?g`), which is where a build puts
    every triple."""

    def __init__(
        self,
        endpoint: str,
        timeout: float = 60.0,
        max_bytes: int | None = None,
        timeout_param: str | None = None,
    ) -> None:
        """`timeout` is the total deadline of one request (connecting, waiting and reading the
        whole answer), `max_bytes` the largest answer read; `timeout_param` names the request
        parameter (a form field) by which the endpoint takes the budget in ms (Virtuoso: `timeout`)."""
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.timeout_param = timeout_param

    def _request(self, sparql: str, accept: str) -> tuple[bytes, str]:
        deadline = time.monotonic() + self.timeout
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        # A form-encoded POST, the one way every engine takes: Virtuoso 7.2 never answers a
        # direct `application/sparql-query` POST (openlink/virtuoso-opensource#842). Only the
        # Accept header chooses the result format (no `format=` parameters in the URL).
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)
        wrapper.setQuery(sparql)
        wrapper.setTimeout(max(1, math.ceil(self.timeout)))  # per socket operation
        if self.timeout_param:
            wrapper.addParameter(self.timeout_param, str(int(self.timeout * 1000)))
        wrapper.addCustomHttpHeader("Accept", accept)
        try:
            response = wrapper.query().response
            try:
                if response.headers.get("X-SQL-State") == "S1TAT":
                    # Virtuoso's "anytime" answer: the rows found when its time limit struck,
                    # sent as 200 OK and marked only by this header. A part is not the answer.
                    raise StoreError(
                        f"the SPARQL endpoint {self.endpoint} ran out of time and sent an"
                        " incomplete answer (Virtuoso: MaxQueryExecutionTime or the timeout parameter)"
                    )
                body = self._read_until(response, deadline)
            finally:
                response.close()
            content_type = response.headers.get("Content-Type", accept).split(";")[0].strip()
        except SPARQLWrapperException as error:
            if "QueryBadFormed" in type(error).__name__:
                said = _server_message(error)
                raise QuerySyntaxError(
                    describe_syntax_error(sparql) or f"the endpoint rejected the query: {said}"
                ) from None
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} failed: {_server_message(error)}"
            ) from None
        except HTTPError as error:  # an HTTP answer SPARQLWrapper has no exception for
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} failed: HTTP {error.code} {error.reason}"
            ) from None
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise StoreError(
                    f"the SPARQL endpoint {self.endpoint} did not answer within {self.timeout:g} s"
                ) from None
            raise StoreError(
                f"the SPARQL endpoint {self.endpoint} is unreachable: {reason}"
            ) from None
        return body, content_type

    def _read_until(self, response, deadline: float) -> bytes:
        """The whole body, read before `deadline` and within `max_bytes`: each read may wait
        only for what is left of the deadline, so a trickling answer cannot outlast it."""
        chunks: list[bytes] = []
        size = 0
        sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(self.timeout)
            if sock is not None:
                sock.settimeout(remaining)
            try:
                block = response.read1(1 << 16) if hasattr(response, "read1") else response.read(1 << 16)
            except TimeoutError:
                raise QueryTimeout(self.timeout) from None
            if not block:
                return b"".join(chunks)
            size += len(block)
            if self.max_bytes is not None and size > self.max_bytes:
                raise ResultTooLarge(
                    "max_response_bytes",
                    self.max_bytes,
                    f"the answer is larger than {self.max_bytes} bytes (BESTUURSGRAAF_MAX_RESPONSE_BYTES)",
                )
            chunks.append(block)

    def select(self, sparql: str) -> QueryResult:
        if query_form(sparql) != "SELECT":
            raise QuerySyntaxError("select() needs a SELECT query")
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
        request = urllib.request.Request(
            self._store_url(),
            data=nquads,
            method="PUT",
            headers={"Content-Type": "application/n-quads"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout):
                pass
        except HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            raise StoreError(
                f"{self._store_url()} refused the dataset: HTTP {error.code} {detail}"
            ) from None
        except (URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot publish to {self._store_url()}: {reason}") from None

    def dump_nquads(self) -> bytes:
        body, _ = self._request(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", RESULT_MEDIA_TYPES["json"]
        )
        result = JSONResultParser().parse(io.BytesIO(body))
        s, p, o, g = (Variable(name) for name in "spog")  # rows are keyed by Variable, not str
        dataset = Dataset()
        for row in result.bindings:
            dataset.graph(row[g]).add((row[s], row[p], row[o]))
        return dataset.serialize(format="nquads").encode()

    def __len__(self) -> int:
        result = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0]["n"] or 0)


def _server_message(error: SPARQLWrapperException) -> str:
    """The endpoint's own words from a SPARQLWrapper exception, which carries them only inside
    its message, as the repr of the response body."""
    summary, _, response = str(error).partition("\n\nResponse:\n")
    try:
        body = ast.literal_eval(response)
    except (ValueError, SyntaxError):
        return summary.strip()
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return " ".join(text.split())[:500] or summary.strip()
