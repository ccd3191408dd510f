"""Alignment rules: sides, common opponents, hyphen-joined parties, group stances held as
nouns, closeness, dependence, perception and plural pronouns (sentences written for these
tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _show(events) -> str:
    return "; ".join(f"{e.event_type} {e.actor.id}->{e.recipient.id if e.recipient else '-'}"
                     f" [{e.trigger}] {e.modality}" for e in events) or "(no events)"


def _has(events, event_type: str, actor: str, recipient: str | None) -> bool:
    return any(e.event_type == event_type and actor.lower() in e.actor.id.lower() and (
        (recipient is None and e.recipient is None) or (
            recipient is not None and e.recipient is not None
            and recipient.lower() in e.recipient.id.lower())) for e in events)


# ----------------------------------------------------------- sides are allies, not targets
SIDES = [
    ("In 1999 Chadian troops fought on the side of the Congolese government.",
     "troops", "government"),
    ("Volunteers from Chechnya fought alongside the Abkhaz militia.", "volunteers", "abkhaz"),
]


@pytest.mark.parametrize(("sentence", "actor", "ally"), SIDES)
def test_side_is_an_ally(code, sentence, actor, ally):
    events = code(sentence)
    assert _has(events, "COOPERATE", actor, ally), _show(events)
    assert not any(e.polarity < 0 and e.recipient is not None
                   and ally in e.recipient.id.lower() for e in events), _show(events)


def test_beneficiary_is_no_target(code):
    events = code("The rebels attacked the convoy on behalf of the Tutsi minority.")
    assert not any(e.recipient is not None and "tutsi" in e.recipient.id.lower()
                   for e in events), _show(events)


# ----------------------------------------------------- a common opponent of a cooperation
OPPONENTS = [
    # sentence, actor, partner, opponent
    ("Qatar's alliance with Turkey against Egypt alarmed the Gulf.", "qatar", "turkey", "egypt"),
    ("Ethiopia allied with Kenya against the Somali militants.", "ethiopia", "kenya", "somali"),
]


@pytest.mark.parametrize(("sentence", "actor", "partner", "opponent"), OPPONENTS)
def test_alliance_against_opposes_the_third(code, sentence, actor, partner, opponent):
    events = code(sentence)
    assert any(e.polarity > 0 and actor in e.actor.id.lower() and e.recipient is not None
               and partner in e.recipient.id.lower() for e in events), _show(events)
    assert _has(events, "ACCUSE", actor, opponent), _show(events)
    assert _has(events, "ACCUSE", partner, opponent), _show(events)
    # the opponent is never the target of the cooperation itself
    assert not any(e.polarity > 0 and e.recipient is not None
                   and opponent in e.recipient.id.lower() for e in events), _show(events)


# ------------------------------------------------------------- hyphen-joined parties
def test_hyphen_joins_the_parties_of_a_relation(code):
    events = code("Analysts doubt the Russian-Chinese partnership will last.")
    found = [e for e in events if e.trigger == "partnership"]
    assert found, _show(events)
    ids = {found[0].actor.id.lower(), (found[0].recipient.id if found[0].recipient else "")
           .lower()}
    assert any("russian" in i for i in ids) and any("chinese" in i for i in ids), _show(events)


# ----------------------------------------------- stances held by a group, as nouns
GROUP_STANCES = [
    ("The raids inflamed Kurdish anger against the army and the police.", "ACCUSE",
     "kurdish", ("army", "police")),
    ("The siege has hardened Palestinian support for Hamas.", "SUPPORT", "palestinian",
     ("hamas",)),
]


@pytest.mark.parametrize(("sentence", "event_type", "holder", "targets"), GROUP_STANCES)
def test_group_stance_nouns(code, sentence, event_type, holder, targets):
    events = code(sentence)
    for target in targets:
        assert _has(events, event_type, holder, target), _show(events)
    # the unknown verb's subject (raids, siege) does not take over the stance
    assert not any(e.actor.id.endswith(("raids", "siege")) for e in events), _show(events)


# ------------------------------------------------------------------ moving closer
CLOSENESS = [
    ("Hungary is drifting closer to Russia.", "hungary", "russia"),
    ("Ankara edged closer to Tehran last year.", "ankara", "tehran"),
    ("The general seemed too close to Hezbollah.", "general", "hezbollah"),
]


@pytest.mark.parametrize(("sentence", "actor", "partner"), CLOSENESS)
def test_closer_to_is_alignment(code, sentence, actor, partner):
    events = code(sentence)
    assert _has(events, "SUPPORT", actor, partner), _show(events)


def test_talking_up_is_support(code):
    events = code("Several senators talked up Chalabi as a future leader.")
    assert _has(events, "SUPPORT", "senators", "chalabi"), _show(events)


# ------------------------------------------------------------------ dependence
DEPENDENCE = [
    ("The Afghan government is dependent on American aid.", "american", "government"),
    ("The regime remains heavily reliant on Russian weapons.", "russian", "regime"),
]


@pytest.mark.parametrize(("sentence", "giver", "receiver"), DEPENDENCE)
def test_dependence_is_the_others_aid(code, sentence, giver, receiver):
    events = code(sentence)
    assert _has(events, "AID", giver, receiver), _show(events)
    assert not _has(events, "AID", receiver, giver), _show(events)


# ------------------------------------------------------- who acts in a perceived act
def test_the_one_observed_acts(code):
    events = code("Reporters watched Karzai meeting the Taliban envoys in Doha.")
    assert any(e.event_type == "CONSULT" and "karzai" in e.actor.id for e in events), \
        _show(events)
    assert not any(e.event_type == "CONSULT" and "reporters" in e.actor.id for e in events), \
        _show(events)


# --------------------------------------------------------- "they" after a singular speaker
def test_they_is_not_a_singular_speaker(code):
    events = code("An official who met the rebels says they are ready to negotiate.")
    negotiations = [e for e in events if e.trigger.endswith("negotiate")]
    assert negotiations, _show(events)
    assert all("official" not in e.actor.id for e in negotiations), _show(events)


# ------------------------------------ a with-phrase the parser hung on the wrong noun
def test_partner_of_an_alliance_under_of(code):
    events = code("The price of Moscow’s alliance with Damascus against the rebels is high.")
    assert _has(events, "SUPPORT", "moscow", "damascus"), _show(events)
    assert _has(events, "ACCUSE", "moscow", "rebels"), _show(events)


def test_they_in_a_relative_clause_is_its_head(code):
    events = code("Senators who believe they are helpful by talking up Ahmed Chalabi should "
                  "read the report.")
    assert _has(events, "SUPPORT", "senators", "chalabi"), _show(events)


# ------------------------------------------------ who acts when pushed, allowed or locked in
PUSHED = [
    # sentence, event type, actor fragment, recipient fragment
    ("The militias were emboldened to seize the Kurdish radio station.", "COERCE", "militias",
     None),
    ("The new law encourages the police to carry out raids against the protesters.",
     "ASSAULT", "police", "protesters"),
    ("Iran arms rebels who are locked in a standoff with Iraqi troops.", "COERCE", "rebels",
     "troops"),
    ("The arrests made the students deeply suspicious of the government.", "ACCUSE",
     "students", "government"),
    ("The clerics resorted to armed attacks against the regime.", "ASSAULT", "clerics",
     "regime"),
]


@pytest.mark.parametrize(("sentence", "event_type", "actor", "recipient"), PUSHED)
def test_doer_of_pushed_and_entangled_acts(code, sentence, event_type, actor, recipient):
    events = code(sentence)
    found = [e for e in events if e.event_type == event_type and actor in e.actor.id]
    assert found, _show(events)
    if recipient is not None:
        assert any(e.recipient is not None and recipient in e.recipient.id for e in found), \
            _show(events)


def test_wishes_do_not_make_the_object_act(code):
    events = code("The president wants the rebels to lay down their arms.")
    assert not any("rebels" in e.actor.id for e in events), _show(events)


def test_reduced_relative_stance_belongs_to_the_noun_before_it(code):
    events = code("He quit in favour of coalitions between Kurds and Shiites opposed to Sadr.")
    assert any(e.event_type == "REJECT" and "shiites" in e.actor.id.lower() for e in events), \
        _show(events)


# ---------------------------------------------------------- refusal and defiance
REFUSALS = [
    ("The minister will not tolerate Syria arming the militias.", "minister", "syria"),
    ("Poland stood up to Moscow over the pipeline.", "poland", "moscow"),
]


@pytest.mark.parametrize(("sentence", "actor", "target"), REFUSALS)
def test_refusal_and_defiance_are_rejections(code, sentence, actor, target):
    events = code(sentence)
    found = [e for e in events if e.event_type == "REJECT" and actor in e.actor.id]
    assert any(e.recipient is not None and target in e.recipient.id and
               e.modality != "negated" for e in found), _show(events)


def test_tolerating_is_a_concession(code):
    events = code("The army tolerated the protesters in the square.")
    assert not any(e.event_type == "REJECT" for e in events), _show(events)


# ------------------------------------------------------------ causes are not targets
@pytest.mark.parametrize("sentence", [
    "The rebels fought for the Kurds.",
    "Militants are fighting for Sunni interests.",
])
def test_fighting_for_someone_does_not_target_them(code, sentence):
    events = code(sentence)
    assert events, _show(events)
    assert not any(e.polarity < 0 and e.recipient is not None and (
        "kurds" in e.recipient.id.lower() or "sunni" in e.recipient.id.lower())
        for e in events), _show(events)


def test_he_prefers_a_nearby_subject_to_a_side_phrase(code):
    events = code("Karzai looked weak last year. With Hekmatyar on the run, he must show "
                  "that he will not tolerate Pakistan arming the Taliban.")
    rejections = [e for e in events if e.event_type == "REJECT"]
    assert rejections, _show(events)
    assert all("karzai" in e.actor.id.lower() for e in rejections), _show(events)


def test_the_act_not_tolerated_is_still_coded(code):
    events = code("The minister will not tolerate Syria arming the militias.")
    assert any(e.event_type == "AID" and "syria" in e.actor.id for e in events), _show(events)


def test_an_unknown_verb_does_not_take_over_an_event_under_of(code):
    events = code("The envoys want to encourage a settlement of the war.")
    assert not any(e.event_type == "ASSAULT" for e in events), _show(events)


# ------------------------------------------------------------------ modality
MODALITIES = [
    ("The raids create an incentive for the Kurds to move closer to Ankara.", "SUPPORT",
     "hypothetical"),
    ("Turkey may drift closer to Russia.", "SUPPORT", "hypothetical"),
    ("Hungary said it is drifting closer to Moscow.", "SUPPORT", "reported"),
    # a reporting verb the parser conjoined to a relative clause keeps its speaker
    ("An official who has met the rebels says they are willing to negotiate.", "AGREE",
     "reported"),
]


@pytest.mark.parametrize(("sentence", "event_type", "modality"), MODALITIES)
def test_alignment_modality(code, sentence, event_type, modality):
    events = code(sentence)
    found = [e for e in events if e.event_type == event_type]
    assert found and all(e.modality == modality for e in found), _show(events)


def test_a_two_actor_hyphen_word_is_both_parties(nlp):
    """"U.S.-Iraqi" carries two mentions (as the actors stage gives them); "Iraqi" before
    "Sunni" is the Sunnis' nationality, not a third party."""
    import datetime as dt

    from faultlines.coding import code_events
    from faultlines.types import ActorRef, Document, Mention

    text = "Few people understood the U.S.-Iraqi Sunni alliance."
    doc = nlp(text)
    document = Document(id="t", text=text, date=dt.date(2007, 5, 1), source="test")
    hyphen = next(t for t in doc if "-" in t.text and t.text != "-")
    sunni = next(t for t in doc if t.text == "Sunni")
    usa = ActorRef(text="U.S.", id="USA", name="United States", country="USA")
    irq = ActorRef(text="Iraqi", id="IRQ", name="Iraq", country="IRQ")
    sunnis = ActorRef(text="Sunni", id="IRQ_SUNNI", name="Iraqi Sunnis", country="IRQ",
                      sector="ETH")
    mentions = [Mention("t", 0, hyphen.i, hyphen.i + 1, hyphen.text, irq),
                Mention("t", 0, hyphen.i, hyphen.i + 1, hyphen.text, usa),
                Mention("t", 0, sunni.i, sunni.i + 1, sunni.text, sunnis)]
    events = code_events(doc, document, mentions)
    pairs = {(e.actor.id, e.recipient.id if e.recipient else None) for e in events
             if e.event_type == "SUPPORT"}
    assert pairs == {("USA", "IRQ_SUNNI")}, _show(events)


def test_the_one_observed_strengthening_ties_acts(code):
    events = code("In the column he observed Allawi strengthening his ties to Gulf rulers.")
    found = [e for e in events if e.trigger.startswith("strengthening")]
    assert found and all("allawi" in e.actor.id for e in found), _show(events)


@pytest.mark.parametrize("sentence", [
    "The junta sidelined the Kurdish parties.",
    "Arab militias displaced the Kurdish families from Kirkuk.",
])
def test_pushing_a_rival_aside_is_coercion(code, sentence):
    events = code(sentence)
    assert any(e.event_type == "COERCE" and e.recipient is not None
               and "kurd" in e.recipient.id for e in events), _show(events)
