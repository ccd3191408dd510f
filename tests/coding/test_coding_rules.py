"""Sentence -> expected event, one rule per case (sentences written for these tests)."""

from __future__ import annotations

import pytest

from faultlines.types import EVENT_TYPES, polarity_of

pytestmark = pytest.mark.model


def _find(events, event_type: str, actor: str, recipient: str | None):
    for e in events:
        if e.event_type != event_type or actor.lower() not in e.actor.text.lower():
            continue
        if recipient is None or (e.recipient is not None
                                 and recipient.lower() in e.recipient.text.lower()):
            return e
    return None


def _show(events) -> str:
    return "; ".join(f"{e.event_type} {e.actor.text}->{e.recipient.text if e.recipient else '-'}"
                     f" [{e.trigger}] {e.modality}" for e in events) or "(no events)"


CASES = [
    # sentence, event type, actor fragment, recipient fragment (None: any), modality
    ("The Kurdish parties endorsed Talabani for a second term.", "SUPPORT", "Kurdish",
     "Talabani", "asserted"),
    ("Moscow backed the Syrian government throughout the war.", "SUPPORT", "Moscow",
     "government", "asserted"),
    ("The opposition allied with the Communists before the vote.", "SUPPORT", "opposition",
     "Communists", "asserted"),
    ("Hamas castigated the Palestinian Authority over the arrests.", "DISAPPROVE", "Hamas",
     "Palestinian Authority", "asserted"),
    ("The senator urged the overthrow of the junta.", "DEMAND", "senator", "junta", "asserted"),
    ("Rebels seized the airport in Kandahar on Tuesday.", "COERCE", "Rebels", "Kandahar",
     "asserted"),
    ("Gunmen kidnapped two aid workers near Kandahar.", "ASSAULT", "Gunmen", "workers",
     "asserted"),
    ("Tehran has armed and trained the Houthi rebels.", "AID", "Tehran", "rebels", "asserted"),
    ("Sunni deputies rejoined the cabinet after a month.", "COOPERATE", "Sunni", "cabinet",
     "asserted"),
    ("The Kurdish bloc dumped its alliance with the prime minister.", "REJECT", "Kurdish",
     "prime minister", "asserted"),
    ("The government bowed to the protesters and cancelled the fuel tax.", "CONCEDE",
     "government", "protesters", "asserted"),
    ("The army deposed the president and replaced him with a general.", "COERCE", "army",
     "president", "asserted"),
    ("Baghdad dispatched a delegation to Ankara to discuss the border.", "CONSULT", "Baghdad",
     "Ankara", "asserted"),
    ("The two leaders held talks with the envoy in Geneva.", "CONSULT", "leaders", "envoy",
     "asserted"),
    ("Hezbollah launched an offensive against the Israeli army.", "ASSAULT", "Hezbollah",
     "army", "asserted"),
    ("Syrian troops fought the rebels for two days.", "ASSAULT", "troops", "rebels", "asserted"),
    ("Militants killed four policemen in Mosul.", "ASSAULT", "Militants", "policemen",
     "asserted"),
    ("Turkish jets struck Kurdish positions in northern Iraq.", "ASSAULT", "Turkish", "Kurdish",
     "asserted"),
    ("Iran accused the United States of arming the militias.", "DISAPPROVE", "Iran",
     "United States", "asserted"),
    ("The minister criticized the central bank.", "DISAPPROVE", "minister", "bank", "asserted"),
    ("Beijing refused to meet the Dalai Lama.", "REJECT", "Beijing", "Dalai Lama", "asserted"),
    ("Russia vetoed the resolution.", "REJECT", "Russia", None, "asserted"),
    ("Washington imposed sanctions on North Korea.", "SANCTION", "Washington", "North Korea",
     "asserted"),
    ("Kenya expelled the Somali ambassador.", "SANCTION", "Kenya", "Somali", "asserted"),
    ("Police arrested twelve opposition activists in Harare.", "COERCE", "Police", None,
     "asserted"),
    ("Thousands of students protested against the government in Tehran.", "PROTEST",
     "students", "government", "asserted"),
    ("Dock workers went on strike over pay.", "PROTEST", "workers", None, "asserted"),
    ("NATO deployed two battalions to Kosovo.", "MOBILIZE", "NATO", "Kosovo", "asserted"),
    ("Britain withdrew its troops from Basra.", "RETREAT", "Britain", "Basra", "asserted"),
    ("The rebels released the hostages.", "RETREAT", "rebels", "hostages", "asserted"),
    ("Israel and Jordan signed a peace treaty.", "SUPPORT", "Israel", "Jordan", "asserted"),
    ("The Red Cross provided food aid to refugees in Darfur.", "AID", "Red Cross", "refugees",
     "asserted"),
    ("Prosecutors are investigating the minister for corruption.", "INVESTIGATE",
     "Prosecutors", "minister", "asserted"),
    ("The protesters demanded the resignation of the prime minister.", "DEMAND", "protesters",
     "prime minister", "asserted"),
    ("The UN urged Israel to halt settlement construction.", "DEMAND", "UN", "Israel",
     "asserted"),
    ("Pyongyang threatened Seoul with war.", "THREATEN", "Pyongyang", "Seoul", "asserted"),
    ("Chavez praised Castro.", "SUPPORT", "Chavez", "Castro", "asserted"),
    ("Gunmen opened fire on a bus in Karachi.", "ASSAULT", "Gunmen", "Karachi", "asserted"),
    ("The parliament voted down the budget proposal.", "REJECT", "parliament", None, "asserted"),
    ("Several Arab states broke off diplomatic relations with Qatar.", "SANCTION", "Arab",
     "Qatar", "asserted"),
    ("The United States slapped trade sanctions on Burma.", "SANCTION", "United States",
     "Burma", "asserted"),
    ("Russia moved tanks and artillery to the border with Georgia.", "MOBILIZE", "Russia", None,
     "asserted"),
    # passive voice: the agent in "by X" acts
    ("The general was assassinated by the rebels.", "ASSAULT", "rebels", "general", "asserted"),
    ("Colombian soldiers were ambushed by guerrillas.", "ASSAULT", "guerrillas", "soldiers",
     "asserted"),
    # intent: cooperation -> AGREE, material conflict -> THREATEN
    ("Germany promised to send medical supplies to Haiti.", "AGREE", "Germany", "Haiti",
     "asserted"),
    ("Japan will provide food aid to Haiti.", "AGREE", "Japan", "Haiti", "asserted"),
    ("Iran is about to restore ties with Egypt.", "AGREE", "Iran", "Egypt", "asserted"),
    ("The unions will boycott the elections.", "THREATEN", "unions", None, "asserted"),
    ("The rebels vowed to attack the capital unless the government resigned.", "THREATEN",
     "rebels", None, "asserted"),
    # the purpose of a mission is its act; a newspaper ban is repression
    ("Cairo sent a team to Gaza to investigate the shooting.", "INVESTIGATE", "Cairo", None,
     "asserted"),
    ("The junta banned the opposition newspaper.", "COERCE", "junta", None, "asserted"),
    ("Students staged a sit-in outside the ministry.", "PROTEST", "Students", None, "asserted"),
    # nominal relations
    ("The Syrian-backed militia attacked the town.", "SUPPORT", "Syrian", "militia", "asserted"),
    ("Egypt's ally Saudi Arabia sent troops.", "SUPPORT", "Egypt", "Saudi Arabia", "asserted"),
    ("Shiite violence against Sunnis has increased.", "ASSAULT", "Shiite", "Sunnis",
     "asserted"),
    ("The alliance between Fatah and Hamas collapsed.", "SUPPORT", "Fatah", "Hamas",
     "asserted"),
    # modality and attribution
    ("Officials say the militia attacked a checkpoint.", "ASSAULT", "militia", None,
     "reported"),
    ("According to the BBC, government troops shelled the town.", "ASSAULT", "troops", None,
     "reported"),
    ("The AP reports that Syria closed its border with Iraq.", "SANCTION", "Syria", "Iraq",
     "reported"),
    ("The United States should stop arming the rebels.", "AID", "United States", "rebels",
     "advocated"),
    ("Maliki needs to crush the militias.", "ASSAULT", "Maliki", "militias", "advocated"),
    ("The army could attack the city within days.", "ASSAULT", "army", None, "hypothetical"),
    ("The Taliban did not attack the convoy.", "ASSAULT", "Taliban", "convoy", "negated"),
    ("Moscow never recognized Kosovo.", "SUPPORT", "Moscow", "Kosovo", "negated"),
    ("The army failed to capture the town.", "ASSAULT", "army", None, "negated"),
    ("The minister claimed that rebels had attacked the convoy.", "ASSAULT", "rebels", "convoy",
     "reported"),
    ("The rebels may attack the capital.", "ASSAULT", "rebels", None, "hypothetical"),
    ("It is unclear whether Syria will withdraw its troops.", "RETREAT", "Syria", None,
     "hypothetical"),
    ('"We will crush the rebels," the general said.', "THREATEN", "general", "rebels",
     "reported"),
    ("Iran ought to stop arming Hezbollah.", "AID", "Iran", "Hezbollah", "advocated"),
]


@pytest.mark.parametrize(("sentence", "event_type", "actor", "recipient", "modality"), CASES)
def test_sentence_codes_expected_event(code, sentence, event_type, actor, recipient, modality):
    events = code(sentence)
    found = _find(events, event_type, actor, recipient)
    assert found is not None, f"expected {event_type} {actor}->{recipient}; got {_show(events)}"
    assert found.modality == modality, _show(events)
    assert found.polarity == polarity_of(event_type)
    assert 0.0 < found.intensity <= 10.0


def test_conjoined_subjects_and_objects_give_one_event_per_pair(code):
    events = code("France and Germany criticized Washington and London.")
    pairs = {(e.actor.text, e.recipient.text) for e in events
             if e.event_type == "DISAPPROVE" and e.recipient is not None}
    assert pairs == {("France", "Washington"), ("France", "London"),
                     ("Germany", "Washington"), ("Germany", "London")}


@pytest.mark.parametrize("sentence", [
    "The army refused to agree to a ceasefire.",
    "The rebels declined to attend the talks.",
])
def test_refusal_is_reject_never_the_refused_act(code, sentence):
    types = {e.event_type for e in code(sentence)}
    assert "REJECT" in types
    assert not types & {"AGREE", "CONSULT"}, types


def test_negated_attack_is_negated_never_its_opposite(code):
    events = code("The Taliban did not attack the convoy.")
    assert events and all(e.event_type == "ASSAULT" and e.modality == "negated"
                          for e in events), events


def test_conflictual_purpose_of_a_mission_replaces_the_trip(code):
    events = code("Baghdad sent a delegation to Tehran to demand an end to Iranian meddling.")
    assert events[0].event_type == "DEMAND", _show(events)
    assert "CONSULT" not in {e.event_type for e in events}, _show(events)


def test_accused_act_belongs_to_the_accused_and_is_reported(code):
    events = code("Iraq accused Syria of arming the insurgents.")
    aid = _find(events, "AID", "Syria", "insurgents")
    assert aid is not None, _show(events)
    assert aid.modality == "reported" and aid.attributed_to.text == "Iraq"
    assert _find(events, "DISAPPROVE", "Iraq", "Syria") is not None


@pytest.mark.parametrize(("sentence", "event_type"), [
    ("The Sunni parties ended their boycott of parliament.", "RETREAT"),
    ("The union called off the strike.", "RETREAT"),
    ("Washington suspended its cooperation with Tashkent.", "SANCTION"),
])
def test_ending_an_act_reverses_its_direction(code, sentence, event_type):
    events = code(sentence)
    assert events and events[0].event_type == event_type, _show(events)


def test_nouns_inside_actor_names_are_not_events(nlp):
    from faultlines.coding import code_events
    from faultlines.types import ActorRef, Document, Mention

    text = "The Shiite alliance won the most seats."
    doc = nlp(text)
    ref = ActorRef("Shiite alliance", "UIA", "United Iraqi Alliance", "IRQ", "PTY")
    mention = Mention("d", 0, 1, 3, "Shiite alliance", ref)
    assert code_events(doc, Document("d", text), [mention]) == []


def test_attitude_verbs_do_not_make_events_of_their_objects(code):
    assert code("The minister fears a civil war.") == []


def test_bare_speech_is_not_an_event(code):
    assert code("Allawi said that the weather was fine.") == []


def test_speech_with_actor_object_is_an_event(code):
    events = code("Allawi castigated the government.")
    assert [(e.event_type, e.actor.text) for e in events] == [("DISAPPROVE", "Allawi")]


def test_attribution_names_the_speaker(code):
    events = code("Officials say the militia attacked a checkpoint.")
    assert events[0].attributed_to is not None
    assert events[0].attributed_to.text == "Officials"


def test_speaker_demands_what_must_be_done(code):
    events = code("The envoy said that Syria must withdraw its troops from Lebanon.")
    demand = _find(events, "DEMAND", "envoy", "Syria")
    assert demand is not None, _show(events)
    retreat = _find(events, "RETREAT", "Syria", None)
    assert retreat is not None and retreat.modality == "advocated", _show(events)


def test_unknown_arguments_become_slug_actors(code):
    events = code("Masked gunmen attacked the village.")
    assert events[0].actor.id.startswith("x:"), events[0].actor
    assert events[0].actor.id == "x:masked-gunmen"


def test_event_fields_come_from_the_document(code):
    import datetime as dt

    events = code("Chavez praised Castro.", date=dt.date(2006, 3, 4))
    event = events[0]
    assert (event.doc_id, event.sentence_index, event.date, event.source) == (
        "t", 0, dt.date(2006, 3, 4), "test")
    assert event.sentence == "Chavez praised Castro."
    assert event.trigger == "praised"
    assert event.event_type in EVENT_TYPES


def test_sentence_index_counts_sentences(code):
    events = code("It rained. Chavez praised Castro.")
    assert [e.sentence_index for e in events] == [1]


def test_coding_is_deterministic(nlp, find_mentions):
    from faultlines.coding import code_events
    from faultlines.types import Document

    text = "Iran armed the militias. The army attacked the rebels and arrested their leaders."
    doc = nlp(text)
    document = Document("d", text)
    first = [e.to_dict() for e in code_events(doc, document, find_mentions(doc, document))]
    second = [e.to_dict() for e in code_events(doc, document, find_mentions(doc, document))]
    assert first == second and first


def test_mentions_from_the_actor_stage_are_preferred(nlp):
    from faultlines.coding import code_events
    from faultlines.types import ActorRef, Document, Mention

    text = "The Mahdi Army attacked the Green Zone."
    doc = nlp(text)
    document = Document("d", text)
    ref = ActorRef(text="Mahdi Army", id="JAYSH_AL_MAHDI", name="Mahdi Army", country="IRQ",
                   sector="REB")
    start = next(t.i for t in doc if t.text == "Mahdi")
    mention = Mention("d", 0, start, start + 2, "Mahdi Army", ref)
    events = code_events(doc, document, [mention])
    assert events[0].actor == ref
