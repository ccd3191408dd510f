"""An unknown person's country comes from words of the text, not from the document's country."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def country_of(mentions, name: str) -> str | None:
    """The country of the mention whose text contains ``name`` (one must)."""
    hits = [m for m in mentions if name in m.text]
    assert hits, [m.text for m in mentions]
    return hits[0].actor.country


@pytest.mark.parametrize("sentence, name, country", [
    ("King Hassan Tarouni of Morocco said he would host the talks.", "Tarouni", "MAR"),
    ("President Kofi Boateng of Ghana condemned the attack on the border post in Togo.",
     "Boateng", "GHA"),
    ("In Damascus, the minister met his Iranian counterpart, Dariush Vazeri.", "Vazeri", "IRN"),
])
def test_words_around_the_name_give_the_country(mentions_of, sentence, name, country) -> None:
    assert country_of(mentions_of(sentence, "2016-09-02"), name) == country
