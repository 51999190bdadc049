"""What the pipeline reads out of one document, before it becomes triples."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.extract.citations import Citation
from graph.extract.metadata import DocumentMetadata
from graph.extract.motions import MotionMention
from graph.read import SourceDocument
from graph.segment import Segmented, Span


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


@dataclass
class DocumentFacts:
    source: SourceDocument
    segmented: Segmented
    metadata: DocumentMetadata
    citations: list[CitationOccurrence] = field(default_factory=list)
    motions: list[MotionOccurrence] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.source.doc_id
