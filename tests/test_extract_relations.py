"""Motion relation cues: every cue of the genre, words in between, wrapped lines, negatives, the
real letters, and the rule that picks the action a cue links to."""

from pathlib import Path

import pytest
from bestuursgraaf.graph.extract.actions import extract_actions
from bestuursgraaf.graph.extract.motions import extract_motion_mentions
from bestuursgraaf.graph.extract.relations import (
    DOCUMENT,
    classify_motion_relations,
    relate_actions_to_motions,
)
from bestuursgraaf.graph.segment import Span, segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    "sentence, relation",
    [
        ("Daarmee geef ik uitvoering aan een motie-Strolenberg.", "fulfils"),
        ("Ter uitvoering van de motie-Leijten heb ik een rapport gestuurd.", "fulfils"),
        ("Er wordt, mede ter uitvoering van een motie-Strolenberg, onderzoek gedaan.", "fulfils"),
        ("Met deze actieagenda doe ik de motie gestand.", "fulfils"),
        ("Met deze actieagenda doe ik tevens de motie-Van Dijk gestand.", "fulfils"),
        ("Daarmee geef ik invulling aan de motie van de leden Van Dijk en Grinwis.", "fulfils"),
        ("Daarmee geef ik mede invulling aan de motie.", "fulfils"),
        ("Met het werk wordt tevens uitvoering gegeven aan de motie-Van Dijk.", "fulfils"),
        ("omdat daarin een motie van een EK-lid werd afgedaan", "fulfils"),
        (
            "Naar aanleiding van een motie-Leijten10, heb ik opdracht gegeven onderzoek te doen.",
            "respondsTo",
        ),
        ("Hiermee voer ik de motie-Bromet uit.", "fulfils"),
        ("Hiermee is de motie-Bromet uitgevoerd.", "fulfils"),
        (
            "Hierbij betrek ik ook de door uw Kamer aangenomen motie-Van Waveren.",
            "takesIntoAccount",
        ),
        ("De motie-Koole neem ik mee in de uitwerking.", "takesIntoAccount"),
        ("De motie wordt betrokken bij de uitwerking van het beleidskader.", "takesIntoAccount"),
        ("Door de UDO reageert het kabinet op deze motie.", "respondsTo"),
        ("Hiermee reageer ik op de motie-Van Dijk.", "respondsTo"),
        ("In reactie op de motie-Van Dijk stuur ik u deze brief.", "respondsTo"),
        ("In deze brief ga ik in op de motie-Koole.", "respondsTo"),
    ],
)
def test_each_cue_of_the_genre_is_classified(sentence, relation):
    assert [c.relation for c in classify_motion_relations(sentence)] == [relation]


def test_cue_matches_across_hard_wrapped_lines_with_offsets():
    sentence = "Met deze actieagenda doe ik tevens de \n\nmotie-Van Dijk gestand die"
    (cue,) = classify_motion_relations(sentence, offset=100)
    assert cue.relation == "fulfils" and cue.cue.endswith("gestand")
    assert sentence[cue.start - 100 : cue.end - 100] == cue.cue


def test_longest_overlapping_cue_wins():
    (cue,) = classify_motion_relations(
        "Er wordt, mede ter uitvoering van een motie, onderzoek gedaan."
    )
    assert cue.cue == "mede ter uitvoering van"


@pytest.mark.parametrize(
    "sentence",
    [
        "Gemeenten geven invulling aan hun taken.",  # not the minister
        "De motie vraagt om een visie op de regio.",
        "Het rapport doe ik u hierbij toekomen.",
        "Ik ga in gesprek met de koepels. De motie is aangenomen.",  # `ga ik in op` never crosses a sentence
    ],
)
def test_prose_without_a_relation_cue_gives_nothing(sentence):
    assert classify_motion_relations(sentence) == []


def _relations(name: str) -> list[tuple[str, str, str]]:
    """(action key, motion text, relation) for every cue sentence of a real letter."""
    seg = segment((CORPUS / name).read_text(encoding="utf-8"))
    actions = extract_actions(seg)
    motions = extract_motion_mentions(seg.clean)
    spans = [Span(m.start, m.end) for m in motions]
    found = []
    for sentence in seg.sentences:
        text = seg.clean[sentence.start : sentence.end]
        cues = classify_motion_relations(text, sentence.start)
        if not cues:
            continue
        heading = seg.heading_at(sentence.start)
        near = [
            a
            for a in actions
            if a.end <= sentence.end and (heading is None or a.start >= heading.start)
        ]
        for key, index, relation in relate_actions_to_motions(sentence, near, spans, cues, text):
            found.append((key, motions[index].raw, relation))
    return found


def test_real_letters_relate_motions_to_actions():
    assert ("document", "motie-Van Dijk", "fulfils") in _relations("004_6c88505460917616.txt")
    r004 = _relations("004_6c88505460917616.txt")
    assert any(
        " ".join(raw.split()).startswith("motie van de leden Van Dijk") and rel == "fulfils"
        for _, raw, rel in r004
    )
    assert any(
        raw.startswith("Het lid Van Dijk")
        and rel == "respondsTo"
        and key == "uitvoerbaarheidstoets-decentrale-overheden"
        for key, raw, rel in r004
    )
    r001 = _relations("001_4ecc82ebad1aebf7.txt")
    assert ("beleidskader-decentraal-bestuur", "motie-Van Waveren", "takesIntoAccount") in r001
    r003 = _relations("003_716a83a6eb3f8840.txt")
    assert any(raw == "motie-Leijten" and rel == "fulfils" for _, raw, rel in r003)
    assert any(raw == "motie-Strolenberg" and rel == "fulfils" for _, raw, rel in r003)
    r002 = _relations("002_8e66f98fee8945c9.txt")
    assert ("projectgroep-lokale-rekenkamers", "motie-Van Dijk", "fulfils") in r002
    assert any(
        raw == "motie-Strolenberg" and key.startswith("onderzoek-omvang-budgetten")
        for key, raw, _ in r002
    )


def test_action_in_the_same_sentence_wins_over_the_section():
    from bestuursgraaf.graph.extract.actions import ActionMention

    heading = ActionMention(
        "sectie", "Sectie", "actie", "in_progress", "Sectie", None, None, 0, 6, "Sectie"
    )
    own = ActionMention("eigen", "Eigen", "onderzoek", "done", "Sectie", None, None, 10, 60, "x")
    (cue,) = classify_motion_relations("Daarmee geef ik uitvoering aan de motie-X.", 10)
    span = Span(10, 60)
    assert relate_actions_to_motions(span, [heading, own], [Span(40, 50)], [cue]) == [
        ("eigen", 0, "fulfils")
    ]
    assert relate_actions_to_motions(span, [heading], [Span(40, 50)], [cue]) == [
        ("sectie", 0, "fulfils")
    ]
    text = "Met deze brief geef ik uitvoering aan de motie-X."
    assert relate_actions_to_motions(span, [heading], [Span(40, 50)], [cue], text) == [
        (DOCUMENT, 0, "fulfils")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Daarmee geeft het kabinet mede uitvoering aan de motie van het lid Sneller (D66).",
        "Met deze brief geef ik tevens invulling aan de motie-Inge van Dijk.",
        "Hiermee geven wij eveneens uitvoering aan de gewijzigde motie van de leden Chakor en Bikker.",
    ],
)
def test_fulfilment_with_the_cabinet_or_an_adverb_between_verb_and_object(sentence):
    assert [c.relation for c in classify_motion_relations(sentence, 0)] == ["fulfils"]
