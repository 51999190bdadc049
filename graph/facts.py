"""What the pipeline reads out of one document, before it becomes triples."""

from __future__ import annotations

from dataclasses import dataclass, field

from bestuursgraaf.graph.extract.actions import ActionMention
from bestuursgraaf.graph.extract.citations import Citation
from bestuursgraaf.graph.extract.commitments import CommitmentMention
from bestuursgraaf.graph.extract.entities import EntityMention
from bestuursgraaf.graph.extract.metadata import DocumentMetadata
from bestuursgraaf.graph.extract.motions import MotionMention
from bestuursgraaf.graph.extract.published import MotionText, PublishedHeading
from bestuursgraaf.graph.extract.relations import MotionRelationCue
from bestuursgraaf.graph.extract.reports import ReportMention
from bestuursgraaf.graph.read import SourceDocument
from bestuursgraaf.graph.segment import Segmented, Span


@dataclass(frozen=True)
class CitationOccurrence:
    """A citation as it stands in a document: in a footnote (with its number) or in the text."""

    citation: Citation
    passage: Span  # the footnote body, or the sentence it stands in
    footnote: int | None


@dataclass(frozen=True)
class MotionOccurrence:
    """A motion named in a sentence, with the Kamerstuk its footnote gives (when it gives one)."""

    mention: MotionMention
    sentence: Span
    kamerstuk: Citation | None


@dataclass(frozen=True)
class ReportOccurrence:
    """An advisory report or study named in a footnote or a sentence."""

    report: ReportMention
    passage: Span
    footnote: int | None


@dataclass(frozen=True)
class EntityOccurrence:
    """An organisation, layer, collaboration, law or person named in a sentence or a footnote."""

    entity: EntityMention
    passage: Span


@dataclass(frozen=True)
class RelationFact:
    """An action of the letter fulfils, takes into account or responds to a motion it names."""

    action_key: str  # an action's key, or "document" for the letter (agenda) itself
    motion_index: int  # index into DocumentFacts.motions
    relation: str  # fulfils | takesIntoAccount | respondsTo
    cue: MotionRelationCue
    sentence: Span


@dataclass
class DocumentFacts:
    source: SourceDocument
    segmented: Segmented | None = None  # every field past `source` is added by one stage (graph.pipeline)
    metadata: DocumentMetadata | None = None
    citations: list[CitationOccurrence] = field(default_factory=list)
    motions: list[MotionOccurrence] = field(default_factory=list)
    actions: list[ActionMention] = field(default_factory=list)
    reports: list[ReportOccurrence] = field(default_factory=list)
    relations: list[RelationFact] = field(default_factory=list)
    entities: list[EntityOccurrence] = field(default_factory=list)
    published: PublishedHeading | None = None  # the Kamerstuk heading of a published document
    motion_text: MotionText | None = None  # a published motion's own text
    commitments: list[CommitmentMention] = field(default_factory=list)  # every commitment sentence

    @property
    def doc_id(self) -> str:
        return self.source.doc_id
