"""Kamerstukken as KOOP publishes them: the XML (with its metadata), metadata.xml and the HTML page,
turned into the plain text the pipeline reads and the metadata that wins over what the text says.

The text is rendered the way officielebekendmakingen prints a Kamerstuk, so the stages that read
plain text find the same structure: the heading (`Tweede Kamer der Staten-Generaal`, `Vergaderjaar
…`, `33 047 <dossier title>`, `Nr. 38 MOTIE VAN HET LID …`, `Voorgesteld …`), one paragraph per
`<al>`, `## ` headings for `<kop>`, a motion's dictum and signatures as printed, and each `<noot>` as
a Markdown footnote (`[^1]` in the text, `[^1]: …` at the end) that the segmenter resolves. Offsets
of passages point into this rendered text, which `kamerstuk_text` gives again for the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

KOOP_CURATOR = "KOOP officielebekendmakingen (metadata of the publication)"

# DC.type of a Kamerstuk (scheme OVERHEIDop.KamerstukTypen) -> the document types of a sidecar.
_KAMERSTUK_TYPES = {"motie": "motie", "brief": "kamerbrief"}
_GENERIC_TYPES = {"kamerstuk", "officiële publicatie", "officiele publicatie"}
_PARAGRAPHS = {
    "al", "tussenkop", "salutation", "slotformule", "dagtekening", "plaats", "aanhef",
    "functie", "li.nr", "tekstregel",
}
_SKIP = {"metadata", "meta", "kamerstukkop", "dossier", "stuknr", "datumtekst"}


class OfficialFormatError(ValueError):
    """A file that is not a Kamerstuk as KOOP publishes it; the message says which file and why."""


@dataclass(frozen=True)
class OfficialMetadata:
    """What KOOP's metadata states about one publication."""

    identifier: str | None = None  # kst-33047-38
    dossier: str | None = None  # 33047, 36600-VII
    ondernummer: str | None = None
    vergaderjaar: str | None = None  # 2024-2025
    kamerstuk_type: str | None = None  # Motie, Brief, …
    title: str | None = None
    dossier_title: str | None = None
    issued: str | None = None  # YYYY-MM-DD
    indieners: tuple[str, ...] = ()
    creator: str | None = None  # Tweede Kamer der Staten-Generaal
    raw: dict[str, list[str]] = field(default_factory=dict)

    def sidecar(self) -> dict:
        """The metadata as the keys of a corpus sidecar (`read.SIDECAR_KEYS`, plus `indieners`)."""
        data: dict = {"curator": KOOP_CURATOR}
        if self.identifier:
            data["id"] = self.identifier
            if self.identifier.startswith("kst-"):
                data["kamerstuk"] = self.identifier
        kind = (self.kamerstuk_type or "").lower()
        data["type"] = _KAMERSTUK_TYPES.get(kind, "document")
        if self.title:
            data["title"] = self.title
        if self.issued:
            data["date"] = self.issued
        if self.indieners:
            data["indieners"] = list(self.indieners)
        if self.vergaderjaar and re.fullmatch(r"\d{4}-\d{4}", self.vergaderjaar):
            data["vergaderjaar"] = self.vergaderjaar
        return data


def _values(pairs: list[tuple[str, str, str]]) -> dict[str, list[str]]:
    raw: dict[str, list[str]] = {}
    for name, scheme, content in pairs:
        if content.strip():
            raw.setdefault(name, []).append(" ".join(content.split()))
    return raw


def metadata_from_pairs(pairs: list[tuple[str, str, str]]) -> OfficialMetadata:
    """(name, scheme, content) triples -> OfficialMetadata; the same names in metadata.xml, in the
    `<metadata>` block of the XML and in the `<meta>` tags of the HTML page."""
    raw = _values(pairs)

    def first(name: str) -> str | None:
        return raw.get(name, [None])[0]

    types = [c for n, s, c in pairs if n == "DC.type" and s == "OVERHEIDop.KamerstukTypen"]
    if not types:
        types = [c for c in raw.get("DC.type", []) if c.lower() not in _GENERIC_TYPES]
    issued = first("DCTERMS.issued") or first("OVERHEIDop.datumIndiening")
    if issued and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", issued):
        issued = None
    dossier = first("OVERHEIDop.dossiernummer")
    if dossier:
        dossier = re.sub(r"\s+", "", dossier).replace(";", "-")
    identifier = first("DC.identifier")
    return OfficialMetadata(
        identifier=identifier,
        dossier=dossier,
        ondernummer=first("OVERHEIDop.ondernummer"),
        vergaderjaar=first("OVERHEIDop.vergaderjaar"),
        kamerstuk_type=types[0] if types else None,
        title=first("OVERHEIDop.documenttitel") or first("DC.title"),
        dossier_title=first("OVERHEIDop.dossiertitel"),
        issued=issued,
        indieners=tuple(dict.fromkeys(raw.get("OVERHEIDop.indiener", []))),
        creator=first("DC.creator"),
        raw=raw,
    )


def _parse_xml(path: Path, data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise OfficialFormatError(f"{path}:{error.lineno}: not well-formed XML: {error.msg}") from None


def read_metadata_xml(path: Path, data: bytes | None = None) -> OfficialMetadata:
    """KOOP's `metadata.xml` (`<metadata_gegevens><metadata name= content=/>…`)."""
    root = _parse_xml(path, data if data is not None else path.read_bytes())
    pairs = [
        (m.get("name", ""), m.get("scheme", ""), m.get("content", ""))
        for m in root.iter("metadata", "meta")
        if m.get("name")
    ]
    if not pairs:
        raise OfficialFormatError(f"{path}: no <metadata name=… content=…> elements; not a KOOP metadata.xml")
    return metadata_from_pairs(pairs)


# -- the text -----------------------------------------------------------------------------
class _Renderer:
    """Walks a Kamerstuk's XML and writes its text; footnotes are gathered and written at the end."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.notes: list[tuple[str, str]] = []

    def inline(self, element: etree._Element) -> str:
        parts = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):  # processing instruction or comment: keep its tail
                parts.append(child.tail or "")
                continue
            if child.tag == "noot":
                parts.append(self.note(child))
            elif child.tag in ("noot.nr", "li.nr"):
                pass
            else:
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return " ".join("".join(parts).split()) if element.tag != "noot" else "".join(parts)

    def note(self, noot: etree._Element) -> str:
        number = noot.findtext("noot.nr") or str(len(self.notes) + 1)
        label = re.sub(r"[^\w-]", "", number.strip()) or str(len(self.notes) + 1)
        body = " ".join(" ".join(self.inline(p) for p in noot if p.tag != "noot.nr").split())
        self.notes.append((label, body))
        return f"[^{label}]"

    def heading(self, kop: etree._Element, level: int) -> None:
        words = [self.inline(part) for part in kop if isinstance(part.tag, str)]
        title = " ".join(w for w in words if w) or self.inline(kop)
        if title:
            self.blocks.append("#" * min(level, 6) + " " + title)

    def block(self, element: etree._Element, level: int = 1) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        if tag == "kop":
            self.heading(element, level)
        elif tag == "ondertekening":
            lines = [self.inline(part) for part in element if isinstance(part.tag, str)]
            lead = " ".join((element.text or "").split())
            self.blocks.append("\n".join(x for x in [lead, *lines] if x))
        elif tag == "li":
            mark = (element.findtext("li.nr") or "–").strip()
            texts = [self.inline(c) for c in element if c.tag == "al"]
            self.blocks.append(f"{mark} " + " ".join(t for t in texts if t))
            for child in element:
                if child.tag not in ("al", "li.nr"):
                    self.block(child, level)
        elif tag == "row":
            cells = [self.inline(entry) for entry in element.iter("entry")]
            self.blocks.append(" | ".join(cells))
        elif tag in _PARAGRAPHS or (len(element) == 0 and (element.text or "").strip()):
            text = self.inline(element)
            if text:
                self.blocks.append(text)
        else:
            for child in element:
                self.block(child, level + 1 if tag == "divisie" else level)

    def text(self) -> str:
        body = "\n\n".join(self.blocks)
        if self.notes:
            body += "\n\n" + "\n".join(f"[^{label}]: {text}" for label, text in self.notes)
        return body + "\n"


def _heading_lines(stuk_root: etree._Element, renderer: _Renderer) -> list[str]:
    """The heading of the Kamerstuk as officielebekendmakingen prints it."""
    lines: list[str] = []
    kop = stuk_root.find("kamerstukkop")
    if kop is not None:
        rows = {t.get("inhoud"): " ".join((t.text or "").split()) for t in kop.iter("tekstregel")}
        lines += [v for v in (rows.get("kameraanduiding"), rows.get("vergaderjaar")) if v]
    dossier = stuk_root.find("dossier")
    if dossier is not None:
        number = " ".join("".join(dossier.find("dossiernummer").itertext()).split()) if dossier.find("dossiernummer") is not None else ""
        title = renderer.inline(dossier.find("titel")) if dossier.find("titel") is not None else ""
        if number:
            lines.append(f"{number} {title}".strip())
    return lines


def kamerstuk_text(path: Path, root: etree._Element) -> str:
    """The plain text of a Kamerstuk's XML, laid out as it is printed."""
    kamerstuk = root.find(".//kamerstuk")
    if kamerstuk is None:
        kamerstuk = root if root.tag == "kamerstuk" else None
    if kamerstuk is None:
        raise OfficialFormatError(f"{path}: no <kamerstuk> element; only Kamerstukken are read")
    renderer = _Renderer()
    head = _heading_lines(kamerstuk, renderer)
    for stuk in kamerstuk.iter("stuk"):
        number = stuk.find("stuknr")
        title = stuk.find("titel")
        line = " ".join(" ".join(number.itertext()).split()) if number is not None else ""
        if title is not None:
            line = f"{line} {renderer.inline(title)}".strip()
        if line:
            head.append(line)
        datum = stuk.find("datumtekst")
        if datum is not None:
            head.append(" ".join(" ".join(datum.itertext()).split()))
        for child in stuk:
            if child.tag not in ("stuknr", "titel", "datumtekst"):
                renderer.block(child)
    renderer.blocks.insert(0, "\n".join(head))
    return renderer.text()


@dataclass(frozen=True)
class OfficialDocument:
    text: str
    metadata: OfficialMetadata
    metadata_path: Path  # the file the metadata was read from (metadata.xml, or the XML itself)


def metadata_sidecar_for(path: Path) -> Path:
    """`kst-33047-38.xml` -> `kst-33047-38.metadata.xml` (as `bestuursgraaf fetch` writes it)."""
    return path.with_name(path.name.removesuffix(path.suffix) + ".metadata.xml")


def read_kamerstuk_xml(path: Path, data: bytes) -> OfficialDocument:
    """A Kamerstuk's XML and its metadata: `<name>.metadata.xml` beside it when there is one,
    else the `<metadata>` block the XML carries."""
    root = _parse_xml(path, data)
    text = kamerstuk_text(path, root)
    sidecar = metadata_sidecar_for(path)
    if sidecar.is_file():
        return OfficialDocument(text, read_metadata_xml(sidecar), sidecar)
    pairs = [
        (m.get("name", ""), m.get("scheme", ""), m.get("content", ""))
        for m in root.iterfind("./metadata/meta")
        if m.get("name")
    ]
    return OfficialDocument(text, metadata_from_pairs(pairs), path)


# -- the HTML page ------------------------------------------------------------------------
_HTML_BLOCKS = {"p", "li", "td", "th", "dt", "dd", "blockquote", "pre"}


def read_kamerstuk_html(path: Path, data: bytes) -> OfficialDocument:
    """The HTML page of a publication: its DC/OVERHEIDop `<meta>` tags and the text of its body
    (`#broodtekst` or `<main>` when the page has one), headings as `## …`."""
    try:
        document = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise OfficialFormatError(f"{path}: cannot parse the HTML page: {error}") from None
    pairs = [
        (m.get("name", ""), m.get("scheme", ""), m.get("content", ""))
        for m in document.iter("meta")
        if m.get("name") and "." in m.get("name", "")
    ]
    for junk in document.xpath("//script|//style|//nav|//header|//footer"):
        junk.drop_tree()
    body = next(iter(document.xpath("//*[@id='broodtekst']|//main")), None)
    body = body if body is not None else document.body
    blocks: list[str] = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        text = " ".join(element.text_content().split())
        if not text:
            continue
        if re.fullmatch(r"h[1-6]", element.tag):
            blocks.append("#" * int(element.tag[1]) + " " + text)
        elif element.tag in _HTML_BLOCKS and not any(
            a.tag in _HTML_BLOCKS for a in element.iterancestors()
        ):
            blocks.append(text)
    if not blocks:
        raise OfficialFormatError(f"{path}: the HTML page holds no text")
    return OfficialDocument("\n\n".join(blocks) + "\n", metadata_from_pairs(pairs), path)
