"""Line breaks, headlines and datelines end sentences (nlp/segmentation.py)."""

from __future__ import annotations

import pytest

from faultlines.nlp.segmentation import body_start


@pytest.mark.parametrize("text, body", [
    ("KABUL, March 3 (Wire) - Rebels shelled the town.", "Rebels"),
    ("NEW YORK -- The council met.", "The"),
    ("Kabul, 3 March \u2014 The council met.", "The"),
    ("ABUJA (Agency) - Gunmen seized a bus.", "Gunmen"),
])
def test_datelines_are_found(text: str, body: str) -> None:
    start = body_start(text)
    assert start is not None and text[start:].startswith(body)


@pytest.mark.parametrize("text", [
    "Rebels shelled the town - again - on Monday.",
    "The U.N. envoy - a veteran - arrived.",
    "Talks in Doha resumed on Monday.",
])
def test_ordinary_sentences_have_no_dateline(text: str) -> None:
    assert body_start(text) is None


@pytest.mark.model
@pytest.mark.parametrize("text, sentences", [
    ("Ceasefire talks collapse\nRebels shelled the town and the army answered.",
     ["Ceasefire talks collapse", "Rebels shelled the town and the army answered."]),
    ("By Ann Roe\n\nThe minister met his Iranian counterpart in Oslo.",
     ["By Ann Roe", "The minister met his Iranian counterpart in Oslo."]),
    ("HARARE, May 2 (Wire) - Police arrested two opposition leaders.",
     ["HARARE, May 2 (Wire) -", "Police arrested two opposition leaders."]),
])
def test_the_pipeline_ends_sentences_at_layout(text: str, sentences: list[str]) -> None:
    from faultlines.nlp import load_pipeline

    doc = load_pipeline()(text)
    assert [s.text.strip() for s in doc.sents] == sentences


@pytest.mark.model
def test_one_long_paragraph_is_left_to_the_parser() -> None:
    from faultlines.nlp import load_pipeline

    text = "The army shelled the town. Rebels answered with rockets."
    assert [s.text for s in load_pipeline()(text).sents] == [
        "The army shelled the town.", "Rebels answered with rockets."]


@pytest.mark.model
def test_a_headline_word_is_not_the_actor_of_the_first_sentence() -> None:
    from faultlines.api import extract
    from faultlines.types import Document

    events = list(extract([Document("h", "Pressure mounts\nThe army shelled rebel positions "
                                         "near the border.")]))
    assert events and all("Pressure" not in e.actor.text for e in events)
    assert all("\n" not in e.sentence for e in events)
