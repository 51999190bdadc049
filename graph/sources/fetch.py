"""`bestuursgraaf fetch`: bring Kamerstukken (XML + metadata.xml) from KOOP and a dossier's motions
from the Tweede Kamer's open data into a corpus folder. Everything is fetched and checked into a
staging folder first and moved into the corpus only when all of it arrived: an unreachable source
or a bad answer leaves the corpus as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bestuursgraaf.graph.namespaces import slugify
from bestuursgraaf.graph.sources.http import FetchError, NotFound, PoliteClient
from bestuursgraaf.graph.sources.official import (
    OfficialFormatError,
    kamerstuk_text,
    read_metadata_xml,
)
from bestuursgraaf.graph.sources.tk_odata import kst_id_of
from bestuursgraaf.graph.sources.tk_register import RELATIONS as REGISTER_RELATIONS
from lxml import etree

KST_ID = re.compile(r"kst-\d+(?:-[0-9A-Z]+)*-(?:\d+|[A-Z]{1,2})")
DOSSIER = re.compile(r"\d{4,6}(?:-[0-9A-Z]+)?")
SOURCES = ("koop", "tk")


def _float_env(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None


@dataclass(frozen=True)
class FetchSettings:
    """Where the sources are and how politely they are asked. Environment: BESTUURSGRAAF_KOOP_URL
    (the publications, default zoek.officielebekendmakingen.nl), BESTUURSGRAAF_SRU_URL (KOOP's
    search), BESTUURSGRAAF_ODATA_URL (the Tweede Kamer's OData v4), BESTUURSGRAAF_FETCH_INTERVAL
    (seconds between requests, default 1), BESTUURSGRAAF_FETCH_RETRIES (default 3),
    BESTUURSGRAAF_FETCH_MAX (documents per run, default 500)."""

    cache_dir: Path
    koop_url: str = "https://zoek.officielebekendmakingen.nl"
    sru_url: str = "https://repository.overheid.nl/sru"
    odata_url: str = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
    interval_s: float = 1.0
    retries: int = 3
    backoff_s: float = 1.0
    timeout_s: float = 30.0
    max_documents: int = 500
    max_pages: int = 40

    @classmethod
    def from_env(cls, data_dir: Path) -> FetchSettings:
        env = os.environ.get
        return cls(
            cache_dir=data_dir / "fetch-cache",
            koop_url=(env("BESTUURSGRAAF_KOOP_URL") or cls.koop_url).rstrip("/"),
            sru_url=(env("BESTUURSGRAAF_SRU_URL") or cls.sru_url).rstrip("/"),
            odata_url=(env("BESTUURSGRAAF_ODATA_URL") or cls.odata_url).rstrip("/"),
            interval_s=_float_env("BESTUURSGRAAF_FETCH_INTERVAL", 1.0),
            retries=int(_float_env("BESTUURSGRAAF_FETCH_RETRIES", 3)),
            max_documents=int(_float_env("BESTUURSGRAAF_FETCH_MAX", 500)),
        )


@dataclass
class FetchReport:
    written: list[str] = field(default_factory=list)  # paths relative to the corpus folder
    documents: int = 0
    motions: int = 0
    requests: int = 0
    from_cache: int = 0
    toezeggingen: int = 0  # register entries fetched


class _Run:
    def __init__(self, settings: FetchSettings, say: Callable[[str], None]) -> None:
        self.settings = settings
        self.say = say
        self.client = PoliteClient(
            settings.cache_dir, settings.interval_s, settings.retries, settings.backoff_s,
            settings.timeout_s, progress=say,
        )
        self.staged: dict[str, bytes] = {}
        self.from_cache = 0

    def get(self, url: str) -> bytes:
        response = self.client.get(url)
        self.from_cache += response.from_cache
        return response.body

    # -- the Tweede Kamer's OData --------------------------------------------------------------
    def odata(self, entity: str, params: dict[str, str]) -> dict:
        """All pages of one OData query, as one answer (`@odata.context` and `value`)."""
        url = f"{self.settings.odata_url}/{entity}?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
        rows: list[dict] = []
        context = None
        for _ in range(self.settings.max_pages):
            body = self.get(url)
            try:
                answer = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError):
                raise FetchError(f"{url}: the answer is not JSON") from None
            page = answer.get("value") if isinstance(answer, dict) else answer
            if not isinstance(page, list):
                raise FetchError(f"{url}: the answer is not an OData answer (no `value` list)")
            rows += page
            context = context or (answer.get("@odata.context") if isinstance(answer, dict) else None)
            following = answer.get("@odata.nextLink") if isinstance(answer, dict) else None
            if not following:
                break
            if not following.startswith(self.settings.odata_url + "/"):
                raise FetchError(f"{url}: the next page is on another host ({following}); not followed")
            url = following
        else:
            raise FetchError(f"{entity}: more than {self.settings.max_pages} pages; narrow the request")
        return {"@odata.context": context, "value": rows} if context else {"value": rows}

    def motions(self, dossier: str) -> list[str]:
        """The motions of a dossier (Zaak) and their votes (Stemming); returns their kst ids."""
        number, _, addition = dossier.partition("-")
        in_dossier = f"d/Nummer eq {number}" + (f" and d/Toevoeging eq '{addition}'" if addition else "")
        zaken = self.odata("Zaak", {
            "$filter": f"Soort eq 'Motie' and Verwijderd eq false and Kamerstukdossier/any(d: {in_dossier})",
            "$expand": "Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie)),"
            "Besluit($expand=Stemming),Kamerstukdossier",
        })
        self.say(f"{len(zaken['value'])} motions of dossier {dossier} in the Tweede Kamer's open data")
        stemmingen = self.odata("Stemming", {
            "$filter": "Verwijderd eq false and Besluit/Zaak/any(z: z/Soort eq 'Motie' and "
            f"z/Kamerstukdossier/any(d: {in_dossier}))",
            "$expand": "Besluit($expand=Zaak,Agendapunt($expand=Zaak)),Fractie",
        })
        self.say(f"{len(stemmingen['value'])} votes on them")
        for name, answer in ((f"zaak-motie-{dossier}", zaken), (f"stemming-{dossier}", stemmingen)):
            self.staged[f"tk-odata/{name}.json"] = json.dumps(answer, ensure_ascii=False, indent=1).encode()
        return [kst for zaak in zaken["value"] if (kst := kst_id_of(zaak))]

    def toezeggingen(self, dossier: str | None = None, minister: str | None = None) -> int:
        """The register's toezeggingen of a dossier (through their activiteit's zaken or their
        fulfilling letter) or of a minister (by name); returns how many."""
        expand = (
            "Activiteit($expand=Zaak($expand=Kamerstukdossier)),KamerbriefNakoming($expand=Kamerstukdossier),"
            + ",".join(f"{relation}($select=Id,Nummer)" for relation in REGISTER_RELATIONS)
        )
        if dossier:
            number, _, addition = dossier.partition("-")
            in_dossier = f"d/Nummer eq {number}" + (f" and d/Toevoeging eq '{addition}'" if addition else "")
            where = (
                # Toezegging.Activiteit is a collection in the $metadata (tests/recorded/SOURCES)
                f"(Activiteit/any(a: a/Zaak/any(z: z/Kamerstukdossier/any(d: {in_dossier}))) or "
                f"KamerbriefNakoming/any(k: k/Kamerstukdossier/any(d: {in_dossier})))"
            )
            name = f"toezegging-{dossier}"
        else:
            where = f"contains(Naam, '{minister.replace(chr(39), chr(39) * 2)}')"
            name = f"toezegging-minister-{slugify(minister)}"
        answer = self.odata("Toezegging", {"$filter": f"Verwijderd eq false and {where}", "$expand": expand})
        for number, row in enumerate(answer["value"], start=1):
            if not isinstance(row, dict) or not row.get("Id") or "Tekst" not in row:
                raise FetchError(f"Toezegging: row {number} of the answer is not a Toezegging (no Id or Tekst)")
        self.say(f"{len(answer['value'])} toezeggingen in the Tweede Kamer's register for {dossier or minister}")
        self.staged[f"tk-odata/{name}.json"] = json.dumps(answer, ensure_ascii=False, indent=1).encode()
        return len(answer["value"])

    # -- KOOP ----------------------------------------------------------------------------------
    def search(self, cql: str) -> list[str]:
        """The kst identifiers an SRU query finds in KOOP's repository (officielepublicaties)."""
        found: list[str] = []
        start = 1
        for _ in range(self.settings.max_pages):
            params = {
                "operation": "searchRetrieve", "version": "2.0", "x-connection": "oep",
                "query": cql, "startRecord": str(start), "maximumRecords": "100",
            }
            url = f"{self.settings.sru_url}?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
            try:
                root = etree.fromstring(self.get(url), etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError as error:
                raise FetchError(f"{url}: the SRU answer is not XML ({error.msg})") from None
            if etree.QName(root).localname != "searchRetrieveResponse":
                raise FetchError(f"{url}: not an SRU searchRetrieveResponse")
            for element in root.iter("{*}identifier"):
                text = (element.text or "").strip()
                if KST_ID.fullmatch(text) and text not in found:
                    found.append(text)
            following = root.findtext("{*}nextRecordPosition")
            if not following or not following.strip().isdigit() or len(found) >= self.settings.max_documents:
                break
            start = int(following)
        self.say(f"KOOP's search found {len(found)} Kamerstukken for {cql}")
        return found

    def publication(self, kst: str) -> None:
        """A Kamerstuk's XML and its metadata.xml, checked before they are staged."""
        url = f"{self.settings.koop_url}/{kst}.xml"
        body = self.get(url)
        try:
            root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
            kamerstuk_text(Path(url), root)
        except etree.XMLSyntaxError as error:
            raise FetchError(f"{url}: not well-formed XML ({error.msg})") from None
        except OfficialFormatError as error:
            raise FetchError(str(error)) from None
        self.staged[f"{kst}.xml"] = body
        try:
            metadata = self.get(f"{self.settings.koop_url}/{kst}/metadata.xml")
        except NotFound:
            return  # the XML's own <metadata> block is read instead
        try:
            read_metadata_xml(Path(f"{kst}.metadata.xml"), metadata)
        except OfficialFormatError as error:
            raise FetchError(str(error)) from None
        self.staged[f"{kst}.metadata.xml"] = metadata


def dossier_query(dossier: str) -> str:
    """The CQL that finds a dossier's Kamerstukken in KOOP's repository."""
    return f'w.publicatienaam=="Kamerstuk" and w.dossiernummer=="{dossier}"'


def _move_in(staging: Path, corpus: Path, names: Iterable[str]) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = corpus / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)


def fetch(
    corpus: Path,
    settings: FetchSettings,
    identifiers: Iterable[str] = (),
    dossier: str | None = None,
    query: str | None = None,
    sources: Iterable[str] = SOURCES,
    progress: Callable[[str], None] | None = None,
    toezeggingen: bool = False,
    minister: str | None = None,
) -> FetchReport:
    """Fetch into `corpus`; raises FetchError (one line) and changes nothing when anything fails."""
    say = progress or (lambda message: None)
    sources = tuple(sources)
    identifiers = list(dict.fromkeys(identifiers))
    for kst in identifiers:
        if not KST_ID.fullmatch(kst):
            raise FetchError(f"{kst!r} is not a Kamerstuk identifier such as kst-33047-27")
    if dossier is not None and not DOSSIER.fullmatch(dossier):
        raise FetchError(f"--dossier {dossier!r} is not a dossier number such as 33047 or 36600-VII")
    if minister is not None and not minister.strip():
        raise FetchError("--minister needs a name, such as 'Bruins Slot'")
    if toezeggingen and not (dossier or minister):
        raise FetchError("--toezeggingen needs --dossier or --minister")
    if not (identifiers or dossier or query or minister):
        raise FetchError("nothing to fetch: give identifiers, --dossier, --query or --minister")
    if corpus.exists() and not corpus.is_dir():
        raise FetchError(f"{corpus}: not a folder")
    run = _Run(settings, say)
    register = 0
    if (toezeggingen or minister) and "tk" in sources:
        if dossier and toezeggingen:
            register += run.toezeggingen(dossier=dossier)
        if minister:
            register += run.toezeggingen(minister=minister.strip())
    if dossier and "tk" in sources:
        identifiers += [k for k in run.motions(dossier) if k not in identifiers]
    for cql in ([dossier_query(dossier)] if dossier and "koop" in sources else []) + ([query] if query else []):
        identifiers += [k for k in run.search(cql) if k not in identifiers]
    if len(identifiers) > settings.max_documents:
        raise FetchError(
            f"{len(identifiers)} documents found, more than BESTUURSGRAAF_FETCH_MAX={settings.max_documents}"
        )
    for number, kst in enumerate(identifiers, start=1):
        before = run.from_cache
        run.publication(kst)
        say(f"[{number}/{len(identifiers)}] {kst}" + (" (unchanged, from the cache)" if run.from_cache > before else ""))
    corpus.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=corpus.parent))
    try:
        for name, body in run.staged.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(body)
        _move_in(staging, corpus, sorted(run.staged))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    motions = sum(1 for name in run.staged if name.startswith("tk-odata/zaak-"))
    say(f"wrote {len(run.staged)} files into {corpus}")
    return FetchReport(
        written=sorted(run.staged), documents=sum(1 for n in run.staged if n.endswith(".xml") and "/" not in n and not n.endswith(".metadata.xml")),
        motions=motions, requests=run.client.requests, from_cache=run.from_cache, toezeggingen=register,
    )
