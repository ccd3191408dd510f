"""Place names in a parsed document, resolved to gazetteer entries with the document's focus.

A toponym is a GPE, LOC or FAC entity, or a proper noun after a locative preposition that the
entity recogniser missed ("clashes in Husaybah"). Each is resolved by scoring its candidates:

* a country name always means the country (``Georgia``, ``China``, ``America``), never a town,
  a building or a university that shares the name;
* otherwise population prominence (log10), a bonus for the entry's own name over an alternate
  name, for the document's focus countries (countries named in it, the dateline, the outlet's
  name), for a province named elsewhere in the document, and for national capitals.

Candidates stay attached, best first, so an ambiguous name can be reviewed.

References
----------
Leidner, J. L. (2007). *Toponym resolution in text*. PhD thesis, University of Edinburgh
(population and focus heuristics). Halterman, A. (2023). Mordecai 3: a neural geoparser and
event geocoder. arXiv:2303.13675 (the failure cases this module guards against).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from faultlines.nlp.view import ParseView
from faultlines.places.gazetteer import CITY, COUNTRY, PROVINCE, Gazetteer, Place, load_gazetteer
from faultlines.types import Document

__all__ = [
    "PLACE_LABELS",
    "LOCATIVE_PREPOSITIONS",
    "Toponym",
    "DocumentFocus",
    "find_dateline",
    "find_toponyms",
    "resolve_name",
    "is_place_mention",
    "capital_country",
]

#: spaCy entity labels that name places.
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions that put an event somewhere ("in", "near", "outside" ...), strongest first.
LOCATIVE_PREPOSITIONS: tuple[str, ...] = (
    "in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "off",
    "through", "on", "into", "over", "to", "toward", "towards", "from",
)
_PROVINCE_WORDS = re.compile(r"\s+(province|governorate|region|state|oblast|district)$", re.I)
_FACILITY_WORDS = re.compile(
    r"\s+(international\s+)?(airport|university|square|bridge|prison|stadium|mosque|church|"
    r"hospital|port|base|air base|market|district|neighbourhood|neighborhood|camp|embassy|"
    r"checkpoint|refinery|palace|station)$", re.I)
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z\u00c0-\u024f'\u2019.\- ]{1,40}?)"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z\u00c0-\u024f'\u2019. ]{1,30}?))?"
    r"\s*(?:\((?P<outlet>[^)\n]{1,40})\))?\s*(?:[\u2014\u2013:]|--?)\s")

#: Nouns whose "of" names a place ("the town of Pemba", "the streets of Damascus").
PLACE_NOUNS: frozenset[str] = frozenset({
    "city", "town", "village", "province", "governorate", "region", "capital", "district",
    "neighbourhood", "neighborhood", "outskirts", "suburb", "suburbs", "streets", "centre",
    "center", "port", "area", "state", "county", "heart", "north", "south", "east", "west",
})
_MAYBE_PLACE = frozenset({"PERSON", "ORG", "NORP"})
_NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "parliament", "congress", "court", "government", "president",
})

# Weights of the resolution score (log10 population is the base).
_PRIMARY_NAME = 1.0
_FOCUS_COUNTRY = 2.5
_CO_MENTIONED_PROVINCE = 2.0
_CAPITAL = 1.0
_PROVINCE_UNASKED = -2.5
_PROVINCE_ASKED = 5.0
_AMBIGUOUS_MARGIN = 1.0
#: A town smaller than this in none of the document's focus countries is not trusted.
_SMALL_TOWN = 20_000


@dataclass(frozen=True)
class Toponym:
    """A place name in a document and what it resolved to (``place`` None when nothing)."""

    text: str
    sentence_index: int
    start: int  # token offsets into the spaCy Doc
    end: int
    label: str  # GPE, LOC, FAC, PROPN (a proper noun after "in", "near", ...) or DATELINE
    place: Place | None
    candidates: tuple[Place, ...] = ()
    sub_city: bool = False  # a facility or quarter inside ``place``
    ambiguous: bool = False


@dataclass(frozen=True)
class DocumentFocus:
    """What a document is about, geographically: the evidence toponyms are resolved with."""

    countries: tuple[str, ...] = ()  # ISO alpha-3, most mentioned first
    provinces: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    dateline: Place | None = None
    dateline_text: str | None = None


def _clean(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"(\u2019s|'s|\u2019|')$", "", text).strip(" ,.")


def _score(place: Place, primary: bool, focus: DocumentFocus, province_asked: bool,
           gazetteer: Gazetteer) -> float:
    score = math.log10(place.population + 10)
    score += _PRIMARY_NAME if primary else 0.0
    if place.country_code in focus.countries:
        rank = focus.countries.index(place.country_code)
        score += _FOCUS_COUNTRY if rank == 0 else _FOCUS_COUNTRY * 0.8
    if place.kind == PROVINCE:
        score += _PROVINCE_ASKED if province_asked else _PROVINCE_UNASKED
    elif place.kind == CITY:
        if (place.country_code, gazetteer.admin1_of(place)) in focus.provinces:
            score += _CO_MENTIONED_PROVINCE
        if place.capital:
            score += _CAPITAL
    return score


def resolve_name(name: str, focus: DocumentFocus | None = None,
                 gazetteer: Gazetteer | None = None
                 ) -> tuple[Place | None, tuple[Place, ...], bool]:
    """Resolve one place name: ``(best place, candidates best first, ambiguous?)``.

    >>> place, candidates, _ = resolve_name("Georgia")
    >>> place.kind == COUNTRY, place.country_code
    (True, 'GEO')
    >>> resolve_name("Basra")[0].country_code
    'IRQ'
    """
    gaz = gazetteer or load_gazetteer()
    focus = focus or DocumentFocus()
    text = _clean(name)
    country = gaz.country(text)
    if country is not None:
        return country, (country,), False
    province_asked = bool(_PROVINCE_WORDS.search(text))
    matches = gaz.matches(_PROVINCE_WORDS.sub("", text)) if province_asked else gaz.matches(text)
    if province_asked and not matches:
        matches = gaz.matches(text)
    # A country's alternate name that is also a town (e.g. "Holland") still means the country.
    countries = [p for p, _ in matches if p.kind == COUNTRY]
    if countries:
        return countries[0], tuple(countries), False
    if not matches:
        return None, (), False
    scored = sorted(((_score(p, primary, focus, province_asked, gaz), p) for p, primary
                     in matches), key=lambda item: (-item[0], item[1].index))
    candidates = tuple(p for _, p in scored[:5])
    ambiguous = len(scored) > 1 and scored[0][0] - scored[1][0] < _AMBIGUOUS_MARGIN
    return scored[0][1], candidates, ambiguous


def find_dateline(text: str, gazetteer: Gazetteer | None = None) -> tuple[str, Place] | None:
    """The dateline city of an article ("MOSUL, Iraq (Agency) - ..."), resolved, or None.

    >>> find_dateline("BASRA, Iraq (Wire) - Dockworkers walked out on Monday.")[1].name
    'Basrah'
    """
    match = _DATELINE.match(text[:120])
    if match is None:
        return None
    city = match.group("city").strip()
    if not (city.isupper() or match.group("outlet") or match.group("region")):
        return None
    gaz = gazetteer or load_gazetteer()
    focus = DocumentFocus()
    region = match.group("region")
    if region:
        hinted = gaz.country(region)
        if hinted is not None:
            focus = DocumentFocus(countries=(hinted.country_code,))
    place, _, _ = resolve_name(city.title() if city.isupper() else city, focus, gaz)
    if place is None:
        return None
    return city, place


def _outlet_countries(source: str | None, gaz: Gazetteer) -> list[str]:
    """Countries an outlet's name points to ("Tehran Times" -> IRN)."""
    if not source:
        return []
    words = re.findall(r"[A-Z][\w'\u2019-]+", source)
    found = []
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i:i + size])
            place = gaz.country(name)
            if place is None:
                hits = [p for p, primary in gaz.matches(name)
                        if primary and p.kind == CITY and p.population >= 500_000]
                place = hits[0] if hits else None
            if place is not None:
                found.append(place.country_code)
    return found


def _governed(tok) -> bool:  # noqa: ANN001 - a spaCy Token
    """Whether a token is the object of a locative preposition or of "the town of"."""
    for _ in range(3):
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        # "the Anbar province" is a place, "the Bush administration" is not
        if tok.dep_ == "compound" and (tok.head.pos_ == "PROPN" or tok.head.lower_ in PLACE_NOUNS):
            tok = tok.head
            continue
        break
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of":
        return prep.head.lower_ in PLACE_NOUNS
    return prep.lower_ in LOCATIVE_PREPOSITIONS


def _spans(view: ParseView, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Token spans that may name places.

    GPE, LOC and FAC entities; a country's name whatever the recogniser called it ("Jordan
    hosted ..."); and a proper noun (or a person or organisation entity) that is the object of
    a locative preposition or of a place noun ("clashes in Husaybah", "the town of Pemba").
    """
    doc, pos, words, lower = view.doc, view.pos, view.text, view.lower
    spans = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            spans.append((ent.start, ent.end, ent.label_))
        elif ent.label_ in _MAYBE_PLACE and (gaz.country(_clean(ent.text)) is not None
                                             or _governed(ent.root)):
            spans.append((ent.start, ent.end, "PROPN"))
        covered.update(range(ent.start, ent.end))
    def name_like(k: int) -> bool:
        # the tagger sometimes takes a sentence-initial country for a common noun ("Bahrain")
        return k not in covered and (pos[k] == "PROPN" or (
            words[k].istitle() and pos[k] in ("NOUN", "ADJ")))

    i = 0
    while i < len(doc):
        if not name_like(i) or lower[i] in _NOT_PLACES:
            i += 1
            continue
        j = i
        while j < len(doc) and name_like(j):
            j += 1
        proper = all(pos[k] == "PROPN" for k in range(i, j))
        if (proper and _governed(doc[i:j].root)) \
                or gaz.country(_clean(view.span_text(i, j))) is not None:
            spans.append((i, j, "PROPN"))
        i = j
    return sorted(spans)


def _sentence_of(starts: Sequence[int], token: int) -> int:
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= token:
            lo = mid
        else:
            hi = mid
    return lo


def _resolve_span(text: str, label: str, focus: DocumentFocus, gaz: Gazetteer
                  ) -> tuple[Place | None, tuple[Place, ...], bool, bool]:
    place, candidates, ambiguous = resolve_name(text, focus, gaz)
    sub_city = False
    if place is None and label in ("FAC", "LOC", "GPE"):
        stripped = _FACILITY_WORDS.sub("", _clean(text))
        if stripped != _clean(text):
            place, candidates, ambiguous = resolve_name(stripped, focus, gaz)
            sub_city = place is not None and place.kind == CITY
    if place is not None and place.kind == CITY and focus.countries \
            and place.country_code not in focus.countries and place.population < _SMALL_TOWN:
        # a village abroad is likelier a misread name ("Bush" the person, not Būsh in Egypt)
        return None, candidates, ambiguous, False
    if place is not None and label == "PROPN" and place.kind != COUNTRY and (
            place.kind != CITY or place.population < 1000):
        # an unlabelled proper noun is a place only when it is a country or clearly a town
        return None, (), False, False
    return place, candidates, ambiguous, sub_city


def _focus(resolved: Iterable[tuple[Place | None, bool]], dateline: tuple[str, Place] | None,
           outlet: Sequence[str], gaz: Gazetteer) -> DocumentFocus:
    counts: Counter[str] = Counter()
    provinces: set[tuple[str, str]] = set()
    for place, ambiguous in resolved:
        if place is None or ambiguous:
            continue
        if place.kind == COUNTRY:
            counts[place.country_code] += 2
        elif place.kind == PROVINCE:
            counts[place.country_code] += 1
            provinces.add((place.country_code, gaz.admin1_of(place)))
    if dateline is not None:
        counts[dateline[1].country_code] += 3
    for code in outlet:
        counts[code] += 1
    return DocumentFocus(
        countries=tuple(code for code, _ in counts.most_common()),
        provinces=frozenset(provinces),
        dateline=dateline[1] if dateline else None,
        dateline_text=dateline[0] if dateline else None)


def find_toponyms(doc, document: Document | None = None,  # noqa: ANN001 - a spaCy Doc
                  gazetteer: Gazetteer | None = None, *, view: ParseView | None = None
                  ) -> tuple[list[Toponym], DocumentFocus]:
    """Toponyms of a parsed document and the focus they were resolved with.

    Two passes: the first resolves every name without context and counts the countries and
    provinces it is sure of; the second resolves again with that focus (plus the dateline and
    the outlet's name). ``view`` is the document's shared :class:`ParseView`, when the caller
    has one.
    """
    gaz = gazetteer or load_gazetteer()
    view = view if view is not None else ParseView.of(doc)
    spans = _spans(view, gaz)
    texts = [(start, end, label, _clean(view.span_text(start, end)))
             for start, end, label in spans]
    first = {text: _resolve_span(text, label, DocumentFocus(), gaz)
             for _, _, label, text in texts}
    dateline = find_dateline(view.doc_text, gaz)
    outlet = _outlet_countries(document.source if document else None, gaz)
    focus = _focus(((r[0], r[2]) for r in first.values()), dateline, outlet, gaz)
    starts = [start for start, _ in view.sentences]
    cache: dict[tuple[str, str], tuple] = {}
    toponyms = []
    if dateline is not None:
        offset = view.doc_text.find(dateline[0])
        span = doc.char_span(offset, offset + len(dateline[0]), alignment_mode="expand") \
            if offset >= 0 else None
        if span is not None:
            texts = [t for t in texts if t[1] <= span.start or t[0] >= span.end]
            toponyms.append(Toponym(dateline[0], 0, span.start, span.end, "DATELINE",
                                    dateline[1], (dateline[1],)))
    for start, end, label, text in texts:
        if not text:
            continue
        key = (text, label)
        if key not in cache:
            cache[key] = _resolve_span(text, label, focus, gaz)
        place, candidates, ambiguous, sub_city = cache[key]
        if label == "PROPN" and place is None:
            continue
        toponyms.append(Toponym(text, _sentence_of(starts, start), start, end, label, place,
                                candidates, sub_city, ambiguous))
    return toponyms, focus


def is_place_mention(text: str, ent_label: str, preposition: str | None = None,
                     gazetteer: Gazetteer | None = None) -> bool:
    """Whether an entity names a place below the country level, and so is not an actor.

    Countries are actors (``Iraq`` signs treaties), so they return False; towns, provinces,
    regions and facilities the gazetteer knows return True. A name the gazetteer does not know
    counts as a place only when it is a LOC/FAC entity or follows a locative preposition.
    The actor resolver calls this before its alias look-up; a national capital used as the
    subject of a verb ("Tehran denied ...") stands for its government, see
    :func:`capital_country`.

    >>> is_place_mention("Basra", "GPE"), is_place_mention("Iraq", "GPE")
    (True, False)
    >>> is_place_mention("Husaybah", "GPE", preposition="in")
    True
    """
    if ent_label not in PLACE_LABELS and preposition is None:
        return False
    gaz = gazetteer or load_gazetteer()
    clean = _clean(text)
    if gaz.country(clean) is not None:
        return False
    place, _, _, _ = _resolve_span(clean, ent_label if ent_label in PLACE_LABELS else "PROPN",
                                   DocumentFocus(), gaz)
    if place is not None:
        return place.kind != COUNTRY
    located = preposition is not None and preposition.lower() in LOCATIVE_PREPOSITIONS
    return ent_label in ("LOC", "FAC") or located


def capital_country(text: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO alpha-3 code of the country whose capital ``text`` names, else None.

    >>> capital_country("Tehran"), capital_country("Basra")
    ('IRN', None)
    """
    gaz = gazetteer or load_gazetteer()
    place, _, _ = resolve_name(text, None, gaz)
    if place is not None and place.kind == CITY and place.capital:
        return place.country_code
    return None
