"""Evaluative stance cues: sentence -> (actor, sign), author's voice only, and the lexicon file."""

from __future__ import annotations

import time

import pytest

from faultlines.coding.stance import (
    EVALUATIVE_CLASSES,
    assess_stance,
    default_evaluative_lexicon,
    load_evaluative_lexicon,
    quoted_tokens,
)
from faultlines.errors import DictionaryError
from faultlines.types import ActorRef, Document, Event, StanceCue


@pytest.fixture(scope="module")
def stance_of(nlp, find_mentions):
    """Parse a text, find test mentions, return ``{actor key: summed score}`` and the cues."""

    def _stance(text: str, events: tuple[Event, ...] = ()) -> tuple[dict[str, float],
                                                                   list[StanceCue]]:
        doc = nlp(text)
        document = Document(id="t", text=text)
        cues = assess_stance(doc, document, find_mentions(doc, document), events)
        totals: dict[str, float] = {}
        for cue in cues:
            # Keyed by the last word of the actor's name: the stand-in mention finder's ids
            # keep determiners and possessives ("x:the-militia", "x:robert-mugabes").
            key = cue.actor.name.lower().removesuffix("'s").split()[-1]
            totals[key] = totals.get(key, 0.0) + cue.score
        return totals, cues

    return _stance


SIGNED = [
    # modifiers
    ("The inept government lost the vote in parliament.", "government", -1),
    ("Voters trusted the competent government.", "government", +1),
    # copular predicates, with and without negation and intensifiers
    ("Hassan Nasrallah is a thug.", "nasrallah", -1),
    ("Hassan Nasrallah was very weak last year.", "nasrallah", -1),
    ("Hassan Nasrallah is not weak.", "nasrallah", +1),
    ("Jalal Talabani became a reliable partner for the Kurds.", "talabani", +1),
    ("Moshe Katsav has turned into an embarrassment.", "katsav", -1),
    ("Ahmed Chalabi seems to be completely isolated now.", "chalabi", -1),
    # light verbs: the object noun describes the subject
    ("Hamid Karzai displayed remarkable courage in the talks.", "karzai", +1),
    ("Hamid Karzai has lost all credibility with the tribes.", "karzai", -1),
    ("Hamid Karzai has no credibility with the tribes.", "karzai", -1),
    # the actor as recipient of an evaluative object
    ("The ceasefire gave Ehud Olmert new legitimacy.", "olmert", +1),
    ("The scandal cost Ehud Olmert his credibility.", "olmert", -1),
    ("Ehud Olmert lost his credibility.", "olmert", -1),
    # the actor as object or passive subject of an evaluative verb
    ("The new coalition is isolating Vojislav Kostunica.", "kostunica", -1),
    ("Vojislav Kostunica was discredited by the affair.", "kostunica", -1),
    # evaluative verbs with the actor as subject
    ("Tony Blair blundered badly in the spring.", "blair", -1),
    ("Tony Blair did not fail this time.", "blair", +1),
    # possessor and of-complement
    ("Robert Mugabe's blunder cost the party dearly.", "mugabe", -1),
    ("The failure of Robert Mugabe surprised nobody.", "mugabe", -1),
    # absolute clause and prepositional phrase
    ("With Charles Taylor on the run, the rebels regrouped.", "taylor", -1),
    ("The militia is in disarray after the raid.", "militia", -1),
    # pronoun resolved to the person named before
    ("Nawaz Sharif returned from exile. He showed great confidence in the rallies.",
     "sharif", +1),
    # it/they resolved to the last non-person subject; a subjectless "admit" reports nothing
    ("The government has no reason to admit that it was wrong.", "government", -1),
    # the doer of a deed named through its policy
    ("The failure of the Kremlin strategy was obvious.", "kremlin", -1),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "actor", "sign"), SIGNED)
def test_sentence_gives_actor_a_signed_stance(stance_of, text, actor, sign):
    totals, cues = stance_of(text)
    assert actor in totals, f"no cue for {actor}: {cues}"
    assert totals[actor] * sign > 0, cues
    assert all(-2.0 <= c.score <= 2.0 and c.cue for c in cues)


NEUTRAL = [
    # someone else's voice: quoted or reported
    ("\u201cHassan Nasrallah is a thug,\u201d the minister told reporters.", "nasrallah"),
    ("Officials say Hassan Nasrallah is weak.", "nasrallah"),
    ("Hassan Nasrallah is inept, the newspaper reports.", "nasrallah"),
    ("According to the ministry, Hassan Nasrallah is corrupt.", "nasrallah"),
    # descriptive, not evaluative: "sectarian" classifying a kind of group
    ("The sectarian factions met in Baghdad.", "factions"),
    # the victim of a deed is not judged by the deed's noun
    ("The repression of Kurds continued.", "kurds"),
    # a capitalised adjective is part of a name, not a judgement
    ("The Democratic Party met in Denver.", "party"),
    # a dummy "it" refers to nothing
    ("The army arrived. It is wrong to blame the soldiers.", "army"),
    # plain events carry no evaluative words
    ("Hassan Nasrallah met the envoy in Beirut.", "nasrallah"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "actor"), NEUTRAL)
def test_no_author_stance(stance_of, text, actor):
    totals, cues = stance_of(text)
    assert actor not in totals, cues


@pytest.mark.model
def test_author_first_person_speech_is_the_author_voice(stance_of):
    totals, _ = stance_of("I think Hassan Nasrallah is a thug.")
    assert totals.get("nasrallah", 0) < 0


@pytest.mark.model
def test_intensifier_scales_and_score_is_clipped(stance_of):
    plain, _ = stance_of("Hassan Nasrallah is weak.")
    strong, _ = stance_of("Hassan Nasrallah is extremely weak.")
    assert strong["nasrallah"] < plain["nasrallah"] < 0
    assert strong["nasrallah"] >= -2.0


@pytest.mark.model
def test_advocated_conflict_counts_against_its_target(stance_of):
    text = "The army needs to crush the militia."
    army = ActorRef("The army", "army", "army")
    militia = ActorRef("the militia", "militia", "militia")
    advocated = Event("t", 0, text, None, "ASSAULT", army, militia, -1, 8.5,
                      modality="advocated", trigger="crush")
    reported = Event("t", 0, text, None, "ASSAULT", army, militia, -1, 8.5,
                     modality="advocated", trigger="crush", attributed_to=army)
    totals, cues = stance_of(text, (advocated,))
    assert totals["militia"] < 0 and cues[-1].cue == "advocated crush"
    totals, _ = stance_of(text, (reported,))
    assert "militia" not in totals


@pytest.mark.model
def test_cues_are_deterministic_and_name_the_document(nlp, find_mentions):
    text = "Hassan Nasrallah is weak. The inept government fell."
    doc = nlp(text)
    document = Document(id="d9", text=text)
    mentions = find_mentions(doc, document)
    first = assess_stance(doc, document, mentions, ())
    assert first == assess_stance(doc, document, mentions, ())
    assert {c.doc_id for c in first} == {"d9"}
    assert [c.sentence_index for c in first] == sorted(c.sentence_index for c in first)


@pytest.mark.model
def test_stance_costs_little_next_to_parsing(nlp, find_mentions):
    text = " ".join(["Hassan Nasrallah is weak and the inept government lost credibility, "
                     "while Jalal Talabani showed great courage."] * 40)
    started = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - started
    document = Document(id="t", text=text)
    mentions = find_mentions(doc, document)
    started = time.perf_counter()
    cues = assess_stance(doc, document, mentions, ())
    assert len(cues) >= 40
    assert time.perf_counter() - started < 0.2 * parse


@pytest.mark.model
def test_quoted_tokens_follow_nesting(nlp):
    doc = nlp('He wrote: "They said "no" twice and left." Then he went home.')
    inside = {doc[i].text for i in quoted_tokens(doc)}
    assert {"They", "twice", "left"} <= inside
    assert "home" not in inside


def test_packaged_lexicon_is_sane():
    lex = default_evaluative_lexicon()
    assert len(lex) >= 300
    assert {cls for _, cls in lex.scores} == EVALUATIVE_CLASSES
    assert lex.score("inept", "ADJ") < 0 < lex.score("credibility", "NOUN")
    assert "faction" in lex.descriptive["sectarian"]
    assert "repression" in lex.acts


@pytest.mark.parametrize(("row", "message"), [
    ("inept\tADJ\t-2", "4 tab-separated"),
    ("inept\tADV\t-2\t-", "class 'ADV'"),
    ("inept\tADJ\tbad\t-", "not a number"),
    ("inept\tADJ\t-3\t-", "outside"),
    ("very\tINTENS\t0\t-", "outside"),
    ("failure\tNOUN\t-2\tfaction", "column 4"),
])
def test_malformed_lexicon_rows_name_file_and_line(tmp_path, row, message):
    path = tmp_path / "evaluative.tsv"
    path.write_text("# header\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as info:
        load_evaluative_lexicon(path)
    assert f"{path}:2" in str(info.value)


def test_missing_lexicon_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read"):
        load_evaluative_lexicon(tmp_path / "absent.tsv")
