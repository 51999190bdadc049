"""The service's front door: the index (`/`) and its OpenAPI 3.1 description (`/openapi.json`)."""

from __future__ import annotations

from bestuursgraaf.api import MAX_QUERY_BYTES, current_settings, negotiate
from bestuursgraaf.api.browse import openapi_paths as browse_paths
from bestuursgraaf.api.diwoo import openapi_paths as diwoo_paths
from bestuursgraaf.api.errors import PROBLEM_MEDIA_TYPE, PROBLEMS, problem_type
from bestuursgraaf.api.linked_data import openapi_paths as linked_data_paths
from bestuursgraaf.api.timeline import openapi_paths as timeline_paths
from bestuursgraaf.graph.queries import list_queries
from bestuursgraaf.graph.store.base import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES
from flask import Blueprint, Response, jsonify, url_for
from markupsafe import Markup

service_blueprint = Blueprint("service", __name__)

ENTRY_POINTS = {
    "sparql": ("sparql.sparql", "SPARQL 1.1 query endpoint (read-only)"),
    "queries": ("queries.index", "Named queries, one per question, as JSON, CSV or HTML"),
    "documents": ("resources.documents", "Documents in the graph"),
    "motions": ("resources.motions", "Motions the documents mention"),
    "actions": ("resources.actions", "Actions the documents announce"),
    "openapi": ("service.openapi", "OpenAPI 3.1 description of this API"),
    "ontology": ("linked_data.ontology", "The ontology, documented (and as Turtle, JSON-LD, RDF/XML)"),
    "void": ("linked_data.void", "DCAT/VoID description of the dataset, with its dumps"),
}


@service_blueprint.get("/")
def index() -> Response:
    links = {name: url_for(endpoint) for name, (endpoint, _) in ENTRY_POINTS.items()}
    if negotiate(["application/json", "text/html"], "the index") == "text/html":
        items = Markup("").join(
            Markup('<li><a href="{}">{}</a>: {}</li>').format(links[name], name, about)
            for name, (_, about) in ENTRY_POINTS.items()
        )
        page = Markup(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Bestuursgraaf</title>'
            "</head><body><h1>Bestuursgraaf</h1><p>A knowledge graph of Dutch inter-governmental "
            "relations and commitments, read from parliamentary letters.</p><ul>{}</ul></body></html>\n"
        ).format(items)
        response = Response(page, mimetype="text/html")
    else:
        response = jsonify(
            {
                "title": "Bestuursgraaf",
                "description": "A knowledge graph of Dutch inter-governmental relations and commitments.",
                "links": links,
            }
        )
    response.vary.add("Accept")
    return response


@service_blueprint.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document())


# -- the OpenAPI document -------------------------------------------------------------------
def _problem_responses(*slugs: str) -> dict:
    by_status: dict[str, list[str]] = {}
    for slug in slugs:
        by_status.setdefault(str(PROBLEMS[slug][0]), []).append(slug)
    return {
        status: {
            "description": "; ".join(f"{PROBLEMS[s][1]} (type {problem_type(s)})" for s in group),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status, group in by_status.items()
    }


def _json_ok(description: str, schema: str = "Resource") -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _path_param(name: str, description: str, pattern: str, example: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "pattern": pattern},
        "example": example,
    }


def _resource(summary: str, param: dict | None = None, ok: str = "the resource") -> dict:
    operation = {"summary": summary, "responses": {"200": _json_ok(ok)}}
    operation["responses"] |= _problem_responses("store-unavailable")
    if param:
        operation["parameters"] = [param]
        operation["responses"] |= _problem_responses("not-found")
    return {"get": operation}


def _sparql_operation(method: str) -> dict:
    media = {
        m: {"schema": {"type": "string"}}
        for m in [*RESULT_MEDIA_TYPES.values(), *GRAPH_MEDIA_TYPES.values()]
    }
    operation: dict = {
        "summary": "Run a read-only SPARQL 1.1 query over the union of all named graphs",
        "description": (
            "SELECT/ASK results as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE "
            "as Turtle (default), N-Triples or RDF/XML, chosen by the Accept header. Updates are "
            f"refused, default-graph-uri/named-graph-uri are not supported, queries longer than "
            f"{MAX_QUERY_BYTES} bytes are refused. SERVICE is refused unless its endpoint is "
            "allowed; queries longer or nested deeper than the configured limits are refused."
        ),
        "responses": {"200": {"description": "the query result", "content": media}}
        | _problem_responses(
            "bad-parameter",
            "query-syntax",
            "dataset-not-supported",
            "update-refused",
            "service-refused",
            "query-too-long",
            "query-too-deep",
            "not-acceptable",
            "request-too-large",
            "unsupported-media-type",
            "store-unavailable",
        ),
    }
    if method == "get":
        operation["parameters"] = [
            {
                "name": "query",
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
                "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
            }
        ]
    else:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {"query": {"type": "string"}},
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
            },
        }
    return operation


def openapi_document() -> dict:
    query_names = [query.name for query in list_queries()]
    doc_id = _path_param(
        "doc_id", "a document id", r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$", "004_6c88505460917616"
    )
    kst_id = _path_param("kst_id", "a kst id", r"^kst-[0-9]+(-[0-9A-Za-z]+)+$", "kst-33047-25")
    motion_key = _path_param(
        "key",
        "the motion's kst id, or its slug when it has none",
        r"^[A-Za-z0-9-]+$",
        "kst-35925-VII-12",
    )
    action_slug = _path_param(
        "slug", "the action's slug", r"^[a-z0-9]+(-[a-z0-9]+)*$", "regio-deals-verlengen"
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bestuursgraaf API",
            "version": "0.1.0",
            "description": "Read-only access to a knowledge graph of Dutch parliamentary letters: "
            "SPARQL, named queries and JSON resources. Errors are "
            "application/problem+json (RFC 9457) with stable type URIs.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "paths": {
            "/": {
                "get": {
                    "summary": "Index with links to the entry points",
                    "responses": {
                        "200": {
                            "description": "links",
                            "content": {
                                "application/json": {"schema": {"type": "object"}},
                                "text/html": {"schema": {"type": "string"}},
                            },
                        }
                    }
                    | _problem_responses("not-acceptable"),
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
            "/sparql": {"get": _sparql_operation("get"), "post": _sparql_operation("post")},
            "/queries": {
                "get": {
                    "summary": "The named queries with their questions, parameters and columns",
                    "responses": {"200": _json_ok("the queries", "QueryList")},
                }
            },
            "/queries/{name}": {
                "get": {
                    "summary": "Run a named query; its parameters are query-string arguments",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": query_names},
                        },
                        {
                            "name": "format",
                            "in": "query",
                            "required": False,
                            "description": "overrides the Accept header",
                            "schema": {"type": "string", "enum": ["json", "csv", "html"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "the rows",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/QueryResult"}
                                },
                                "text/csv": {"schema": {"type": "string"}},
                                "text/html": {"schema": {"type": "string"}},
                            },
                        }
                    }
                    | _problem_responses(
                        "bad-parameter", "not-found", "not-acceptable", "store-unavailable"
                    ),
                }
            },
            "/documents": _resource("All documents", ok="the documents"),
            "/documents/{doc_id}": _resource(
                "A document: metadata, sections, citations, cited kamerstukken, motions, actions",
                doc_id,
            ),
            "/kamerstukken/{kst_id}": _resource(
                "A Kamerstuk and the documents citing it, with the citation text and passage",
                kst_id,
            ),
            "/motions": _resource("All motions", ok="the motions"),
            "/motions/{key}": _resource(
                "A motion: submitters with party, documents and passages, related actions",
                motion_key,
            ),
            "/actions": _resource("All actions", ok="the actions"),
            "/actions/{slug}": _resource(
                "An action: title, section, status, motions with relation, passages", action_slug
            ),
        }
        | linked_data_paths(current_settings().base_iri)
        | timeline_paths()
        | diwoo_paths()
        | browse_paths(),
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict:
    base = current_settings().base_iri.rstrip("/")
    nullable_string = {"type": ["string", "null"]}
    return {
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {
                    "type": "string",
                    "format": "uri",
                    "examples": [f"{base}/problems/query-syntax"],
                },
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
            },
        },
        "Resource": {
            "type": "object",
            "required": ["@id", "links"],
            "properties": {
                "@id": {"type": "string"},
                "links": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
        "Passage": {
            "type": "object",
            "required": ["@id", "document", "start", "end", "quote"],
            "properties": {
                "@id": {"type": "string", "format": "uri"},
                "document": nullable_string,
                "start": {"type": ["integer", "null"]},
                "end": {"type": ["integer", "null"]},
                "quote": nullable_string,
            },
        },
        "QueryResult": {
            "type": "object",
            "required": ["columns", "rows"],
            "properties": {
                "columns": {"type": "array", "items": {"type": "string"}},
                "rows": {
                    "type": "array",
                    "items": {"type": "object", "additionalProperties": nullable_string},
                },
                "truncated": {"type": "boolean"},
            },
        },
        "QueryList": {
            "type": "object",
            "properties": {"queries": {"type": "array", "items": {"type": "object"}}},
        },
    }
