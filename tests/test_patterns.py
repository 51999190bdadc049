"""The cue prefilter (graph/patterns.py) never skips a pattern that matches."""

import re

import pytest
from bestuursgraaf.graph.deadlines import _forms
from bestuursgraaf.graph.extract.actions import load_action_cues
from bestuursgraaf.graph.extract.commitments import _cues
from bestuursgraaf.graph.extract.motions import _named_form_set
from bestuursgraaf.graph.extract.relations import load_relation_cues
from bestuursgraaf.graph.extract.reports import _LED_RULES
from bestuursgraaf.graph.patterns import PatternSet, fold, required_literals
from bestuursgraaf.graph.read import read_corpus
from bestuursgraaf.graph.segment import segment


def _tables():
    return {
        "statuses": [p for p, _ in load_action_cues().statuses],
        "commitments": [c.regex for c in _cues()],
        "relations": [p for p, _ in load_relation_cues()],
        "reports": [pattern() for _, pattern in _LED_RULES],
        "motions": list(_named_form_set().patterns),
        "deadlines": list(_forms().values()),
    }


@pytest.fixture(scope="module")
def sentences(corpus_dir):
    found = []
    for source in read_corpus(corpus_dir):
        seg = segment(source.text)
        found += [seg.clean[s.start : s.end] for s in seg.sentences]
    return found


@pytest.mark.parametrize("table", ["statuses", "commitments", "relations", "reports", "motions", "deadlines"])
def test_every_pattern_that_matches_a_sentence_is_a_candidate(table, sentences):
    patterns = _tables()[table]
    cue_set = PatternSet(patterns)
    skipped = 0
    for sentence in sentences:
        chosen = set(cue_set.candidates(sentence))
        for index, pattern in enumerate(patterns):
            if index not in chosen:
                skipped += 1
                assert not pattern.search(sentence), (pattern.pattern, sentence)
    assert skipped > len(sentences)  # the prefilter does skip patterns


def test_a_literal_is_read_through_groups_repeats_and_alternatives():
    assert required_literals(re.compile(r"\b(?P<subj>ik)\s+zal\b", re.IGNORECASE)) == {"zal"}
    assert required_literals(re.compile(r"\bstreef\s+ik\b|\bik\s+streef\s+ernaar\b")) == {"streef"}
    assert required_literals(re.compile(r"(?:uit)+voer")) == {"voer"}
    assert required_literals(re.compile(r"(?:\w+\s+){0,3}")) is None


def test_ignorecase_folds_as_the_regex_engine_does():
    pattern = re.compile(r"\bkst\b", re.IGNORECASE)
    for text in ("KST 33047", "\u212aſt 33047", "İk"):  # Kelvin sign and long s match k and s
        assert (0 in PatternSet([pattern]).candidates(text)) >= bool(pattern.search(text))
    assert fold("\u212aſT") == fold("kst")
    assert PatternSet([re.compile("Kamer")]).candidates("de kamer") == []  # case kept without IGNORECASE
