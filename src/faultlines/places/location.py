"""Where each event happened, as PLOVER's location object.

The order of evidence, most specific first:

1. a place governed by a locative preposition in the event's sentence ("in / at / near /
   outside X"), preferring one attached to the trigger, then the nearest to it;
2. the article's dateline city (where the reporter filed: the event is near it, no closer);
3. the country: the only country the sentence's places lie in, else the country of the
   document's towns and provinces, else its focus country.

A place that resolves nowhere leaves the event without a location; the event itself is never
dropped. Coordinates outside [-90, 90] x [-180, 180] are left out.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from faultlines.coding.records import evolve
from faultlines.nlp.view import ParseView
from faultlines.places.gazetteer import (
    CITY,
    COUNTRY,
    PROVINCE,
    Gazetteer,
    Place,
    load_gazetteer,
)
from faultlines.places.toponyms import (
    LOCATIVE_PREPOSITIONS,
    PLACE_NOUNS,
    DocumentFocus,
    Toponym,
    find_toponyms,
)
from faultlines.types import Document, Event, Location

__all__ = ["RESOLUTIONS", "location_of", "locate_events", "valid_coordinates"]

#: PLOVER's resolution codes.
RESOLUTIONS: dict[int, str] = {5: "sub-city", 4: "city", 3: "district", 2: "province",
                               1: "country"}
#: "in / at / near / outside X": where the event happened, whatever its category.
_STRONG = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                     "within", "off", "through"})
#: "on / into / over X" say where only for events that move or strike ("strikes on Kyiv");
#: "sanctions on Iran" are imposed elsewhere. "to / from X" name a recipient or an origin.
_PHYSICAL = frozenset({"on", "into", "over"})
_PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"})
_SUB_CITY_KM = 12.0


def valid_coordinates(lat: float | None, lon: float | None) -> bool:
    """Both given, finite and on the globe.

    >>> valid_coordinates(33.3, 44.4), valid_coordinates(95.0, 10.0), valid_coordinates(None, 1)
    (True, False, False)
    """
    if lat is None or lon is None:
        return False
    return bool(np.isfinite(lat) and np.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180)


@functools.lru_cache(maxsize=4096)
def _enclosing_city(gazetteer: Gazetteer, entry: int) -> Place | None:
    """A much larger town within a few km: then ``entry`` is a quarter of it (sub-city)."""
    place = gazetteer.place(entry)
    if place.kind != CITY or place.lat is None or place.lon is None:
        return None
    best = None
    for other in gazetteer.near(place.lat, place.lon, _SUB_CITY_KM):
        candidate = gazetteer.place(int(other))
        if candidate.kind == CITY and candidate.population >= max(3 * place.population, 500_000) \
                and candidate.country_code == place.country_code \
                and (best is None or candidate.population > best.population):
            best = candidate
    return best


def location_of(place: Place, extracted: str, *, sub_city: bool = False,
                gazetteer: Gazetteer | None = None) -> Location:
    """A PLOVER location object for a gazetteer entry.

    >>> from faultlines.places import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> location_of(gaz.lookup("Mosul")[0], "Mosul").resolution
    4
    """
    gaz = gazetteer or load_gazetteer()
    lat, lon = (place.lat, place.lon) if valid_coordinates(place.lat, place.lon) else (None, None)
    resolution = place.resolution
    city = place.name if place.kind == CITY else None
    feature_class, feature_code = {
        COUNTRY: ("A", "PCLI"), PROVINCE: ("A", "ADM1"),
        CITY: ("P", "PPLC" if place.capital else "PPL"),
    }[place.kind]
    if place.kind == CITY:
        enclosing = _enclosing_city(gaz, place.index)
        if enclosing is not None:
            city, resolution, feature_code = enclosing.name, 5, "PPLX"
        elif sub_city:
            resolution, feature_class, feature_code = 5, "S", None  # type: ignore[assignment]
    return Location(
        extracted_place=extracted, resolved_place=place.name, geonameid=place.geonameid,
        lat=lat, lon=lon, city=city, district=None,
        province=place.province if place.kind != COUNTRY else None, country=place.country,
        country_code=place.country_code, feature_class=feature_class, feature_code=feature_code,
        resolution=resolution)


def _preposition(doc, toponym: Toponym):  # noqa: ANN001, ANN202 - spaCy objects
    """The locative preposition governing a toponym ("in" of "in the city of Mosul"), or None."""
    tok = doc[toponym.start:toponym.end].root
    for _ in range(4):
        if tok.dep_ == "appos" or (tok.dep_ in ("compound", "conj") and tok.head.i != tok.i):
            tok = tok.head
            continue
        if tok.dep_ == "pobj":
            prep = tok.head
            if prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS:
                tok = prep.head
                continue
            if prep.lower_ in LOCATIVE_PREPOSITIONS:
                return prep
            if prep.lower_ == "of" and prep.head.lower_ == "outside":
                return prep.head
        return None
    return None


def _trigger_token(sent, event: Event, view: ParseView | None = None):  # noqa: ANN001, ANN202
    words = event.trigger.lower().split()
    if words and view is not None:  # the same test on the view's columns: no Token per word
        lower, lemma, first = view.lower, view.lemma, words[0]
        for i in range(sent.start, sent.end):
            if lower[i] == first or lemma[i].lower() == first:
                return view.tokens[i]
    elif words:
        for tok in sent:
            if tok.lower_ == words[0] or tok.lemma_.lower() == words[0]:
                return tok
    return sent.root


def _attached(prep, trigger) -> bool:  # noqa: ANN001
    head = prep.head
    for _ in range(6):
        if head.i == trigger.i:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _object_of(doc, toponym: Toponym, trigger) -> bool:  # noqa: ANN001
    """"seized Goma", "attacked the town of Pemba": the place is what the trigger acted on."""
    tok = doc[toponym.start:toponym.end].root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in PLACE_NOUNS:
        tok = tok.head.head
    return tok.dep_ in ("dobj", "obj") and tok.head.i == trigger.i


def _from_sentence(doc, sent, event: Event, toponyms: Sequence[Toponym],  # noqa: ANN001
                   view: ParseView | None = None) -> Toponym | None:
    if not toponyms:
        return None  # nothing to rank: the trigger need not be found
    trigger = _trigger_token(sent, event, view)
    physical = event.event_type in _PHYSICAL_TYPES
    ranked = []
    for top in toponyms:
        if top.place is None:
            continue
        prep = _preposition(doc, top)
        if prep is not None and prep.lower_ in _STRONG:
            tier = 0
        elif prep is not None and prep.lower_ in _PHYSICAL and physical:
            tier = 1
        elif physical and _object_of(doc, top, trigger):
            tier = 1
        else:
            continue
        attached = prep is not None and _attached(prep, trigger)
        ranked.append((tier, not attached,
                       -top.place.resolution if top.place.kind != COUNTRY else 0,
                       abs(top.start - trigger.i), top))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[:4])
    best = ranked[0][4]
    # "in Mosul, Iraq" and "in Iraq's Anbar province": keep the most specific place.
    for *_, top in ranked[1:]:
        if top.place is None or best.place is None:
            continue
        if abs(top.start - best.start) <= 4 and top.place.resolution > best.place.resolution \
                and top.place.country_code == best.place.country_code:
            best = top
    return best


def _ground_country(toponyms: Sequence[Toponym], focus: DocumentFocus) -> str | None:
    """The country the document's towns and provinces lie in (actors name countries often;
    places on the ground say where the story is), else its first focus country."""
    counts = Counter(t.place.country_code for t in toponyms
                     if t.place is not None and t.place.kind != COUNTRY and not t.ambiguous)
    if counts:
        return counts.most_common(1)[0][0]
    return focus.countries[0] if focus.countries else None


def _country_fallback(sentence_toponyms: Sequence[Toponym], ground: str | None,
                      gaz: Gazetteer) -> Location | None:
    codes = {t.place.country_code for t in sentence_toponyms if t.place is not None}
    code = next(iter(codes)) if len(codes) == 1 else ground
    if code is None:
        return None
    country = gaz.country_of_code(code)
    if country is None:
        return None
    named = next((t.text for t in sentence_toponyms if t.place is not None
                  and t.place.kind == COUNTRY and t.place.country_code == code), country.name)
    return location_of(country, named, gazetteer=gaz)


def locate_events(doc, document: Document | None, events: Iterable[Event],  # noqa: ANN001
                  gazetteer: Gazetteer | None = None,
                  toponyms: tuple[list[Toponym], DocumentFocus] | None = None, *,
                  view: ParseView | None = None) -> tuple[Event, ...]:
    """The events with ``location`` set where the document says (or implies) where.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parse the events were coded from (``sentence_index`` counts ``doc.sents``).
    document : Document, optional
        Its source: the outlet's name is focus evidence.
    events : iterable of Event
        Returned in the same order; an event with no resolvable place keeps ``location=None``.
    view : ParseView, optional
        The document's shared parse view (the pipeline's), read instead of the ``Doc`` again.
    """
    events = tuple(events)
    if not events:
        return events
    gaz = gazetteer or load_gazetteer()
    view = view if view is not None else ParseView.of(doc)
    found, focus = toponyms if toponyms is not None else find_toponyms(doc, document, gaz,
                                                                       view=view)
    sentences = view.sentences
    by_sentence: dict[int, list[Toponym]] = {}
    for top in found:
        by_sentence.setdefault(top.sentence_index, []).append(top)
    ground = _ground_country(found, focus)
    located = []
    for event in events:
        location = None
        if 0 <= event.sentence_index < len(sentences):
            here = by_sentence.get(event.sentence_index, [])
            start, end = sentences[event.sentence_index]
            best = _from_sentence(doc, doc[start:end], event, here, view)
            if best is not None and best.place is not None:
                location = location_of(best.place, best.text, sub_city=best.sub_city,
                                       gazetteer=gaz)
            elif focus.dateline is not None:
                location = location_of(focus.dateline, focus.dateline_text or "", gazetteer=gaz)
            else:
                location = _country_fallback(here, ground, gaz)
        located.append(evolve(event, location=location) if location else event)
    return tuple(located)
