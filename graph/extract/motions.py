"""Find mentions of parliamentary motions and their submitters in letter text.

The genre names a motion by its submitters: `motie-Van Dijk`, `de motie-Van der Molen/Bisschop`,
`motie-Omtzigt c.s.`, `de motie van de leden Van Dijk (CDA) en Grinwis (CU)`, `de motie van lid
Koole (PvdA, Eerste Kamer)`, `motie van het Eerste Kamerlid Koole`, or with the submitter as
subject: `Het lid Van Dijk (CDA) heeft bij motie ...`. A mention is only reported when it names at
least one submitter, so `deze motie`, `de motie vraagt` and `motievreemd` are never matched.

Surnames follow Dutch spelling: a particle is capitalised unless initials precede it (`Van der
Graaf`, but `J. van der Graaf`); a name is a run of capitalised words joined by particles and
hyphens, and ends where lowercase prose, a digit (a footnote marker) or punctuation begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bestuursgraaf.graph.patterns import PatternSet, pattern_set

_LETTER = r"[^\W\d_]"
_PARTICLES = (
    "van",
    "de",
    "der",
    "den",
    "ter",
    "ten",
    "te",
    "in",
    "op",
    "von",
    "le",
    "la",
    "du",
    "da",
    "di",
    "dos",
    "el",
    "'t",
    "’t",
    "d'",
)
_PARTICLE = r"(?:" + "|".join(re.escape(p) for p in _PARTICLES) + r")"
_INITIALS = r"(?:[A-Z][a-z]?\.\s*)+"
# A capitalised name part: Dijk, Özütok, D'Hondt, Wijngaarden-Peeters is two parts.
_PART = rf"(?=[^\W\d_a-zß-ÿ]){_LETTER}+(?:['’]{_LETTER}+)?"
# A given name before a lower-case particle (`Inge van Dijk`, as the Kamer tells two Van Dijks apart).
_GIVEN_NAME = rf"(?!(?i:{_PARTICLE})\s)[A-Z][a-zà-ÿ]+\s+(?={_PARTICLE}\s+[A-Z])"
# A surname: capitalised first particle (Van der Graaf) or initials or a given name then any particle.
_SURNAME = (
    rf"(?:(?:{_INITIALS}|{_GIVEN_NAME})(?:{_PARTICLE}\s+)*"
    rf"|(?:(?=[A-Z]|['’]t\b)(?i:{_PARTICLE})\s+(?:{_PARTICLE}\s+)*)?)"
    rf"{_PART}(?:\s*-\s*(?:(?i:{_PARTICLE})\s+)*{_PART})*(?![^\W\d_])"  # a glued digit: marker
)
_SURNAME_RE = re.compile(_SURNAME)
_PARENS_RE = re.compile(r"\s*\(\s*([^()\n]{1,60}?)\s*\)")
_CS_RE = re.compile(r"\s+c\.\s?s\.?")
_SEPARATOR_RE = re.compile(r"\s*(?:,|/|&|\ben\b)\s*")
_PARTY_RE = re.compile(r"[A-Z0-9][\w\-]*(?:\s[A-Z][\w\-]*){0,2}")
_CHAMBERS = {
    "eerste kamer": "Eerste Kamer",
    "ek": "Eerste Kamer",
    "tweede kamer": "Tweede Kamer",
    "tk": "Tweede Kamer",
}
# Capitalised words that follow `en` in prose but are never a submitter's surname.
_NOT_NAMES = frozenset(
    [
        "De",
        "Het",
        "Een",
        "Deze",
        "Die",
        "Dit",
        "Dat",
        "Ik",
        "Wij",
        "Zij",
        "Hij",
        "Ook",
        "Tweede",
        "Eerste",
        "Kamer",
        "Kamerlid",
        "Kamerleden",
        "Minister",
        "Staatssecretaris",
        "Regering",
        "Kabinet",
        "Rijk",
        "Motie",
        "Moties",
    ]
)

_MOTIE = r"(?<![^\W_])(?P<motie>[Mm]oties?)"
_HYPHEN_FORM_RE = re.compile(_MOTIE + r"\s*[-–]\s*(?=[^\W\d_])")
# `de motie Van der Plas c.s.`, `de motie Bikker`: the hyphen left out, a capital name follows.
_SPACE_FORM_RE = re.compile(r"(?<![^\W_])(?P<motie>[Mm]otie)[ \t]+(?=[A-Z][^\W\d_])")
_LEDEN = (
    r"(?:(?:de|het|een)\s+)?"
    r"(?:(?P<house>Eerste|Tweede)\s+Kamer|(?P<abbr>EK|TK)\s*-\s*)?"
    r"(?:[Kk]amer)?(?:lid|leden)|(?:de\s+heer|mevrouw|mevr\.)"
)
_VAN_FORM_RE = re.compile(_MOTIE + rf"\s+van\s+(?:{_LEDEN})\s+")
_SUBJECT_FORM_RE = re.compile(rf"(?<![^\W_])(?:[Hh]et|[Dd]e)\s+(?:{_LEDEN})\s+")
_SUBJECT_VERB_RE = re.compile(
    r"\s*(?:heeft|hebben|had|hadden)\b[^.;:!?]{0,100}?\b(?:bij|een|de|in\s+een)\s+"
    r"(?:(?P<adj>aangenomen|gewijzigde|ingediende)\s+)?(?P<motie>motie)(?![^\W_])"
)
_ADOPTED_BEFORE_RE = re.compile(r"\b(?P<word>aangenomen|verworpen)\s+(?:\w+\s+){0,1}$")
_ADOPTED_AFTER_RE = re.compile(
    r"^[^.;:!?]{0,120}?\b(?:is|werd|was|zijn|werden)\s+(?P<word>aangenomen|verworpen)\b"
)


@dataclass(frozen=True)
class Submitter:
    name: str  # surname as written: "Van Dijk", "Van der Graaf", "Kröger"
    party: str | None  # "CDA", "GroenLinks-PvdA" when stated
    chamber: str | None  # "Eerste Kamer" / "Tweede Kamer" when stated


@dataclass(frozen=True)
class MotionMention:
    raw: str  # the span naming the motion
    start: int
    end: int
    submitters: tuple[Submitter, ...]
    adopted: bool | None  # True for an adopted motion, False for a rejected one, None if not said
    chamber: str | None = None  # for a motion named only by its chamber: "motie van een EK-lid"
    label: str | None = None  # for a motion named only by its subject: "motie over X"


def _parens(content: str) -> tuple[str | None, str | None] | None:
    """`PvdA, Eerste Kamer` -> ("PvdA", "Eerste Kamer"); None when not a party/chamber note."""
    party = chamber = None
    for part in (p.strip() for p in content.split(",")):
        if part.lower() in _CHAMBERS:
            chamber = _CHAMBERS[part.lower()]
        elif party is None and _PARTY_RE.fullmatch(part) and not part.startswith("Kamerstuk"):
            party = part
        else:
            return None
    return party, chamber


# `motie-Remco Dijkstra/Postma`: the Kamer adds a given name to tell two members apart; after
# `motie-` two capitalised words before lower-case prose, a slash or a bracket are given name and
# surname.
_GIVEN_THEN_SURNAME = re.compile(
    rf"(?P<given>[A-Z][a-zà-ÿ]+)\s+(?P<surname>{_PART})(?![^\W\d_])(?=\s*(?:[/(,;.:]|\s[a-z]|$))"
)


# A surname that opens with a particle may go on with a second capitalised part before `c.s.`, a
# bracket, a slash or a separator: `Van Haersma Buma`, `Van Toorenburg`-like double names.
_SURNAME_GOES_ON = re.compile(
    rf"\s+(?P<part>{_PART})(?![^\W\d_])(?=\s*(?:c\.\s?s\.|[/(,;.:)]|\s+en\s|$))"
)


def _one_submitter(text: str, pos: int, chamber: str | None, given_names: bool = False):
    """Parse `Van Dijk (CDA)` at `pos`: (Submitter, end) or None."""
    m = _SURNAME_RE.match(text, pos)
    if not m or m[0].lower() in _PARTICLES or m[0].split()[-1] in _NOT_NAMES:
        return None
    two = _GIVEN_THEN_SURNAME.match(text, pos) if given_names else None
    if (
        two
        and two.end() > m.end()
        and not {two["given"], two["surname"]} & _NOT_NAMES
        and two["given"].lower() not in _PARTICLES
    ):
        m = two
    name = re.sub(r"^(?:" + _INITIALS + "|" + _GIVEN_NAME + ")", "", m[0])
    if m.re is _GIVEN_THEN_SURNAME:
        name = m["surname"]
    elif (
        (more := _SURNAME_GOES_ON.match(text, m.end()))
        and re.match(rf"(?i:{_PARTICLE})\s", name)
        and more["part"] not in _NOT_NAMES
    ):
        name, m = f"{name} {more['part']}", more  # `Van Haersma Buma c.s.`
    name = re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name))
    party, end = None, m.end()
    paren = _PARENS_RE.match(text, end)
    if paren and (note := _parens(paren[1])):
        party, chamber = note[0], note[1] or chamber
        end = paren.end()
    return Submitter(name, party, chamber), end


def _submitters(
    text: str,
    pos: int,
    chamber: str | None = None,
    given_names: bool = False,
    separator: re.Pattern = _SEPARATOR_RE,
):
    """Parse a submitter list `X (CDA), Y en Z c.s.` at `pos`: (submitters, end)."""
    first = _one_submitter(text, pos, chamber, given_names)
    if not first:
        return (), pos
    found, end = [first[0]], first[1]
    while (sep := separator.match(text, end)) and (
        nxt := _one_submitter(text, sep.end(), chamber, given_names)
    ):
        found.append(nxt[0])
        end = nxt[1]
    if cs := _CS_RE.match(text, end):
        end = cs.end()
    return tuple(found), end


def _house(m: re.Match) -> str | None:
    if m["house"]:
        return f"{m['house']} Kamer"
    if m["abbr"]:
        return _CHAMBERS[m["abbr"].lower()]
    return None


def _adopted(text: str, motie_start: int, end: int) -> bool | None:
    before = _ADOPTED_BEFORE_RE.search(text[max(0, motie_start - 40) : motie_start])
    after = _ADOPTED_AFTER_RE.match(text[end : end + 160])
    word = (before or after)["word"] if (before or after) else None
    return {"aangenomen": True, "verworpen": False}.get(word)


def _mention(text, start, end, motie_start, submitters, offset, adopted=None) -> MotionMention:
    if adopted is None:
        adopted = _adopted(text, motie_start, end)
    return MotionMention(text[start:end], start + offset, end + offset, submitters, adopted)


@lru_cache(maxsize=1)
def _named_form_set() -> PatternSet:
    """The patterns `_named_forms` loops over (`motie`/`moties` in every one)."""
    return pattern_set((_HYPHEN_FORM_RE, _PLURAL_SPACE_FORM_RE, _SPACE_FORM_RE, _VAN_FORM_RE))


# After `motie X` a capitalised word that goes on as a title (`de motie Regio Deals`) is no name.
_NOT_A_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _named_forms(text: str, offset: int) -> list[MotionMention]:
    """`motie-Van Dijk`, `motie van de leden X en Y`, `motie van het Eerste Kamerlid Koole`."""
    if not _named_form_set().candidates(text):  # each loop below finds nothing where its pattern cannot
        return []
    found = []
    for m in _HYPHEN_FORM_RE.finditer(text):
        if m["motie"].lower() == "moties":
            found += _plural(text, m, offset, given_names=True)
            continue
        submitters, end = _submitters(text, m.end(), given_names=True)
        if submitters:
            found.append(_mention(text, m.start(), end, m.start(), submitters, offset))
    for m in _PLURAL_SPACE_FORM_RE.finditer(text):
        found += _plural(text, m, offset)
    for m in _SPACE_FORM_RE.finditer(text):
        submitters, end = _submitters(text, m.end())
        if submitters and not _NOT_A_NAME_AFTER.match(text, end):
            found.append(_mention(text, m.start(), end, m.start(), submitters, offset))
    for m in _VAN_FORM_RE.finditer(text):
        # `de moties van de leden X c.s., Y c.s. en Z c.s.`: each `c.s.` closes a motion of its own;
        # `de moties van de leden X en Y` stays one mention of the two
        split = (
            _plural(text, m, offset, chamber=_house(m)) if m["motie"].lower() == "moties" else []
        )
        if sum(bool(_CS_RE.search(mention.raw)) for mention in split) >= 2:
            found += split
            continue
        submitters, end = _submitters(text, m.end(), _house(m))
        if submitters:
            found.append(_mention(text, m.start(), end, m.start(), submitters, offset))
    return found


# `de moties Marijnissen c.s. en Klaver c.s.`, `de moties-Leijten en -Omtzigt`: one motion per
# name or slash-joined group, as the plural says.
_PLURAL_SPACE_FORM_RE = re.compile(r"(?<![^\W_])(?P<motie>[Mm]oties)[ \t]+(?=[A-Z][^\W\d_])")
_JOINT_SEPARATOR_RE = re.compile(r"\s*/\s*")
_NEXT_MOTION_RE = re.compile(r"\s*(?:,|\ben\b)\s*(?:(?:de\s+)?motie\s*)?[-–]?\s*")


def _plural(
    text: str, m: re.Match, offset: int, given_names: bool = False, chamber: str | None = None
) -> list[MotionMention]:
    found: list[MotionMention] = []
    pos, start = m.end(), m.start()
    while True:
        submitters, end = _submitters(text, pos, chamber, given_names, _JOINT_SEPARATOR_RE)
        if not submitters:
            break
        if not _CS_RE.search(text[pos:end]) and _NOT_A_NAME_AFTER.match(text, end):
            break  # `de moties Sterk Bestuur`: a title, not names
        found.append(_mention(text, start, end, m.start(), submitters, offset))
        nxt = _NEXT_MOTION_RE.match(text, end)
        if not nxt:
            break
        pos = start = nxt.end()
    return found if len(found) > 1 or m["motie"] == "moties" else []


# The chair in the Handelingen, after a motion is read out: `Deze motie is voorgesteld door de
# leden Duyvendak en Vermeij.` (its number follows: `Zij krijgt nr. 22 (30196).`).
CHAIR_FORM_RE = re.compile(
    r"(?<![^\W_])[Dd]eze\s+(?P<motie>motie)\s+is\s+voorgesteld\s+door\s+(?:de\s+leden|het\s+lid)\s+"
)


# A register names a motion by `Motie van <submitter>` without `het lid`: `Motie van Haverkamp
# over het benadrukken van ...`, `de motie van Omtzigt c.s. (35 000, nr. 12)`. The name must be
# followed by what follows a submitter (`over`, `c.s.`, a bracket, a separator, the end).
_BARE_VAN_FORM_RE = re.compile(_MOTIE + r"\s+van\s+(?=[A-ZÀ-Þ])")
_AFTER_BARE_SUBMITTER = re.compile(
    r"\s+(?:over|inzake|betreffende|aangaande|om|die|waarin|c\.\s?s\.)(?![^\W_])|\s*[(,;:.]|\s*$"
)


def _bare_van_forms(text: str, offset: int) -> list[MotionMention]:
    found = []
    for m in _BARE_VAN_FORM_RE.finditer(text):
        submitters, end = _submitters(text, m.end())
        if submitters and _AFTER_BARE_SUBMITTER.match(text, end):
            found.append(_mention(text, m.start(), end, m.start(), submitters, offset))
    return found


def _subject_forms(text: str, offset: int) -> list[MotionMention]:
    """`Het lid Van Dijk (CDA) heeft bij motie`, `De leden X en Y hebben bij motie verzocht`,
    and the chair's `Deze motie is voorgesteld door de leden X en Y`."""
    found = []
    for m in CHAIR_FORM_RE.finditer(text):
        submitters, end = _submitters(text, m.end(), "Tweede Kamer")
        if submitters:
            found.append(_mention(text, m.start(), end, m.start("motie"), submitters, offset))
    for m in _SUBJECT_FORM_RE.finditer(text):
        submitters, end = _submitters(text, m.end(), _house(m))
        verb = submitters and _SUBJECT_VERB_RE.match(text, end)
        if verb:
            adopted = True if verb["adj"] == "aangenomen" else None
            found.append(
                _mention(
                    text, m.start(), verb.end(), verb.start("motie"), submitters, offset, adopted
                )
            )
    return found


# A motion referred to by the house of its unnamed submitter: "een motie van een EK-lid".
_UNNAMED_RE = re.compile(
    r"(?<![^\W_])(?P<motie>[Mm]otie)\s+van\s+(?:een|het|de)\s+(?:"
    r"(?P<ek>EK-lid|Eerste\s+Kamerlid|lid\s+van\s+de\s+Eerste\s+Kamer|Eerste\s+Kamer)"
    r"|(?P<tk>TK-lid|Tweede\s+Kamerlid|lid\s+van\s+de\s+Tweede\s+Kamer|Tweede\s+Kamer|Kamerlid))\b"
)


def _unnamed_forms(text: str, offset: int) -> list[MotionMention]:
    found = []
    for m in _UNNAMED_RE.finditer(text):
        chamber = "Eerste Kamer" if m["ek"] else "Tweede Kamer"
        found.append(
            MotionMention(
                text[m.start() : m.end()],
                m.start() + offset,
                m.end() + offset,
                (),
                _adopted(text, m.start(), m.end()),
                chamber,
            )
        )
    return found


# A motion known only by its subject or its occasion: `de motie over X`, `een motie bij de
# behandeling van de Telecomwet in 1998`, `de motie die bij het debat over X is ingediend`, and
# a list of them, `de moties (over A, B en C)`: one motion per subject. The subject runs to a
# punctuation mark, a verb or relative that ends the noun phrase, or `en` before a new phrase.
_OCCASION = (
    r"(?:de|het)\s+(?:[\w-]+\s+)?"
    r"(?:[\w-]*(?:behandeling|debat|overleg)|VAO|VSO|AO|tweeminutendebat)(?![^\W_])"
)
_TOPIC_RE = re.compile(
    r"(?<![^\W_])(?P<motie>[Mm]otie)\s+(?:"
    r"(?P<prep>over|inzake|betreffende|aangaande)\s+(?P<topic>\S)"
    rf"|bij\s+(?P<occasion>{_OCCASION})"
    rf"|die\s+(?:bij|tijdens)\s+(?P<during>{_OCCASION})"
    r")"
)
_TOPIC_LIST_RE = re.compile(
    r"(?<![^\W_])(?P<motie>[Mm]oties)\s+(?P<open>\(\s*)?(?P<prep>over|inzake|betreffende)\s+"
)
_TOPIC_END_RE = re.compile(
    r"(?<=[^\W\d_])\d+(?![^\W_])"  # a footnote marker glued to the last word
    r"|\s*(?:[,.;:()!?\[\]]"
    r"|\s(?:is|was|wordt|werd|zijn|waren|worden|werden|heeft|hebben|had|hadden|kan|zal|moet"
    r"|die|dat|waarin|waarmee|waarbij|waarover|welke|verzoekt|vraagt|roept|verzocht|gevraagd"
    r"|aangenomen|ingediend|uitgevoerd|indienen|aannemen|uitvoeren|steunen|ontraden|aanhouden"
    r"|aangehouden|verworpen|in\s+te\s+dienen|van\s+(?:het\s+|de\s+)?(?:lid|leden)"
    r"|en\s+(?:de|het|een|ik|wij|we|u|mijn|onze|deze|die|dat|toezeggingen?|moties?))(?![^\W_])"
    r"|$)"
)
_NOT_TOPICS = re.compile(
    r"(?i:dit|deze|dat|die|dezelfde|hetzelfde|welke|wat|het\s+onderwerp|dit\s+onderwerp"
    r"|hem|haar|hen|ons|u)(?![^\W_])"
)
_TOPIC_WORDS = 12  # a subject is a noun phrase, not a clause


def _topic(text: str, pos: int, stop: int | None = None) -> tuple[str, int] | None:
    """The subject noun phrase at `pos`, cut at `_TOPIC_END_RE` (or `stop`): (phrase, end)."""
    end_match = _TOPIC_END_RE.search(text, pos, stop if stop is not None else len(text))
    end = end_match.start() if end_match else (stop if stop is not None else len(text))
    phrase = " ".join(text[pos:end].split())
    if not phrase or _NOT_TOPICS.match(phrase) or len(phrase.split()) > _TOPIC_WORDS:
        return None
    return phrase, pos + len(text[pos:end].rstrip())


def _topic_mention(text, start, end, motie_start, label, offset) -> MotionMention:
    return MotionMention(
        text[start:end],
        start + offset,
        end + offset,
        (),
        _adopted(text, motie_start, end),
        label=label,
    )


def _topic_list(text: str, m: re.Match, offset: int) -> list[MotionMention]:
    """`de moties (over A, B en C)`: one motion per subject, when there are two or more."""
    close = text.find(")", m.end()) if m["open"] else -1
    limit = close if close >= 0 else len(text)
    stop = re.compile(r"[.;:(]").search(text, m.end(), limit)
    limit = stop.start() if stop else limit
    if not m["open"] and "," not in text[m.end() : limit]:
        return []  # `de moties over wonen en zorg`: one subject or two, the text does not say
    items, pos = [], m.end()
    for piece in re.finditer(r"[^,]+", text[m.end() : limit]):
        parts = (
            re.split(r"\s+en\s+", piece[0], maxsplit=1)
            if piece.end() == limit - m.end()
            else [piece[0]]
        )
        for part in parts:
            start = text.index(part, pos)
            items.append((start, start + len(part)))
            pos = start + len(part)
    found = []
    for start, end in items:
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        topic = _topic(text, start + lead, end)
        if topic:
            found.append(
                _topic_mention(
                    text, start + lead, topic[1], m.start(), f"motie {m['prep']} {topic[0]}", offset
                )
            )
    return found if len(found) > 1 else []


def _topic_forms(text: str, offset: int) -> list[MotionMention]:
    """Motions named by their subject or occasion, not by a submitter."""
    found = []
    for m in _TOPIC_RE.finditer(text):
        if m["prep"]:
            topic = _topic(text, m.start("topic"))
            if topic:
                label = f"motie {m['prep']} {topic[0]}"
                found.append(_topic_mention(text, m.start(), topic[1], m.start(), label, offset))
            continue
        topic = _topic(text, m.start("occasion" if m["occasion"] else "during"))
        if topic:
            found.append(
                _topic_mention(
                    text, m.start(), topic[1], m.start(), f"motie bij {topic[0]}", offset
                )
            )
    for m in _TOPIC_LIST_RE.finditer(text):
        found += _topic_list(text, m, offset)
    return found


def extract_motion_mentions(text: str, offset: int = 0) -> list[MotionMention]:
    """All mentions of motions that name their submitters (or at least their chamber, their
    subject or their occasion), in order."""
    mentions = sorted(
        _named_forms(text, offset)
        + _subject_forms(text, offset)
        + _unnamed_forms(text, offset)
        + _topic_forms(text, offset)
        + _bare_van_forms(text, offset),
        key=lambda m: (m.start, -m.end),
    )
    kept: list[MotionMention] = []
    for mention in mentions:  # a span inside one already kept is the same mention
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
