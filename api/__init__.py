"""The HTTP API: a thin Flask app over an injected store (SPARQL, named queries, resources, docs)."""

from __future__ import annotations

from bestuursgraaf.api.errors import register_error_handlers
from bestuursgraaf.graph.config import Settings
from bestuursgraaf.graph.namespaces import Minter
from bestuursgraaf.graph.store import Store
from bestuursgraaf.graph.store.guard import GuardedStore, QueryBudget, QueryLimits
from bestuursgraaf.graph.store.query_pool import QueryPool
from flask import Flask, current_app, has_request_context, request
from flask_cors import CORS

MAX_QUERY_BYTES = 100_000  # the longest query text (or request body) accepted


def create_app(
    store: Store, settings: Settings | None = None, query_pool: QueryPool | None = None
) -> Flask:
    """An app serving `store`; nothing is read from globals, everything comes in here. With a
    `query_pool` (worker processes over the same store on disk) every query runs there, within
    its time budget; without one, in the request's thread."""
    from bestuursgraaf.api.browse import browse_blueprint
    from bestuursgraaf.api.diwoo import diwoo_blueprint
    from bestuursgraaf.api.linked_data import linked_data_blueprint
    from bestuursgraaf.api.named_queries import queries_blueprint
    from bestuursgraaf.api.openapi import service_blueprint
    from bestuursgraaf.api.resources import resources_blueprint
    from bestuursgraaf.api.sparql import sparql_blueprint
    from bestuursgraaf.api.timeline import timeline_blueprint

    settings = settings or Settings()
    app = Flask(__name__)
    app.config["BESTUURSGRAAF_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = MAX_QUERY_BYTES + 1_000  # room for form encoding
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    limits = QueryLimits(
        settings.max_query_chars, settings.max_query_depth, frozenset(settings.service_allow)
    )
    budget = QueryBudget(settings.query_timeout_s, settings.max_rows, settings.max_response_bytes)
    guarded = GuardedStore(store, limits, budget, query_pool, cancelled=client_gone)
    app.extensions["bestuursgraaf"] = {
        "store": guarded,  # every query the API runs passes the guard and keeps its budget
        "limits": limits,
        "minter": Minter(settings.base_iri),
    }
    register_error_handlers(app)
    # Everything served is read-only (updates are refused), so any origin may read it: browser
    # SPARQL clients elsewhere can query /sparql, and pages elsewhere can fetch the dumps.
    CORS(app, methods=["GET", "HEAD", "POST", "OPTIONS"], expose_headers=["Link", "Retry-After"])
    for blueprint in (
        service_blueprint,
        sparql_blueprint,
        queries_blueprint,
        resources_blueprint,
        timeline_blueprint,
        diwoo_blueprint,
    ):
        app.register_blueprint(blueprint)
    app.register_blueprint(linked_data_blueprint(settings.base_iri))
    app.register_blueprint(browse_blueprint)  # the browse site (api/browse/)
    return app


def client_gone() -> bool:
    """Whether the client of the current request has closed its connection (waitress tells,
    with channel_request_lookahead > 0; other servers never do)."""
    if not has_request_context():
        return False
    disconnected = request.environ.get("waitress.client_disconnected")
    return bool(disconnected and disconnected())


def current_store() -> Store:
    return current_app.extensions["bestuursgraaf"]["store"]


def current_limits() -> QueryLimits:
    return current_app.extensions["bestuursgraaf"]["limits"]


def current_minter() -> Minter:
    return current_app.extensions["bestuursgraaf"]["minter"]


def current_settings() -> Settings:
    return current_app.config["BESTUURSGRAAF_SETTINGS"]


def negotiate(offers: list[str], what: str) -> str:
    """The offered media type the request's Accept header prefers (the first offer when there is
    no Accept header); a 406 problem naming the offers when none is acceptable."""
    from bestuursgraaf.api.errors import Problem
    from flask import request

    if not request.accept_mimetypes:
        return offers[0]
    best = request.accept_mimetypes.best_match(offers)
    if best is None:
        raise Problem(
            "not-acceptable",
            f"cannot serve {what} as {request.headers.get('Accept')}; available: {', '.join(offers)}",
            available=offers,
        )
    return best
