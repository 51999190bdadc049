"""Attach citations to the mentions they support: a motion named in a sentence gets the Kamerstuk
cited in the footnote whose marker stands in (or right after) that sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from bestuursgraaf.graph.extract.actions import INFORMED_BY_LETTER, ActionMention
from bestuursgraaf.graph.extract.citations import CHAIR_NUMBER_RE, Citation, extract_citations
from bestuursgraaf.graph.extract.entities import extract_entities
from bestuursgraaf.graph.extract.motions import (
    CHAIR_FORM_RE,
    MotionMention,
    extract_motion_mentions,
)
from bestuursgraaf.graph.extract.relations import (
    MotionRelationCue,
    classify_motion_relations,
    relate_actions_to_motions,
)
from bestuursgraaf.graph.extract.reports import extract_reports, sent_report, unify_reports
from bestuursgraaf.graph.facts import (
    CitationOccurrence,
    EntityOccurrence,
    MotionOccurrence,
    RelationFact,
    ReportOccurrence,
)
from bestuursgraaf.graph.segment import Footnote, Segmented, Span


def passages_of(segmented: Segmented):
    """Where facts are read from, in order: each footnote body (its source text, with its span
    and number), then each sentence of the running text (its clean text)."""
    for footnote in sorted(segmented.footnotes.values(), key=lambda f: f.start):
        span = Span(footnote.start, footnote.end)
        yield segmented.text[footnote.start : footnote.end], span, footnote.number
    for sentence in segmented.sentences:
        yield segmented.clean[sentence.start : sentence.end], sentence, None


# A line that is a citation and nothing else (a table's Vindplaats column) is read as a heading
# by the segmenter; it still cites its paper.
_CITATION_HEADING = re.compile(r"\s*(?:Kamerstuk(?:ken)?|Kst\.)\s")


def _citation_headings(segmented: Segmented):
    for heading in segmented.headings:
        text = segmented.clean[heading.start : heading.end]
        if _CITATION_HEADING.match(text):
            yield text, Span(heading.start, heading.end), None


def citation_occurrences(segmented: Segmented) -> list[CitationOccurrence]:
    """Every citation: those in footnote bodies, those standing in the running text and the
    lines that are only a citation."""
    passages = [*passages_of(segmented), *_citation_headings(segmented)]
    occurrences = [
        CitationOccurrence(citation, span, footnote)
        for text, span, footnote in passages
        for citation in extract_citations(text, offset=span.start)
    ]
    return sorted(occurrences, key=lambda o: (o.footnote is None, o.citation.start))


def _reach(segmented: Segmented, index: int) -> Span:
    """A sentence plus what follows it up to the next sentence: the markers after its full stop."""
    sentence = segmented.sentences[index]
    following = segmented.sentences[index + 1].start if index + 1 < len(segmented.sentences) else len(segmented.clean)
    return Span(sentence.start, following)


# Between a motion and its footnote marker, a document that was sent ("heb ik een rapport … aan uw
# Kamer gestuurd") takes the footnote: the footnote then cites that document, not the motion.
_SENT_DOCUMENT = re.compile(
    r"\b(?:rapport|brief|handreiking|verslag|notitie|advies|onderzoek|nota|reactie|kabinetsreactie|"
    r"voortgangsbrief|actieagenda|agenda|plan|beleidskader|visie)\b"
    r"[^.;]{0,160}?\b(?:gestuurd|toegestuurd|verstuurd|verzonden|aangeboden|toegezonden|"
    r"doen toekomen|toekomen|gezonden|geïnformeerd)\b",
    re.IGNORECASE,
)


def _footnote_belongs_to_other_document(segmented: Segmented, mention: MotionMention, marker: int) -> bool:
    between = segmented.clean[mention.end : marker] if marker > mention.end else ""
    return bool(_SENT_DOCUMENT.search(between))


def _chamber_of(mention: MotionMention) -> str | None:
    chambers = {submitter.chamber for submitter in mention.submitters if submitter.chamber}
    if chambers == {"Eerste Kamer"}:
        return "I"
    if chambers == {"Tweede Kamer"}:
        return "II"
    return None


def pair_motions_with_citations(
    mentions: list[MotionMention], footnotes: list[Footnote], segmented: Segmented
) -> list[Citation | None]:
    """For each mention of a sentence, the Kamerstuk citation that identifies it, if any.

    The footnote nearest after the mention is tried first. Within a footnote, a mention whose
    submitters sit in the Eerste Kamer takes the Eerste Kamer citation; the others take the
    remaining citations in order."""
    candidates: list[list[Citation]] = []
    for footnote in footnotes:
        body = segmented.text[footnote.start : footnote.end]
        candidates.append([c for c in extract_citations(body, footnote.start) if c.kst_id])
    marker_at = {m.number: m.start for m in segmented.markers}
    taken: set[str] = set()
    result: list[Citation | None] = []
    for mention in mentions:
        ordered = sorted(
            range(len(footnotes)),
            key=lambda i: (marker_at.get(footnotes[i].number, 0) < mention.start, marker_at.get(footnotes[i].number, 0)),
        )
        chosen = None
        for i in ordered:
            marker = marker_at.get(footnotes[i].number, 0)
            if _footnote_belongs_to_other_document(segmented, mention, marker):
                continue
            pool = [c for c in candidates[i] if c.kst_id not in taken]
            if not pool:
                continue
            chamber = _chamber_of(mention)
            same_chamber = [c for c in pool if chamber and c.chamber == chamber]
            other = [c for c in pool if c.chamber != "I"] if chamber != "I" else []
            chosen = (same_chamber or other or [None])[0]
            if chosen:
                break
        if chosen:
            taken.add(chosen.kst_id)
        result.append(chosen)
    return result


# A letter without footnotes cites in brackets in the running text: `de motie-Kox c.s. over ...
# (Kamerstukken I 2021/22, 35 500, AB)`.
_INLINE_REACH = 240
# `in de brief over de motie-Otten (Kamerstukken ...)`: the bracket cites the letter, not the motion.
_DOCUMENT_ABOUT = re.compile(
    r"\b(?:brief|reactie|kabinetsreactie|voortgangsbrief|nota|notitie|beantwoording|antwoorden)"
    r"\s+(?:over|op|inzake|naar\s+aanleiding\s+van)\s+(?:de|deze|die)\s*$",
    re.IGNORECASE,
)


def _inline_citations(
    segmented: Segmented, sentence: Span, mentions: list[MotionMention], found: list[Citation | None]
) -> list[Citation | None]:
    """A mention no footnote identifies takes the bracketed citation that follows it in its
    sentence, before the next motion and with no sent document between them."""
    if all(found):
        return found
    text = segmented.clean[sentence.start : sentence.end]
    cited = [
        c
        for c in extract_citations(text, sentence.start)
        if c.kst_id and text[: c.start - sentence.start].rstrip().endswith("(")
    ]
    taken = {c.kst_id for c in found if c}
    result = list(found)
    for n, mention in enumerate(mentions):
        if result[n] is not None:
            continue
        until = mentions[n + 1].start if n + 1 < len(mentions) else sentence.end
        chamber = _chamber_of(mention)
        if _DOCUMENT_ABOUT.search(segmented.clean[sentence.start : mention.start]):
            continue
        for citation in cited:
            if not (mention.end <= citation.start < min(until, mention.end + _INLINE_REACH)):
                continue
            if citation.kst_id in taken or (chamber and citation.chamber != chamber):
                continue
            if _SENT_DOCUMENT.search(segmented.clean[mention.end : citation.start]):
                break
            result[n] = citation
            taken.add(citation.kst_id)
            break
    return result


# The sentence after a motion may identify it: `Deze motie (Kamerstuk 36 410, nr. 21) is
# aangenomen.` or a sentence that is only the citation: `Zie Kamerstukken II 2020/21, 35 510, nr. 21.`
_ANAPHOR = re.compile(r"\s*(?:[Dd]eze|[Dd]ie|[Dd]e(?:ze)?\s+genoemde)\s+motie\b")
_CITATION_ONLY = re.compile(r"\s*\(?\s*(?:[Zz]ie\s+(?:ook\s+)?)?(?=Kamerstuk|Kst\.|TK|EK)")


_CITATION_LINE = re.compile(r"^[ \t]*((?:Kamerstuk(?:ken)?|Kst\.)[^\n]{5,80}?)[ \t]*\.?[ \t]*$", re.MULTILINE)


def _next_sentence_citation(
    segmented: Segmented, index: int, mentions: list[MotionMention], found: list[Citation | None]
) -> list[Citation | None]:
    """The one motion of a sentence that nothing identified takes the citation of the sentence
    after it, when that sentence speaks of `deze motie` or is only a citation."""
    open_ = [n for n, citation in enumerate(found) if citation is None]
    if len(open_) != 1:
        return found
    sentence = segmented.sentences[index]
    following = segmented.sentences[index + 1] if index + 1 < len(segmented.sentences) else None
    # an overview of motions puts the citation on a line of its own under the motion's text
    gap = segmented.clean[sentence.end : following.start if following else len(segmented.clean)]
    line = _CITATION_LINE.search(gap)
    if line:
        following = Span(sentence.end + line.start(1), sentence.end + line.end(1))
    if following is None:
        return found
    text = segmented.clean[following.start : following.end]
    lead = _ANAPHOR.match(text) or _CITATION_ONLY.match(text)
    if lead is None or extract_motion_mentions(text):
        return found
    taken = {c.kst_id for c in found if c}
    chamber = _chamber_of(mentions[open_[0]])
    for citation in extract_citations(text, following.start):
        at = citation.start - following.start  # right after `Deze motie (` or `Zie `
        if at > lead.end() + 3 or not text[lead.end() : at].strip() in ("", "("):
            break
        if (
            citation.kst_id
            and citation.kst_id not in taken
            and (not chamber or citation.chamber in (None, chamber))
        ):
            result = list(found)
            result[open_[0]] = citation
            return result
    return found


def _row_citation(
    segmented: Segmented, sentence: Span, mentions: list[MotionMention], found: list[Citation | None]
) -> list[Citation | None]:
    """A register's row on one line opens with its motion and gives its Kamerstuk further on
    (`Motie van Haverkamp over ... . 27-02-2008 Spoeddebat ... (29 628, nr. 77) ...`): the one
    motion that opens the line and nothing identified takes the line's first Kamerstuk."""
    clean = segmented.clean
    line_start = clean.rfind("\n", 0, sentence.start) + 1
    line_end = clean.find("\n", sentence.end)
    line_end = len(clean) if line_end < 0 else line_end
    if len(found) != 1 or found[0] is not None or clean[line_start : sentence.start].strip():
        return found
    if mentions[0].start != sentence.start or not mentions[0].raw.startswith("Motie"):
        return found  # a row opens with `Motie ...`; prose says `De motie ...`
    rest = clean[mentions[0].end : line_end]
    if extract_motion_mentions(rest):
        return found
    citation = next(
        (
            c
            for c in extract_citations(rest, mentions[0].end)
            if c.kst_id and not _A_LETTER_BEFORE.search(clean[max(0, c.start - 40) : c.start])
        ),
        None,
    )
    return [citation] if citation else found


_A_LETTER_BEFORE = re.compile(r"\b(?:brief|kamerbrief|nota|rapport|verslag)\b", re.IGNORECASE)


_CHAIR_REACH = 3  # sentences between `Deze motie is voorgesteld door ...` and its number


def _chair_number(
    segmented: Segmented, index: int, mentions: list[MotionMention], found: list[Citation | None]
) -> list[Citation | None]:
    """The motion the chair names by its submitters (`Deze motie is voorgesteld door de leden X
    en Y.`) takes the number the chair gives it a sentence or two later (`Zij krijgt nr. 22
    (30196).`), unless another motion is named first."""
    sentence = segmented.sentences[index]
    if not CHAIR_FORM_RE.search(segmented.clean, sentence.start, sentence.end):
        return found
    open_ = [n for n, citation in enumerate(found) if citation is None]
    if len(open_) != 1:
        return found
    for following in segmented.sentences[index + 1 : index + 1 + _CHAIR_REACH]:
        text = segmented.clean[following.start : following.end]
        if CHAIR_NUMBER_RE.search(text):
            number = next(
                (c for c in extract_citations(text, following.start) if c.raw.startswith("nr.")),
                None,
            )
            result = list(found)
            result[open_[0]] = number
            return result
        if extract_motion_mentions(text):
            break
    return found


def motion_occurrences(segmented: Segmented) -> list[MotionOccurrence]:
    occurrences: list[MotionOccurrence] = []
    for index, sentence in enumerate(segmented.sentences):
        mentions = extract_motion_mentions(segmented.clean[sentence.start : sentence.end], sentence.start)
        if not mentions:
            continue
        footnotes = segmented.footnotes_in(_reach(segmented, index))
        kamerstukken = pair_motions_with_citations(mentions, footnotes, segmented)
        kamerstukken = _inline_citations(segmented, sentence, mentions, kamerstukken)
        kamerstukken = _next_sentence_citation(segmented, index, mentions, kamerstukken)
        kamerstukken = _chair_number(segmented, index, mentions, kamerstukken)
        kamerstukken = _row_citation(segmented, sentence, mentions, kamerstukken)
        occurrences += [
            MotionOccurrence(mention, sentence, kamerstuk)
            for mention, kamerstuk in zip(mentions, kamerstukken)
        ]
    return _without_subjects_named_elsewhere(segmented, occurrences)


_STEM = 6  # letters a word and a compound share when they speak of the same thing
_WORD = re.compile(r"[^\W\d_]{6,}")


def _speaks_of(sentence: str, subject: str) -> bool:
    """The sentence names the subject's things in other words: two of its longer words begin as
    parts of the subject do (`registreren van incidenten` ~ `incidentenregistratie`)."""
    folded = subject.lower()
    stems = {word.lower()[:_STEM] for word in _WORD.findall(sentence)}
    return sum(stem in folded for stem in stems) >= 2


def _without_subjects_named_elsewhere(
    segmented: Segmented, occurrences: list[MotionOccurrence]
) -> list[MotionOccurrence]:
    """A letter that lists its motions by subject (`de moties (over incidentenregistratie, ...)`)
    and then names one by its submitters, about that subject, speaks of one motion twice: the
    named mention stands for it."""
    named = [
        segmented.clean[o.sentence.start : o.sentence.end]
        for o in occurrences
        if o.mention.submitters
    ]
    return [
        o
        for o in occurrences
        if not (
            o.mention.label
            and o.kamerstuk is None
            and any(_speaks_of(text, o.mention.label.split(" ", 2)[-1]) for text in named)
        )
    ]


def report_occurrences(segmented: Segmented) -> list[ReportOccurrence]:
    """Advisory reports and studies named in footnote bodies and in sentences."""
    found = []
    for text, span, footnote in passages_of(segmented):
        reports = extract_reports(text, offset=span.start)
        heading = segmented.heading_at(span.start) if footnote is None else None
        sent = sent_report(text, span.start, heading.title if heading else None)
        if sent and not any(r.start < sent.end and sent.start < r.end for r in reports):
            reports.append(sent)  # `Het rapport doe ik u hierbij toekomen` under its title
        found += [ReportOccurrence(report, span, footnote) for report in reports]
    unified = unify_reports([occurrence.report for occurrence in found])
    return [replace(occurrence, report=report) for occurrence, report in zip(found, unified)]


def motion_relations(
    segmented: Segmented, actions: list[ActionMention], motions: list[MotionOccurrence]
) -> list[RelationFact]:
    """For each sentence with a relation cue (`geef ik uitvoering aan`, `betrek ik`, `reageert het
    kabinet op deze motie`), the action it concerns and the motions it names or points back to."""
    relations: list[RelationFact] = []
    spans = [Span(m.mention.start, m.mention.end) for m in motions]
    for index, sentence in enumerate(segmented.sentences):
        text = segmented.clean[sentence.start : sentence.end]
        cues = classify_motion_relations(text, sentence.start)
        if not cues:
            continue
        earliest = segmented.sentences[max(0, index - 2)].start
        heading = segmented.heading_at(sentence.start)
        near = [
            a for a in actions
            if (a.end > earliest and a.start < sentence.end) or (heading and a.start == heading.start)
        ]
        for key, motion_index, relation in relate_actions_to_motions(sentence, near, spans, cues, text):
            cue = next(c for c in cues if c.relation == relation)
            relations.append(RelationFact(key, motion_index, relation, cue, sentence))
    return relations + _register_rows(segmented, actions, motions)


_DONE_CELL = re.compile(r"(?<![^\W_])Afgedaan(?![^\W_])")


def _register_rows(
    segmented: Segmented, actions: list[ActionMention], motions: list[MotionOccurrence]
) -> list[RelationFact]:
    """A register of motions, row by row: the motion, its Kamerstuk, then its status `Afgedaan.
    De Tweede Kamer is ... per brief geïnformeerd (Kamerstukken ...)`. The letter of the status
    fulfils the motion the row named last before it (and after the previous row's status)."""
    relations: list[RelationFact] = []
    row_start = 0
    for index, sentence in enumerate(segmented.sentences):
        text = segmented.clean[sentence.start : sentence.end]
        informed = INFORMED_BY_LETTER.search(text)
        if not informed:
            continue
        previous = segmented.sentences[index - 1] if index else sentence
        status = segmented.clean[previous.start : sentence.end]
        letter = next((a for a in actions if sentence.start <= a.start < sentence.end), None)
        named = [
            n
            for n, m in enumerate(motions)
            if row_start <= m.mention.start < sentence.start and m.mention.submitters
        ]
        if letter and named and _DONE_CELL.search(status):
            done = _DONE_CELL.search(status)
            at = previous.start + done.start()
            cue = MotionRelationCue("fulfils", done[0], at, at + len(done[0]))
            relations.append(RelationFact(letter.key, named[-1], "fulfils", cue, sentence))
        row_start = sentence.end
    return relations


def entity_occurrences(segmented: Segmented) -> list[EntityOccurrence]:
    """Entities of the running text (read as a whole, so that an abbreviation the letter defines
    holds for the rest of it), each with its sentence; and those of each footnote body."""
    found: list[EntityOccurrence] = []
    starts = [s.start for s in segmented.sentences]
    for entity in extract_entities(segmented.clean):
        index = bisect.bisect_right(starts, entity.start) - 1
        if index >= 0 and entity.end <= segmented.sentences[index].end:
            found.append(EntityOccurrence(entity, segmented.sentences[index]))
        else:  # a heading
            found.append(EntityOccurrence(entity, Span(entity.start, entity.end)))
    for footnote in sorted(segmented.footnotes.values(), key=lambda f: f.start):
        body = segmented.text[footnote.start : footnote.end]
        for entity in extract_entities(body, offset=footnote.start):
            found.append(EntityOccurrence(entity, Span(footnote.start, footnote.end)))
    return found
