"""Links the graph's resources to the identifiers the field already has (TOOI, BWB, officiële bekendmakingen).

The identifiers live in data files under `graph/mappings/` (each row with its source, see the README there);
this module reads them and turns a graph into the link triples only, for the caller's own named graph.

Choices:
- Organisations get `owl:sameAs` the TOOI URI. A TOOI organisation identifier denotes the organisation itself
  (not a concept about it), and so does ours; only rows checked against sources (`verified=yes`) are used and a
  label must match one row unambiguously, so the strong claim is made only where it is earned.
- BWB ids are `dcterms:identifier` literals (no ELI exists for consolidated BWB regulations); the pages on
  wetten.overheid.nl and zoek.officielebekendmakingen.nl are `rdfs:seeAlso` and `foaf:page`. Articles link by
  their Juriconnect (JCI 1.3) reference, the stable article-level address of wetten.overheid.nl.
- Documents get the Woo information category as `dcterms:type` (TOOI publishes no verified document-type list
  we could check; the category is the genre under which open.overheid.nl files them).
- Every linked resource gets one `bg:linkedBy "graph/mappings/<file>.csv"` per file its links came from.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.namespaces import BG
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SKOS

DEFAULT = Path(__file__).resolve().parent / "mappings"
REPO_ROOT = Path(__file__).resolve().parent.parent

ORGANISATION_CLASSES = (
    BG.Ministry,
    BG.Koepel,
    BG.AdvisoryBody,
    BG.ProfessionalAssociation,
    BG.Organisation,
)
ORGANISATION_PREFIXES = (
    "het ministerie van ",
    "ministerie van ",
    "gemeente ",
    "provincie ",
    "waterschap ",
)
TOOI_PREFIX = "https://identifier.overheid.nl/tooi/"
BWB_ID = re.compile(r"^BWB[RV]\d{7}$")
ARTICLE = re.compile(r"\bartikel\s+([0-9]+[a-z]*(?:[.:][0-9]+[a-z]*)*)", re.IGNORECASE)

HEADERS = {
    "sources": ["key", "where", "what_it_says"],
    "organisations": ["key", "kind", "label", "aliases", "tooi_uri", "verified", "source", "note"],
    "laws": [
        "key",
        "label",
        "aliases",
        "bwb_id",
        "eli_or_jci_pattern",
        "verified",
        "source",
        "note",
    ],
    "categories": ["key", "bg_class", "label", "tooi_uri", "verified", "source", "note"],
    "patterns": ["key", "applies_to", "pattern", "verified", "source", "note"],
}
FILES = {
    "sources": "sources.csv",
    "organisations": "tooi_organisations.csv",
    "laws": "bwb_laws.csv",
    "categories": "woo_information_categories.csv",
    "patterns": "publication_patterns.csv",
}


class MappingError(ValueError):
    """A mapping file is malformed; the message starts with `file:line:`."""


@dataclass(frozen=True)
class Row:
    """One mapping row: its names, its target, whether it was verified, and where it stands."""

    key: str
    names: tuple[str, ...]
    target: str
    verified: bool
    fields: tuple[tuple[str, str], ...]
    where: str

    def get(self, field: str) -> str:
        return dict(self.fields).get(field, "")


@dataclass(frozen=True)
class Mappings:
    """The loaded mapping tables and the display path of each file (what `bg:linkedBy` records)."""

    organisations: tuple[Row, ...]
    laws: tuple[Row, ...]
    categories: tuple[Row, ...]
    patterns: tuple[Row, ...]
    paths: tuple[tuple[str, str], ...]

    def path(self, table: str) -> str:
        return dict(self.paths)[table]

    def pattern(self, key: str) -> str | None:
        row = next((r for r in self.patterns if r.key == key), None)
        return row.target if row is not None and row.verified and row.target else None


# --- normalisation -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces: `Financiële-verhoudingswet` -> `financiele verhoudingswet`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", ascii_text.lower()).split())


def strip_prefix(name: str) -> str:
    """`ministerie van financien` -> `financien`; names without a known prefix are returned unchanged."""
    for prefix in ORGANISATION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


# --- loading and validation ----------------------------------------------------------------------


def _display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _read_table(path: Path, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    where = _display_path(path)
    if not path.is_file():
        raise MappingError(f"{where}:0: mapping file missing")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        first = next(reader, None)
        if first != header:
            raise MappingError(
                f"{where}:1: header must be {','.join(header)}, found {','.join(first or [])}"
            )
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise MappingError(
                    f"{where}:{line}: expected {len(header)} fields, found {len(values)}"
                )
            yield line, {name: value.strip() for name, value in zip(header, values, strict=True)}


def _check_row(where: str, record: dict[str, str], sources: set[str], target_field: str) -> None:
    if not record["key"]:
        raise MappingError(f"{where}: empty key")
    if record["verified"] not in ("yes", "no"):
        raise MappingError(f"{where}: verified must be yes or no, found {record['verified']!r}")
    for token in (t.strip() for t in record["source"].split(";")):
        if token.startswith("S-") and token not in sources:
            raise MappingError(f"{where}: source {token} is not in sources.csv")
    if record["verified"] == "yes" and not record["source"]:
        raise MappingError(f"{where}: a verified row needs a source")
    target = record[target_field]
    if target_field == "bwb_id" and target and not BWB_ID.match(target):
        raise MappingError(f"{where}: {target!r} is not a BWB id (BWBR/BWBV and seven digits)")
    if target_field == "tooi_uri" and target and not target.startswith(TOOI_PREFIX):
        raise MappingError(f"{where}: {target!r} is not a TOOI URI ({TOOI_PREFIX}...)")


def _load_rows(
    directory: Path, table: str, target_field: str, sources: set[str]
) -> tuple[Row, ...]:
    path = directory / FILES[table]
    rows: list[Row] = []
    keys: set[str] = set()
    for line, record in _read_table(path, HEADERS[table]):
        where = f"{_display_path(path)}:{line}"
        _check_row(where, record, sources, target_field)
        if record["key"] in keys:
            raise MappingError(f"{where}: duplicate key {record['key']!r}")
        keys.add(record["key"])
        names = (record.get("label", ""), *record.get("aliases", "").split("|"))
        rows.append(
            Row(
                key=record["key"],
                names=tuple(n.strip() for n in names if n.strip()),
                target=record[target_field],
                verified=record["verified"] == "yes",
                fields=tuple(record.items()),
                where=where,
            )
        )
    return tuple(rows)


def _check_unambiguous(rows: Iterable[Row]) -> None:
    """Two verified rows must not claim the same full name for different targets."""
    seen: dict[str, Row] = {}
    for row in rows:
        for name in map(normalise, row.names):
            other = seen.setdefault(name, row)
            if other is not row and row.verified and other.verified and other.target != row.target:
                raise MappingError(
                    f"{row.where}: name {name!r} also names {other.key} ({other.where})"
                )


def _load_sources(directory: Path) -> set[str]:
    path = directory / FILES["sources"]
    keys = set()
    for line, record in _read_table(path, HEADERS["sources"]):
        if not record["key"].startswith("S-") or not record["where"]:
            raise MappingError(
                f"{_display_path(path)}:{line}: a source needs an S- key and a where"
            )
        keys.add(record["key"])
    return keys


@lru_cache(maxsize=8)
def _load(directory: Path) -> Mappings:
    sources = _load_sources(directory)
    organisations = _load_rows(directory, "organisations", "tooi_uri", sources)
    laws = _load_rows(directory, "laws", "bwb_id", sources)
    _check_unambiguous(organisations)
    _check_unambiguous(laws)
    return Mappings(
        organisations=organisations,
        laws=laws,
        categories=_load_rows(directory, "categories", "tooi_uri", sources),
        patterns=_load_rows(directory, "patterns", "pattern", sources),
        paths=tuple((table, _display_path(directory / name)) for table, name in FILES.items()),
    )


def load_mappings(directory: Path = DEFAULT) -> Mappings:
    """Read and validate the mapping files (cached per directory); a bad file raises `MappingError`."""
    return _load(Path(directory).resolve())


# --- matching ------------------------------------------------------------------------------------


def _index(rows: Iterable[Row], key=lambda name: name) -> dict[str, set[Row]]:
    index: dict[str, set[Row]] = {}
    for row in rows:
        for name in row.names:
            index.setdefault(key(normalise(name)), set()).add(row)
    return index


class NameIndex:
    """Finds the one row a label names: by full normalised name, else by name without its prefix."""

    def __init__(self, rows: Iterable[Row], strip: bool) -> None:
        rows = tuple(rows)
        self.full = _index(rows)
        self.stripped = _index(rows, strip_prefix) if strip else {}

    def lookup(self, labels: Iterable[str]) -> Row | None:
        names = sorted({normalise(label) for label in labels} - {""})
        found = set().union(*(self.full.get(n, set()) for n in names))
        if not found:
            found = set().union(*(self.stripped.get(strip_prefix(n), set()) for n in names))
        targets = {row.target for row in found}
        if len(targets) != 1:
            return None
        return min(found, key=lambda row: row.key)


def _labels(graph: Graph, node: URIRef) -> list[str]:
    values = [*graph.objects(node, RDFS.label), *graph.objects(node, SKOS.altLabel)]
    return sorted(str(v) for v in values)


def _typed(graph: Graph, classes: Iterable[URIRef]) -> list[URIRef]:
    nodes = {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    return sorted(nodes)


# --- link makers ---------------------------------------------------------------------------------


class Linker:
    """Collects link triples and the provenance triple of every resource it linked."""

    def __init__(self) -> None:
        self.out = Graph()

    def add(self, node: URIRef, predicate: URIRef, value, source_path: str) -> None:
        self.out.add((node, predicate, value))
        self.out.add((node, BG.linkedBy, Literal(source_path)))

    def page(self, node: URIRef, url: str, source_path: str) -> None:
        self.add(node, RDFS.seeAlso, URIRef(url), source_path)
        self.add(node, FOAF.page, URIRef(url), source_path)


def _link_organisations(graph: Graph, mappings: Mappings, linker: Linker) -> None:
    index = NameIndex(mappings.organisations, strip=True)
    path = mappings.path("organisations")
    for node in _typed(graph, ORGANISATION_CLASSES):
        row = index.lookup(_labels(graph, node))
        if row is not None and row.verified and row.target:
            linker.add(node, OWL.sameAs, URIRef(row.target), path)


def _kst_id(graph: Graph, node: URIRef) -> str | None:
    kst = graph.value(node, BG.kstId)
    if kst is not None:
        return str(kst)
    dossier, number = graph.value(node, BG.dossierNumber), graph.value(node, BG.ondernummer)
    return f"kst-{dossier}-{number}" if dossier is not None and number is not None else None


def _link_kamerstukken(graph: Graph, mappings: Mappings, linker: Linker) -> None:
    pattern = mappings.pattern("kamerstuk_page")
    if pattern is None:
        return
    for node in _typed(graph, [BG.Kamerstuk]):
        kst = _kst_id(graph, node)
        if kst and re.fullmatch(r"kst-[0-9A-Za-z-]+", kst):
            linker.page(node, pattern.format(kst_id=kst), mappings.path("patterns"))


def _link_laws(graph: Graph, mappings: Mappings, linker: Linker) -> dict[URIRef, Row]:
    index = NameIndex(mappings.laws, strip=False)
    path, page = mappings.path("laws"), mappings.pattern("bwb_page")
    linked: dict[URIRef, Row] = {}
    for node in _typed(graph, [BG.Law]):
        row = index.lookup(_labels(graph, node))
        if row is None or not row.verified or not row.target:
            continue
        linked[node] = row
        linker.add(node, DCTERMS.identifier, Literal(row.target), path)
        if page:
            linker.page(node, page.format(bwb_id=row.target), path)
    return linked


def _provision_law(
    graph: Graph, node: URIRef, index: NameIndex, laws: dict[URIRef, Row]
) -> Row | None:
    law = graph.value(node, BG.provisionOf)
    if isinstance(law, URIRef):
        return laws.get(law) or index.lookup(_labels(graph, law))
    heads = [label.split(",")[0] for label in _labels(graph, node)]
    return index.lookup(heads)


def _link_provisions(
    graph: Graph, mappings: Mappings, linker: Linker, laws: dict[URIRef, Row]
) -> None:
    index = NameIndex(mappings.laws, strip=False)
    for node in _typed(graph, [BG.LegalProvision]):
        row = _provision_law(graph, node, index, laws)
        pattern = row.get("eli_or_jci_pattern") if row is not None else ""
        if row is None or not row.verified or not row.target or not pattern:
            continue
        articles = sorted(
            {m.group(1) for label in _labels(graph, node) for m in ARTICLE.finditer(label)}
        )
        if len(articles) == 1:
            url = pattern.format(bwb_id=row.target, artikel=articles[0])
            linker.page(node, url, mappings.path("laws"))


def _link_documents(graph: Graph, mappings: Mappings, linker: Linker) -> None:
    path = mappings.path("categories")
    for row in mappings.categories:
        if not (row.verified and row.target):
            continue
        for node in _typed(graph, [BG[row.get("bg_class")]]):
            linker.add(node, DCTERMS.type, URIRef(row.target), path)


def link_out(graph: Graph, mappings: Mappings | None = None) -> Graph:
    """The link triples for `graph` (new triples only, never the input's); same input, same output."""
    mappings = mappings or load_mappings()
    linker = Linker()
    _link_organisations(graph, mappings, linker)
    _link_kamerstukken(graph, mappings, linker)
    laws = _link_laws(graph, mappings, linker)
    _link_provisions(graph, mappings, linker, laws)
    _link_documents(graph, mappings, linker)
    for triple in list(linker.out):
        if triple in graph:
            linker.out.remove(triple)
    return linker.out
