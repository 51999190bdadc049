"""DiWoo: a source document's metadata record in the form open.overheid.nl publishes, at `/documents/<doc_id>/diwoo.xml`.

The blueprint asks the store for the document's own triples, the labels, links and Kamerstuk ids of
what they point at, the annexes of the Kamerstuk it was published as, and what its passages mention;
`graph.publish.diwoo.diwoo_record` turns that into the XML. The id is checked against a strict
pattern and bound with VALUES."""

from __future__ import annotations

import re

from bestuursgraaf.api import current_minter, current_store
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.graph.publish.diwoo import diwoo_record
from flask import Blueprint, Response
from rdflib import Graph

diwoo_blueprint = Blueprint("diwoo", __name__)

DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
XML_MEDIA_TYPE = "application/xml"

# The document, one hop out (labels, links, Kamerstuk ids), its annexes and what its passages mention.
RECORD_GRAPH = """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {
  ?doc ?p ?o . ?o ?q ?v . ?annex bg:annexOf ?k ; ?lp ?lv . ?pass bg:inDocument ?doc . ?m bg:mentionedIn ?pass .
} WHERE {
  #DOC
  { ?doc ?p ?o }
  UNION { ?doc ?p1 ?o . ?o ?q ?v FILTER(?q IN (rdfs:label, dcterms:title, foaf:name, rdfs:seeAlso, bg:kstId)) }
  UNION { ?doc bg:publishedAs ?k . ?annex bg:annexOf ?k .
          OPTIONAL { ?annex ?lp ?lv FILTER(?lp IN (rdfs:label, dcterms:title)) } }
  UNION { ?pass bg:inDocument ?doc . ?m bg:mentionedIn ?pass FILTER(isIRI(?m)) }
}"""


@diwoo_blueprint.get("/documents/<doc_id>/diwoo.xml")
def document_diwoo(doc_id: str) -> Response:
    if not DOC_ID.fullmatch(doc_id):
        raise Problem("not-found", f"no document {doc_id!r}")
    document = current_minter().document(doc_id)
    query = RECORD_GRAPH.replace("#DOC", f"VALUES ?doc {{ {document.n3()} }}")
    body, _ = current_store().query_serialized(query, "ntriples")
    graph = Graph()
    graph.parse(data=body.decode("utf-8"), format="nt")
    if not len(graph):
        raise Problem("not-found", f"no document {doc_id!r}")
    return Response(diwoo_record(graph, document), mimetype=XML_MEDIA_TYPE)


def openapi_paths() -> dict:
    """The OpenAPI 3.1 path item of the DiWoo route, for api/openapi.py to merge."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "/documents/{doc_id}/diwoo.xml": {
            "get": {
                "summary": "A document's DiWoo metadata record (DiWoo 0.9.8, as open.overheid.nl publishes)",
                "parameters": [
                    {
                        "name": "doc_id",
                        "in": "path",
                        "required": True,
                        "description": "the document's id",
                        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,200}$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "the diwoo:Document record",
                        "content": {XML_MEDIA_TYPE: {"schema": {"type": "string"}}},
                    },
                    "404": {"description": "no such document", "content": problem},
                },
            }
        }
    }
