"""Folding of names for matching: ASCII, case, apostrophes, Arabic particles, transliteration.

Every alias in the knowledge base and every word of a document goes through the same functions,
so "Shi’ite", "Shi'ite" and "Shiite" meet in one key, and "Nouri"/"Nuri" or "Ayad"/"Iyad" meet
in one *skeleton* (consonants only), which is what fuzzy matching is blocked on.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from anyascii import anyascii

__all__ = ["fold_word", "fold_words", "fold_name", "skeleton", "slugify", "PARTICLES",
           "strip_titles", "strip_dateline", "strip_citations", "clean_name", "name_key",
           "is_not_actor", "NOT_ACTORS"]

#: Arabic/Persian name particles dropped when comparing names ("al-Maliki" ~ "Maliki").
PARTICLES: frozenset[str] = frozenset({"al", "el", "ul", "ad", "ar", "as", "an", "at", "az",
                                       "ash", "bin", "ibn", "abu"})

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bb\u00b4]")
_SPLIT = re.compile(r"[\s_\-\u2010-\u2015/]+")
_VOWELS = re.compile(r"[aeiouyhw]")
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """Matching key of one word: ASCII, no apostrophes, no trailing dot, lower case.

    Short all-capital words keep their case so the abbreviations "US" and "UN" never meet the
    pronoun "us" or the prefix "un".

    >>> fold_word("Shi’ite"), fold_word("U.S."), fold_word("US"), fold_word("us")
    ('shiite', 'u.s', 'US', 'us')
    """
    text = _APOSTROPHES.sub("", anyascii(word)).strip()
    text = text.rstrip(".") if len(text) > 1 else text
    if 1 < len(text) <= 3 and text.isalpha() and text.isupper():
        return text
    return text.lower()


def fold_words(text: str) -> list[str]:
    """Split a name on spaces, underscores, hyphens and slashes and fold every piece.

    >>> fold_words("Nouri al-Maliki")
    ['nouri', 'al', 'maliki']
    >>> fold_words("U.S.-Iraqi")
    ['u.s', 'iraqi']
    """
    return list(_fold_words(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold_words(text: str) -> tuple[str, ...]:
    out = []
    for piece in _SPLIT.split(anyascii(text)):
        folded = fold_word(piece)
        if folded and (folded.isalnum() or any(ch.isalnum() for ch in folded)):
            out.append(folded)
    return tuple(out)


def fold_name(text: str) -> str:
    """One-string key of a name (folded words joined by spaces)."""
    return " ".join(fold_words(text))


def skeleton(text: str) -> str:
    """Transliteration-blind key: particles and vowels dropped, doubled letters collapsed.

    Arabic names reach English in many spellings; the consonants survive best.

    >>> skeleton("Nouri al-Maliki") == skeleton("Nuri Maliki")
    True
    >>> skeleton("Ayad Allawi") == skeleton("Iyad Allawi")
    True
    >>> skeleton("Moqtada al-Sadr") == skeleton("Muqtada al Sadr")
    True
    """
    words = [w.lower() for w in fold_words(text)]
    words = [w for w in words if w not in PARTICLES] or words
    return " ".join(_skeleton_word(w) for w in words)


@functools.lru_cache(maxsize=1 << 17)
def _skeleton_word(word: str) -> str:
    word = word.replace(".", "").replace("q", "k").replace("ph", "f").replace("dh", "d")
    word = word.replace("kh", "k").replace("gh", "g").replace("th", "t").replace("sh", "s")
    head, rest = word[:1], word[1:]
    key = _DOUBLE.sub(r"\1", head + _VOWELS.sub("", rest))
    if head in "aeiouyhw" and len(word) > 1:
        # a leading vowel is as unstable as an inner one (Ayad/Iyad, Usama/Osama)
        key = _DOUBLE.sub(r"\1", _VOWELS.sub("", rest)) or key
    return key


def slugify(text: str) -> str:
    """ASCII slug for ids of unknown actors.

    >>> slugify("Spencer Ackerman")
    'spencer-ackerman'
    >>> slugify("Jaysh al-Mahdi’s")
    'jaysh-al-mahdis'
    """
    text = _APOSTROPHES.sub("", anyascii(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


# -- cleaning names before matching ------------------------------------------------------------

#: Words of titles, ranks and honorifics that can stand before a name ("Minister for the Middle
#: East Tobias Ellwood", "Lt. Gen. Stephen Townsend", "U.S. Secretary of State John Kerry").
_TITLE_WORDS: frozenset[str] = frozenset("""
mr mrs ms miss dr prof sir dame lord lady sen senator rep representative congressman congresswoman
gen general lt lieutenant maj major col colonel adm admiral vice rear capt captain cmdr commander
sgt sergeant cpl corporal pvt brig brigadier field marshal air chief staff marine
president presidents vice-president prime premier minister ministers secretary secretaries
chancellor deputy foreign defence defense interior home state affairs for of the and to at in
ambassador envoy special representative spokesman spokeswoman spokesperson director head leader
chairman chairwoman chair governor mayor speaker king queen prince princess crown emir sheikh
shaikh sultan ayatollah grand mullah imam pope cardinal bishop rabbi judge justice attorney
commissioner high undersecretary under assistant counterpart national security adviser advisor
former late acting incoming outgoing new then top senior chief-of-staff coalition army military
u.s us uk u.k un u.n eu nato british american french german russian chinese iraqi syrian iranian
israeli turkish saudi egyptian afghan pakistani indian japanese ukrainian
middle east west north south africa african asia asian europe european pacific gulf arab
america americas latin near central region regional development international trade finance
treasury exchequer justice health energy economy economic war peace humanitarian relief
cooperation commonwealth taoiseach tanaiste archbishop
""".split())
#: Title words that only qualify a title ("British", "Middle East"): a prefix of these alone
#: is part of a name ("Syrian Democratic Forces"), not a title.
_MODIFIERS: frozenset[str] = frozenset("""
of the and to at in for u.s us uk u.k un u.n eu nato british american french german russian
chinese iraqi syrian iranian israeli turkish saudi egyptian afghan pakistani indian japanese
ukrainian middle east west north south africa african asia asian europe european pacific gulf
arab america americas latin near central region regional international new national high
coalition army military former late top senior
""".split())
_NAME_PARTS = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "del", "van", "von",
                         "der", "den", "la", "le", "zu", "ul", "bint", "ben"})
_INITIAL = re.compile(r"^[A-Z]\.?$")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Za-z .]{2,30}?)?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\((?:[A-Za-z .&/-]{1,40})\))?\s*[-\u2013\u2014:]+\s+")
_CITATION = re.compile(r"\[(?:\d+|[a-z]|citation needed|note \d+)\]|\^\d+|\(\s*(?:Reuters|AP|AFP|"
                       r"Xinhua|Anadolu|SANA|IRNA|TASS|dpa)\s*\)")


def _is_name_word(word: str) -> bool:
    bare = word.strip(",.;:")
    if not bare:
        return False
    if bare.lower() in _NAME_PARTS or bare.lower().startswith(("al-", "el-")):
        return True
    parts = [p for p in bare.lower().split("-") if p]
    return bare[:1].isupper() and not all(p in _TITLE_WORDS for p in parts)


def strip_titles(name: str) -> str:
    """A name without the titles, ranks and honorifics before it.

    Only a prefix made of title words is dropped, and only when a name is left.

    >>> strip_titles("Minister for the Middle East Tobias Ellwood")
    'Tobias Ellwood'
    >>> strip_titles("U.S. Secretary of State John Kerry")
    'John Kerry'
    >>> [strip_titles(t) for t in ("President Obama", "Haider al-Abadi", "Prime Minister")]
    ['Obama', 'Haider al-Abadi', 'Prime Minister']
    >>> [strip_titles(t) for t in ("Syrian Democratic Forces", "Lt. Gen. Stephen Townsend")]
    ['Syrian Democratic Forces', 'Stephen Townsend']
    """
    words = name.split()
    if len(words) < 2:
        return name
    i = len(words)
    while i > 0 and (_is_name_word(words[i - 1]) or _INITIAL.match(words[i - 1])):
        i -= 1
    prefix, rest = words[:i], words[i:]
    while rest and rest[0].strip(",.").lower() in _NAME_PARTS:
        prefix.append(rest.pop(0))  # a name does not start with "of the" or "de"
    if not rest or not prefix:
        return name
    folded = [part for w in prefix for part in w.strip(",.").lower().split("-") if part]
    if not all(w in _TITLE_WORDS or w.replace(".", "") in _TITLE_WORDS for w in folded):
        return name
    if all(w in _MODIFIERS or w.replace(".", "") in _MODIFIERS for w in folded):
        return name
    return " ".join(rest).strip(",")


def strip_dateline(text: str) -> str:
    """Text without a leading news dateline ("BAGHDAD (Reuters) - ", "KYIV, March 3 -").

    >>> strip_dateline("BAGHDAD (Reuters) - Iraqi forces advanced.")
    'Iraqi forces advanced.'
    >>> strip_dateline("WASHINGTON, Jan. 5 (AP) \u2014 The Senate voted.")
    'The Senate voted.'
    >>> strip_dateline("Kerry met Lavrov - again.")
    'Kerry met Lavrov - again.'
    """
    match = _DATELINE.match(text)
    if match and any(ch.isupper() for ch in match.group(0)[:3]):
        head = match.group(0).split("(")[0].split(",")[0].strip(" -\u2013\u2014:")
        if head.isupper():
            return text[match.end():]
    return text


def strip_citations(text: str) -> str:
    """Text without citation markers ("[3]", "[citation needed]", "(Reuters)").

    >>> strip_citations("Votel[2] said (Reuters) the strike[citation needed] hit.")
    'Votel said the strike hit.'
    """
    return re.sub(r"\s{2,}", " ", _CITATION.sub("", text)).strip()


def clean_name(name: str) -> str:
    """A mention's text made ready for matching: no citation marks, no titles, no possessive.

    >>> clean_name("Defense Secretary Ash Carter's[4]")
    'Ash Carter'
    """
    text = strip_citations(name)
    text = re.sub(r"(?:'s|\u2019s|')$", "", text.strip())
    return strip_titles(text)


#: Short forms of English forenames and their full form ("Tony Blinken" is "Antony Blinken").
NICKNAMES: dict[str, str] = {
    "tony": "antony", "anthony": "antony", "bill": "william", "will": "william", "bob": "robert",
    "rob": "robert", "mike": "michael", "mick": "michael", "jim": "james", "jimmy": "james",
    "joe": "joseph", "ash": "ashton", "chuck": "charles", "charlie": "charles", "dick": "richard",
    "rick": "richard", "tom": "thomas", "ben": "benjamin", "bibi": "benjamin", "dave": "david",
    "steve": "stephen", "steven": "stephen", "dan": "daniel", "don": "donald", "ed": "edward",
    "ted": "edward", "fred": "frederick", "greg": "gregory", "jack": "john", "jon": "john",
    "ken": "kenneth", "larry": "lawrence", "matt": "matthew", "nick": "nicholas", "pete": "peter",
    "sam": "samuel", "andy": "andrew", "alex": "alexander", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "cathy": "catherine", "sue": "susan",
    "jen": "jennifer", "chris": "christopher", "jeff": "jeffrey", "ron": "ronald",
    "sergey": "sergei", "dmitri": "dmitry", "yevgeni": "yevgeny",
    "mohammad": "mohammed", "muhammad": "mohammed", "mohamed": "mohammed", "mohamad": "mohammed",
}


def name_key(name: str) -> str:
    """Key that one person's spellings share: folded, titles, particles and initials dropped.

    >>> name_key("Joseph L. Votel") == name_key("Joseph Votel")
    True
    >>> name_key("Gen. Joseph Votel") == name_key("Votel")
    False
    >>> name_key("Tony Blinken") == name_key("Antony J. Blinken")
    True
    """
    words = [w for w in clean_name(name).split() if not _INITIAL.match(w)]
    folded = [w.lower() for w in fold_words(" ".join(words)) if w.lower() not in PARTICLES]
    if len(folded) > 1:
        folded[0] = NICKNAMES.get(folded[0], folded[0])
    return " ".join(folded)


# -- words that are never actors ------------------------------------------------------------------

def _not_actor_keys() -> frozenset[tuple[str, ...]]:
    text = resources.files("faultlines.actors").joinpath("data").joinpath(
        "not_actors.txt").read_text("utf-8")
    keys: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = tuple(fold_words(line))
        if words:
            keys.add(words)
            if line[-1:].isalpha() and not line.endswith("s"):
                keys.add(tuple(fold_words(line + "s")))
    return frozenset(keys)


#: Folded word tuples of ``data/not_actors.txt`` (weapons, vehicles, months, generic nouns...).
NOT_ACTORS: frozenset[tuple[str, ...]] = _not_actor_keys()
_DATE_LIKE = re.compile(r"^\d{1,4}(?:[./-]\d{1,4}){0,2}(?:s|th|st|nd|rd)?$")


def is_not_actor(text: str) -> bool:
    """Whether a phrase can never be an actor: a weapon, vehicle, month, date, number or a
    generic word ("VBIED", "Jan", "country", "men", "al").

    >>> [is_not_actor(t) for t in ("VBIED", "Jan.", "the country", "men", "al", "2014")]
    [True, True, True, True, True, True]
    >>> [is_not_actor(t) for t in ("John Kerry", "Hezbollah", "US", "Jan Egeland")]
    [False, False, False, False]
    """
    words = tuple(fold_words(text))
    while words[:1] in (("the",), ("a",), ("an",)) and len(words) > 1:
        words = words[1:]  # every leading article ("the the country": a doubled word)
    if not words:
        return True
    if all(_DATE_LIKE.match(w) for w in words):
        return True
    return words in NOT_ACTORS
