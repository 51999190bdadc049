"""The site's words in Dutch (first) and English, and which of the two a request gets.

`?lang=en` or `?lang=nl` decides; without it the Accept-Language header does; Dutch otherwise."""

from __future__ import annotations

from bestuursgraaf.api.timeline_svg import ENGLISH, LANES, STATUS_STYLES
from flask import request

LANGUAGES = ("nl", "en")

# key: (Dutch, English)
WORDS: dict[str, tuple[str, str]] = {
    "site_tagline": (
        (
            "Wat ministers de Kamer schrijven over de verhoudingen tussen overheden: acties, "
            "moties, toezeggingen en organisaties, met de passage waar elk feit staat."
        ),
        (
            "What ministers write to parliament about relations between governments: actions, "
            "motions, commitments and organisations, each with the passage it comes from."
        ),
    ),
    "home": ("Start", "Home"),
    "documents": ("Documenten", "Documents"),
    "document": ("Document", "Document"),
    "motions": ("Moties", "Motions"),
    "motion": ("Motie", "Motion"),
    "actions": ("Acties", "Actions"),
    "action": ("Actie", "Action"),
    "commitments": ("Toezeggingen", "Commitments"),
    "commitment": ("Toezegging", "Commitment"),
    "organisations": ("Organisaties en lagen", "Organisations and layers"),
    "organisation": ("Organisatie", "Organisation"),
    "kamerstukken": ("Kamerstukken", "Parliamentary papers"),
    "kamerstuk": ("Kamerstuk", "Parliamentary paper"),
    "search": ("Zoeken", "Search"),
    "search_placeholder": (
        "Zoek in passages, namen en titels",
        "Search passages, names and titles",
    ),
    "search_button": ("Zoek", "Search"),
    "queries": ("Vragen", "Questions"),
    "sparql_editor": ("SPARQL", "SPARQL"),
    "pictures": ("Overzichten", "Overviews"),
    "api": ("API", "API"),
    "language_switch": ("English", "Nederlands"),
    "title": ("Titel", "Title"),
    "date": ("Datum", "Date"),
    "year": ("Jaar", "Year"),
    "status": ("Status", "Status"),
    "minister": ("Minister", "Minister"),
    "kind": ("Soort", "Kind"),
    "section": ("Paragraaf", "Section"),
    "layer": ("Bestuurslaag", "Government layer"),
    "layers": ("Bestuurslagen", "Government layers"),
    "organisation_facet": ("Organisatie", "Organisation"),
    "submitters": ("Indieners", "Submitters"),
    "party": ("Partij", "Party"),
    "adopted": ("Aangenomen", "Adopted"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "unknown": ("onbekend", "unknown"),
    "request": ("Verzoek", "Request"),
    "dossier": ("Dossier", "Dossier"),
    "official_publication": ("Officiële publicatie", "Official publication"),
    "on_ob": ("op officielebekendmakingen.nl", "on officielebekendmakingen.nl"),
    "letter_text": ("Tekst van de brief", "Text of the letter"),
    "passage": ("Passage", "Passage"),
    "fact_passages": (
        (
            "Onderstreept: de passages waar een actie, toezegging, motie of verwijzing op "
            "rust; klik om er een te markeren."
        ),
        (
            "Underlined: the passages an action, commitment, motion or citation rests on; "
            "click one to mark it."
        ),
    ),
    "passages": ("Passages", "Passages"),
    "source_passage": ("Bronpassage", "Source passage"),
    "mentioned_in": ("Genoemd in", "Mentioned in"),
    "what_letter_does": ("Wat deze brief doet", "What this letter does"),
    "answers_motions": ("Moties die de brief beantwoordt", "Motions the letter answers"),
    "motions_mentioned": ("Genoemde moties", "Motions mentioned"),
    "cites": ("Aangehaalde Kamerstukken", "Kamerstukken cited"),
    "involved": (
        "Betrokken organisaties, lagen en personen",
        "Organisations, layers and persons involved",
    ),
    "deadline": ("Termijn", "Deadline"),
    "verdict": ("Oordeel", "Verdict"),
    "promise": ("Belofte", "Promise"),
    "about_action": ("Over actie", "About action"),
    "timeline": ("Tijdlijn", "Timeline"),
    "timeline_full": ("Tijdlijn op eigen pagina", "Timeline on its own page"),
    "answered_by": ("Acties die de motie beantwoorden", "Actions that answer the motion"),
    "how": ("Hoe", "How"),
    "fulfils": ("voert uit", "fulfils"),
    "takesIntoAccount": ("houdt rekening met", "takes into account"),
    "respondsTo": ("reageert op", "responds to"),
    "announced_in": ("Aangekondigd in", "Announced in"),
    "letter": ("Brief", "Letter"),
    "count": ("Aantal", "Count"),
    "cited_by": ("Aangehaald in", "Cited in"),
    "published_as": ("Gepubliceerd als", "Published as"),
    "also_known_as": ("Ook bekend als", "Also known as"),
    "filter": ("Filter", "Filter"),
    "clear_filters": ("alle filters weg", "clear all filters"),
    "rows_of": ("{shown} van {total} rijen", "{shown} of {total} rows"),
    "page_of": ("pagina {page} van {pages}", "page {page} of {pages}"),
    "previous": ("vorige", "previous"),
    "next": ("volgende", "next"),
    "download": ("Ook als", "Also as"),
    "none": ("geen", "none"),
    "results_for": ("Resultaten voor", "Results for"),
    "no_results": ("Niets gevonden.", "Nothing found."),
    "matches_in": ("Gevonden in", "Found in"),
    "names_titles": ("Namen en titels", "Names and titles"),
    "run": ("Uitvoeren", "Run"),
    "parameters": ("Parameters", "Parameters"),
    "columns": ("Kolommen", "Columns"),
    "optional": ("optioneel", "optional"),
    "editor_intro": (
        "Schrijf een SPARQL-query en voer hem uit op het eindpunt /sparql van deze dienst.",
        "Write a SPARQL query and run it against this service's /sparql endpoint.",
    ),
    "overview_commitments": (
        "Toezeggingen per brief en status",
        "Commitments per letter and status",
    ),
    "network": ("Netwerk motie → actie → brief", "Network motion → action → letter"),
    "dossier_network": ("Netwerk van dossier", "Network of dossier"),
    "actions_of": ("Acties van", "Actions of"),
    "commitments_of": ("Toezeggingen over", "Commitments about"),
}

# the timeline page (api/timeline.py, api/templates/timeline/timeline.html)
WORDS |= {
    "timeline_of": ("Tijdlijn: {title}", "Timeline: {title}"),
    "timeline_intro": (
        ("Tijdlijn van {subject}: {events} gebeurtenissen in {letters} brieven. Elke markering "
        "leidt naar de brief; de tekst van de passage staat in de tooltip en in de tabel."),
        ("Timeline of {subject}: {events} events in {letters} letters. Each marker leads to the "
        "letter; the passage's text is in the tooltip and in the table."),
    ),
    "timeline_as_table": (
        "Dezelfde gebeurtenissen staan als tabel hieronder; de tijdlijn alleen:",
        "The same events are in the table below; the timeline alone:",
    ),
    "events": ("Gebeurtenissen", "Events"),
    "events_caption": (
        "Per brief wat er over {subject} staat, op datum.",
        "What each letter says about {subject}, by date.",
    ),
    "term": ("Termijn", "Deadline"),
    "action_subject": ("actie {slug}", "action {slug}"),
    "commitment_from": ("Toezegging uit {letter}", "Commitment from {letter}"),
    "a_letter": ("een brief", "a letter"),
}
# the timeline's lanes and the statuses, in the words the timeline drawing uses (one table)
LANE_WORDS: dict[str, tuple[str, str]] = {kind: (label, ENGLISH[label]) for kind, label in LANES.items()}
STATUS_WORDS: dict[str, tuple[str, str]] = {
    status: (style.label, ENGLISH[style.label]) for status, style in STATUS_STYLES.items()
}


def current_language() -> str:
    """`nl` or `en`: ?lang= first, then the Accept-Language header, else Dutch."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default="nl") or "nl"


def word(key: str, **values: object) -> str:
    """The site's word for `key` in the request's language, with `{name}` placeholders filled."""
    dutch, english = WORDS[key]
    text = english if current_language() == "en" else dutch
    return text.format(**values) if values else text


def status_word(status: str | None) -> str:
    if not status:
        return word("unknown")
    dutch, english = STATUS_WORDS.get(status, (status, status))
    return english if current_language() == "en" else dutch


def lane_word(kind: str) -> str:
    dutch, english = LANE_WORDS.get(kind, (kind, kind))
    return english if current_language() == "en" else dutch
