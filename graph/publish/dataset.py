"""The DCAT-AP (3.0, with DCAT-AP-NL 3.0) and VoID description of the dataset, its statistics counted by SPARQL.

Sources: DCAT-AP 3.0.0, https://semiceu.github.io/DCAT-AP/releases/3.0.0/ (sections "Catalogue",
"Dataset", "Distribution", "Data Service", "Agent", "Licence Document"), and DCAT-AP-NL 3.0,
https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/ (its classes, optionality and value lists);
VoID, https://www.w3.org/TR/void/ (sections 4 "Describing dataset contents", 5 "Linksets").
`ontology/dcat-ap-shapes.ttl` checks what this module writes.

Everything is derived from the graph, the minter and the time the graph was built, never from the
clock: the same graph file gives the same description. `dcterms:issued` and `dcterms:modified` are
the build time (the graph file's modification time, `build_time`); without one (a graph built in
memory) they are the date of the newest document. The period covered is that of the documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyshacl
from bestuursgraaf.graph.build import serialize_nquads
from bestuursgraaf.graph.emit import date_literal
from bestuursgraaf.graph.formats import EU_FILE_TYPE, IANA_MEDIA_TYPES, W3C_FORMATS, Format
from bestuursgraaf.graph.namespaces import BG, Minter
from bestuursgraaf.graph.publish.dumps import FORMATS, compact_iri
from bestuursgraaf.graph.store import EmbeddedStore
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, XSD

from bestuursgraaf.package_data import ontology_dir

DCAT_SHAPES_PATH = ontology_dir() / "dcat-ap-shapes.ttl"
VOID = Namespace("http://rdfs.org/ns/void#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
ONTOLOGY_IRI = URIRef("https://w3id.org/bestuursgraaf/def")
THEME_GOVERNMENT = URIRef(EU + "data-theme/GOVE")
THEME_TAXONOMY = URIRef(EU + "data-theme")
LANGUAGE_DUTCH = URIRef(EU + "language/NLD")
COUNTRY_NETHERLANDS = URIRef(EU + "country/NLD")
ACCESS_PUBLIC = URIRef(EU + "access-right/PUBLIC")
AVAILABILITY_STABLE = URIRef(EU + "planned-availability/STABLE")
SPARQL_QUERY_FILE_TYPE = URIRef(EU + "file-type/SPARQLQ")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
LICENCE_CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
LICENCE_TYPE_PUBLIC_DOMAIN = URIRef("http://purl.org/adms/licencetype/PublicDomain")
PUBLISHER_TYPE_NATIONAL = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
# The intended publisher: the Ministry of the Interior and Kingdom Relations (BZK), by its TOOI
# identifier. It has not (yet) published this dataset; the description names it as the intended one.
PUBLISHER_BZK = URIRef("https://identifier.overheid.nl/tooi/id/ministerie/mnre1034")
PUBLISHER_NAME = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"

# Datasets our resources link to, by the namespace of the link's object (VoID linksets).
LINK_TARGETS = {
    "tooi": (
        "TOOI, de identificaties van overheidsorganisaties",
        "https://identifier.overheid.nl/tooi/",
    ),
    "officielebekendmakingen": (
        "Officiële bekendmakingen",
        "https://zoek.officielebekendmakingen.nl/",
    ),
    "wetten": ("Wetten.overheid.nl (BWB)", "https://wetten.overheid.nl/"),
}


@dataclass
class VoidStatistics:
    """The VoID counts of a dataset (https://www.w3.org/TR/void/#statistics)."""

    triples: int = 0
    distinct_subjects: int = 0
    distinct_objects: int = 0
    entities: int = 0  # IRI subjects in the data namespace (void:uriSpace)
    classes: int = 0
    properties: int = 0
    class_partitions: dict[str, int] = field(default_factory=dict)  # class -> distinct instances
    property_partitions: dict[str, int] = field(
        default_factory=dict
    )  # property -> distinct triples
    linksets: dict[tuple[str, str], int] = field(
        default_factory=dict
    )  # (target key, predicate) -> triples
    document_dates: list[str] = field(
        default_factory=list
    )  # lexical dates of the documents, sorted


def _string(value: str) -> str:
    """A SPARQL string literal for a value (escaped by rdflib, never pasted raw)."""
    return Literal(value).n3()


_DISTINCT_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"


def _count(store: EmbeddedStore, sparql: str) -> int:
    return int(store.select(sparql).rows[0]["n"] or 0)


def void_statistics(store: EmbeddedStore, minter: Minter) -> VoidStatistics:
    """Count with SPARQL 1.1. The store's default graph is the union of the named graphs, which keeps a
    triple once per graph it is in, so every count is over distinct triples or distinct terms."""
    base = _string(minter.base)
    stats = VoidStatistics()
    stats.triples = _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {_DISTINCT_TRIPLES} }}")
    stats.distinct_subjects = _count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")
    stats.distinct_objects = _count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")
    stats.entities = _count(
        store,
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {base})) }}",
    )
    stats.classes = _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")
    stats.properties = _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    rows = store.select(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c"
    ).rows
    stats.class_partitions = {row["c"]: int(row["n"]) for row in rows}
    rows = store.select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {_DISTINCT_TRIPLES} }} GROUP BY ?p"
    ).rows
    stats.property_partitions = {row["p"]: int(row["n"]) for row in rows}
    stats.linksets = _linkset_counts(store, base)
    rows = store.select(
        "PREFIX bg: <" + str(BG) + "> PREFIX dcterms: <" + str(DCTERMS) + "> "
        "SELECT DISTINCT ?d WHERE { ?doc a bg:Document ; dcterms:date ?d }"
    ).rows
    stats.document_dates = sorted(row["d"] for row in rows if row["d"])
    return stats


def _linkset_counts(store: EmbeddedStore, base: str) -> dict[tuple[str, str], int]:
    targets = " ".join(f"({_string(key)} {_string(ns)})" for key, (_, ns) in LINK_TARGETS.items())
    rows = store.select(
        "SELECT ?key ?p (COUNT(*) AS ?n) WHERE { "
        f"VALUES (?key ?ns) {{ {targets} }} "
        f"{{ {_DISTINCT_TRIPLES} }} "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {base}) && isIRI(?o) && STRSTARTS(STR(?o), ?ns)) "
        "} GROUP BY ?key ?p"
    ).rows
    return {(row["key"], row["p"]): int(row["n"]) for row in rows}


def load_store(dataset: Dataset) -> EmbeddedStore:
    store = EmbeddedStore()
    store.replace_all(serialize_nquads(dataset))
    return store


def description_graph(minter: Minter) -> URIRef:
    """The named graph the description is published in."""
    return URIRef(minter.base + "graph/dataset")


def build_time(graph_path: Path) -> datetime | None:
    """When the graph file was written (by `build` or `load`), in UTC; None when there is none."""
    try:
        return datetime.fromtimestamp(graph_path.stat().st_mtime, tz=UTC).replace(
            microsecond=0
        )
    except OSError:
        return None


def describe_dataset(
    dataset: Dataset,
    minter: Minter,
    store: EmbeddedStore | None = None,
    built: datetime | None = None,
) -> Graph:
    """The DCAT catalogue, dataset, distributions and SPARQL service, with VoID statistics of `dataset`.
    `store`, if given, must hold the same dataset (it is counted instead of loading a new one);
    `built` is when the graph was built (its issued and modified dates)."""
    stats = void_statistics(store if store is not None else load_store(dataset), minter)
    return _Describer(minter, stats, built).graph()


@dataclass(frozen=True)
class ShapeResult:
    """One DCAT-AP validation result: how bad, on which node and property, and what is wrong."""

    severity: str  # "Violation" or "Warning"
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"[{self.severity}] <{self.focus}> <{self.path}>: {self.message}"


def validate_description(
    description: Graph, shapes_path: Path = DCAT_SHAPES_PATH
) -> list[ShapeResult]:
    """The description checked against the DCAT-AP shapes alone (no ontology mixed in), sorted."""
    shapes = Graph().parse(shapes_path, format="turtle")
    _, report, _ = pyshacl.validate(
        description, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    results = [
        ShapeResult(
            severity=str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(report.value(r, SH.focusNode)),
            path=str(report.value(r, SH.resultPath)),
            message=str(report.value(r, SH.resultMessage)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if (None, SH.result, r) in report  # top-level results only
    ]
    return sorted(results, key=lambda r: (r.severity, r.focus, r.path))


def with_description(dataset: Dataset, minter: Minter, built: datetime | None = None) -> Dataset:
    """A copy of `dataset` with its description added as the named graph `{base}graph/dataset`."""
    described = Dataset()
    described.parse(data=serialize_nquads(dataset).decode("utf-8"), format="nquads")
    target = described.graph(description_graph(minter))
    for triple in describe_dataset(dataset, minter, built=built):
        target.add(triple)
    return described


def namespace_of(iri: str) -> str:
    """The vocabulary an IRI belongs to: up to its last `#` or `/`."""
    match = re.match(r"^(.*[#/])[^#/]*$", iri)
    return match[1] if match else iri


class _Describer:
    """Writes the description triples; one method per described thing."""

    def __init__(self, minter: Minter, stats: VoidStatistics, built: datetime | None) -> None:
        self.base = minter.base
        self.stats = stats
        self.built = built
        self.g = Graph(bind_namespaces="none")
        for prefix, namespace in (
            ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD),
            ("void", VOID), ("dcatap", DCATAP), ("xsd", XSD), ("rdf", RDF),
        ):  # fmt: skip
            self.g.bind(prefix, namespace)
        self.catalog = self.iri("catalogus")
        self.dataset = self.iri("dataset")
        self.service = self.iri("sparql")
        self.contact = self.iri("contactpunt")
        self.period = self.iri("dataset/periode")
        self.landing = URIRef(self.base)

    def iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def add(self, subject: URIRef, predicate: URIRef, *objects) -> None:
        for obj in objects:
            self.g.add((subject, predicate, obj))

    def text(self, subject: URIRef, predicate: URIRef, dutch: str, english: str) -> None:
        self.add(subject, predicate, Literal(dutch, lang="nl"), Literal(english, lang="en"))

    def graph(self) -> Graph:
        self._catalog()
        self._dataset()
        self._statistics()
        self._linksets()
        for fmt in FORMATS.values():
            self._dump_distribution(fmt)
        self._sparql_distribution()
        self._service()
        self._agents()
        return self.g

    # -- shared ---------------------------------------------------------------------------------
    def _dates(self, subject: URIRef) -> None:
        if self.built is not None:
            when = Literal(self.built.isoformat(), datatype=XSD.dateTime)
        elif self.stats.document_dates:
            when = date_literal(_newest(self.stats.document_dates))
        else:
            return
        self.add(subject, DCTERMS.issued, when)
        self.add(subject, DCTERMS.modified, when)

    def _common(self, subject: URIRef) -> None:
        """Publisher, creator, contact, language, theme: the same for every described resource."""
        self.add(subject, DCTERMS.publisher, PUBLISHER_BZK)
        self.add(subject, DCTERMS.creator, PUBLISHER_BZK)
        self.add(subject, DCAT.contactPoint, self.contact)
        self.add(subject, DCTERMS.language, LANGUAGE_DUTCH)

    # -- the things -----------------------------------------------------------------------------
    def _catalog(self) -> None:
        c = self.catalog
        self.add(c, RDF.type, DCAT.Catalog)
        self.text(c, DCTERMS.title, "Catalogus Bestuursgraaf", "Bestuursgraaf catalogue")
        self.text(
            c,
            DCTERMS.description,
            "Catalogus van de Bestuursgraaf: de linked-data-graaf van interbestuurlijke verhoudingen "
            "uit Kamerbrieven, met haar downloads en SPARQL-endpoint.",
            "Catalogue of the Bestuursgraaf: the linked-data graph of Dutch inter-governmental relations "
            "read from parliamentary letters, with its downloads and SPARQL endpoint.",
        )
        self._common(c)
        self.add(c, DCAT.dataset, self.dataset)
        self.add(c, DCAT.service, self.service)
        self.add(c, DCTERMS.license, LICENCE_CC0)
        self.add(c, DCTERMS.spatial, COUNTRY_NETHERLANDS)
        self.add(c, DCAT.themeTaxonomy, THEME_TAXONOMY)
        self.add(c, FOAF.homepage, self.landing)
        self._dates(c)

    def _dataset(self) -> None:
        d = self.dataset
        self.add(d, RDF.type, DCAT.Dataset, VOID.Dataset)
        self.text(d, DCTERMS.title, "Bestuursgraaf", "Bestuursgraaf (governance graph)")
        self.text(
            d,
            DCTERMS.description,
            "Kennisgraaf van interbestuurlijke verhoudingen, toezeggingen, moties en verwijzingen, "
            "gelezen uit Kamerbrieven en hun bijlagen; elke bewering met de passage waar ze staat.",
            "Knowledge graph of Dutch inter-governmental relations, commitments, motions and citations "
            "read from parliamentary letters and their annexes; every statement with its source passage.",
        )
        self.add(d, DCTERMS.identifier, Literal(str(d)))
        self._common(d)
        self.add(d, DCAT.theme, THEME_GOVERNMENT)
        for keyword in (
            "interbestuurlijke verhoudingen",
            "Kamerbrieven",
            "moties",
            "openbaar bestuur",
        ):
            self.add(d, DCAT.keyword, Literal(keyword, lang="nl"))
        self.add(d, DCTERMS.accessRights, ACCESS_PUBLIC)
        self.add(d, DCTERMS.conformsTo, ONTOLOGY_IRI)
        self.add(d, DCTERMS.spatial, COUNTRY_NETHERLANDS)
        self.add(d, DCAT.landingPage, self.landing)
        self.add(d, FOAF.page, ONTOLOGY_IRI)
        self._dates(d)
        if self.stats.document_dates:
            self.add(d, DCTERMS.temporal, self.period)
            self.add(self.period, RDF.type, DCTERMS.PeriodOfTime)
            self.add(self.period, DCAT.startDate, date_literal(_oldest(self.stats.document_dates)))
            self.add(self.period, DCAT.endDate, date_literal(_newest(self.stats.document_dates)))
        for fmt in FORMATS.values():
            self.add(d, DCAT.distribution, self.iri(f"dataset/distributie/{fmt.name}"))
            self.add(d, VOID.dataDump, self.iri(f"dump.{fmt.extension}"))
            self.add(d, VOID.feature, URIRef(W3C_FORMATS + fmt.w3c))
        self.add(d, DCAT.distribution, self.iri("dataset/distributie/sparql"))
        self.add(d, VOID.sparqlEndpoint, self.service)
        self.add(d, VOID.uriSpace, Literal(self.base))

    def _statistics(self) -> None:
        d, s = self.dataset, self.stats
        for predicate, value in (
            (VOID.triples, s.triples),
            (VOID.distinctSubjects, s.distinct_subjects),
            (VOID.distinctObjects, s.distinct_objects),
            (VOID.entities, s.entities),
            (VOID.classes, s.classes),
            (VOID.properties, s.properties),
        ):
            self.add(d, predicate, Literal(value, datatype=XSD.integer))
        for cls, count in sorted(s.class_partitions.items()):
            partition = self.iri(f"dataset/klasse/{_slug(cls)}")
            self.add(d, VOID.classPartition, partition)
            self.add(partition, VOID["class"], URIRef(cls))
            self.add(partition, VOID.entities, Literal(count, datatype=XSD.integer))
        for prop, count in sorted(s.property_partitions.items()):
            partition = self.iri(f"dataset/eigenschap/{_slug(prop)}")
            self.add(d, VOID.propertyPartition, partition)
            self.add(partition, VOID.property, URIRef(prop))
            self.add(partition, VOID.triples, Literal(count, datatype=XSD.integer))
        vocabularies = {namespace_of(p) for p in s.property_partitions} | {
            namespace_of(c) for c in s.class_partitions
        }
        for namespace in sorted(vocabularies):
            self.add(d, VOID.vocabulary, URIRef(namespace))

    def _linksets(self) -> None:
        for (key, predicate), count in sorted(self.stats.linksets.items()):
            title, namespace = LINK_TARGETS[key]
            target = self.iri(f"dataset/extern/{key}")
            self.add(target, RDF.type, VOID.Dataset)
            self.add(target, DCTERMS.title, Literal(title, lang="nl"))
            self.add(target, VOID.uriSpace, Literal(namespace))
            linkset = self.iri(f"dataset/linkset/{key}/{_slug(predicate)}")
            self.add(linkset, RDF.type, VOID.Linkset)
            self.add(linkset, VOID.subjectsTarget, self.dataset)
            self.add(linkset, VOID.objectsTarget, target)
            self.add(linkset, VOID.linkPredicate, URIRef(predicate))
            self.add(linkset, VOID.triples, Literal(count, datatype=XSD.integer))
            self.add(self.dataset, VOID.subset, linkset)

    def _distribution(self, node: URIRef, title: str, english: str) -> None:
        self.add(node, RDF.type, DCAT.Distribution)
        self.text(node, DCTERMS.title, title, english)
        self.add(node, DCTERMS.license, LICENCE_CC0)
        self.add(node, DCTERMS.language, LANGUAGE_DUTCH)
        self.add(node, DCTERMS.conformsTo, ONTOLOGY_IRI)
        self.add(node, DCATAP.availability, AVAILABILITY_STABLE)
        self._dates(node)

    def _dump_distribution(self, fmt: Format) -> None:
        node = self.iri(f"dataset/distributie/{fmt.name}")
        download = self.iri(f"dump.{fmt.extension}")
        self._distribution(node, f"Download als {fmt.title}", f"Download as {fmt.title}")
        scope_nl = (
            "met een benoemde graaf per document"
            if fmt.named_graphs
            else "als één graaf (de vereniging)"
        )
        scope_en = (
            "with a named graph per document" if fmt.named_graphs else "as one graph (the union)"
        )
        self.text(
            node,
            DCTERMS.description,
            f"De hele Bestuursgraaf in {fmt.title}, {scope_nl}.",
            f"The whole Bestuursgraaf in {fmt.title}, {scope_en}.",
        )
        self.add(node, DCAT.accessURL, download)
        self.add(node, DCAT.downloadURL, download)
        self.add(node, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + fmt.media_type))
        self.add(node, DCTERMS.format, URIRef(EU_FILE_TYPE + fmt.file_type))

    def _sparql_distribution(self) -> None:
        node = self.iri("dataset/distributie/sparql")
        self._distribution(node, "SPARQL-endpoint", "SPARQL endpoint")
        self.text(
            node,
            DCTERMS.description,
            "Bevraag de Bestuursgraaf met SPARQL 1.1; de standaardgraaf is de vereniging van alle grafen.",
            "Query the Bestuursgraaf with SPARQL 1.1; the default graph is the union of all graphs.",
        )
        self.add(node, DCAT.accessURL, self.service)
        self.add(node, DCAT.accessService, self.service)
        self.add(node, DCTERMS.format, SPARQL_QUERY_FILE_TYPE)

    def _service(self) -> None:
        s = self.service
        self.add(s, RDF.type, DCAT.DataService)
        self.text(
            s,
            DCTERMS.title,
            "SPARQL-endpoint van de Bestuursgraaf",
            "Bestuursgraaf SPARQL endpoint",
        )
        self.text(
            s,
            DCTERMS.description,
            "Alleen-lezen SPARQL 1.1-endpoint (protocol) over de hele Bestuursgraaf.",
            "Read-only SPARQL 1.1 protocol endpoint over the whole Bestuursgraaf.",
        )
        self.add(s, DCTERMS.identifier, Literal(str(s)))
        self._common(s)
        self.add(s, DCAT.endpointURL, s)
        self.add(s, DCAT.endpointDescription, self.iri("openapi.json"))
        self.add(s, DCAT.servesDataset, self.dataset)
        self.add(s, DCTERMS.conformsTo, SPARQL_PROTOCOL)
        self.add(s, DCTERMS.license, LICENCE_CC0)
        self.add(s, DCTERMS.accessRights, ACCESS_PUBLIC)
        self.add(s, DCAT.theme, THEME_GOVERNMENT)
        self.add(s, DCAT.keyword, Literal("SPARQL", lang="nl"), Literal("linked data", lang="nl"))
        self.add(s, DCAT.landingPage, self.landing)

    def _agents(self) -> None:
        p = PUBLISHER_BZK
        self.add(p, RDF.type, FOAF.Agent, FOAF.Organization)
        self.add(p, FOAF.name, Literal(PUBLISHER_NAME, lang="nl"))
        self.add(p, DCTERMS.type, PUBLISHER_TYPE_NATIONAL)
        self.add(LICENCE_CC0, RDF.type, DCTERMS.LicenseDocument)
        self.add(LICENCE_CC0, DCTERMS.type, LICENCE_TYPE_PUBLIC_DOMAIN)
        self.add(self.contact, RDF.type, VCARD.Kind, VCARD.Organization)
        self.add(self.contact, VCARD.fn, Literal(f"Bestuursgraaf, {PUBLISHER_NAME}", lang="nl"))
        # no e-mail address is known yet: the contact point is the landing page
        self.add(self.contact, VCARD.hasURL, self.landing)


def _date_key(lexical: str) -> tuple[int, ...]:
    """Dates of mixed precision (`2025`, `2024-06`, `2024-06-03`) ordered by year, month, day."""
    return tuple(int(part) for part in lexical.split("-"))


def _newest(dates: list[str]) -> str:
    return max(dates, key=_date_key)


def _oldest(dates: list[str]) -> str:
    return min(dates, key=_date_key)


def _slug(iri: str) -> str:
    """A path segment naming a term: its compact form, `dcterms:title` -> `dcterms-title`."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", compact_iri(iri)).strip("-")
