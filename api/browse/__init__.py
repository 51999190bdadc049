"""The browse site: styled, Dutch-first (English with ?lang=en) pages over the graph, with search,
named-query forms, a SPARQL editor and overviews; templates and CSS are package data."""

from __future__ import annotations

from bestuursgraaf.api.browse import pages
from bestuursgraaf.api.browse.language import word
from bestuursgraaf.api.errors import PROBLEMS, Problem, problem_response
from bestuursgraaf.graph.queries import QueryNotFound
from flask import Blueprint, Response, request

browse_blueprint = Blueprint(
    "browse",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/browse-static",
)


def problem_page(problem: Problem) -> Response:
    """A problem as a page of the site for a browser, as problem+json for everyone else."""
    response = problem_response(problem)
    if not pages.wants_html():
        return response
    status, title = PROBLEMS[problem.slug]
    page = pages.render("problem.html", title=title, problem=problem, status=status)
    page.status_code = status
    return page


@browse_blueprint.errorhandler(Problem)
def _problem(problem: Problem) -> Response:
    return problem_page(problem)


@browse_blueprint.errorhandler(QueryNotFound)
def _no_query(error: QueryNotFound) -> Response:
    return problem_page(Problem("not-found", str(error)))


@browse_blueprint.app_context_processor
def _template_globals() -> dict:
    return pages.template_globals() if request else {}


@browse_blueprint.before_app_request
def _home_for_browsers() -> Response | None:
    """`/` asked for as HTML is the site's home page (`/?q=...` its search); JSON clients keep
    the service index."""
    if request.path == "/" and request.method in ("GET", "HEAD") and pages.wants_html():
        return search() if "q" in request.args else home()
    return None


def home() -> Response:
    counts = {
        "documents": len(pages.page_rows("documents")),
        "actions": len(pages.page_rows("actions")),
        "motions": len(pages.page_rows("motions")),
        "commitments": len(pages.named_rows("commitments")),
        "organisations": len(pages.page_rows("entities")),
        "kamerstukken": len(pages.page_rows("kamerstukken")),
    }
    return pages.render(
        "home.html", counts=counts, documents=pages.page_rows("documents"), title=word("home")
    )


@browse_blueprint.get("/commitments")
def commitments() -> Response:
    return pages.commitments_list()


@browse_blueprint.get("/commitments/<key>")
def commitment(key: str) -> Response:
    return pages.commitment_page(key)


@browse_blueprint.get("/organisations")
def organisations() -> Response:
    return pages.organisations_list()


@browse_blueprint.get("/organisations/<path:key>")
def organisation(key: str) -> Response:
    return pages.organisation_page(key)


@browse_blueprint.get("/kamerstukken")
def kamerstukken() -> Response:
    return pages.kamerstukken_list()


@browse_blueprint.get("/search")
def search() -> Response:
    from bestuursgraaf.api.browse.search import search_page

    return search_page()


@browse_blueprint.get("/questions")
def query_forms() -> Response:
    from bestuursgraaf.api.browse.forms import forms_index

    return forms_index()


@browse_blueprint.get("/questions/<name>")
def query_form(name: str) -> Response:
    from bestuursgraaf.api.browse.forms import form_page

    return form_page(name)


EXAMPLE_QUERY = """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?action ?title ?status WHERE {
  ?action a bg:Action ; dcterms:title ?title ; bg:status ?status .
} ORDER BY ?title LIMIT 20"""


@browse_blueprint.get("/editor")
def editor() -> Response:
    from flask import url_for

    return pages.render(
        "editor.html",
        title=word("sparql_editor"),
        endpoint=url_for("sparql.sparql", _external=True),
        example=EXAMPLE_QUERY,
    )


@browse_blueprint.get("/overview")
def overview() -> Response:
    from bestuursgraaf.api.browse.overview import overview_page

    return overview_page()


@browse_blueprint.get("/network")
def network() -> Response:
    from bestuursgraaf.api.browse.overview import network_page

    return network_page()


def openapi_paths() -> dict:
    """The OpenAPI 3.1 path items of the browse site's own routes, for api/openapi.py to merge."""
    html = {"text/html": {"schema": {"type": "string"}}}
    rows = {
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object"}},
    }
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}

    def param(name: str, where: str, description: str, required: bool = False) -> dict:
        return {
            "name": name,
            "in": where,
            "required": required or where == "path",
            "description": description,
            "schema": {"type": "string"},
        }

    def page(summary: str, *parameters: dict, content: dict | None = None) -> dict:
        responses = {
            "200": {"description": summary, "content": content or html},
            "400": {"description": "a bad parameter", "content": problem},
            "404": {"description": "no such thing", "content": problem},
        }
        return {"get": {"summary": summary, "parameters": list(parameters), "responses": responses}}

    fmt = param("format", "query", "html (default), csv or json: the list as the page shows it")
    lang = param("lang", "query", "nl (default) or en")
    key = param("key", "path", "the key of the thing")
    return {
        "/commitments": page(
            "Commitments with facets, sorting and paging", fmt, lang, content=html | rows
        ),
        "/commitments/{key}": page("A commitment: verdict, deadline, timeline, passage", key, lang),
        "/organisations": page("Organisations, layers and persons", fmt, lang, content=html | rows),
        "/organisations/{key}": page(
            "An organisation, layer or person: actions, passages", key, lang
        ),
        "/kamerstukken": page("Kamerstukken cited or published", fmt, lang, content=html | rows),
        "/search": page(
            "Full-text search over passages and labels, with snippets and facets",
            param("q", "query", "the words to find"),
            param("kind", "query", "only hits of this kind"),
            param("doc", "query", "only hits in this document"),
            param("format", "query", "html (default) or json"),
            content=html | {"application/json": {"schema": {"type": "object"}}},
        ),
        "/questions": page("The named queries as forms", lang),
        "/questions/{name}": page(
            "A named query as a form, its result as a sortable table",
            param("name", "path", "the query's name"),
            fmt,
            content=html | rows,
        ),
        "/editor": page("A SPARQL query editor (YASGUI) over /sparql", lang),
        "/overview": page("Commitments per letter and status, and over time (SVG)", lang),
        "/network": page(
            "The motion → action → letter network of a dossier (SVG)",
            param("dossier", "query", "the dossier number, such as 35925", required=True),
            param("format", "query", "html (default) or svg"),
            content=html | {"image/svg+xml": {"schema": {"type": "string"}}},
        ),
        "/browse-static/{filename}": page(
            "The site's stylesheet and the vendored editor",
            param("filename", "path", "a file"),
            content={"text/css": {"schema": {"type": "string"}}},
        ),
    }
