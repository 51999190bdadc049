"""Find what a letter says the minister does: actions, from its headings and its commitments.

Two sources, read in document order:

- **Headings.** A heading that contains an action noun from the cue file (`Beleidskader decentraal
  bestuur`, `Werken aan een beleidskader decentraal bestuur`, `2.2 Intensivering
  Uitvoerbaarheidstoets decentrale overheden`, `Projectgroep lokale rekenkamers`) names that
  action. Under a numbered action line (`Actielijn 2.`, `3.`, the top level of a numbered letter),
  a heading that opens with a nominalisation or an infinitive (`Taakdifferentiatie`,
  `Medeondertekening van ...`, `Verzamelen van inzichten ...`) names an action too; under a line
  labelled as one (`Actielijn 2.`, a progress report's structure) it stays one even when its section
  names steps of its own, under a line that is only numbered it is then a theme. Its status is
  read from the sentences of its section: handed over if any of them hands it to the next
  cabinet, else the status of the first sentence that has one.
- **Sentences.** A sentence with a status cue (`ik ga/zal/wil`, `werk ik aan`, `wordt gewerkt
  aan`, `is ontwikkeld`, `heb ik ... gestuurd`, `laat ik aan mijn ambtsopvolger`) yields one
  mention per action noun it contains: the noun with its modifiers (`een visie op de regio en
  regionale samenwerking`). Sentences without a cue are background and yield nothing.

- **Verbs.** A study named only by its verb (`Ik verken of ...`, `bezie ik welke ...`, `zal ik de
  UDO ... evalueren`, `Onderzocht wordt of ...`), work on a nominalised infinitive (`werk ik aan het
  verbeteren van ...`), a promised letter (`Ik zal uw Kamer ... informeren over de voortgang van ...`)
  and a bill named by its title (`het Wetsvoorstel versterking participatie ...`, `de Wet versterking
  ... is nu in voorbereiding`); a letter still to come, named with `een` (`ga ik in een brief over
  de ... nader in`), in a sentence that announces it.
- **Funded work.** A sentence without a status cue that says the minister funds or commissions the
  work (`Met financiële steun van mijn ministerie hebben de verenigingen ... opgericht`, `in
  opdracht van BZK`) reports his own action, done when the sentence is in the perfect.
- **Titles.** A noun followed by `getiteld ‘...’` (`brengt de minister een rapport uit, getiteld
  ‘...’`) is named by the quoted title; a product the sentence names only as `een handreiking` by
  the footnote on the sentence that opens with its published title (`<Title> Handleiding - ...`);
  plural `acties`, `maatregelen` by their purpose only (`acties om de rechtspositie ... te
  verbeteren`).
  A status verb is read past a parenthetical between dashes (`heb ik – in samenwerking met ... –
  een handreiking laten ontwikkelen`).
- **Genre forms without an action noun of their own.** A reaction named by the advice named before
  it (`een kabinetsreactie te sturen op dit ROB-advies`), an effort (`zet ik me in voor ...`), a
  topic put first (`Over de voortgang ... zal ik`, `Voor de griffier bezie ik`, `Ten aanzien van
  ..., informeer ik uw Kamer in een visie`), and a first-person footnote on a sentence, read as
  part of it; a footnote marker glued to the sentence's full stop is the sentence's too.
- **Advice asked.** `heb ik advies gevraagd naar X` is titled `Adviesaanvraag over X`; with a
  pronominal subject (`heb ik hier nader advies over gevraagd`) X is the noun phrase the sentence
  before ends with (`... voor bijvoorbeeld taakdifferentiatie.`).
- **Section theme.** `dit thema` / `dit onderwerp` in a title (`expertsessies om de inzet op dit
  thema te verkennen`) is the section's heading: `het thema ‘<heading>’`.
- **Requested advice.** A reaction whose window names no titled report but an advice the minister
  asked for answers the product that request's footnote cites (`Te raadplegen via Verzoek
  voorlichting X` -> `Reactie op de voorlichting X`); a promise may stand in a subordinate clause,
  verb last (`waarna ik een reactie aan uw Kamer zal sturen`).
- **Annexed studies.** A footnote that sends the sentence's study (`In de bijlage vindt u het
  onderzoek ‘<Title>. <subtitle>’`) titles it by the quoted title, and makes it done.

Not actions: what exists already or is parliament's (`de huidige ...`, `de parlementaire
verkenning`), what an indirect question weighs (`de vraag in hoeverre het toezicht past bij ... de
agenda toekomst toezicht`), an activity in general (`tips voor het doen van onderzoek naar ...`), how an
instrument is used (a status verb with a condition: `wordt uitgevoerd zodra ...`), the source of an
announcement (`Zoals ik in mijn actieagenda heb aangekondigd`), manner (`in overleg met`), firms
(`bureau Berenschot`), and a verb-headed heading that groups two or more actions of its own (a
theme) or describes the one its section names (`Vastleggen van onze omgangsvormen` over the
actualised Code). Every mention of a key carries the best title any of them gives.

A bare noun with a definite article (`het beleidskader`, `deze handreiking`) is the action named
last with the same head noun, so the same action gets the same key across sentences and headings;
an unresolved bare noun is dropped, except a compound (`het Overhedenoverleg`), which is a name.
Keys are slugs of the noun phrase without articles, prepositions and parentheses, with
abbreviations expanded (from the letter's own `Full name (ABBR)` or from the cue file) and
`decentraal en gedeconcentreerd bestuur` read as `decentraal bestuur`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from bestuursgraaf.graph.patterns import PatternSet, pattern_set
from bestuursgraaf.graph.segment import Heading, Segmented, Span

CUES_PATH = Path(__file__).resolve().parent.parent / "gazetteers" / "action_cues.csv"

STATUS_ORDER = ("handed_to_next_cabinet", "done", "in_progress", "announced")


@dataclass(frozen=True)
class ActionMention:
    key: str
    title: str
    kind: str
    status: str
    section_heading: str | None
    action_line: str | None
    responsible: str | None
    start: int
    end: int
    quote: str
    # the letter whose action this is, recognised by its name there (graph/recognise.py)
    named_again_from: str | None = None


@dataclass(frozen=True)
class ActionNoun:
    word: str  # lower case
    kind: str
    compounds: bool  # `*onderzoek` also matches `vervolgonderzoek`


@dataclass(frozen=True)
class ActionCues:
    nouns: tuple[ActionNoun, ...]
    abbreviations: dict[str, str]
    statuses: tuple[tuple[re.Pattern[str], str], ...]

    # Memo of `noun` per lower-cased word, and the multi-word nouns by their first word (in the
    # order of `nouns`): both made from `nouns`, so they never change what is found.
    _nouns_of: dict[str, ActionNoun | None] = field(default_factory=dict, compare=False, repr=False)
    _multiword: dict[str, tuple[tuple[ActionNoun, tuple[str, ...]], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    status_set: PatternSet | None = field(default=None, compare=False, repr=False)  # of `statuses`

    def __post_init__(self) -> None:
        object.__setattr__(self, "status_set", pattern_set(tuple(p for p, _ in self.statuses)))
        multiword: dict[str, list[tuple[ActionNoun, tuple[str, ...]]]] = {}
        for noun in self.nouns:
            words = tuple(noun.word.split())
            if len(words) > 1:
                multiword.setdefault(words[0], []).append((noun, words))
        self._multiword.update({first: tuple(nouns) for first, nouns in multiword.items()})

    def noun(self, word: str) -> ActionNoun | None:
        lower = word.lower()
        try:
            return self._nouns_of[lower]
        except KeyError:
            pass
        found = None
        for noun in self.nouns:
            if lower == noun.word or (
                noun.compounds and lower.endswith(noun.word) and len(lower) > len(noun.word) + 2
            ):
                found = noun
                break
        if len(self._nouns_of) < 100_000:  # bounded: a corpus has far fewer distinct words
            self._nouns_of[lower] = found
        return found


@lru_cache(maxsize=4)
def load_action_cues(path: Path = CUES_PATH) -> ActionCues:
    """Action nouns, known abbreviations and status cues from the cue file (read once)."""
    nouns, abbreviations, statuses = [], {}, []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            kind, pattern, value = row["type"], row["pattern"], row["value"]
            if kind == "noun":
                nouns.append(
                    ActionNoun(pattern.lstrip("*").lower(), value, pattern.startswith("*"))
                )
            elif kind == "abbreviation":
                abbreviations[pattern] = value
            elif kind == "body":
                continue  # organisations: read by graph.extract.reports
            elif kind == "status":
                if value not in STATUS_ORDER:
                    raise ValueError(f"{path}:{line}: unknown status {value!r}")
                statuses.append((re.compile(pattern, re.IGNORECASE), value))
            else:
                raise ValueError(f"{path}:{line}: unknown cue type {kind!r}")
    # Multi-word nouns first (`plan van aanpak` before `aanpak`), then longer words.
    nouns.sort(key=lambda n: (-n.word.count(" "), -len(n.word)))
    return ActionCues(tuple(nouns), abbreviations, tuple(statuses))


# --- words --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w[\w'’&]*(?:-\w[\w'’&]*)*-?|[^\w\s]")
_DETERMINERS = {
    "de",
    "het",
    "een",
    "deze",
    "dit",
    "die",
    "dat",
    "mijn",
    "onze",
    "ons",
    "zijn",
    "haar",
    "hun",
}
_DEFINITE = {"de", "het", "deze", "dit", "die", "dat", "mijn", "onze", "ons"}
_PREPOSITIONS = {
    "op",
    "naar",
    "over",
    "voor",
    "van",
    "ter",
    "inzake",
    "tussen",
    "rond",
    "rondom",
    "bij",
}
_FUNCTION = (
    _DETERMINERS | _PREPOSITIONS | {"en", "of", "der", "den", "te", "aan", "in", "met", "door"}
)
# Words that end a noun phrase: verbs, pronouns, conjunctions, adverbs of the genre.
# fmt: off
_STOP = {
    "is", "zijn", "wordt", "worden", "werd", "werden", "was", "waren", "heb", "hebt", "heeft",
    "hebben", "had", "hadden", "zal", "zullen", "zou", "zouden", "kan", "kunnen", "kon",
    "moet", "moeten", "wil", "willen", "ga", "gaat", "gaan", "blijkt", "blijken", "biedt",
    "bieden", "geeft", "geven", "draagt", "dragen", "bevat", "bevatten", "raakt", "raken",
    "komt", "komen", "staat", "staan", "ligt", "liggen", "zie", "ziet", "ik", "we", "wij",
    "u", "zij", "ze", "hij", "het", "hem", "hen", "hun", "ons", "men", "er", "hier", "daar",
    "hierbij", "daarbij", "hiermee", "daarmee", "hierover", "daarover", "hiervoor",
    "daarvoor", "hierin", "daarin", "waarin", "waarbij", "waarmee", "waarover", "waarvoor",
    "om", "te", "dat", "die", "wat", "wie", "waar", "zodat", "omdat", "als", "wanneer",
    "indien", "terwijl", "maar", "dus", "want", "nu", "al", "nog", "ook", "zo", "verder",
    "eerst", "tevens", "momenteel", "inmiddels", "reeds", "daarom", "dan", "wel", "niet",
    "eind", "medio", "begin", "jaarlijks", "tijdig", "graag", "samen", "nader", "onlangs",
    "eerder", "later", "binnenkort", "hierna", "toe", "mee", "uit", "af", "in", "aan", "met",
    "door", "tot", "sinds", "vanuit", "via", "tegen", "zoals", "onder", "andere",
    "bijvoorbeeld", "o.a", "namelijk", "ontwikkeld", "verstuurd", "verzonden", "besproken",
    "verkend", "onderzocht", "beschreven", "aangekondigd", "vormgegeven", "uitgewerkt",
    "versterkt", "verbeterd", "benut", "proactief", "actief", "zelf", "opnieuw", "alsnog",
    "vast", "monitoren", "informeren", "evalueren", "sturen", "versturen", "aanbieden",
    "toekomen", "presenteren", "vaststellen", "uitvoeren", "ontwikkelen", "brengen",
    "betrekken", "bespreken", "delen", "opleveren", "publiceren", "afronden", "starten",
    "verkennen", "versterken", "verbeteren", "ondersteunen", "organiseren", "voeren", "maken",
    "nemen",
}
# fmt: on
# `geactualiseerd`, `toegestuurd`, `vastgesteld`: a participle ends the phrase unless a noun follows
_PARTICIPLE = re.compile(
    r"^(?:aan|op|uit|in|mee|toe|vast|af|door|over|voor|bij|na|om|terug)?ge\w{2,}[dt]$"
)
_SUBJECTS = {"ik", "we", "wij", "u"}
_NAME_PARTICLES = {"aan", "van", "voor", "op", "de", "der", "den", "het", "in", "door"}
_LIGHT_VERBS = {
    "doen",
    "gedaan",
    "verrichten",
    "verricht",
    "uitvoeren",
    "uitgevoerd",
    "ontwikkeld",
    "ontwikkelen",
    "opgesteld",
    "opstellen",
    "laten",
    "te",
    "uit",
    "gestart",
    "uitgebracht",
    "aangeboden",
    "georganiseerd",
}
_KEY_DROP = _FUNCTION | {
    "om",
    "nieuwe",
    "nieuw",
    "eerste",
    "tweede",
    "derde",
    "verdere",
    "zogenaamd",
    "zogenaamde",
    "mogelijke",
    "concrete",
    "eventuele",
    "aangescherpte",
    "samenhangende",
    "integrale",
    "goede",
    "betere",
    "organiek",
    "organieke",
    "jaarlijkse",
    "voorgestelde",
    "voorgenomen",
    "beoogde",
}
_NOMINALISATION = re.compile(r"^[A-Z][a-zà-ÿ]+(?:ing|atie|tie|sie|ering|isatie)$")
_INFINITIVE = re.compile(r"^[A-Z][a-zà-ÿ]{3,}(?<!t)en$")  # not plural nouns like `Inzichten`
_GENERIC_HEADING = re.compile(
    r"^(?:tot\s+slot|slot|afsluitend|ten\s+slotte|tenslotte|inleiding|aanleiding|samenvatting|"
    r"conclusies?|afsluiting|toelichting|kern|proces|motivering|communicatie|bijlagen?|nota|"
    r"achtergrond|geadviseerd\s+besluit)$",
    re.IGNORECASE,
)
_RESPONSIBLE = re.compile(
    r"(?<!\bals )\b(?:de\s+)?(?P<role>minister|staatssecretaris|ministerie)\s+(?:van|voor)\s+"
    r"(?P<name>[A-Z][\w&-]*(?:\s*,?\s+(?:en\s+|voor\s+|van\s+)?[A-Z][\w&-]*){0,5})"
)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


# --- abbreviations ------------------------------------------------------------------------------

_DEFINITION = re.compile(r"((?:[\w'’-]+[\s‘’'“”\"]+){1,8}?)\(\s*([A-Z][A-Za-z]{1,6})\s*\)")


def defined_abbreviations(text: str) -> dict[str, str]:
    """`Full Name (ABBR)` definitions in a text: ABBR -> the words whose initials spell it."""
    found: dict[str, str] = {}
    for m in re.finditer(r"\(\s*([A-Z][A-Za-z]{1,6})\s*\)", text):
        abbr = m[1]
        if abbr in found or sum(c.isupper() for c in abbr) < 2 and len(abbr) > 3:
            continue
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 160) : m.start()])
        best = None
        for n in range(1, min(len(before), len(abbr) + 3) + 1):
            words = before[-n:]
            if words[0].lower() in _FUNCTION or words[0][0].lower() != abbr[0].lower():
                continue
            if not _subsequence(abbr.lower(), "".join(words).lower()):
                continue
            initials = sum(1 for w in words if w[0].lower() in abbr.lower())
            score = (initials, -n)
            if best is None or score > best[0]:
                best = (score, " ".join(words))
        if best:
            found[abbr] = best[1]
    return found


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


# --- noun phrases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    noun: ActionNoun
    head: int  # token index of the head
    first: int  # first token index (after determiner)
    last: int  # last token index (inclusive)
    determiner: str | None
    modifiers: int  # content words besides the head
    abbreviation: str | None
    skipped: tuple[int, int]  # light verbs left out: `onderzoek (te doen) naar`


_OPEN_QUOTES = {"‘", "'", "“", '"'}
_CLOSE_QUOTES = {"’", "'", "”", '"'}
_PARTICLES = {"uit", "op", "aan", "in", "af", "mee", "toe", "voor"}
_RELATIVES = {"die", "dat", "waarmee", "waarin", "waarbij"}


def _phrase(tokens: list[_Token], i: int, noun: ActionNoun, heading: bool) -> _Phrase:
    """The noun phrase around the action noun at token `i`."""
    first = i
    # Pre-modifiers: capitalised words (`Nationaal Programma`), or adjectives after a determiner.
    j = i - 1
    while j >= 0 and tokens[j].is_word and tokens[j].lower not in _STOP | _FUNCTION and i - j <= 3:
        if not (tokens[j].text[0].isupper() or (j > 0 and tokens[j - 1].lower in _DETERMINERS)):
            break
        if tokens[j].text[0].islower() and tokens[j].lower.endswith("ie"):
            break  # `in opdracht van mijn ministerie onderzoek`: a noun in -ie, not an adjective
        if (j == 0 and not heading) or _NOMINALISATION.match(tokens[j].text):
            break  # a sentence's first word is capitalised anyway; `Intensivering UDO`
        first = j
        j -= 1
    determiner = (
        tokens[first - 1].lower if first > 0 and tokens[first - 1].lower in _DETERMINERS else None
    )
    modifiers, last, abbreviation = i - first, i, None
    k, prepositions = i + 1, 0
    skipped_verb, skipped = False, (0, 0)
    titled = _titled_at(tokens, k)
    if titled is not None:
        # `een rapport uit, getiteld ‘Hardheden en kansen’`: the title names the noun; the particle
        # and `getiteld` stay out of it
        skipped, k = (k, titled), titled
    if k < len(tokens) and tokens[k].text in _OPEN_QUOTES:
        # `het traject ‘Dwars door domeinen’`: a quoted name right after the noun is its name
        close = next(
            (
                n
                for n in range(k + 1, min(k + 12, len(tokens)))
                if tokens[n].text in _CLOSE_QUOTES or tokens[n].text[-1] in "’”"
            ),
            None,
        )
        if close is not None and close > k + 1:
            modifiers, last, k = close - k - 1, close, close + 1
    while k < len(tokens) and k - i <= (14 if heading else 10):
        token = tokens[k]
        if token.text == "(":
            close = next(
                (n for n in range(k + 1, min(k + 4, len(tokens))) if tokens[n].text == ")"), None
            )
            if close is None:
                break
            inner = " ".join(t.text for t in tokens[k + 1 : close])
            if re.fullmatch(r"[A-Z][A-Za-z]{1,6}", inner):
                abbreviation, last = inner, close
                break  # `Full Name (ABBR)`: the abbreviation closes the name
            k = close + 1
            continue
        if not token.is_word:
            if heading and token.text in ",&’'":
                k += 1
                continue
            break
        lower = token.lower
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if (
            lower in _NAME_PARTICLES
            and tokens[k - 1].text[0].isupper()
            and following is not None
            and following.text[0].isupper()
        ):
            k += 1  # `Werk aan Uitvoering`, `Raad van State`
            continue
        if (
            _PARTICIPLE.match(lower)
            and len(lower) >= 7
            and lower not in _LIGHT_VERBS  # `een beleidsdoorlichting (uitgevoerd) van ...`
            and not (following and following.is_word and following.lower not in _FUNCTION | _STOP)
        ):
            break
        if lower in _DETERMINERS and not heading:
            break  # `bij het ontwikkelen van deze visie de vraag ...`: a new noun phrase
        if (
            lower == "met"
            and not heading
            and following is not None
            and following.is_word
            and following.lower not in _FUNCTION | _STOP
            and prepositions < 2
        ):
            prepositions += 1  # `mensen met verward en onbegrepen gedrag`
            k += 1
            continue
        after_skip = skipped_verb and k == skipped[1] and lower == "aan"  # `(aangeboden) aan`
        if (lower in _PREPOSITIONS or after_skip) and k + 1 < len(tokens) and tokens[k + 1].is_word:
            if prepositions >= 2:
                break
            prepositions += 1
            k += 1
            if k < len(tokens) and tokens[k].lower in _DETERMINERS:
                k += 1
            continue
        if lower == "en" and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if not nxt.is_word or nxt.lower in _STOP | _DETERMINERS and not heading:
                break
            k += 1
            continue
        if lower in _LIGHT_VERBS and not skipped_verb and not heading:
            n = k
            while n < len(tokens) and tokens[n].lower in _LIGHT_VERBS and n - k < 3:
                n += 1
            if n < len(tokens) and tokens[n].lower in _PREPOSITIONS | {"aan"} and last == i:
                skipped_verb = True
                skipped = (k, n)
                k = n
                continue
            break
        if not heading and (
            lower in _STOP or lower[0].isdigit() or (following and following.lower in _SUBJECTS)
        ):
            break  # `zet ik in`, `blijf ik werken`: a finite verb before its subject
        modifiers += 1
        last = k
        k += 1
    purpose_at = last + 1
    if (
        not heading
        and k + 1 < len(tokens)
        and tokens[k].lower in _PARTICLES
        and tokens[k + 1].lower == "om"
    ):  # `werk ik een plan van aanpak uit om ...`
        if skipped == (0, 0):
            skipped = (k, k + 1)  # the particle stays out of the title
        k = purpose_at = k + 1
    if (
        modifiers == 0
        and not heading
        and k + 1 < len(tokens)
        and tokens[k + 1].lower in _RELATIVES
        and (_PARTICIPLE.match(tokens[k].lower) or tokens[k].lower in _STOP | _LIGHT_VERBS)
    ):
        k += 1  # `twee taskforces opgericht die ...`: the sentence's participle in between
    if modifiers == 0 and not heading and k < len(tokens) and tokens[k].lower in _RELATIVES:
        # `een campagne aangekondigd die bevordert dat mensen politiek actief worden`: the relative
        # clause names what the bare noun is (up to the clause's end)
        n = k + 1
        while n < len(tokens) and tokens[n].is_word and n - k <= 10:
            n += 1
        if n - k >= 3:
            return _Phrase(noun, i, first, n - 1, None, n - 1 - k, None, (i + 1, k))
    if not heading and k == purpose_at and k < len(tokens) and tokens[k].lower == "om":
        # `een wetswijziging om de bevoegdheden te verduidelijken`, `onderzoek naar mogelijk
        # zinvolle manieren om de positie van de griffier te versterken`: the purpose names it
        end = _purpose_end(tokens, k)
        if end is not None:
            modifiers, last = modifiers + end - k, end
    return _Phrase(noun, i, first, last, determiner, modifiers, abbreviation, skipped)


_TITLED = {"getiteld", "genaamd", "getiteld:", "genaamd:"}


def _titled_at(tokens: list[_Token], k: int) -> int | None:
    """The opening quote of `(uit), getiteld ‘...’` starting at token `k`, if there is one."""
    if k < len(tokens) and tokens[k].lower in _PARTICLES:
        k += 1
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    if k >= len(tokens) or tokens[k].lower not in _TITLED:
        return None
    k += 1
    if k < len(tokens) and tokens[k].text == ":":
        k += 1
    return k if k < len(tokens) and tokens[k].text in _OPEN_QUOTES else None


def _purpose_end(tokens: list[_Token], om: int) -> int | None:
    """The last token of a purpose clause `om ... te <verb>`; `om ervoor te zorgen dat X` and
    `om X te ondersteunen om Y te stellen` run on to what is really aimed at."""
    te = next(
        (n for n in range(om + 1, min(om + 14, len(tokens) - 1)) if tokens[n].lower == "te"), None
    )
    if te is None or not all(t.is_word for t in tokens[om : te + 2]):
        return None
    end = te + 1
    if end + 1 < len(tokens) and tokens[end].lower == "zorgen" and tokens[end + 1].lower == "dat":
        n = end + 2
        while n < len(tokens) and tokens[n].is_word and n - end <= 12:
            n += 1
        return n - 1
    if end + 1 < len(tokens) and tokens[end + 1].lower == "om":
        return _purpose_end(tokens, end + 1) or end
    return end


def _phrase_words(tokens: list[_Token], phrase: _Phrase) -> list[str]:
    words, skip = [], False
    for n, t in enumerate(tokens[phrase.first : phrase.last + 1], start=phrase.first):
        if phrase.skipped[0] <= n < phrase.skipped[1]:
            continue  # `onderzoek (te doen) naar`
        if t.text == "(":
            skip = True
        if not skip and t.is_word:
            words.append(t.text.rstrip("’”"))
        if t.text == ")":
            skip = False
    return words


def _key(words: list[str], abbreviations: dict[str, str]) -> str:
    expanded: list[str] = []
    for word in words:
        expanded.extend(abbreviations[word].split() if word in abbreviations else [word])
    content = []
    for n, word in enumerate(expanded):
        lower = word.lower()
        # `decentraal en gedeconcentreerd bestuur` -> `decentraal bestuur`
        if (
            n >= 2
            and expanded[n - 1].lower() == "en"
            and n + 1 < len(expanded)
            and expanded[n + 1].lower() not in _FUNCTION
            and lower not in _FUNCTION
        ):
            continue
        if lower in _KEY_DROP:
            continue
        content.append(lower)
    return slugify(" ".join(content[:6]))


def _title(words: list[str], abbreviation: str | None, abbreviations: dict[str, str]) -> str:
    if len(words) == 1 and words[0] in abbreviations:
        words, abbreviation = abbreviations[words[0]].split(), words[0]
    title = " ".join(words)
    title = title[0].upper() + title[1:]
    return f"{title} ({abbreviation})" if abbreviation else title


# --- statuses -----------------------------------------------------------------------------------


# Genre rule: a status verb followed by a condition (`Een toets wordt uitgevoerd zodra een
# ministerie een nieuwe taak overweegt`) describes how an instrument is used, not work in progress.
_CONDITION = re.compile(r"\s+(?:zodra|wanneer|indien|als|telkens\s+als)\b", re.IGNORECASE)


# A parenthetical between dashes (`heb ik – in samenwerking met de VNG en de koepels – een
# handreiking laten ontwikkelen`) is read past: the verb's parts stand on either side of it.
_DASHED = re.compile(r"\s[–-]\s[^–.;]{1,160}?\s[–-]\s")


def _status_cues(
    text: str, cues: ActionCues, memo: dict[str, list[tuple[int, int, str]]] | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, status) of each status cue in `text`; `memo` keeps them per text for one
    document (a sentence is asked about by its section, its actions and its promised letters)."""
    if memo is not None and text in memo:
        return list(memo[text])
    dashed = _DASHED.sub(lambda m: " " * len(m[0]), text)  # same offsets
    found = []
    for index in cues.status_set.candidates(dashed):
        pattern, status = cues.statuses[index]
        found.extend(
            (m.start(), m.end(), status)
            for m in pattern.finditer(dashed)
            if not _CONDITION.match(dashed, m.end())
        )
    if memo is not None:
        memo[text] = list(found)
    return found


def _status_near(found: list[tuple[int, int, str]], position: int) -> str | None:
    if not found:
        return None
    if any(status == "handed_to_next_cabinet" for _, _, status in found):
        return "handed_to_next_cabinet"

    def distance(cue: tuple[int, int, str]) -> tuple[int, int]:
        start, end, status = cue
        gap = 0 if start <= position < end else min(abs(position - start), abs(position - end))
        return gap, STATUS_ORDER.index(status)

    return min(found, key=distance)[2]


def _responsible(sentence: str) -> str | None:
    m = _RESPONSIBLE.search(sentence)
    if not m:
        return None
    return f"{m['role']} van {m['name'].strip(' ,')}"


# --- the extractor -----------------------------------------------------------------------------


@dataclass
class _Context:
    cues: ActionCues
    abbreviations: dict[str, str]
    seen: list[ActionMention]
    themes: dict[str, int] = field(default_factory=dict)  # key -> heading index
    statuses: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)  # _status_cues memo

    def resolve(self, head: str) -> ActionMention | None:
        """The action named last whose head noun is `head` (for `het beleidskader`)."""
        head = head.lower()
        for mention in reversed(self.seen):
            first = re.split(r"[\s(]", mention.title.lower())
            if head in first[:3] or mention.key.startswith(slugify(head)):
                return mention
        return None


# What exists already or is someone else's work is background, not an action of the letter: `de
# huidige decentralisatie-uitkering`, `de parlementaire verkenning`.
_BACKGROUND_MODIFIERS = {"huidige", "bestaande", "vorige", "oude", "parlementaire"}
# A reaction is an action only with what it reacts to (`een reactie op de voorlichting`).
# Plural `acties`, `maatregelen` name a set of actions only by its purpose (`acties om de
# rechtspositie van ambtsdragers te verbeteren`); otherwise they are the letter's generic words.
_NEEDS_OBJECT = {"reactie": "op", "acties": "om", "maatregelen": "om"}
# A bureau with a name is a firm (`Bureau Berenschot`), not one set up as a measure.
_FIRM_WORDS = {"bureau"}
# Page furniture that runs into a sentence across a page break.
_FURNITURE_WORDS = {"Datum", "Kenmerk", "Pagina"}


def _multiword_noun(
    cues: ActionCues, tokens: list[_Token], i: int
) -> tuple[ActionNoun, int] | None:
    """A noun of several words (`plan van aanpak`) starting at token `i`, with its last token."""
    for noun, words in cues._multiword.get(tokens[i].lower, ()):
        if tuple(t.lower for t in tokens[i : i + len(words)]) == words:
            return noun, i + len(words) - 1
    return None


def _activity_of(tokens: list[_Token], i: int) -> bool:
    """Whether the noun at `i` is the object of `het doen van (concreet) ...`: an activity named
    in general (what a guide helps others do), not a study of the letter."""
    n = i - 1
    if n >= 0 and tokens[n].text[0].islower() and tokens[n].lower not in _FUNCTION:
        n -= 1  # one adjective: `concreet`, `eigen`
    return (
        n >= 2
        and tokens[n].lower == "van"
        and tokens[n - 1].lower in {"doen", "uitvoeren", "verrichten"}
        and tokens[n - 2].lower == "het"
    )


# Genre rule: an indirect question (`betrek ik de vraag in hoeverre het toezicht nog past bij de
# wet en de agenda toekomst toezicht`) names what is asked about: the action nouns in it are
# existing things the question weighs, not actions the sentence commits to.
_QUESTION_WORDS = {"of", "hoe", "welke", "wat", "waarom", "wanneer"}


def _question_start(tokens: list[_Token]) -> int:
    """The index of the question word after `de vraag` (len(tokens) when there is none)."""
    for n in range(1, len(tokens) - 2):
        if tokens[n].lower == "vraag" and tokens[n - 1].lower in {"de", "die", "deze"}:
            nxt = tokens[n + 1].lower
            if nxt in _QUESTION_WORDS or (nxt == "in" and tokens[n + 2].lower == "hoeverre"):
                return n + 1
    return len(tokens)


def _mentions_in(
    ctx: _Context, clean: str, span: Span, heading: bool
) -> list[tuple[str, str, str, int]]:
    """(key, title, kind, char offset) of each action named in a sentence or heading."""
    tokens = _tokens(clean, span.start, span.end)
    found, covered = [], -1
    question = _question_start(tokens)
    for i, token in enumerate(tokens):
        if i <= covered or not token.is_word:
            continue
        noun, head = ctx.cues.noun(token.text), i
        multiword = _multiword_noun(ctx.cues, tokens, i)
        if multiword is not None:
            noun, head = multiword
        via_abbreviation = False
        if noun is None and token.text in ctx.abbreviations:
            # An abbreviation names an action when the cue file lists it as one (`OHA`, `Wau`) or
            # its expansion opens with an action noun (`UDO`); `IPO` (Interprovinciaal Overleg) not.
            expansion = ctx.abbreviations[token.text].split()
            candidates = expansion if token.text in ctx.cues.abbreviations else expansion[:1]
            noun = next((n for w in candidates if (n := ctx.cues.noun(w))), None)
            via_abbreviation = noun is not None
        if noun is None:
            continue
        if i >= 2 and tokens[i - 2].lower == "in" and tokens[i - 1].lower in {"dat", "dit", "het"}:
            continue  # `in dat kader`
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if (
            noun.word in _NEEDS_OBJECT
            and token.lower == noun.word
            and following.lower() != _NEEDS_OBJECT[noun.word]
        ):
            continue
        if token.lower in _FIRM_WORDS and (token.text[0].isupper() or following[:1].isupper()):
            continue  # `Bureau Berenschot`, `bureau Berenschot`: a firm
        # Genre rule: an `adviesrapport` is an advisory body's product (an advisory report), not
        # a measure of the letter; the `*rapport` cue is meant for the minister's own reports.
        if noun.word == "rapport" and token.lower.startswith("advies"):
            continue
        if token.lower == "overleg" and i > 0 and tokens[i - 1].lower == "in":
            continue  # `in overleg met`: how something is done, not what
        if (
            not heading
            and i >= 2
            and tokens[i - 2].lower == "in"
            and tokens[i - 1].lower in {"mijn", "de", "het"}
            and any(t.lower == "zoals" for t in tokens[: i - 2])
        ):
            continue  # `Zoals ik in mijn actieagenda heb aangekondigd`: the source, not the action
        if not heading and i > question:
            continue  # `de vraag in hoeverre het toezicht past bij ... de agenda X`: asked about
        phrase = _phrase(tokens, head, noun, heading)
        if head != i:
            phrase = replace(phrase, first=i)  # `plan van aanpak`
        if _activity_of(tokens, i):
            continue  # `tips voor het doen van concreet onderzoek naar ...`: the activity in general
        covered = phrase.last
        words = _phrase_words(tokens, phrase)
        if _FURNITURE_WORDS & set(words):
            words = words[: min(words.index(w) for w in _FURNITURE_WORDS & set(words))]
            while words and words[-1].lower() in _FUNCTION:
                words.pop()
            if len(words) < 2:
                continue
        if not heading and {w.lower() for w in words} & _BACKGROUND_MODIFIERS:
            continue
        named = token.text[0].isupper() and i > 0 and tokens[i - 1].text not in ".:;-–•"
        bare = phrase.modifiers == 0 and phrase.abbreviation is None and not via_abbreviation
        if bare:
            earlier = ctx.resolve(token.text) if phrase.determiner in _DEFINITE or heading else None
            if earlier is not None:
                found.append((earlier.key, earlier.title, earlier.kind, token.start))
                continue
            if (
                not heading
                and not named
                and (
                    token.lower == noun.word
                    or head != i
                    or not (token.text[0].isupper() or phrase.determiner in _DEFINITE)
                )
            ):
                continue  # `een onderzoek`, `een afwegingskader`: nothing to name; a capital
                # inside a sentence is a name (`een in voorbereiding zijnde Onderhoudswet`)
        abbreviation = phrase.abbreviation or (token.text if via_abbreviation else None)
        names = dict(ctx.abbreviations)
        key = _key(words, names)
        if not key or (key == _key(noun.word.split(), {}) and not heading and not named):
            earlier = ctx.resolve(token.text)
            if earlier is not None and phrase.determiner in _DEFINITE:
                found.append((earlier.key, earlier.title, earlier.kind, token.start))
            continue
        found.append(
            (
                key,
                _title(words, abbreviation if abbreviation not in words else None, names),
                noun.kind,
                token.start,
            )
        )
    unique: dict[str, tuple[str, str, str, int]] = {}
    for item in found:
        unique.setdefault(item[0], item)
    return list(unique.values())


# --- actions named by a verb -------------------------------------------------------------------

# `Ik verken of ...`, `bezie ik welke ...`, `Ook wil ik bezien of ...`, `Onderzocht wordt of ...`,
# `Over een jaar zal ik de UDO ... evalueren`: the minister's own study named only by its verb. The
# title is the study's noun and what is studied: the question after `of`/`hoe`/`welke`, or the object
# between the subject and the infinitive.
_STUDY_NOUNS = {
    "verken": "Verkenning",
    "verkennen": "Verkenning",
    "verkend": "Verkenning",
    "bezie": "Verkenning",
    "bezien": "Verkenning",
    "onderzoek": "Onderzoek",
    "onderzoeken": "Onderzoek",
    "onderzocht": "Onderzoek",
    "evalueer": "Evaluatie",
    "evalueren": "Evaluatie",
    "monitor": "Monitoring",
    "monitoren": "Monitoring",
}
_QUESTION = r"(?:of|hoe|welke|wat|waar|in\s+hoeverre)"
_VERB_STUDY = re.compile(
    r"\b(?:(?:ik|we|wij)\s+(?P<v1>verken|bezie|onderzoek|evalueer|monitor)"
    r"|(?P<v2>verken|bezie|onderzoek|evalueer|monitor)\s+(?:ik|we|wij)"
    r"|(?P<v3>onderzocht|verkend|bezien)\s+wordt"
    r"|wordt\s+(?:[\w-]+\s+){0,6}?(?P<v4>onderzocht|verkend|bezien))"
    rf"\s+(?:[\w-]+\s+){{0,6}}?(?P<q>{_QUESTION})\s",
    re.IGNORECASE,
)
_MODAL_STUDY = re.compile(
    r"\b(?:(?:zal|ga|wil|gaan|zullen|willen)\s+(?:ik|we|wij)|(?:ik|we|wij)\s+(?:zal|ga|wil|gaan|zullen|willen))"
    r"\s+(?P<mid>(?:[\w-]+\s+){0,12}?)(?P<v>verkennen|bezien|onderzoeken|evalueren|monitoren)\b",
    re.IGNORECASE,
)
_TIME_PHRASE = re.compile(
    r"^(?:(?:ook|daarom|daarnaast|tevens|verder|eerst|nog|graag|op\s+dit\s+moment|de\s+komende"
    r"\s+(?:periode|tijd|maanden|jaren)|dit\s+jaar|volgend\s+jaar|binnenkort)\s+)+",
    re.IGNORECASE,
)


def _question_words(text: str, start: int) -> list[str]:
    """The question studied, from `of`/`hoe`/`welke` to the clause's end (at most 16 words)."""
    clause = re.split(r"[,.;:]", re.sub(r"[()]", "", text[start:]), maxsplit=1)[0]
    return re.findall(r"[\w'’-]+", clause)[:16]


# Genre rule: a sentence may open with whom or what the study is for (`Voor de griffier bezie ik
# separaat of er mogelijkheden zijn om zijn positie te versterken`): the fronted topic belongs in
# the study's title, as the question often only points back to it (`zijn positie`).
_FRONTED_TOPIC = re.compile(
    r"^\s*(?:Voor|Ten\s+aanzien\s+van|Wat\s+betreft)\s+(?P<topic>(?:de|het)\s+[^,.;:()]{3,60}?)"
    r"\s+(?:bezie|verken|onderzoek|evalueer|zal|ga|wil)\s+ik\b",
    re.IGNORECASE,
)


# Genre rule: `de wetswijziging` in a study of its effects (`Ik zal de effecten van de wetswijziging
# monitoren`) points back to the amendment the text just named (`Met de wijziging van de Wgr die in
# 2022 in werking is getreden ...`): the study is titled by that law, the last one named before.
_LAW_AMENDMENT = re.compile(
    r"\bwijziging\s+van\s+de\s+(?P<law>Wet(?:\s+[a-zà-ÿ-]+){1,5}?(?=\s+(?:die|dat|in|is|op|en|"
    r"wordt|heeft|zijn)\b|[,.;])|[A-Z][\w-]+)"
)


def _amended_law(before: str) -> str | None:
    """The law whose amendment the preceding text names last (`de wijziging van de Wgr`)."""
    laws = [m["law"] for m in _LAW_AMENDMENT.finditer(before)]
    return laws[-1] if laws else None


def _resolve_amendment(words: list[str], before: str) -> list[str]:
    """`de wetswijziging` -> `de wijziging van de <law>` when the text before names that law."""
    lowered = [w.lower() for w in words]
    if "wetswijziging" not in lowered or not (law := _amended_law(before)):
        return words
    n = lowered.index("wetswijziging")
    return [*words[:n], "wijziging", "van", "de", *law.split(), *words[n + 1 :]]


def _verb_studies(
    ctx: _Context, text: str, offset: int, before: str = ""
) -> list[tuple[str, str, str, int]]:
    """Studies a sentence announces by its verb (`ik zal ... monitoren`); `before` is the text that
    precedes the sentence, for what its words point back to."""
    topic = _FRONTED_TOPIC.match(text)
    prefix = ["voor", *re.findall(r"[\w'’-]+", topic["topic"])] if topic else []
    found = []
    for m in _VERB_STUDY.finditer(text):
        verb = next(m[g] for g in ("v1", "v2", "v3", "v4") if m[g]).lower()
        words = _question_words(text, m.start("q"))
        if len(words) >= 3:
            found.append((_STUDY_NOUNS[verb], words, m.start() + offset))
    for m in _MODAL_STUDY.finditer(text):
        noun = _STUDY_NOUNS[m["v"].lower()]
        after = re.match(rf"\s+{_QUESTION}\s", text[m.end() :], re.IGNORECASE)
        if after:
            words = _question_words(text, m.end() + after.start() + 1)
        else:
            mid = _TIME_PHRASE.sub("", m["mid"].strip() + " ").strip()
            mid = re.split(r"\s+(?:samen|in\s+samenwerking|met|om|in\s+overleg)\b", mid)[0]
            words = ["van", *re.findall(r"[\w'’-]+", mid)] if mid else []
            if words and words[1].lower() not in _DETERMINERS:
                words = []  # the object is a noun phrase: `de UDO`, `de werking van de pilots`
        if len(words) >= 3:
            found.append((noun, words, m.start() + offset))
    found = [
        (noun, _resolve_amendment([*prefix, *words], before), position)
        for noun, words, position in found
    ]
    studies = [
        (key, f"{noun} {' '.join(words)}", "onderzoek", position)
        for noun, words, position in found
        if (key := _key([noun, *words], ctx.abbreviations))
    ]
    return studies + _work_on_infinitives(ctx, text, offset) + _promised_letters(ctx, text, offset)


# `Ik zal uw Kamer medio volgend jaar informeren over de voortgang van ...`, `Eind 2023 informeer ik
# uw Kamer over de uitvoering van de toezeggingen ...`: a promised letter, named by its subject. The
# letter at hand (`In deze brief informeer ik uw Kamer over ...`) is not one.
_PROMISED_LETTER = re.compile(
    r"\b(?:informeer\s+ik|ik\s+informeer|(?:zal|ga|wil)\s+ik|ik\s+(?:zal|ga|wil))\s+"
    r"(?:uw|de)\s+(?:Tweede\s+|Eerste\s+)?Kamer\s+(?:[\w-]+\s+){0,5}?(?:informeren\s+|berichten\s+)?"
    r"over\s+(?P<subject>[^,.;:()]{3,200})",
    re.IGNORECASE,
)
# Genre rule: the subject may come first (`Over de voortgang en inzichten zal ik uw Kamer jaarlijks
# informeren.`): the same promised letter.
_FRONTED_LETTER = re.compile(
    r"^\s*Over\s+(?P<subject>(?:de|het)\s+[^,.;:()]{3,120}?)\s+"
    r"(?:zal|ga|wil|informeer|bericht)\s+ik\s+(?:uw|de)\s+(?:Tweede\s+|Eerste\s+)?Kamer\b"
)
# Genre rule: a letter still to come is named with the indefinite article and its subject (`Hierop
# ga ik in een brief over de toekomst van het lokaal bestuur nader in`, `zal ik u een aparte brief
# over het toezicht sturen`) in a sentence that announces it; `mijn brief van 20 juni over ...` is
# one already sent.
_INDEFINITE_LETTER = re.compile(
    r"\been\s+(?:(?:nieuwe|aparte|afzonderlijke|separate|volgende|nadere)\s+)?(?:Kamer)?brief\s+"
    r"over\s+(?P<subject>[^,.;:()]{3,200})",
    re.IGNORECASE,
)
_THIS_LETTER = re.compile(
    r"\b(?:in|met)\s+(?:deze|dit)\s+(?:brief|nota)\b|\bhierbij\b", re.IGNORECASE
)


def _promised_letters(ctx: _Context, text: str, offset: int) -> list[tuple[str, str, str, int]]:
    if _THIS_LETTER.search(text):
        return []
    found = []
    matches = [*_PROMISED_LETTER.finditer(text), *_FRONTED_LETTER.finditer(text)]
    if any(status == "announced" for _, _, status in _status_cues(text, ctx.cues, ctx.statuses)):
        matches += _INDEFINITE_LETTER.finditer(text)
    for m in matches:
        words = re.findall(r"[\w'’-]+", m["subject"])[:18]
        if re.fullmatch(r"(?:de|het)", words[0] if words else "", re.IGNORECASE) is None:
            continue  # `over hoe ...`, `over een jaar`: not a subject
        if words[1].lower() in {"uitkomsten", "resultaten", "bevindingen", "uitkomst"}:
            continue  # reporting a study's outcome is a step of that study, not another action
        while words and words[-1].lower() in {"informeren", "berichten", "nader"} | _FUNCTION:
            words.pop()
        key = _key(["brief", *words], ctx.abbreviations)
        if key:
            found.append((key, f"Brief over {' '.join(words)}", "brief", m.start() + offset))
    return found


# `werk ik aan het verbeteren van raads- en stateninformatiesystemen`, `wordt gewerkt aan het
# vereenvoudigen van regelgeving`: what is worked on, named by a nominalised infinitive and its object.
_WORK_ON = re.compile(
    r"\b(?:werk|werken|werkt|gewerkt)\b[^.;]{0,80}?\baan\s+het\s+(?P<inf>[a-z]{4,}en)\s+van\s+"
    r"(?P<object>[^,.;:()]{3,120})",
    re.IGNORECASE,
)


def _work_on_infinitives(ctx: _Context, text: str, offset: int) -> list[tuple[str, str, str, int]]:
    found = []
    for m in _WORK_ON.finditer(text):
        words = re.findall(r"[\w'’-]+", m["object"])[:8]
        while words and words[-1].lower() in _FUNCTION | _STOP:
            words.pop()
        if not words:
            continue
        title = f"{m['inf'].capitalize()} van {' '.join(words)}"
        key = _key([m["inf"], *words], ctx.abbreviations)
        if key:
            found.append((key, title, "actie", m.start("inf") + offset))
    return found


# Genre rule: a progress report that labels its action lines (`Actielijn 2. Passende verdeling van
# taken`) reports per action: each heading under such a line is one of the agenda's actions, also
# when its section names further steps (`Verzamelen van inzichten over ...` with the programmes
# it gathers from). Under a line that is only numbered (`3.`), a verb-headed heading that groups two
# or more actions stays a theme.
_LABELLED_ACTION_LINE = re.compile(r"^\s*(?:Actielijn|Actiespoor)\s+\d", re.IGNORECASE)


def _is_action_line(heading: Heading) -> bool:
    return heading.number is not None and "." not in heading.number


def _heading_title(heading: Heading) -> str:
    return re.sub(
        r"^(?:(?:Actielijn|Perspectief|Hoofdstuk|Paragraaf|Deel)\s+)?\d{1,2}(?:\.\d{1,2})*\.?\s+",
        "",
        heading.title,
        flags=re.IGNORECASE,
    )


def _section_status(ctx: _Context, segmented: Segmented, index: int) -> str:
    heading = segmented.headings[index]
    end = (
        segmented.headings[index + 1].start
        if index + 1 < len(segmented.headings)
        else len(segmented.clean)
    )
    statuses = []
    for sentence in segmented.sentences:
        if heading.end <= sentence.start < end:
            found = _status_cues(segmented.clean[sentence.start : sentence.end], ctx.cues, ctx.statuses)
            if found:
                statuses.append(_status_near(found, 0))
    if "handed_to_next_cabinet" in statuses:
        return "handed_to_next_cabinet"
    return statuses[0] if statuses else "in_progress"


def _heading_actions(
    ctx: _Context, segmented: Segmented, index: int, action_line: Heading | None
) -> list[ActionMention]:
    heading = segmented.headings[index]
    title = _heading_title(heading)
    if title.endswith("?") or _GENERIC_HEADING.match(title) or _is_action_line(heading):
        return []
    named = _mentions_in(ctx, segmented.clean, Span(heading.start, heading.end), heading=True)
    if not named and action_line is not None:
        first = title.split()[0] if title.split() else ""
        if _NOMINALISATION.match(first) or _INFINITIVE.match(first):
            words = re.findall(r"[\w'’-]+", title)
            named = [(_key(words, ctx.abbreviations), title, "actie", heading.start)]
            if not _LABELLED_ACTION_LINE.match(action_line.title):
                ctx.themes[named[0][0]] = index
    status = _section_status(ctx, segmented, index) if named else "in_progress"
    return [
        ActionMention(
            key,
            name,
            kind,
            status,
            heading.title,
            action_line.title if action_line else None,
            None,
            heading.start,
            heading.end,
            _collapse(heading.title),
        )
        for key, name, kind, _ in named
        if key
    ]


_NAMED_BILL = re.compile(r"(?<=\s)Wetsvoorstel\s+[a-z]")
_FUNDED = re.compile(
    r"\b(?:met\s+(?:de\s+)?(?:financiële\s+)?(?:steun|subsidie|bijdrage|middelen)\s+van|in\s+"
    r"opdracht\s+van)\s+(?:mijn\s+ministerie|mij|BZK|het\s+ministerie\s+van\s+BZK)\b",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:heeft|hebben|is|zijn)\b.*\b(?:ge\w{3,}[dt]|op\w+[dt]|in\w+[dt])\b")

# Genre rule: a law named by its title and said to be in preparation (`Daarnaast is de Wet
# versterking rechtsbescherming Wmo nu in voorbereiding`) is a bill in the making, the cabinet's
# own; a named law that is in force or only cited is not.
_BILL_IN_PREPARATION = re.compile(
    r"\b(?P<name>Wet(?:\s+(?!(?:is|wordt|ligt|nu|die|dat|in|zal|momenteel|thans|inmiddels)\b)"
    r"[\w’'-]+){1,8}?)\s+(?:(?:is|wordt|ligt)\s+)?(?:(?:nu|ook|momenteel|thans|inmiddels)\s+)*"
    r"in\s+(?:voorbereiding|consultatie|internetconsultatie)\b"
)


def _bills_in_preparation(ctx: _Context, text: str, offset: int) -> list[tuple[str, str, str, int]]:
    found = []
    for m in _BILL_IN_PREPARATION.finditer(text):
        words = m["name"].split()
        key = _key(words, {})
        if key:
            found.append((key, m["name"], "wetsvoorstel", offset + m.start()))
    return found


# Genre rule: the cabinet's reaction to an advice (`kabinetsreactie`, `reactie`) is named by the
# advice it answers. Letters name that advice first and the reaction after it, without an object
# of its own (`een integrale kabinetsreactie te sturen op dit ROB-advies`, `deze reactie ... mee te
# nemen`, `waarbij een reactie aan het volgende kabinet wordt gelaten`): the advice is the report
# named last by its title before the reaction, in its sentence or the four before it (about a
# paragraph); an advice the window names only by its author (`het advies van de Raad van State`)
# does not name the reaction, unless it is one the minister asked for (see _requested_advice).
_REACTION = re.compile(r"\b(?:kabinets)?reactie\b", re.IGNORECASE)
_OWN_OBJECT = re.compile(r"\s+op\s+(?!(?:dit|deze|dat|die)\b)", re.IGNORECASE)
_REACTION_WINDOW = 4  # sentences before the reaction's own: about a paragraph


# Genre rule: the advice may be one the minister asked for (`Aan de Raad van State heb ik advies
# gevraagd naar ...` in the window, its footnote citing the request: `Te raadplegen via Verzoek
# voorlichting interbestuurlijke verhoudingen`): the reaction answers the product the request names
# (`de voorlichting interbestuurlijke verhoudingen`).
_REQUEST_CITED = re.compile(
    r"\b(?:Verzoek|Adviesaanvraag|Aanvraag)\s+(?:om\s+)?(?:een\s+)?(?P<product>voorlichting|advies)"
    r"\s+(?P<about>[^.,;:()\d]{3,80}?)\s*(?:[.,;:(]|$)",
    re.IGNORECASE,
)


def _requested_advice(segmented: Segmented, index: int) -> str | None:
    """`de voorlichting <about>` the minister asked for in the reaction's window, by its footnote."""
    for n in range(index, max(-1, index - _REACTION_WINDOW - 1), -1):
        sentence = segmented.sentences[n]
        text = segmented.clean[sentence.start : sentence.end]
        if not (_ADVICE_ASKED.search(text) or _ADVICE_ASKED_BACK.search(text)):
            continue
        for footnote in _sentence_footnotes(segmented, sentence):
            if m := _REQUEST_CITED.search(_collapse(footnote.body)):
                article = "het" if m["product"].lower() == "advies" else "de"
                return f"{article} {m['product'].lower()} {m['about'].strip()}"
    return None


def _reactions_to_reports(
    ctx: _Context, segmented: Segmented, sentence: Span
) -> list[tuple[str, str, str, int]]:
    from bestuursgraaf.graph.extract.reports import (
        extract_reports,  # reports reads this module's word lists
    )

    text = segmented.clean[sentence.start : sentence.end]
    reaction = _REACTION.search(text)
    if reaction is None or _OWN_OBJECT.match(text, reaction.end()):
        return []  # `een reactie op de voorlichting ...` is named by its own object
    index = next((n for n, s in enumerate(segmented.sentences) if s.start == sentence.start), 0)
    window_start = segmented.sentences[max(0, index - _REACTION_WINDOW)].start
    before = segmented.clean[window_start : sentence.start + reaction.start()]
    reports = [r for r in extract_reports(before) if r.title and r.title in r.raw]
    if reports:
        title = f"Reactie op {reports[-1].title}"
    elif requested := _requested_advice(segmented, index):
        title = f"Reactie op {requested}"
    else:
        return []
    key = _key(re.findall(r"[\w'’-]+", title), ctx.abbreviations)
    return [(key, title, "reactie", sentence.start + reaction.start())] if key else []


# Genre rule: `zet ik me in voor X` / `ik zet mij in voor X` is the minister's own effort for X,
# named by what it is for even without an action noun (`Ook zet ik me in voor (potentiële)
# politieke ambtsdragers met een beperking, zodat ...`): titled `Inzet voor X`, X up to the first
# clause boundary.
_EFFORT_FOR = re.compile(
    r"\b(?:zet(?:ten)?\s+(?:ik|we|wij)\s+(?:me|mij|ons)|(?:ik|we|wij)\s+zet(?:ten)?\s+(?:me|mij|ons))"
    r"\s+(?:ook\s+|daarnaast\s+|verder\s+)?in\s+voor\s+(?P<what>[^,.;:]{3,120})",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"\s+(?:zodat|omdat|waarbij|waarmee|door|om|en\s+(?:ik|we|wij))\s.*$")


def _efforts_for(ctx: _Context, text: str, offset: int) -> list[tuple[str, str, str, int]]:
    found = []
    for m in _EFFORT_FOR.finditer(text):
        what = _CLAUSE_START.sub("", m["what"]).strip()
        words = re.findall(r"[\w'’()-]+", what)
        title = f"Inzet voor {what}"
        key = _key(["inzet", "voor", *words], ctx.abbreviations)
        if len(words) >= 2 and key:
            found.append((key, title, "actie", offset + m.start()))
    return found


# Genre rule: advice the minister asks for (`Aan de Raad van State heb ik advies gevraagd naar het
# handelingsperspectief in situaties waarbij ...`) is his own step, named by what it is about:
# titled `Adviesaanvraag over X`, X up to the clause's end (at most 12 words).
_ADVICE_ASKED = re.compile(
    r"\b(?:heb\s+ik|ik\s+heb|hebben\s+we|we\s+hebben)\s+(?:[\w-]+\s+){0,3}?advies\s+gevraagd\s+"
    r"(?:naar|over)\s+(?P<subject>(?:de|het)\s+[^,.;:()]{3,160})",
    re.IGNORECASE,
)


# Genre rule: the subject may be a pronominal adverb (`Aan de Raad van State heb ik hier nader
# advies over gevraagd`, `heb ik hierover advies gevraagd`) pointing back to the topic the sentence
# before ends with (`... de mogelijkheden die er zijn voor bijvoorbeeld taakdifferentiatie.`): its
# last noun phrase (at most four words) is what the advice is about.
_ADVICE_ASKED_BACK = re.compile(
    r"\b(?:heb\s+(?:ik\s+)?|ik\s+heb\s+|hebben\s+we\s+|we\s+hebben\s+)"
    r"(?:(?:hier|daar)\s+(?:[\w-]+\s+){0,2}?advies\s+over|(?:hier|daar)over\s+(?:[\w-]+\s+){0,2}?"
    r"advies)\s+(?:gevraagd|aangevraagd)\b",
    re.IGNORECASE,
)


def _last_noun_phrase(before: str) -> list[str]:
    """The noun phrase the text before ends with: its trailing content words and their article."""
    last = re.split(r"[.!?;:]\s", before.rstrip().rstrip(".!?;:") + " ")[-1]
    words = re.findall(r"[\w'’-]+", last)
    n = len(words)
    while n > 0 and words[n - 1].lower() not in _FUNCTION | _STOP and len(words) - n < 4:
        n -= 1
    if n > 0 and words[n - 1].lower() in {"de", "het"} and n < len(words):
        n -= 1
    return words[n:]


def _advice_asked(
    ctx: _Context, text: str, offset: int, before: str = ""
) -> list[tuple[str, str, str, int]]:
    subjects = [(m["subject"], m.start(), 2) for m in _ADVICE_ASKED.finditer(text)]
    if before and (back := _ADVICE_ASKED_BACK.search(text)):
        subjects.append((" ".join(_last_noun_phrase(before)), back.start(), 1))
    found = []
    for subject, start, least in subjects:
        words = re.findall(r"[\w'’-]+", subject)[:12]
        while words and words[-1].lower() in _FUNCTION | _STOP:
            words.pop()
        key = _key(["adviesaanvraag", "over", *words], ctx.abbreviations)
        if len(words) >= least and key:
            title = f"Adviesaanvraag over {' '.join(words)}"
            found.append((key, title, "actie", offset + start))
    return found


# Genre rule: a topic put first (`Ten aanzien van mijn beleid inzake het bevorderen van de
# integriteit ..., informeer ik uw Kamer in een samenhangende visie in het eerste kwartaal`) is what
# the promised document is about: titled `<noun> over <topic>`, the noun an action noun or `brief`.
_TOPIC_FIRST = re.compile(
    r"^\s*(?:Ten\s+aanzien\s+van|Wat\s+betreft)\s+(?:mijn\s+beleid\s+inzake\s+)?"
    r"(?P<topic>[^,;:()]{5,160}?),\s+(?:informeer|stuur|zend|bied)\s+ik\s+(?:uw\s+Kamer\s+)?"
    r"(?:[\w-]+\s+){0,4}?in\s+een\s+(?:[a-zà-ÿ]+e\s+)?(?P<noun>[a-zà-ÿ]+)\b",
    re.IGNORECASE,
)


def _topic_first(ctx: _Context, text: str, offset: int) -> list[tuple[str, str, str, int]]:
    m = _TOPIC_FIRST.match(text)
    if m is None:
        return []
    noun = ctx.cues.noun(m["noun"])
    if noun is None and m["noun"].lower() != "brief":
        return []
    words = re.findall(r"[\w'’-]+", m["topic"])
    title = f"{m['noun'].capitalize()} over {' '.join(words)}"
    key = _key([m["noun"], "over", *words], ctx.abbreviations)
    return [(key, title, noun.kind if noun else "brief", offset + m.start("noun"))] if key else []


def _sentence_footnotes(segmented: Segmented, sentence: Span) -> list:
    """The footnotes of a sentence: markers in it and the marker glued to its full stop
    (`... van regionale samenwerking.11 Het onderzoek ...`), which stands outside its span."""
    following = segmented.sentence_start_after(sentence.end)
    return segmented.footnotes_in(Span(sentence.start, max(sentence.end, following)))


# Genre rule: a footnote that sends the study the sentence commissions (`heb ik opdracht gegeven
# onderzoek te doen naar ...` with the footnote `In de bijlage vindt u het onderzoek ‘Regionale
# ... . Een samenvattend onderzoek ...’`) names it: the quoted title, up to its first full stop,
# titles the sentence's action of the same noun, which is then done (sent).
_ANNEX_TITLE = re.compile(
    r"^\s*(?:In\s+de\s+bijlage|Als\s+bijlage|Bijgaand|Bijgevoegd)\s+(?:vindt|treft)\s+u\s+"
    r"(?:het|de)\s+(?P<noun>[a-zà-ÿ]+)\s+[‘'“\"](?P<title>[^’'”\".]{5,120})",
    re.IGNORECASE,
)


def _annexed_titles(
    ctx: _Context, segmented: Segmented, sentence: Span
) -> dict[str, tuple[str, str]]:
    """Action kind -> (key, title) of the studies and reports a footnote of the sentence sends."""
    found = {}
    for footnote in _sentence_footnotes(segmented, sentence):
        m = _ANNEX_TITLE.match(_collapse(footnote.body))
        noun = ctx.cues.noun(m["noun"]) if m else None
        if noun is None:
            continue
        title = f"{m['noun'].capitalize()} {m['title'].strip()}"
        if key := _key(re.findall(r"[\w'’-]+", title), ctx.abbreviations):
            found.setdefault(noun.kind, (key, title))
    return found


# Genre rule: a footnote in which the minister speaks of his own work (`het derde jaarverslag van
# deze projectgroep doe ik u als bijlage bij deze brief toekomen`) carries an action of the sentence
# its marker stands in, as the sentence itself would. Footnotes that only cite a source (no `ik`,
# `we`, `wij`, `mijn`) are not read.
_FIRST_PERSON = re.compile(r"\b(?:ik|we|wij|mijn|onze?)\b", re.IGNORECASE)


def _footnote_actions(
    ctx: _Context, segmented: Segmented, sentence: Span, action_line: Heading | None
) -> list[ActionMention]:
    from bestuursgraaf.graph.segment import split_sentences

    found = []
    for footnote in _sentence_footnotes(segmented, sentence):
        for part in split_sentences(segmented.text, [Span(footnote.start, footnote.end)]):
            text = segmented.text[part.start : part.end]
            if _FIRST_PERSON.search(text):
                found += _sentence_actions(
                    ctx, segmented, part, action_line, source=segmented.text, footnotes=False
                )
    return found


# Genre rule: a product the sentence names only by an indefinite noun (`heb ik een handreiking laten
# ontwikkelen met praktische tips ...`) is titled by a footnote on the sentence that opens with its
# published title (`Grip op de wijkzorg Handleiding - ... (2024), https://...`): a title of at
# most twelve words, up to a dash, bracket, comma or address, holding a noun of the same kind.
_FOOTNOTE_TITLE_END = re.compile(r"\s+[-–]\s+|\s*\(|,|:|\s+https?://")
_CITATION_START = re.compile(
    r"(?:Kamerstuk|Kst|Handelingen|Zie|Zoals|Toezegging|https?:|www\.)", re.IGNORECASE
)


def _footnote_named(
    ctx: _Context, segmented: Segmented, sentence: Span, named: list[tuple[str, str, str, int]]
) -> list[tuple[str, str, str, int]]:
    tokens = _tokens(segmented.clean, sentence.start, sentence.end)
    kinds = {kind for _, _, kind, _ in named}
    wanted = {}
    for n, token in enumerate(tokens[1:], start=1):
        noun = ctx.cues.noun(token.text)
        if noun and tokens[n - 1].lower == "een" and noun.kind not in kinds:
            wanted.setdefault(noun.kind, token.start)
    found = []
    for footnote in _sentence_footnotes(segmented, sentence) if wanted else []:
        body = _collapse(footnote.body)
        if _CITATION_START.match(body):
            continue
        title = _FOOTNOTE_TITLE_END.split(body, maxsplit=1)[0].strip(" .")
        words = re.findall(r"[\w'’-]+", title)
        nouns = [noun for w in words if (noun := ctx.cues.noun(w))]
        kind = next((noun.kind for noun in nouns if noun.kind in wanted), None)
        if kind is not None and 2 <= len(words) <= 12 and (key := _key(words, ctx.abbreviations)):
            found.append((key, title, kind, wanted.pop(kind)))
    return found


# Genre rule: a title that points to its section's subject (`organiseer ik expertsessies om de
# verdere inzet op dit thema te verkennen`) is about what the section's heading names: `dit thema`
# becomes `het thema ‘<heading>’` (not for a generic heading: `Inleiding`, `Tot slot`).
_THIS_THEME = re.compile(r"\b(?:dit|dat)\s+(?:thema|onderwerp|vraagstuk)\b", re.IGNORECASE)


def _theme_named(
    ctx: _Context, item: tuple[str, str, str, int], heading: Heading | None
) -> tuple[str, str, str, int]:
    key, title, kind, position = item
    if heading is None or not _THIS_THEME.search(title):
        return item
    subject = _heading_title(heading).strip()
    if not subject or _GENERIC_HEADING.match(subject):
        return item
    title = _THIS_THEME.sub(f"het thema ‘{subject}’", title, count=1)
    new_key = _key(re.findall(r"[\w'’-]+", title), ctx.abbreviations)
    return (new_key or key, title, kind, position)


def _sentence_actions(
    ctx: _Context,
    segmented: Segmented,
    sentence: Span,
    action_line: Heading | None,
    source: str | None = None,
    footnotes: bool = True,
) -> list[ActionMention]:
    """The actions a sentence commits to; `source` is the text its span is in (a footnote's
    sentence is in the source text, a running sentence in the clean text)."""
    if footnotes:
        return _sentence_actions(ctx, segmented, sentence, action_line, footnotes=False) + (
            _footnote_actions(ctx, segmented, sentence, action_line)
        )
    source = source or segmented.clean
    text = source[sentence.start : sentence.end]
    statuses = _status_cues(text, ctx.cues, ctx.statuses)
    if not statuses and _NAMED_BILL.search(text):
        # A bill named by its title (`Met het Wetsvoorstel versterking participatie op decentraal
        # niveau wordt beoogd ...`) is the cabinet's bill in the making whatever the verb.
        statuses = [(m.start(), m.end(), "in_progress") for m in _NAMED_BILL.finditer(text)]
    if not statuses and (funded := _FUNDED.search(text)):
        # Work the minister funds or commissions is his own whoever carries it out (`Met
        # financiële steun van mijn ministerie hebben de verenigingen twee taskforces opgericht`).
        status = "done" if _PERFECT.search(text) else "in_progress"
        statuses = [(funded.start(), funded.end(), status)]
    if not statuses:
        return []
    heading = segmented.heading_at(sentence.start)
    responsible = _responsible(text)
    named = _mentions_in(ctx, source, sentence, heading=False)
    named = [_theme_named(ctx, item, heading) for item in named]
    if source is segmented.clean:
        named += _footnote_named(ctx, segmented, sentence, named)
        annexed = _annexed_titles(ctx, segmented, sentence)
        for n, (_, _, kind, position) in enumerate(named):
            if kind in annexed:
                named[n] = (*annexed.pop(kind), kind, position)
                at = position - sentence.start
                statuses = [*statuses, (at, at, "done")]
    return [
        ActionMention(
            key,
            title,
            kind,
            _status_near(statuses, position - sentence.start) or "announced",
            heading.title if heading else None,
            action_line.title if action_line else None,
            responsible,
            sentence.start,
            sentence.end,
            _collapse(text),
        )
        for key, title, kind, position in named
        + _verb_studies(
            ctx, text, sentence.start, source[max(0, sentence.start - 1000) : sentence.start]
        )
        + _efforts_for(ctx, text, sentence.start)
        + _bills_in_preparation(ctx, text, sentence.start)
        + _topic_first(ctx, text, sentence.start)
        + _advice_asked(
            ctx, text, sentence.start, source[max(0, sentence.start - 1000) : sentence.start]
        )
        + (_reactions_to_reports(ctx, segmented, sentence) if source is segmented.clean else [])
    ]


def extract_actions(segmented: Segmented, cues: ActionCues | None = None) -> list[ActionMention]:
    """Every action named by a heading or committed to in a sentence, in document order."""
    cues = cues or load_action_cues()
    abbreviations = {**cues.abbreviations, **defined_abbreviations(segmented.clean)}
    ctx = _Context(cues, abbreviations, [])
    items: list[tuple[int, str, object]] = [
        (h.start, "heading", n) for n, h in enumerate(segmented.headings)
    ]
    items += [(s.start, "sentence", s) for s in segmented.sentences]
    action_line: Heading | None = None
    for _, what, item in sorted(items, key=lambda x: (x[0], x[1] != "heading")):
        if what == "heading":
            heading = segmented.headings[item]
            if _is_action_line(heading):
                action_line = heading
            elif _GENERIC_HEADING.match(_heading_title(heading)):
                action_line = None
            ctx.seen.extend(_heading_actions(ctx, segmented, item, action_line))
        else:
            ctx.seen.extend(_sentence_actions(ctx, segmented, item, action_line))
    ctx.seen.extend(letters_sent(segmented))
    ctx.seen.sort(key=lambda m: m.start)
    return _best_titles(_without_themes(ctx, segmented))


# A register of motions reports a motion done by the letter that informed the Kamer: `Afgedaan.
# De Tweede Kamer is op 13 oktober 2021 per brief geïnformeerd (Kamerstukken II 2021/22, 35569,
# nr. 40).` That letter is an action of its own, done, named by the paper it is.
INFORMED_BY_LETTER = re.compile(
    r"(?<![^\W_])(?:(?:[Dd]e\s+)?(?:(?:Tweede|Eerste)\s+)?Kamer|[Uu]w\s+Kamer)\s+is\s+"
    r"[^.;()]{0,60}?(?<![^\W_])(?:per|bij|met|via)\s+(?:kamer)?brief(?![^\W_])[^.;()]{0,80}?"
    r"geïnformeerd\s*\((?P<cited>[^()]{5,120})\)"
)


def letters_sent(segmented: Segmented) -> list[ActionMention]:
    """The letters a register's status column names as the action that carried a motion out."""
    found = []
    for m in INFORMED_BY_LETTER.finditer(segmented.clean):
        title = f"Brief aan de Kamer ({_collapse(m['cited'])})"
        found.append(
            ActionMention(
                key=slugify(title),
                title=title,
                kind="brief",
                status="done",
                section_heading=None,
                action_line=None,
                responsible=None,
                start=m.start(),
                end=m.end(),
                quote=_collapse(m[0]),
            )
        )
    return found


def _without_themes(ctx: _Context, segmented: Segmented) -> list[ActionMention]:
    """A heading that names an action only by a verb (`Verbeteren feedbackloop van medeoverheden
    naar het Rijk`, `Werken aan een waardevol ambt`) is a theme when its section names two or more
    actions of its own: those are the actions, the heading groups them. Genre rule: a section that
    names one (`Vastleggen van onze omgangsvormen` over `heb ik de Code ... geactualiseerd`) is that
    action, which the heading only describes by what it does. A section with none (`Taakdifferentiatie`,
    `Medeondertekening van wetten ...`) is about the heading's action itself."""
    dropped = set()
    for key, index in ctx.themes.items():
        heading = segmented.headings[index]
        end = next(
            (h.start for h in segmented.headings[index + 1 :] if h.number or not heading.number),
            len(segmented.clean),
        )
        others = {m.key for m in ctx.seen if m.key != key and heading.end <= m.start < end}
        if others:
            dropped.add(key)
    return [m for m in ctx.seen if m.key not in dropped]


def _best_titles(mentions: list[ActionMention]) -> list[ActionMention]:
    """Every mention of an action carries the best title any of them gives: a heading's (a name the
    letter chose), else the most informative, not one cut short (`Project om ervoor te zorgen`)."""
    best: dict[str, ActionMention] = {}
    for mention in mentions:
        if mention.key not in best or _title_rank(mention) > _title_rank(best[mention.key]):
            best[mention.key] = mention
    return [replace(m, title=best[m.key].title) for m in mentions]


def _title_rank(mention: ActionMention) -> tuple[int, int]:
    words = mention.title.split()
    content = [w for w in words if w.lower() not in _FUNCTION | _STOP]
    from_heading = mention.quote == _collapse(mention.section_heading or "")
    cut_short = words[-1].lower() in _FUNCTION | _STOP | _LIGHT_VERBS
    return (not cut_short, from_heading, min(len(content), 10))


def status_in(sentence: str, position: int, cues: ActionCues | None = None) -> str | None:
    """The status a sentence gives the action named at `position` in it (None when it has no cue)."""
    return _status_near(_status_cues(sentence, cues or load_action_cues()), position)
