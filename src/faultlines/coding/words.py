"""The word lists of the event coder's rules, read once from ``coding/data/words.tsv``.

Each list has a name (the file's first column); a row naming a list the rules do not use,
a duplicate row or a missing list raises :class:`~faultlines.errors.DictionaryError` naming
the file and line, like the lexicon. The lists are module constants, so a rule that names a
list that does not exist fails at import.

>>> "against" in NOUN_TARGET_PREPS
True
>>> TARGET_PREPS[:3]
('against', 'with', 'to')
"""

from __future__ import annotations

import functools
from importlib import resources

from faultlines.errors import DictionaryError

__all__ = [
    "ACCORD_VERBS", "ACCUSATION_NOUNS", "ADVOCATE_AUX", "AGENT_OF_NOUNS", "COMMENT_NOUNS",
    "COMMENT_VERBS", "CONDITIONAL", "ENTANGLED", "GROUND_NOUNS", "GROUND_VERBS", "HYPOTHETICAL_AUX",
    "INTENT_AUX", "INVESTIGATING", "NOUN_TARGET_PREPS", "PERSON_PRONOUNS", "POTENTIAL_NOUNS",
    "PROMISING", "QUANTITY_HEADS", "RELATIONAL_NOUNS", "RELATIVE", "SHALLOW_PREPS", "TARGET_PREPS",
    "parse_words",
]

_LISTS = ("target_prep", "noun_target_prep", "shallow_prep", "intent_aux", "hypothetical_aux",
          "advocate_aux", "conditional", "relative", "person_pronoun", "agent_of_noun",
          "relational", "potential", "entangled", "promising", "quantity_head", "investigating",
          "comment_verb", "comment_noun", "accusation_noun", "accord_verb", "ground_noun",
          "ground_verb")


def parse_words(text: str, name: str) -> dict[str, tuple[str, ...]]:
    """Word lists of a ``words.tsv`` text, in file order.

    >>> parse_words("relative\\twho\\n", "t.tsv")["relative"]
    Traceback (most recent call last):
    ...
    faultlines.errors.DictionaryError: t.tsv: list 'target_prep' has no rows; add them
    """
    lists: dict[str, list[str]] = {k: [] for k in _LISTS}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 2 or cols[0] not in lists:
            raise DictionaryError(
                f"{name}:{number}: expected 'list<TAB>word' with list one of {list(_LISTS)}, "
                f"found {cols!r}")
        word = cols[1].strip().lower()
        if not word or word in lists[cols[0]]:
            raise DictionaryError(f"{name}:{number}: {word!r} is empty or listed twice in "
                                  f"{cols[0]}; remove the row")
        lists[cols[0]].append(word)
    for key, words in lists.items():
        if not words:
            raise DictionaryError(f"{name}: list {key!r} has no rows; add them")
    return {k: tuple(v) for k, v in lists.items()}


@functools.lru_cache(maxsize=1)
def _packaged() -> dict[str, tuple[str, ...]]:
    resource = resources.files("faultlines.coding") / "data" / "words.tsv"
    return parse_words(resource.read_text(encoding="utf-8"), str(resource))


def _words(name: str) -> frozenset[str]:
    return frozenset(_packaged()[name])


#: Prepositions whose object may be a verb's target, in the order they are tried.
TARGET_PREPS: tuple[str, ...] = _packaged()["target_prep"]
NOUN_TARGET_PREPS = _words("noun_target_prep")
SHALLOW_PREPS = _words("shallow_prep")
INTENT_AUX = _words("intent_aux")
HYPOTHETICAL_AUX = _words("hypothetical_aux")
ADVOCATE_AUX = _words("advocate_aux")
CONDITIONAL = _words("conditional")
RELATIVE = _words("relative")
PERSON_PRONOUNS = _words("person_pronoun")
AGENT_OF_NOUNS = _words("agent_of_noun")
RELATIONAL_NOUNS = _words("relational")
POTENTIAL_NOUNS = _words("potential")
ENTANGLED = _words("entangled")
PROMISING = _words("promising")
QUANTITY_HEADS = _words("quantity_head")
INVESTIGATING = _words("investigating")
COMMENT_VERBS = _words("comment_verb")
COMMENT_NOUNS = _words("comment_noun")
ACCUSATION_NOUNS = _words("accusation_noun")
ACCORD_VERBS = _words("accord_verb")
GROUND_NOUNS = _words("ground_noun")
GROUND_VERBS = _words("ground_verb")
