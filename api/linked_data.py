"""Linked data: every resource IRI, the ontology, the shapes, the dataset description and the dumps, by content negotiation.

The app serves the last path segment of the base IRI (`https://w3id.org/bestuursgraaf/id/` ->
`/id/`, as w3id redirects `https://w3id.org/bestuursgraaf/*` here) and the ontology IRI
`https://w3id.org/bestuursgraaf/def` at `/def`. A resource's description is what the store says
about it (see DESCRIBE), in Turtle (also for `*/*` and no Accept), JSON-LD, RDF/XML, N-Triples or
HTML; `<path>.ttl`, `.jsonld`, `.rdf`, `.nt` and `.html` name one variant each. Paths are checked
against a strict pattern and the IRI is bound with `VALUES`; no request text reaches a query
unchecked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bestuursgraaf.api import (
    current_build_time,
    current_minter,
    current_store,
    negotiate_format,
)
from bestuursgraaf.api.errors import Problem
from bestuursgraaf.api.ontology_docs import (
    PublishedDocument,
    compact,
    label_in,
    ontology_iri,
    ontology_sections,
    published_documents,
    shape_summaries,
    term_labels,
)
from bestuursgraaf.graph.formats import DUMPS, JSON_LD, RESOURCES, Format
from bestuursgraaf.graph.namespaces import BG, PREFIXES
from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

# By extension, in order of preference for `*/*` (graph/formats.py): Turtle first, HTML only
# when asked for; `Accept: application/json` is answered with JSON-LD.
FORMATS = {f.extension: f for f in RESOURCES}
LABELS = (RDFS.label, DCTERMS.title, FOAF.name, SKOS.prefLabel)
EVIDENCE = (BG.mentionedIn, BG.evidence)
# RFC 3986 path characters (after percent-decoding, so no `%`): anything else is no IRI of ours.
LOCAL_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@-]+(?:/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*")

# A resource's description: its own triples, the links to it, the labels of the IRIs on either
# side, and for every passage on either side its quote, offsets and document (with its title).
DESCRIBE = """PREFIX bg: <https://w3id.org/bestuursgraaf/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT {
  ?this ?p ?o . ?s ?q ?this . ?n ?labelledBy ?label .
  ?n bg:quote ?quote ; bg:startOffset ?start ; bg:endOffset ?end ; bg:inDocument ?doc .
  ?doc dcterms:title ?docTitle .
} WHERE {
  #THIS
  { ?this ?p ?o }
  UNION { ?s ?q ?this }
  UNION {
    { ?this ?p1 ?n } UNION { ?n ?q1 ?this }
    FILTER(isIRI(?n))
    VALUES ?labelledBy { rdfs:label dcterms:title foaf:name skos:prefLabel }
    ?n ?labelledBy ?label
  }
  UNION {
    { ?this ?p2 ?n } UNION { ?n ?q2 ?this }
    ?n bg:quote ?quote
    OPTIONAL { ?n bg:startOffset ?start }
    OPTIONAL { ?n bg:endOffset ?end }
    OPTIONAL { ?n bg:inDocument ?doc OPTIONAL { ?doc dcterms:title ?docTitle } }
  }
}"""


def served_prefix(base_iri: str) -> str:
    """The path the app serves the base IRI's resources under: its last path segment."""
    segments = [s for s in urlsplit(base_iri).path.split("/") if s]
    return f"/{segments[-1]}/" if segments else "/"


def linked_data_blueprint(base_iri: str) -> Blueprint:
    """The linked-data routes for an app whose resources are minted under `base_iri`."""
    blueprint = Blueprint("linked_data", __name__)
    prefix = served_prefix(base_iri)
    blueprint.add_url_rule("/context.jsonld", "context", jsonld_context)
    blueprint.add_url_rule("/.well-known/void", "void", dataset_description)
    blueprint.add_url_rule("/def", "ontology", published, defaults={"name": ""})
    blueprint.add_url_rule("/def.<ext>", "ontology_variant", published_variant)
    blueprint.add_url_rule("/def/<name>", "published", published)
    blueprint.add_url_rule(f"{prefix}dump.<ext>", "dump", dump)
    blueprint.add_url_rule(f"{prefix}<path:local>", "resource", resource)
    return blueprint


# -- links ----------------------------------------------------------------------------------
def _ontology_iri() -> str:
    return str(ontology_iri())


def app_path(iri: str) -> str | None:
    """The path this app serves an IRI at (with any fragment), None for an IRI served elsewhere."""
    base = current_minter().base
    if iri.startswith(base):
        return request.script_root + served_prefix(base) + iri[len(base) :]
    ontology = _ontology_iri()
    if iri == ontology or iri.startswith((f"{ontology}#", f"{ontology}/")):
        return request.script_root + "/def" + iri[len(ontology) :]
    shapes = "https://w3id.org/bestuursgraaf/shapes#"
    if iri.startswith(shapes):
        return request.script_root + "/def/shapes#" + iri[len(shapes) :]
    return None


def _cache() -> dict:
    """This app's own cache (rendered pages, the dataset description, dumps)."""
    return current_app.extensions.setdefault("linked_data", {})


# -- describing a resource ------------------------------------------------------------------
class SortedGraph(Graph):
    """A graph that lists its subjects and their predicate-objects sorted, so that rdflib's
    serialisers that follow the store's order (RDF/XML) write the same bytes every time."""

    def subjects(self, predicate=None, object=None, unique=False):
        yield from sorted(set(super().subjects(predicate, object)))

    def predicate_objects(self, subject=None, unique=False):
        yield from sorted(set(super().predicate_objects(subject)))


def sorted_graph(triples) -> Graph:
    """A graph with the triples added in sorted order (rdflib serialises in insertion order)."""
    graph = SortedGraph(bind_namespaces="none")
    for prefix, namespace in sorted({**PREFIXES, **_published_context()}.items()):
        graph.bind(prefix, namespace)
    for triple in sorted(triples):
        graph.add(triple)
    return graph


def describe(iri: URIRef) -> Graph:
    """The resource's description from the store (empty when the store knows nothing of it)."""
    query = DESCRIBE.replace("#THIS", f"VALUES ?this {{ {iri.n3()} }}")
    body, _ = current_store().query_serialized(query, "ntriples")
    graph = Graph()
    graph.parse(data=body.decode("utf-8"), format="nt")
    return sorted_graph(graph)


def _store_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(data=current_store().dump_nquads().decode("utf-8"), format="nquads")
    return dataset


def _cached_for_store(key: str, make):
    """A value computed from the whole store, kept until the store's size changes."""
    size = len(current_store())
    cached = _cache().get(key)
    if cached is None or cached[0] != size:
        cached = (size, make())
        _cache()[key] = cached
    return cached[1]


def dataset_graph() -> Graph:
    """The DCAT/VoID description of the dataset the store holds."""
    from bestuursgraaf.graph.publish.dataset import describe_dataset

    return _cached_for_store(
        "description",
        lambda: sorted_graph(
            describe_dataset(_store_dataset(), current_minter(), built=current_build_time())
        ),
    )


def _from_dataset_description(iri: URIRef) -> Graph:
    """A node of the dataset description (a distribution, a class partition, ...) described
    like a resource of the store: its triples, the links to it and its neighbours' labels."""
    description = dataset_graph()
    own = [t for t in description if iri in (t[0], t[2])]
    neighbours = {n for s, _, o in own for n in (s, o) if isinstance(n, URIRef) and n != iri}
    labels = [
        (n, p, label) for n in neighbours for p in LABELS for label in description.objects(n, p)
    ]
    return sorted_graph(own + labels)


def description_of(iri: URIRef) -> Graph:
    if iri == URIRef(current_minter().base + "dataset"):
        return dataset_graph()
    graph = describe(iri)
    if not len(graph):
        graph = _from_dataset_description(iri)
    return graph


def _resolve(local: str) -> tuple[URIRef, Format | None, Graph]:
    """The IRI a path names, the variant its extension asks for (None: negotiate) and its description."""
    if not LOCAL_PATH.fullmatch(local):
        raise Problem("not-found", f"{local!r} is not the path of a resource in this graph")
    base = current_minter().base
    graph = description_of(URIRef(base + local))
    if len(graph):
        return URIRef(base + local), None, graph
    stem, dot, extension = local.rpartition(".")
    if dot and stem and extension in FORMATS:
        graph = description_of(URIRef(base + stem))
        if len(graph):
            return URIRef(base + stem), FORMATS[extension], graph
    raise Problem("not-found", f"no resource <{base + local}> in the graph")


# -- views ----------------------------------------------------------------------------------
def resource(local: str) -> Response:
    iri, fixed, graph = _resolve(local)
    return _represent(iri, graph, fixed, lambda: render_resource(iri, graph))


def dataset_description() -> Response:
    iri = URIRef(current_minter().base + "dataset")
    graph = dataset_graph()
    return _represent(iri, graph, None, lambda: render_resource(iri, graph))


def published(name: str) -> Response:
    """The ontology (`/def`, `/def/<version>`) or the shapes (`/def/shapes`), with conneg or
    a variant by extension (`/def/shapes.ttl`)."""
    documents = published_documents()
    fixed = None
    document = documents.get(name)
    if document is None:
        stem, dot, extension = name.rpartition(".")
        document = documents.get(stem) if dot and extension in FORMATS else None
        fixed = FORMATS.get(extension)
    if document is None:
        raise Problem("not-found", f"nothing published at /def/{name}; try /def or /def/shapes")
    return _represent_document(document, fixed)


def published_variant(ext: str) -> Response:
    if ext not in FORMATS:
        raise Problem("not-found", f"no variant .{ext} of the ontology; try /def.ttl")
    return _represent_document(published_documents()[""], FORMATS[ext])


def _represent_document(document: PublishedDocument, fixed: Format | None) -> Response:
    def page() -> str:
        pages = _cache().setdefault("pages", {})
        if document.iri not in pages:
            pages[document.iri] = render_published(document)
        return pages[document.iri]

    return _represent(document.iri, sorted_graph(document.graph), fixed, page, source=document)


def jsonld_context() -> Response:
    from bestuursgraaf.graph.publish.dumps import CONTEXT_PATH

    response = Response(CONTEXT_PATH.read_bytes(), mimetype=JSON_LD.media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def dump(ext: str) -> Response:
    """The whole dataset in one format, as a download; the bytes are kept per format."""
    from bestuursgraaf.graph.publish.dumps import FORMATS as DUMP_FORMATS
    from bestuursgraaf.graph.publish.dumps import dump as dump_dataset

    by_extension = {f.extension: f for f in DUMP_FORMATS.values()}
    if ext not in by_extension:
        raise Problem(
            "not-found", f"no dump as .{ext}; available: {', '.join(sorted(by_extension))}"
        )
    fmt = by_extension[ext]
    body = _cached_for_store(f"dump.{ext}", lambda: dump_dataset(_store_dataset(), fmt.name))
    response = Response(body, mimetype=fmt.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="bestuursgraaf.{ext}"'
    return response


# -- representations ------------------------------------------------------------------------
def _represent(
    iri: URIRef,
    graph: Graph,
    fixed: Format | None,
    html,
    source: PublishedDocument | None = None,
) -> Response:
    """The negotiated (or the fixed) representation, with Vary and Content-Location when negotiated."""
    fmt = fixed or negotiate_format(RESOURCES, f"<{iri}>")
    if fmt.rdflib is None:
        body: bytes | str = html()
    elif fmt.extension == "ttl" and source is not None:
        body = source.path.read_bytes()  # the source file itself, with its design notes
    else:
        body = serialize(graph, fmt)
    response = Response(body, mimetype=fmt.media_type)
    if fixed is None:
        response.vary.add("Accept")
        path = app_path(str(iri))
        if path:
            response.headers["Content-Location"] = f"{path}.{fmt.extension}"
    return response


def serialize(graph: Graph, fmt: Format) -> bytes:
    """The graph in an RDF format, the same bytes for the same triples."""
    if fmt.extension == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return "".join(f"{line}\n" for line in sorted(filter(None, lines))).encode("utf-8")
    if fmt.extension == "jsonld":
        return _jsonld(graph).encode("utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


def _published_context() -> dict:
    from bestuursgraaf.graph.publish.dumps import CONTEXT_PATH

    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def _jsonld(graph: Graph) -> str:
    """JSON-LD compacted with the published context (inline, so it parses offline), nodes
    sorted by @id and values sorted (rdflib's order follows Python's set order)."""
    context = _published_context()
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.pop("@graph", None)
    if nodes is None:
        body = {k: v for k, v in document.items() if k != "@context"}
        nodes = [body] if body else []
    nodes = sorted((_sorted_values(node) for node in nodes), key=lambda n: str(n.get("@id")))
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=2) + "\n"


def _sorted_values(value):
    if isinstance(value, dict):
        return {k: v if k == "@list" else _sorted_values(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted(
            (_sorted_values(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True)
        )
    return value


# -- the HTML page of a resource ------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    text: str
    iri: str
    href: str | None  # None: no page to go to
    external: bool


@dataclass(frozen=True)
class Value:
    link: Link | None
    text: str
    note: str  # a literal's language or datatype


@dataclass(frozen=True)
class PassageRow:
    link: Link
    relation: str
    quote: str
    document: Link | None
    start: str | None
    end: str | None


def label_of(graph: Graph, node: Node, language: str = "nl") -> str | None:
    labels: dict[str, str] = {}
    for predicate in LABELS:
        for value in sorted(graph.objects(node, predicate)):
            if isinstance(value, Literal):
                labels.setdefault(value.language or "", str(value))
    return label_in(labels, language)


def link(graph: Graph, iri: URIRef, language: str = "nl") -> Link:
    text = label_of(graph, iri, language)
    if text is None:
        vocabulary = term_labels().get(iri)
        text = label_in(vocabulary, "en") if vocabulary else None
    href = app_path(str(iri))
    base = current_minter().base
    if text is None and iri.startswith(base):
        text = iri[len(base) :]
    return Link(text or compact(str(iri)), str(iri), href or str(iri), href is None)


def predicate_link(predicate: URIRef) -> Link:
    labels = term_labels().get(predicate)
    curie = compact(str(predicate))
    text = f"{label_in(labels, 'en')} ({curie})" if labels else curie
    href = app_path(str(predicate))
    return Link(text, str(predicate), href or str(predicate), href is None)


def value(graph: Graph, node: Node) -> Value:
    if isinstance(node, URIRef):
        target = link(graph, node)
        return Value(target, target.text, "")
    if isinstance(node, Literal):
        if node.language:
            note = f"@{node.language}"
        elif node.datatype and node.datatype != XSD.string:
            note = compact(str(node.datatype))
        else:
            note = ""
        return Value(None, str(node), note)
    return Value(None, str(node), "blank node")


def passages(graph: Graph, this: URIRef) -> list[PassageRow]:
    """Every passage on either side of the resource, with how it is linked, sorted by document
    and offset: what its facts were read from."""
    rows = []
    for node in set(graph.subjects(BG.quote, None)) - {this}:
        relations = [predicate_link(p).text for p in graph.predicates(this, node)]
        relations += [f"is {predicate_link(p).text} of" for p in graph.predicates(node, this)]
        if not relations:
            continue
        rows.append(_passage_row(graph, node, "; ".join(sorted(relations))))
    return sorted(
        rows, key=lambda r: (r.document.iri if r.document else "", _int(r.start), r.link.iri)
    )


def _passage_row(graph: Graph, node: Node, relation: str) -> PassageRow:
    document = graph.value(node, BG.inDocument)
    start, end = graph.value(node, BG.startOffset), graph.value(node, BG.endOffset)
    return PassageRow(
        link=link(graph, node),
        relation=relation,
        quote=str(graph.value(node, BG.quote)),
        document=link(graph, document) if isinstance(document, URIRef) else None,
        start=str(start) if start is not None else None,
        end=str(end) if end is not None else None,
    )


def _int(text: str | None) -> int:
    return int(text) if text and text.lstrip("-").isdigit() else -1


def _facts(graph: Graph, this: URIRef) -> list[tuple[Link, list[Value]]]:
    predicates = sorted(set(graph.predicates(this, None)) - {RDF.type})
    return [
        (predicate_link(p), [value(graph, o) for o in sorted(graph.objects(this, p))])
        for p in predicates
    ]


def _incoming(graph: Graph, this: URIRef) -> list[tuple[Link, Link]]:
    rows = [
        (link(graph, s), predicate_link(p))
        for s, p in graph.subject_predicates(this)
        if isinstance(s, URIRef)
    ]
    return sorted(rows, key=lambda row: (row[1].text, row[0].text, row[0].iri))


def _alternates(iri: URIRef) -> list[tuple[Format, str]]:
    path = app_path(str(iri))
    if path is None or "#" in path:
        return []
    return [(f, f"{path}.{f.extension}") for f in FORMATS.values() if f.rdflib]


def render_resource(iri: URIRef, graph: Graph) -> str:
    own_quote = graph.value(iri, BG.quote)
    return render_template(
        "linked_data/resource.html",
        iri=str(iri),
        title=label_of(graph, iri) or compact(str(iri)),
        types=[link(graph, t, "en") for t in sorted(graph.objects(iri, RDF.type))],
        quote=_passage_row(graph, iri, "") if own_quote is not None else None,
        facts=_facts(graph, iri),
        incoming=_incoming(graph, iri),
        passages=passages(graph, iri),
        alternates=_alternates(iri),
    )


# -- the HTML pages of the ontology and the shapes ------------------------------------------
def _term_link(iri: URIRef, namespace: str) -> Link:
    if iri.startswith(namespace):
        return Link(compact(str(iri)), str(iri), "#" + iri[len(namespace) :], False)
    return Link(compact(str(iri)), str(iri), str(iri), True)


def _class_link(iri: URIRef) -> Link:
    href = app_path(str(iri))
    return Link(compact(str(iri)), str(iri), href or str(iri), href is None)


def render_published(document: PublishedDocument) -> str:
    graph = document.graph
    alternates = _alternates(document.iri)
    if document.name == "shapes":
        return render_template(
            "linked_data/shapes.html",
            iri=str(document.iri),
            shapes=shape_summaries(graph),
            alternates=alternates,
            term_link=lambda iri: _term_link(iri, "https://w3id.org/bestuursgraaf/shapes#"),
            class_link=_class_link,
        )
    ontology = ontology_iri()
    namespace = str(BG)
    metadata = {
        "titles": _texts(graph, ontology, DCTERMS.title),
        "descriptions": _texts(graph, ontology, DCTERMS.description),
        "version": graph.value(ontology, OWL.versionInfo),
        "version_iri": graph.value(ontology, OWL.versionIRI),
        "license": graph.value(ontology, DCTERMS.license),
        "created": graph.value(ontology, DCTERMS.created),
    }
    return render_template(
        "linked_data/ontology.html",
        iri=str(document.iri),
        ontology=str(ontology),
        metadata=metadata,
        sections=ontology_sections(graph, namespace),
        alternates=alternates,
        term_link=lambda iri: _term_link(iri, namespace),
    )


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[tuple[str, str]]:
    return sorted(
        (value.language or "", str(value))
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal)
    )


# -- OpenAPI --------------------------------------------------------------------------------
def openapi_paths(base_iri: str) -> dict:
    """The OpenAPI 3.1 path items of these routes, keyed like the Flask rules (`<x>` as `{x}`,
    converter names dropped), for api/openapi.py to merge into its document."""
    prefix = served_prefix(base_iri)
    def body(media: str) -> dict:  # JSON-LD is a JSON object, the others text
        return {"schema": {"type": "object" if media.endswith("json") else "string"}}

    rdf = {media: body(media) for media in RESOURCES.media_types()}
    dumps = {f.media_type: body(f.media_type) for f in DUMPS}
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    not_found = {"404": {"description": "no such resource or variant", "content": problem}}
    refused = {"406": {"description": "no acceptable representation", "content": problem}}

    def param(name: str, description: str, example: str) -> dict:
        return {
            "name": name,
            "in": "path",
            "required": True,
            "description": description,
            "schema": {"type": "string"},
            "example": example,
        }

    def negotiated(summary: str, *params: dict) -> dict:
        operation = {
            "summary": summary,
            "description": "Turtle for */* or no Accept header; JSON-LD (also for "
            "application/json), RDF/XML, N-Triples or HTML by the Accept header (Vary: Accept, "
            "Content-Location names the variant).",
            "responses": {"200": {"description": "the representation", "content": rdf}}
            | (not_found if params else {})
            | refused,
        }
        if params:
            operation["parameters"] = list(params)
        return {"get": operation}

    extension = param("ext", "ttl, jsonld, rdf, nt or html", "ttl")
    local = param(
        "local",
        "the IRI's path below the base IRI, optionally with .ttl, .jsonld, .rdf, .nt or .html",
        "kamerstuk/kst-35570-VII-K",
    )
    dump_ext = param("ext", "nq, trig, ttl or jsonld", "nq")
    dump_ext["schema"]["enum"] = [f.extension for f in DUMPS]
    return {
        "/context.jsonld": {
            "get": {
                "summary": "The published JSON-LD context",
                "responses": {
                    "200": {
                        "description": "the context",
                        "content": {JSON_LD.media_type: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/.well-known/void": negotiated("The DCAT/VoID description of the dataset"),
        "/def": negotiated("The ontology (its documentation page for browsers)"),
        "/def.{ext}": negotiated("The ontology in one format", extension),
        "/def/{name}": negotiated(
            "The ontology by its version (such as 0.1.0) or the SHACL shapes (shapes)",
            param("name", "a version, or shapes; optionally with an extension", "shapes"),
        ),
        f"{prefix}dump.{{ext}}": {
            "get": {
                "summary": "The whole dataset as a download (N-Quads, TriG, Turtle or JSON-LD)",
                "parameters": [dump_ext],
                "responses": {"200": {"description": "the dump", "content": dumps}} | not_found,
            }
        },
        f"{prefix}{{local}}": negotiated(
            "Any resource of the graph by its IRI: its triples, the links to it, its "
            "neighbours' labels and the passages it was read from",
            local,
        ),
    }
