"""Country evidence for a person: pure functions the resolver calls on words around a name.

A person's country comes only from evidence, never from the country a document is about:

1. the knowledge base: the entry's dated role at the document's date (:func:`kb_evidence`);
2. a nationality adjective or a possessive before the name or title ("British Foreign
   Secretary ...", "Germany's Baerbock"; :func:`modifier_evidence`);
3. an apposition or a role phrase after the name ("X, Britain's foreign minister",
   "X, the foreign minister of Turkey"; :func:`role_phrase_evidence`);
4. "of <country>" right after a titled name ("King Hassan of Morocco"; :func:`of_country_evidence`);
5. a title that implies a country by itself (Secretary of State -> USA, Foreign Secretary -> GBR,
   Chancellor -> DEU, Taoiseach -> IRL; ``data/titles.tsv``; :func:`title_evidence`);
6. "his Pakistani counterpart, X": the counterpart's adjective (:func:`counterpart_evidence`).

With none of these the country is unknown (:func:`person_country` returns None). A role phrase
with a date also names the person who held it (:func:`office_holder_of`: "the British foreign
secretary" in September 2016 is Boris Johnson).

Every function takes plain strings or word lists, so it is tested without spaCy.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from faultlines.actors.kb import KnowledgeBase, split_code
from faultlines.actors.normalize import fold_words
from faultlines.actors.titles import title_table

__all__ = ["Evidence", "TitleRule", "title_rules", "title_evidence", "office_of",
           "country_of_word", "modifier_evidence", "role_phrase_evidence",
           "counterpart_evidence", "of_country_evidence", "kb_evidence", "person_country",
           "office_holder_of"]


@dataclass(frozen=True)
class Evidence:
    """Why an actor has a country.

    ``kind`` is one of ``kb`` (dated role of a knowledge-base entry), ``adjective``
    ("British"), ``possessive`` ("Britain's"), ``apposition`` ("X, Iraq's prime minister"),
    ``title`` (a title that implies a country), ``of`` ("X of Ghana") or ``counterpart``;
    ``office`` the office the words name (HOS, HOG, FM, DM, GOV, MIL, LEG, IGO) when they name one.
    """

    country: str
    kind: str
    text: str
    office: str | None = None


@dataclass(frozen=True)
class TitleRule:
    """A title that implies a country (one row of ``data/titles.tsv``)."""

    words: tuple[str, ...]
    country: str
    office: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: dt.date | None) -> bool:
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


#: Generic office words (no country of their own) and the office they name, longest first.
_OFFICE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(sorted((
    (("foreign", "minister"), "FM"), (("foreign", "secretary"), "FM"),
    (("minister", "of", "foreign", "affairs"), "FM"), (("foreign", "affairs", "minister"), "FM"),
    (("minister", "for", "foreign", "affairs"), "FM"), (("top", "diplomat"), "FM"),
    (("external", "affairs", "minister"), "FM"), (("secretary", "of", "state"), "FM"),
    (("defence", "minister"), "DM"), (("defense", "minister"), "DM"),
    (("minister", "of", "defence"), "DM"), (("minister", "of", "defense"), "DM"),
    (("defence", "secretary"), "DM"), (("defense", "secretary"), "DM"),
    (("secretary", "of", "defense"), "DM"), (("war", "minister"), "DM"),
    (("prime", "minister"), "HOG"), (("premier",), "HOG"), (("chancellor",), "HOG"),
    (("head", "of", "government"), "HOG"), (("taoiseach",), "HOG"),
    (("president",), "HOS"), (("head", "of", "state"), "HOS"), (("king",), "HOS"),
    (("queen",), "HOS"), (("emir",), "HOS"), (("amir",), "HOS"), (("sultan",), "HOS"),
    (("monarch",), "HOS"), (("supreme", "leader"), "HOS"),
    (("vice", "president"), "GOV"), (("interior", "minister"), "GOV"),
    (("minister",), "GOV"), (("secretary",), "GOV"), (("ambassador",), "GOV"),
    (("envoy",), "GOV"), (("spokesman",), "GOV"), (("spokeswoman",), "GOV"),
    (("spokesperson",), "GOV"), (("official",), "GOV"), (("diplomat",), "GOV"),
    (("general",), "MIL"), (("commander",), "MIL"), (("army", "chief"), "MIL"),
    (("chief", "of", "staff"), "MIL"), (("admiral",), "MIL"),
    (("lawmaker",), "LEG"), (("senator",), "LEG"), (("speaker",), "LEG"),
    (("opposition", "leader"), "OPP"),
), key=lambda item: -len(item[0])))


def _key(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in fold_words(text))


@functools.lru_cache(maxsize=1)
def title_rules() -> tuple[TitleRule, ...]:
    """The titles of ``data/titles.tsv`` that imply a country, longest title first."""
    rules = [TitleRule(_key(variant), row.country, row.office, row.start, row.end)
             for row in title_table() if row.country is not None and row.office is not None
             for variant in row.variants]
    return tuple(sorted(rules, key=lambda r: -len(r.words)))


def _find(words: tuple[str, ...], needle: tuple[str, ...]) -> int:
    for i in range(len(words) - len(needle) + 1):
        if words[i:i + len(needle)] == needle:
            return i
    return -1


def title_evidence(title: str, date: dt.date | None = None) -> Evidence | None:
    """Country implied by a title on its own, or None.

    >>> title_evidence("Secretary of State").country, title_evidence("Foreign Secretary").country
    ('USA', 'GBR')
    >>> title_evidence("Chancellor", dt.date(2019, 1, 1)).country
    'DEU'
    >>> title_evidence("Secretary of State for Defence").country
    'GBR'
    >>> title_evidence("Prime Minister") is None
    True
    """
    words = _key(title)
    for rule in title_rules():
        at = _find(words, rule.words)
        if at < 0 or not rule.covers(date):
            continue
        after = words[at + len(rule.words):at + len(rule.words) + 1]
        if rule.words[-2:] == ("of", "state") and after == ("for",):
            # "Secretary of State for Defence" is a British cabinet title
            return Evidence("GBR", "title", title, "GOV")
        if rule.words == ("chancellor",) and after in (("of",),):
            continue  # "Chancellor of the Exchequer" has its own row; a university's is none
        return Evidence(rule.country, "title", title, rule.office)
    return None


def office_of(words: Sequence[str] | str) -> str | None:
    """The office a role phrase names (HOS, HOG, FM, DM, GOV, MIL, LEG, OPP), or None.

    >>> office_of("foreign minister"), office_of("Prime Minister"), office_of("defence chief")
    ('FM', 'HOG', None)
    """
    key = _key(words) if isinstance(words, str) else tuple(w.lower() for w in words)
    for phrase, office in _OFFICE_WORDS:
        if _find(key, phrase) >= 0:
            return office
    return None


_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def country_of_word(word: str, kb: KnowledgeBase) -> tuple[str, str] | None:
    """(ISO code, kind) of a nationality adjective, a country name or its possessive.

    ``kind`` is ``adjective`` or ``possessive`` (a country name with or without "'s").

    >>> kb = load_test_kb()
    >>> country_of_word("British", kb), country_of_word("Germany's", kb)
    (('GBR', 'adjective'), ('DEU', 'possessive'))
    >>> country_of_word("U.S.", kb), country_of_word("Hollande", kb)
    (('USA', 'adjective'), None)
    """
    bare = _POSSESSIVE.sub("", word.strip())
    words = tuple(fold_words(bare))
    if not words:
        return None
    targets = kb.phrases.get(words, ())
    for target in targets:
        if target.kind == "demonym":
            return target.ref, "adjective"
    for target in targets:
        if target.kind == "country":
            kind = "possessive" if bare != word.strip() else "adjective"
            return target.ref, kind
    return None


def modifier_evidence(modifiers: Sequence[str], kb: KnowledgeBase,
                      date: dt.date | None = None) -> Evidence | None:
    """Evidence from the words before a name in its noun phrase (title, adjective, possessive).

    ``modifiers`` are the words as written, e.g. ``["British", "Foreign", "Secretary"]`` or
    ``["Germany's"]``. A nationality word wins over what a title implies ("Iraqi Defence
    Minister" is Iraqi, "Defence Secretary" alone British).

    >>> kb = load_test_kb()
    >>> modifier_evidence(["British", "Foreign", "Secretary"], kb)
    Evidence(country='GBR', kind='adjective', text='British', office='FM')
    >>> modifier_evidence(["Germany's"], kb).country
    'DEU'
    >>> modifier_evidence(["Secretary", "of", "State"], kb).country
    'USA'
    >>> modifier_evidence(["Prime", "Minister"], kb) is None
    True
    """
    words = [w for w in modifiers if w.strip()]
    office = office_of([w for w in " ".join(words).lower().split()]) if words else None
    # multi-word country names first ("South Korea's", "United States")
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            if size > 1 and not all(w[:1].isupper() or w[:1] in ".'" for w in words[i:i + size]):
                continue
            found = country_of_word(phrase, kb)
            if found:
                rest = words[:i] + words[i + size:]
                # "U.S. Secretary of State": the adjective and the title agree; the adjective
                # stands. "UN" or "EU" before a title is an IGO office, not a country.
                igo = title_evidence(" ".join(rest), date) if rest else None
                if igo is not None and igo.country.startswith("IGO"):
                    return igo
                return Evidence(found[0], found[1], phrase, office)
    if words:
        return title_evidence(" ".join(words), date)
    return None


_APPOSITION = re.compile(
    r"^\s*,?\s*(?:the\s+)?(?P<body>.+?)\s*(?:,|$)", re.IGNORECASE)
_OF_COUNTRY = re.compile(r"\b(?:of|for)\s+(?:the\s+)?(?P<place>[A-Z][\w.'\- ]+)$")


def role_phrase_evidence(phrase: str, kb: KnowledgeBase,
                         date: dt.date | None = None) -> Evidence | None:
    """Evidence from an apposition or a role phrase ("Britain's foreign minister", "the Iraqi
    prime minister", "foreign minister of Turkey", "the Foreign Secretary").

    >>> kb = load_test_kb()
    >>> role_phrase_evidence(", Britain's foreign minister,", kb)
    Evidence(country='GBR', kind='apposition', text="Britain's", office='FM')
    >>> role_phrase_evidence("the foreign minister of Turkey", kb).country
    'TUR'
    >>> role_phrase_evidence("a spokesman", kb) is None
    True
    """
    match = _APPOSITION.match(phrase)
    body = (match.group("body") if match else phrase).strip()
    if not body:
        return None
    of = _OF_COUNTRY.search(body)
    if of:
        found = country_of_word(of.group("place").strip(), kb)
        if found and office_of(body[:of.start()]) is not None:
            return Evidence(found[0], "apposition", of.group("place").strip(),
                            office_of(body[:of.start()]))
    words = body.split()
    evidence = modifier_evidence(words, kb, date)
    if evidence is None:
        return None
    if evidence.kind in ("adjective", "possessive"):
        if evidence.office is None and office_of(words) is None:
            return None  # "a British company" names no role
        return Evidence(evidence.country, "apposition", evidence.text, evidence.office)
    return evidence


def counterpart_evidence(phrase: str, kb: KnowledgeBase) -> Evidence | None:
    """"his Pakistani counterpart": the counterpart's country (office: the caller's).

    >>> counterpart_evidence("his Pakistani counterpart", load_test_kb()).country
    'PAK'
    >>> counterpart_evidence("his counterpart", load_test_kb()) is None
    True
    """
    words = phrase.split()
    if not any(w.lower().rstrip(",.") in ("counterpart", "counterparts") for w in words):
        return None
    for word in words:
        found = country_of_word(word, kb)
        if found:
            return Evidence(found[0], "counterpart", word)
    return None


def of_country_evidence(phrase: str, kb: KnowledgeBase) -> Evidence | None:
    """"King Hassan of Morocco", "President Kofi Boateng of Ghana": the country named by the
    "of" phrase right after a titled name.

    >>> of_country_evidence("of Ghana", load_test_kb()).country
    'GHA'
    >>> of_country_evidence("of the United States", load_test_kb()).country
    'USA'
    >>> of_country_evidence("of the party", load_test_kb()) is None
    True
    """
    words = phrase.split()
    if words[:1] != ["of"]:
        return None
    place = " ".join(words[2:] if words[1:2] == ["the"] else words[1:])
    found = country_of_word(place, kb) if place[:1].isupper() else None
    if found is None or place.endswith(("'s", "\u2019s")):
        return None
    return Evidence(found[0], "of", place)


def kb_evidence(entry_id: str, kb: KnowledgeBase, date: dt.date | None) -> Evidence | None:
    """The country of a knowledge-base entry's role at ``date`` (its default code without one).

    >>> kb = load_test_kb()
    >>> kb_evidence("PHILIP_HAMMOND", kb, dt.date(2015, 5, 1))
    Evidence(country='GBR', kind='kb', text='Philip Hammond', office='FM')
    """
    entry = kb.entries.get(entry_id)
    if entry is None:
        return None
    country, _ = split_code(entry.code_at(date))
    if not country:
        return None
    office = None
    if date is not None:
        held = [o for o in kb.offices_of.get(entry_id, ()) if o.covers(date)]
        office = held[-1].office if held else None
    return Evidence(country, "kb", entry.name, office)


def person_country(kb: KnowledgeBase, date: dt.date | None = None, *,
                   entry_id: str | None = None, modifiers: Sequence[str] = (),
                   of_place: str | None = None, apposition: str | None = None,
                   counterpart: str | None = None) -> Evidence | None:
    """The best evidence of a person's country, in the order of the module docstring, or None.

    There is deliberately no argument for the document's country: it is not evidence.

    >>> kb = load_test_kb()
    >>> person_country(kb, modifiers=["Secretary", "of", "State"]).country
    'USA'
    >>> person_country(kb, apposition=", Britain's foreign minister").country
    'GBR'
    >>> person_country(kb, entry_id="JOHN_KERRY", modifiers=["Russian"]).country
    'USA'
    >>> person_country(kb) is None
    True
    """
    if entry_id is not None:
        found = kb_evidence(entry_id, kb, date)
        if found is not None:
            return found
    for found in (modifier_evidence(modifiers, kb, date) if modifiers else None,
                  of_country_evidence(of_place, kb) if of_place else None,
                  role_phrase_evidence(apposition, kb, date) if apposition else None,
                  counterpart_evidence(counterpart, kb) if counterpart else None):
        if found is not None:
            return found
    return None


def office_holder_of(evidence: Evidence | None, kb: KnowledgeBase,
                     date: dt.date | None) -> str | None:
    """Entry id of who held the office the evidence names, on ``date`` ("the British foreign
    secretary" in 2016 -> BORIS_JOHNSON); None without a date, an office or a single holder.

    >>> kb = load_test_kb()
    >>> ev = modifier_evidence(["British", "Foreign", "Secretary"], kb)
    >>> office_holder_of(ev, kb, dt.date(2016, 9, 1))
    'BORIS_JOHNSON'
    >>> office_holder_of(ev, kb, None) is None
    True
    """
    if evidence is None or evidence.office is None or date is None:
        return None
    if evidence.office in ("GOV", "MIL", "LEG", "OPP"):
        return None  # many people hold these at once
    return kb.office_holder(evidence.country, evidence.office, date)


def load_test_kb() -> KnowledgeBase:  # pragma: no cover - used by the doctests
    """The packaged knowledge base without user files (for the examples above)."""
    from faultlines.actors.kb import load_knowledge_base

    return load_knowledge_base(kb_dir="/nonexistent-faultlines-kb")
