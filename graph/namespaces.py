"""The vocabularies the graph uses and the minting of deterministic resource IRIs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

BG = Namespace("https://w3id.org/bestuursgraaf/def#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
TOOI = Namespace("https://identifier.overheid.nl/tooi/def/ont/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

DEFAULT_BASE = "https://w3id.org/bestuursgraaf/id/"

PREFIXES = {
    "bg": BG,
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "org": ORG,
    "foaf": FOAF,
    "dcat": DCAT,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "eli": ELI,
    "schema": SCHEMA,
}


def slugify(text: str) -> str:
    """A lower-case ASCII slug: `Van Dijk (CDA)` -> `van-dijk-cda`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Minter:
    """Mints the IRIs of the data under one configurable base; the same input gives the same IRI."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def document(self, doc_id: str) -> URIRef:
        return self._iri(f"doc/{doc_id}")

    def passage(self, doc_id: str, start: int, end: int) -> URIRef:
        return self._iri(f"doc/{doc_id}/passage/{start}-{end}")

    def section(self, doc_id: str, number: int) -> URIRef:
        return self._iri(f"doc/{doc_id}/section/{number}")

    def citation(self, doc_id: str, start: int, number: int = 1) -> URIRef:
        suffix = "" if number == 1 else f"-{number}"
        return self._iri(f"doc/{doc_id}/citation/{start}{suffix}")

    def kamerstuk(self, kst_id: str) -> URIRef:
        return self._iri(f"kamerstuk/{kst_id}")

    def dossier(self, dossier: str) -> URIRef:
        return self._iri(f"dossier/{slugify(dossier)}")

    def motion(self, key: str) -> URIRef:
        """A motion known by its kst id is that Kamerstuk; otherwise it is named by its submitters."""
        if key.startswith("kst-"):
            return self.kamerstuk(key)
        return self._iri(f"motie/{slugify(key.removeprefix('motie-'))}")

    def person(self, name: str) -> URIRef:
        """Keyed by surname, like the persons the entity stage finds: a signature `J.J.M. Uitermark`
        and the surname `Uitermark` elsewhere in the letter are one person."""
        from bestuursgraaf.graph.extract.entities import person_key

        return self._iri(f"persoon/{person_key(name) or slugify(name)}")

    def party(self, name: str) -> URIRef:
        return self._iri(f"partij/{slugify(name)}")

    def thing(self, kind: str, name: str) -> URIRef:
        """Any other named thing (organisation, report, action, ...) by kind and normalised name."""
        return self._iri(f"{kind}/{slugify(name)}")

    def graph_for_document(self, doc_id: str) -> URIRef:
        return self._iri(f"graph/doc/{doc_id}")

    @property
    def curated_graph(self) -> URIRef:
        return self._iri("graph/curated")

    @property
    def trace_graph(self) -> URIRef:
        """What connects the letters in time: action continuations, steps of promises."""
        return self._iri("graph/trace")

    @property
    def opendata_graph(self) -> URIRef:
        """What the Tweede Kamer's open data says about the corpus' motions (outcomes, votes)."""
        return self._iri("graph/tk-opendata")

    @property
    def links_graph(self) -> URIRef:
        return self._iri("graph/links")

    @property
    def ontology_graph(self) -> URIRef:
        return self._iri("graph/ontology")
