"""Agent phrases: finding the head, reading modifiers and each decision rule, on parses and
phrase records written by hand (no spaCy model)."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from passes_support import context, table

from faultlines.actors.passes import agent_rules as rules
from faultlines.actors.passes.agent_heads import (
    agent_words_before,
    carried_agent,
    crosses_clause,
    find_head,
    noun_phrase_left,
    phrase_extent,
)
from faultlines.actors.passes.agent_modifiers import possessive_pronoun, read_modifiers
from faultlines.actors.passes.agent_phrases import first_hits, read_agent_phrases
from faultlines.actors.passes.phrase_records import AgentView, Outcome, Phrase

AGENTS = {("troops",): "MIL", ("security", "forces"): "MIL", ("rebel",): "REB"}

# "Kurdish rebel positions near Qandil were shelled."
SHELLED = [("Kurdish", "ADJ", "amod", 2), ("rebel", "NOUN", "compound", 2),
           ("positions", "NOUN", "nsubjpass", 4), ("were", "AUX", "auxpass", 4),
           ("shelled", "VERB", "ROOT", 4), (".", "PUNCT", "punct", 4)]


def view_of(resolver, rows, **kwargs) -> AgentView:
    ctx = context(resolver, table(rows, **kwargs))
    return AgentView(ctx, first_hits(ctx.hits))


def read_phrase(view: AgentView, head: int) -> Phrase:
    phrase = find_head(view, head, set())
    assert phrase is not None
    return read_modifiers(view, phrase, *phrase_extent(view, phrase))


# ------------------------------------------------------------ finding the head

@pytest.mark.parametrize("words, head, floor, expected", [
    (["new", "security", "forces"], 2, 0, ("MIL", 1)),
    (["the", "troops"], 1, 0, ("MIL", 1)),
    (["security", "forces"], 1, 1, None),  # the sentence starts at "forces"
    (["the", "harvest"], 1, 0, None),
])
def test_agent_words_end_at_the_head(words, head, floor, expected) -> None:
    assert agent_words_before(words, head, floor, AGENTS) == expected


def test_a_carrier_noun_takes_the_agent_word_before_it() -> None:
    lowers, deps = ["rebel", "camps"], ["compound", "ROOT"]
    assert carried_agent(lowers, deps, [0], AGENTS, set(), 1) == ("REB", 0)
    # a word a name already covers, or one after the agent words found, does not count
    assert carried_agent(lowers, deps, [0], AGENTS, {0}, 1) is None
    assert carried_agent(lowers, deps, [0], AGENTS, set(), 0) is None
    assert carried_agent(["government", "camps"], deps, [0], {("government",): "GOV"},
                         set(), 1) is None


def test_a_phrase_reaching_over_a_verb_is_a_misparse() -> None:
    tokens = table([("police", "NOUN", "nsubj", 3), ("who", "PRON", "nsubj", 2),
                    ("fled", "VERB", "relcl", 0), ("returned", "VERB", "ROOT", 3)])
    assert crosses_clause(tokens, 0, 3) and not crosses_clause(tokens, 0, 1)
    assert noun_phrase_left(tokens, 0, 0) == 0


def test_find_head_reads_sector_and_start(resolver) -> None:
    view = view_of(resolver, SHELLED)
    phrase = find_head(view, 2, set())
    assert phrase is not None and (phrase.sector, phrase.phrase_start) == ("REB", 1)
    assert find_head(view, 1, set()) is None  # inside a compound
    assert find_head(view, 4, set()) is None  # a verb


def test_modifiers_give_the_group_and_its_home(resolver) -> None:
    phrase = read_phrase(view_of(resolver, SHELLED), 2)
    assert phrase.left == 0 and phrase.groups == ("KURDS",)
    assert phrase.countries == () and not phrase.explicit


def test_possessive_pronoun_is_found_among_the_left_children() -> None:
    assert possessive_pronoun(["their", "troops"], ["poss", "ROOT"], [0]) == "their"
    assert possessive_pronoun(["the", "troops"], ["det", "ROOT"], [0]) is None


# ------------------------------------------------------------ the rules one by one

@pytest.fixture(scope="module")
def plain_view(resolver) -> AgentView:
    """A document naming nothing: the rules below read only their phrase."""
    return view_of(resolver, [("Nothing", "PRON", "nsubj", 1), ("happened", "VERB", "ROOT", 1)])


@pytest.mark.parametrize("rule, phrase, field, value", [
    (rules.group_leaders, Phrase(0, "leaders", sector="GOV", groups=("SUNNI",)),
     "sector", "ELI"),
    (rules.group_leaders, Phrase(0, "leaders", sector="GOV"), "sector", "GOV"),
    (rules.state_institution, Phrase(0, "government", sector="GOV", groups=("SHIA",),
                                     countries=("IRQ",)), "groups", ()),
    (rules.state_institution, Phrase(0, "governments", sector="GOV", groups=("SUNNI",),
                                     countries=("IRQ",), several_states=True),
     "countries", ()),
    (rules.state_institution, Phrase(0, "troops", sector="MIL", groups=("SHIA",)),
     "groups", ("SHIA",)),
])
def test_adjusting_rules(plain_view, rule, phrase: Phrase, field: str, value) -> None:
    result = rule(plain_view, phrase)
    assert isinstance(result, Phrase) and getattr(result, field) == value


def test_a_coalition_a_state_leads_is_armed(resolver) -> None:
    view = view_of(resolver, [("the", "DET", "det", 3), ("Vantian", "PROPN", "npadvmod", 2),
                              ("led", "VERB", "amod", 3), ("coalition", "NOUN", "ROOT", 3)])
    phrase = Phrase(3, "coalition", sector="PTY", countries=("SAU",), phrase_start=3, left=0)
    assert rules.state_led_coalition(view, phrase).sector == "MIL"
    # "the ruling coalition": no state leads it, it stays a coalition of parties
    ruling = view_of(resolver, [("the", "DET", "det", 2), ("ruling", "VERB", "amod", 2),
                                ("coalition", "NOUN", "ROOT", 2)])
    phrase = Phrase(2, "coalition", sector="PTY", countries=("DEU",), phrase_start=2, left=0)
    assert rules.state_led_coalition(ruling, phrase).sector == "PTY"


def test_a_former_minister_is_a_notable(resolver) -> None:
    view = view_of(resolver, [("a", "DET", "det", 2), ("former", "ADJ", "amod", 2),
                              ("minister", "NOUN", "ROOT", 2)])
    phrase = Phrase(2, "minister", sector="GOV", phrase_start=2, left=0)
    assert rules.former_officials(view, phrase).sector == "ELI"
    assert rules.former_officials(view, phrase.updated(left=2)).sector == "GOV"


def test_default_country_prefers_the_groups_home_then_the_dominant(plain_view) -> None:
    view = AgentView(plain_view.ctx.__class__(*[
        getattr(plain_view.ctx, f) for f in ("tokens", "resolver", "document_id", "date",
                                             "hits", "hits_at")], "SYR", {"LBN": 2}))
    assert rules.default_country(view, Phrase(0, "fighters", "REB", groups=("SHIA",))
                                 ).countries == ("LBN",)
    assert rules.default_country(view, Phrase(0, "police", "COP")).countries == ("SYR",)
    # the media get no default country
    assert rules.default_country(view, Phrase(0, "press", "MED")).countries == ()


def test_a_head_remembers_and_recalls_its_country(plain_view) -> None:
    phrase = Phrase(0, "administration", "GOV", countries=("USA",))
    assert rules.recall_head_country(plain_view, phrase).remember == ("nothing", "USA")
    view = AgentView(plain_view.ctx, plain_view.first_hit, {"nothing": "USA"})
    assert rules.recall_head_country(view, Phrase(0, "administration", "GOV")
                                     ).countries == ("USA",)


@pytest.mark.parametrize("phrase, rule_name", [
    (Phrase(0, "police", "COP"), "no_identity"),
    (Phrase(0, "troops", "MIL", countries=("IRQ",)), "composed_actor"),
])
def test_deciding_rules(plain_view, phrase: Phrase, rule_name: str) -> None:
    outcome = getattr(rules, rule_name)(plain_view, phrase)
    assert isinstance(outcome, Outcome) and outcome.rule == rule_name


def test_composed_actor_names_one_actor_per_country(plain_view) -> None:
    outcome = rules.composed_actor(plain_view, Phrase(3, "troops", "MIL", left=0,
                                                      countries=("USA", "IRQ")))
    assert [(m.start, m.end, m.ref.id, m.kind) for m in outcome.mentions] == [
        (0, 4, "USA_MIL", "compound"), (0, 4, "IRQ_MIL", "compound")]


def test_a_bare_title_waits_for_the_names(plain_view) -> None:
    outcome = rules.bare_title(plain_view, Phrase(1, "minister", "GOV", phrase_start=1,
                                                  countries=("JOR",)))
    assert outcome.bare_title is not None and outcome.bare_title.ref.id == "JOR_GOV"
    # a phrase with a group is not bare
    assert isinstance(rules.bare_title(plain_view, Phrase(1, "minister", "GOV",
                                                          groups=("KURDS",))), Phrase)


def test_member_phrases_point_at_the_body_they_belong_to(resolver) -> None:
    # "hardliners within the cabinet"
    view = view_of(resolver, [("hardliners", "NOUN", "ROOT", 0), ("within", "ADP", "prep", 0),
                              ("the", "DET", "det", 3), ("cabinet", "NOUN", "pobj", 1)])
    assert rules.member_of(view, 0) == 3
    phrase = rules.belonging_body(view, Phrase(0, "hardliners", "?"))
    outcome = rules.member_phrase(view, phrase)
    assert outcome.deferred is not None and outcome.deferred.via == 3
    assert outcome.deferred.fallback == ()


def test_the_two_governments_wait_for_the_two_states(resolver) -> None:
    view = view_of(resolver, [("the", "DET", "det", 2), ("two", "NUM", "nummod", 2),
                              ("governments", "NOUN", "ROOT", 2)], tags={2: "NNS"})
    outcome = rules.pair_of_states(view, Phrase(2, "governments", "GOV", left=0))
    assert outcome.pair is not None and (outcome.pair.start, outcome.pair.end) == (0, 3)


# ------------------------------------------------------------ the table and the pass

def test_every_rule_is_named_in_its_docstring_with_an_example() -> None:
    for rule in rules.AGENT_RULES:
        doc = inspect.getdoc(rule) or ""
        assert doc.startswith(f"{rule.__name__}: \""), rule.__name__
    assert rules.AGENT_RULES[-1] is rules.composed_actor  # the last always decides


def test_the_pass_composes_group_and_sector(resolver) -> None:
    ctx = context(resolver, table(SHELLED))
    found = read_agent_phrases(ctx)
    assert [(m.text, m.actor.id) for m in found.mentions] == [
        ("Kurdish rebel positions", "KURDS_REB")]
    # the group word was used up by the phrase
    assert found.consumed == {ctx.hits[0].position}


def test_coordinated_modifiers_name_one_actor_each(resolver) -> None:
    # "Sunni and Kurdish leaders met."
    rows = [("Sunni", "ADJ", "amod", 3), ("and", "CCONJ", "cc", 0), ("Kurdish", "ADJ", "conj", 0),
            ("leaders", "NOUN", "nsubj", 4), ("met", "VERB", "ROOT", 4), (".", "PUNCT", "punct", 4)]
    found = read_agent_phrases(context(resolver, table(rows)))
    assert {(m.text, m.actor.id, m.kind) for m in found.mentions} == {
        ("Sunni and Kurdish leaders", "SUNNI_ELI", "compound"),
        ("Sunni and Kurdish leaders", "KURDS_ELI", "compound")}


# "the British foreign secretary" and "the Foreign Secretary"
BRITISH_FM = [("the", "DET", "det", 3), ("British", "ADJ", "amod", 3),
              ("foreign", "ADJ", "amod", 3), ("secretary", "NOUN", "ROOT", 3)]
FOREIGN_SECRETARY = [("the", "DET", "det", 2), ("Foreign", "PROPN", "compound", 2),
                     ("Secretary", "PROPN", "ROOT", 2)]


@pytest.mark.parametrize("rows", [BRITISH_FM, FOREIGN_SECRETARY])
def test_a_dated_office_is_its_holder(resolver, rows) -> None:
    ctx = context(resolver, table(rows), dt.date(2016, 9, 10))
    phrase = Phrase(len(rows) - 1, "secretary", "GOV", phrase_start=1, left=0)
    outcome = rules.office_holder(AgentView(ctx, first_hits(ctx.hits)), phrase)
    assert isinstance(outcome, Outcome) and outcome.rule == "office_holder"
    assert [(m.ref.id, m.kind) for m in outcome.mentions] == [("BORIS_JOHNSON", "title")]


def test_without_a_date_a_title_gives_its_country_not_the_documents(resolver) -> None:
    ctx = context(resolver, table(FOREIGN_SECRETARY))
    phrase = Phrase(2, "secretary", "GOV", phrase_start=1, left=0)
    result = rules.office_holder(AgentView(ctx, first_hits(ctx.hits)), phrase)
    assert isinstance(result, Phrase) and result.countries == ("GBR",)
    # "the prime minister" implies no country: left to the later rules
    plain = Phrase(2, "minister", "GOV", phrase_start=1, left=0)
    ctx = context(resolver, table([("the", "DET", "det", 2), ("prime", "ADJ", "amod", 2),
                                   ("minister", "NOUN", "ROOT", 2)]))
    assert rules.office_holder(AgentView(ctx, first_hits(ctx.hits)), plain) == plain
