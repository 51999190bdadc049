"""The OpenAPI docs page (`/docs`): Swagger UI, served from its Python package (no CDN),
rendering this API's own `/openapi.json`."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, send_from_directory
from swagger_ui_bundle import swagger_ui_path

docs_blueprint = Blueprint("docs", __name__)

# The files of Swagger UI (Apache-2.0, package swagger-ui-bundle-v2) the page loads.
ASSETS = frozenset(
    {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-16x16.png", "favicon-32x32.png"}
)


@docs_blueprint.get("/docs")
def page() -> str:
    return render_template("docs/openapi.html")


@docs_blueprint.get("/docs/assets/<name>")
def asset(name: str) -> Response:
    if name not in ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_path, name, max_age=86_400)


def openapi_paths() -> dict:
    """The OpenAPI 3.1 path items of the docs page, for api/openapi.py to merge."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "/docs": {
            "get": {
                "summary": "This description as a page (Swagger UI)",
                "responses": {
                    "200": {
                        "description": "the page",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    },
                    "304": {"description": "not modified since the ETag given"},
                },
            }
        },
        "/docs/assets/{name}": {
            "get": {
                "summary": "The files of Swagger UI the docs page loads",
                "parameters": [
                    {
                        "name": "name",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": sorted(ASSETS)},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "the file",
                        "content": {
                            "text/css": {"schema": {"type": "string"}},
                            "text/javascript": {"schema": {"type": "string"}},
                            "image/png": {"schema": {"type": "string"}},
                        },
                    },
                    "304": {"description": "not modified since the ETag given"},
                    "404": {"description": "no such file", "content": problem},
                },
            }
        },
    }
