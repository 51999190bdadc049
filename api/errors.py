"""The one place where exceptions become `application/problem+json` responses (RFC 9457)."""

from __future__ import annotations

import logging

from bestuursgraaf.graph.queries import ParameterError, QueryNotFound, list_queries
from bestuursgraaf.graph.store import QuerySyntaxError, StoreError, UpdateRefused
from bestuursgraaf.graph.store.base import (
    QueryAborted,
    QueryCancelled,
    QueryQueueFull,
    QueryTimeout,
    QueryTooLarge,
    ResultTooLarge,
    ServiceRefused,
)
from flask import Flask, Response, current_app, json
from werkzeug.exceptions import HTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger(__name__)

# Every problem this API reports: its stable slug, HTTP status and title.
PROBLEMS: dict[str, tuple[int, str]] = {
    "bad-parameter": (400, "Bad parameter"),
    "query-syntax": (400, "SPARQL syntax error"),
    "dataset-not-supported": (400, "RDF dataset selection not supported"),
    "service-refused": (400, "Federated query refused"),
    "query-too-long": (400, "Query too long"),
    "query-too-deep": (400, "Query nested too deeply"),
    "update-refused": (403, "Read-only endpoint"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "not-acceptable": (406, "Not acceptable"),
    "request-too-large": (413, "Request too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "internal-error": (500, "Internal server error"),
    "store-unavailable": (503, "Store unavailable"),
    # the budget of one query (graph/store/query_pool.py, graph/store/bounded_results.py)
    "too-many-rows": (400, "Result has too many rows"),
    "response-too-large": (400, "Result too large"),
    "query-queue-full": (503, "Too many queries"),
    "query-aborted": (503, "Query stopped"),
    "query-cancelled": (503, "Query cancelled"),
    "query-timeout": (504, "Query ran out of time"),
}
_BY_STATUS = {status: slug for slug, (status, _) in reversed(PROBLEMS.items())}


class Problem(Exception):
    """An error the API reports on purpose: a problem slug, a detail and optional extra members."""

    def __init__(self, slug: str, detail: str, **extra: object) -> None:
        if slug not in PROBLEMS:
            raise ValueError(f"unknown problem type {slug!r}")
        super().__init__(detail)
        self.slug = slug
        self.detail = detail
        self.extra = extra


def problem_type(slug: str) -> str:
    """The stable type URI of a problem, under the configured base IRI."""
    base = current_app.config["BESTUURSGRAAF_SETTINGS"].base_iri
    return f"{base.rstrip('/')}/problems/{slug}"


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response:
    status, title = PROBLEMS[problem.slug]
    return _respond(
        problem_type(problem.slug), title, status, problem.detail, problem.extra, headers
    )


def _respond(
    type_uri: str,
    title: str,
    status: int,
    detail: str,
    extra: dict[str, object] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {"type": type_uri, "title": title, "status": status, "detail": detail, **(extra or {})}
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    response.headers.update(headers or {})
    return response


def _from_http_exception(error: HTTPException) -> Response:
    """Werkzeug's own errors (unknown URL, wrong method, body too large, ...) as problems; a
    status without a problem type of its own is `about:blank` with the status phrase as title."""
    status = error.code or 500
    headers = {key: value for key, value in error.get_headers() if key.lower() == "allow"}
    detail = error.description or error.name
    if status == 404:
        detail = "no resource at this URL; GET / lists what this API offers"
    slug = _BY_STATUS.get(status)
    if slug is None:
        return _respond("about:blank", error.name, status, detail, headers=headers)
    return problem_response(Problem(slug, detail), headers)


def _from_query_not_found(error: QueryNotFound) -> Response:
    available = [query.name for query in list_queries()]
    return problem_response(Problem("not-found", str(error), available=available))


def _from_store_error(error: StoreError) -> Response:
    # the store's own message names its endpoint: log it, do not publish it
    log.error("store error: %s", error)
    return problem_response(
        Problem("store-unavailable", "the graph store could not answer; try again later"),
        {"Retry-After": "30"},
    )


def _from_query_too_large(error: QueryTooLarge) -> Response:
    slug = "query-too-long" if error.limit == "max_query_chars" else "query-too-deep"
    return problem_response(Problem(slug, str(error), limit=error.limit, maximum=error.maximum))


def _from_result_too_large(error: ResultTooLarge) -> Response:
    slug = "too-many-rows" if error.limit == "max_rows" else "response-too-large"
    return problem_response(Problem(slug, str(error), limit=error.limit, maximum=error.maximum))


def _from_query_timeout(error: QueryTimeout) -> Response:
    return problem_response(
        Problem("query-timeout", str(error), limit="query_timeout_s", maximum=error.seconds)
    )


def _from_queue_full(error: QueryQueueFull) -> Response:
    return problem_response(
        Problem("query-queue-full", str(error), limit="query_queue"),
        {"Retry-After": str(error.retry_after_s)},
    )


def _from_query_aborted(error: QueryAborted) -> Response:
    log.warning("query aborted: %s", error)
    return problem_response(
        Problem("query-aborted", str(error), limit="query_memory_mb", maximum=error.megabytes)
    )


def _from_query_cancelled(error: QueryCancelled) -> Response:
    log.info("%s", error)  # nobody reads this answer
    return problem_response(Problem("query-cancelled", str(error)))


def _from_internal_error(error: Exception) -> Response:
    log.exception("unhandled error", exc_info=error)
    return problem_response(
        Problem("internal-error", "the server failed to answer this request; the error was logged")
    )


def register_error_handlers(app: Flask) -> None:
    """Install the handlers; Flask picks the most specific class, so order does not matter."""
    app.register_error_handler(Problem, problem_response)
    app.register_error_handler(HTTPException, _from_http_exception)
    app.register_error_handler(QueryNotFound, _from_query_not_found)
    app.register_error_handler(
        ParameterError, lambda error: problem_response(Problem("bad-parameter", str(error)))
    )
    app.register_error_handler(
        QuerySyntaxError, lambda error: problem_response(Problem("query-syntax", str(error)))
    )
    app.register_error_handler(
        UpdateRefused, lambda error: problem_response(Problem("update-refused", str(error)))
    )
    app.register_error_handler(
        ServiceRefused,
        lambda error: problem_response(Problem("service-refused", str(error), service=error.target)),
    )
    app.register_error_handler(QueryTooLarge, _from_query_too_large)
    app.register_error_handler(StoreError, _from_store_error)
    app.register_error_handler(ResultTooLarge, _from_result_too_large)
    app.register_error_handler(QueryTimeout, _from_query_timeout)
    app.register_error_handler(QueryQueueFull, _from_queue_full)
    app.register_error_handler(QueryAborted, _from_query_aborted)
    app.register_error_handler(QueryCancelled, _from_query_cancelled)
    app.register_error_handler(Exception, _from_internal_error)
