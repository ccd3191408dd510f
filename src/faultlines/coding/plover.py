"""PLOVER's supplementary fields for coded events: mode, contexts, auxiliary mode and scale.

The coder decides *what* happened (the category) and between whom; this module adds PLOVER's
*how* and *why* after the fact, from tables in ``coding/data/``:

* ``mode`` (``plover_modes.tsv``): the first table row of the event's category whose cue is
  among the trigger's words, else among the rest of the sentence (the trigger's arguments:
  *airstrike*, *suicide bomber*, *tear gas*); ``None`` when nothing fits. ACCUSE, which always
  has one of its three modes, falls back to ``disapprove``.
* ``contexts`` (``plover_contexts.tsv``): contexts whose cues are in the sentence, or in at least
  two sentences of the document, plus those a mode or a sector implies (COERCE ``cyber`` adds
  ``cyber``, a MIL actor adds ``military``).
* ``aux_mode``: ``negation``, ``hypothetical``, ``future`` or ``historical`` from the coder's
  modality and the clause's tense; ``None`` for a plain report of the present or recent past.
* ``event_scale`` (``plover_scale.tsv``): PLOVER's -10..+10 score of the category and mode.

``apply_plover`` is called once per document by the pipeline, after ``code_events``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from faultlines.coding.records import evolve
from faultlines.errors import DictionaryError
from faultlines.types import EVENT_TYPES, Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Token

    from faultlines.nlp.view import ParseView

__all__ = [
    "ACCUSE_FALLBACK_MODE",
    "AUX_MODES",
    "CONTEXTS",
    "MODES",
    "PloverTables",
    "apply_plover",
    "assign_plover",
    "aux_mode_of",
    "document_contexts",
    "event_scale_of",
    "load_tables",
    "mode_of",
]

#: PLOVER's auxiliary modes, most decisive first.
AUX_MODES: tuple[str, ...] = ("negation", "hypothetical", "future", "historical")

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_WORDS = ("next week", "next month", "next year", "tomorrow", "later this year",
                 "later this month", "in the coming")
# Verbs whose "to"-complement is a later act ("is going to meet", "plans to visit").
_FUTURE_HEADS = frozenset({"go", "plan", "expect", "due", "set", "intend", "schedule"})
_HISTORICAL_WORDS = ("years ago", "decades ago", "a decade ago", "centuries ago", "in the past",
                     "during the war", "at the time", "back in", "historically", "in the 19",
                     "in the 18", "during the cold war", "colonial")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Contexts the manual says a mode adds; sectors that name a context.
_MODE_CONTEXTS: dict[tuple[str, str | None], str] = {
    ("COERCE", "cyber"): "cyber", ("COERCE", "misinformation"): "misinformation",
    ("ASSAULT", "unconventional"): "cbrn"}
# Sector codes as the manual's "Sector Codes" table defines them.
_SECTOR_CONTEXTS = {"MIL": "military", "CRM": "crime", "SPY": "intelligence",
                    "LEG": "legislative", "JUD": "legal", "REF": "migration", "MED": "health",
                    "REL": "religion_ethnicity"}
# Sectors of non-state parties: an act between them and a state is no diplomacy.
_NON_STATE = frozenset({"REB", "CRM", "CVL", "UAF", "UNK", "OPP", "BUS", "LAB", "EDU", "JRN"})
# Categories where two states dealing with each other is diplomacy (verbal acts, sanctions).
_DIPLOMATIC = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE",
                         "REJECT", "THREATEN", "SANCTION"})
# "crime" is left out when one of these more specific crime contexts is there (PLOVER's rule).
_SPECIFIC_CRIME = frozenset({"corruption", "illegal_drugs", "trafficking"})


@dataclass(frozen=True)
class PloverTables:
    """The three tables, parsed: cues are tuples of lower-case words."""

    modes: dict[str, tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]]
    contexts: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    scale: dict[tuple[str, str | None], float]


def _rows(name: str) -> Iterable[tuple[int, list[str]]]:
    text = (resources.files("faultlines.coding") / "data" / name).read_text("utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def _cues(field: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.strip().lower().split()) for c in field.split("|") if c.strip())


@lru_cache(maxsize=1)
def load_tables() -> PloverTables:
    """Read ``plover_modes.tsv``, ``plover_contexts.tsv`` and ``plover_scale.tsv`` once.

    >>> load_tables().scale[("ASSAULT", "aerial")]
    -9.5
    """
    modes: dict[str, list[tuple[str, tuple[tuple[str, ...], ...]]]] = {}
    for number, cells in _rows("plover_modes.tsv"):
        if len(cells) != 3 or cells[0] not in EVENT_TYPES:
            raise DictionaryError(
                f"plover_modes.tsv:{number}: expected 'CATEGORY<TAB>mode<TAB>cue|cue' with a "
                f"category of {', '.join(EVENT_TYPES)}, found {cells!r}")
        modes.setdefault(cells[0], []).append((cells[1], _cues(cells[2])))
    contexts = []
    for number, cells in _rows("plover_contexts.tsv"):
        if len(cells) != 2:
            raise DictionaryError(f"plover_contexts.tsv:{number}: expected 'context<TAB>cues', "
                                  f"found {cells!r}")
        contexts.append((cells[0], _cues(cells[1])))
    scale: dict[tuple[str, str | None], float] = {}
    for number, cells in _rows("plover_scale.tsv"):
        try:
            category, mode, score = cells
            scale[(category, None if mode == "-" else mode)] = float(score)
        except ValueError as exc:
            raise DictionaryError(f"plover_scale.tsv:{number}: expected 'CATEGORY<TAB>mode<TAB>"
                                  f"score', found {cells!r}") from exc
    return PloverTables({k: tuple(v) for k, v in modes.items()}, tuple(contexts), scale)


#: ACCUSE's mode when neither ``investigate`` nor ``allege`` fits (the manual gives ACCUSE no
#: event without one of its three modes).
ACCUSE_FALLBACK_MODE = "disapprove"
#: Mode names per category, in table order (ACCUSE's fallback last): every mode ``mode_of``
#: can return.
MODES: dict[str, tuple[str, ...]] = {
    category: tuple(dict.fromkeys([mode for mode, _ in rows]
                                  + ([ACCUSE_FALLBACK_MODE] if category == "ACCUSE" else [])))
    for category, rows in load_tables().modes.items()}
#: PLOVER's 37 context names, in the manual's order.
CONTEXTS: tuple[str, ...] = tuple(name for name, _ in load_tables().contexts)


# ----------------------------------------------------------------------------- matching
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


@lru_cache(maxsize=8192)
def _trigger_words(trigger: str) -> tuple[str, ...]:
    """:func:`_words` of an event's trigger (each event asks three times; triggers recur)."""
    return _words(trigger)


def _singular(word: str) -> str:
    """A crude singular for text without a parse ("warplanes" -> "warplane")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Every cue of the mode and context tables, by its first word."""
    tables = load_tables()
    rows = [cues for _, cues in tables.contexts]
    rows += [cues for category in tables.modes.values() for _, cues in category]
    index: dict[str, dict[tuple[str, ...], None]] = {}
    for cues in rows:
        for cue in cues:
            if cue:
                index.setdefault(cue[0], {})[cue] = None
    return {word: tuple(cues) for word, cues in index.items()}


def _present(views: _Views) -> frozenset[tuple[str, ...]]:
    """The table cues that occur, as a contiguous run, in any of ``views``: one dictionary
    look-up per word instead of one scan per cue.

    >>> sorted(_present((("an", "air", "strike", "by", "a", "jet"),)))
    [('air', 'strike'), ('jet',), ('strike',)]
    """
    index = _cue_index()
    found: set[tuple[str, ...]] = set()
    for words in views:
        for i, word in enumerate(words):
            for cue in index.get(word, ()):
                if len(cue) == 1 or tuple(words[i:i + len(cue)]) == cue:
                    found.add(cue)
    return frozenset(found)


_ModeRows = tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
_Views = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Read:
    """One sentence as the cue matchers read it, built once for all of its events.

    ``lower`` and ``lemma`` hold every token (punctuation included, lemmas lower-cased) and
    ``views`` the same without punctuation; for a sentence given as text, ``tokens`` is empty,
    ``lower`` its words and ``lemma`` their crude singulars. ``present`` is
    ``_present(views)``, found once for the sentence's contexts and all of its events' modes.
    """

    tokens: Sequence[Token]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    views: _Views
    text: str
    hits: tuple[str, ...]
    present: frozenset[tuple[str, ...]]

    @cached_property
    def plain(self) -> str:
        """The sentence's words joined by spaces (read only for a sentence with an event)."""
        return " ".join(_words(self.text))


def _make_read(text: str, tokens: Sequence[Token], lower: tuple[str, ...],
               lemma: tuple[str, ...], punct: Sequence[bool]) -> _Read:
    views = (tuple([w for w, p in zip(lower, punct, strict=True) if not p]),
             tuple([w for w, p in zip(lemma, punct, strict=True) if not p]))
    present = _present(views)
    return _Read(tokens, lower, lemma, views, text,
                 tuple(_present_contexts(present)), present)


def _read(sentence: Any) -> _Read:
    """A spaCy span, or a sentence's text, read for matching."""
    if isinstance(sentence, str):
        words = _words(sentence)
        return _make_read(sentence, (), words, tuple(_singular(w) for w in words),
                          (False,) * len(words))
    tokens = tuple(sentence)
    return _make_read(sentence.text, tokens, tuple(t.lower_ for t in tokens),
                      tuple(t.lemma_.lower() for t in tokens), [t.is_punct for t in tokens])


def _reads(view: ParseView) -> list[_Read]:
    """Every sentence of a parsed document, read from the shared :class:`ParseView` arrays."""
    lower, punct = view.lower, view.is_punct
    lemma = [w.lower() for w in view.lemma]
    return [_make_read(view.span_text(start, end), view.tokens[start:end],
                       lower[start:end], tuple(lemma[start:end]), punct[start:end])
            for start, end in view.sentences]


def _first_match(rows: _ModeRows, views: _Views) -> str | None:
    return _first_present(rows, _present(views))


def _first_present(rows: _ModeRows, present: frozenset[tuple[str, ...]]) -> str | None:
    for mode, cues in rows:
        if any(cue in present for cue in cues):
            return mode
    return None


def _trigger_views(event: Event, read: _Read) -> tuple[tuple[str, ...], ...]:
    words = _trigger_words(event.trigger)
    if not read.tokens or not words:
        return (words, tuple(_singular(w) for w in words))
    wanted = set(words)
    pairs = zip(read.lower, read.lemma, strict=True)
    return (words, tuple(lemma for low, lemma in pairs if low in wanted))


def mode_of(event: Event, sentence: Any) -> str | None:
    """PLOVER mode of ``event``: from its trigger first, then from the rest of its sentence.

    ``sentence`` is the event's spaCy sentence span, or its text.

    >>> from faultlines.types import ActorRef
    >>> us = ActorRef("US", "USA", "United States")
    >>> e = Event("d", 0, "US warplanes bombed the depot.", None, "ASSAULT", us, None, -1, 8.5,
    ...           trigger="bombed")
    >>> mode_of(e, e.sentence)
    'aerial'
    """
    return _mode(event, _read(sentence))


def _mode(event: Event, read: _Read) -> str | None:
    rows = load_tables().modes.get(event.event_type, ())
    found = _first_match(rows, _trigger_views(event, read))
    if found is None and event.event_type != "ACCUSE":
        found = _first_present(rows, read.present)
    if found is None and event.event_type == "ACCUSE":
        found = ACCUSE_FALLBACK_MODE
    return found


@lru_cache(maxsize=1)
def _context_rows() -> dict[tuple[str, ...], tuple[int, ...]]:
    """Each context cue and the rows of the context table it belongs to."""
    rows: dict[tuple[str, ...], list[int]] = {}
    for number, (_, cues) in enumerate(load_tables().contexts):
        for cue in cues:
            rows.setdefault(cue, []).append(number)
    return {cue: tuple(numbers) for cue, numbers in rows.items()}


def _present_contexts(present: frozenset[tuple[str, ...]]) -> list[str]:
    """The context table's names (in table order) with a cue in ``present``."""
    by_cue = _context_rows()
    rows = {number for cue in present for number in by_cue.get(cue, ())}
    contexts = load_tables().contexts
    return [contexts[number][0] for number in sorted(rows)]


def document_contexts(sentences: Iterable[Any]) -> frozenset[str]:
    """Contexts whose cues occur in at least two sentences of a document."""
    return _in_two([_read(sentence).hits for sentence in sentences])


def _in_two(hits: Iterable[Iterable[str]]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for names in hits:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, n in counts.items() if n >= 2)


def _contexts(event: Event, mode: str | None, read: _Read,
              in_document: frozenset[str]) -> tuple[str, ...]:
    found = set(read.hits) | in_document
    if (event.event_type, mode) in _MODE_CONTEXTS:
        found.add(_MODE_CONTEXTS[(event.event_type, mode)])
    for ref in (event.actor, event.recipient):
        if ref is not None and ref.sector in _SECTOR_CONTEXTS:
            found.add(_SECTOR_CONTEXTS[ref.sector])
    if _between_states(event):
        found.add("diplomatic")
    if found & _SPECIFIC_CRIME and "cyber" not in found:
        found.discard("crime")
    return tuple(name for name in CONTEXTS if name in found)


def _between_states(event: Event) -> bool:
    """A verbal act or sanction between parties of two different countries, neither of them
    a non-state group."""
    a, b = event.actor, event.recipient
    return (event.event_type in _DIPLOMATIC and b is not None and bool(a.country)
            and bool(b.country) and a.country != b.country
            and a.sector not in _NON_STATE and b.sector not in _NON_STATE)


def _trigger_token(event: Event, read: _Read) -> Token | None:
    words = _trigger_words(event.trigger)
    if not read.tokens or not words:
        return None
    last = words[-1]
    return next((t for t, low in zip(read.tokens, read.lower, strict=True) if low == last), None)


def _is_future(event: Event, read: _Read) -> bool:
    text = " ".join(_trigger_words(event.trigger))
    if any(w in _FUTURE_AUX for w in text.split()):
        return True
    token = _trigger_token(event, read)
    chain: list[Token] = []
    while token is not None and len(chain) < 4:
        chain.append(token)
        if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head is token:
            break
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _FUTURE_HEADS:
            return True
        token = token.head
    if any(c.lower_ in _FUTURE_AUX for t in chain for c in t.children if c.dep_ == "aux"):
        return True
    return any(w in read.plain for w in _FUTURE_WORDS)


def _is_historical(plain: str, date: dt.date | None) -> bool:
    if any(w in plain for w in _HISTORICAL_WORDS):
        return True
    if date is not None:
        return any(int(y) < date.year - 1 for y in _YEAR.findall(plain))
    return False


def aux_mode_of(event: Event, sentence: Any, date: dt.date | None = None) -> str | None:
    """PLOVER auxiliary mode from the coder's modality and the clause's tense.

    >>> from faultlines.types import ActorRef
    >>> us = ActorRef("US", "USA", "United States")
    >>> e = Event("d", 0, "The US did not attack.", None, "ASSAULT", us, None, -1, 8.5,
    ...           modality="negated", trigger="attack")
    >>> aux_mode_of(e, e.sentence)
    'negation'
    """
    return _aux_mode(event, _read(sentence), date)


def _aux_mode(event: Event, read: _Read, date: dt.date | None) -> str | None:
    if event.modality == "negated":
        return "negation"
    if event.modality == "hypothetical":
        return "hypothetical"
    if _is_future(event, read):
        return "future"
    if _is_historical(read.plain, date or event.date):
        return "historical"
    return None


def event_scale_of(event_type: str, mode: str | None) -> float:
    """PLOVER's conflict/cooperation score of a category and mode (-10..+10).

    >>> event_scale_of("PROTEST", "riot"), event_scale_of("PROTEST", None)
    (-7.0, -5.0)
    """
    scale = load_tables().scale
    return scale.get((event_type, mode), scale[(event_type, None)])


# ----------------------------------------------------------------------------- assigning
def _sentence_of(doc: Any, event: Event) -> Any:
    if doc is None:
        return event.sentence
    for index, sent in enumerate(doc.sents):
        if index == event.sentence_index:
            return sent
    return event.sentence


def assign_plover(event: Event, doc: Any, document: Document | None = None, *,
                  in_document: frozenset[str] = frozenset(), sentence: Any = None) -> Event:
    """``event`` with ``mode``, ``contexts``, ``aux_mode`` and ``event_scale`` set.

    Parameters
    ----------
    event
        A coded event (its category, trigger, modality and participants are read).
    doc
        The parsed document (a spaCy ``Doc``) the event was coded from, or ``None`` to work
        from ``event.sentence`` alone (surface words, no lemmas or parse).
    document
        The document (its date dates "historical" mentions of years).
    in_document
        Document-level contexts (:func:`document_contexts`); :func:`apply_plover` computes them
        once per document.
    sentence
        The event's sentence span, when the caller has it.
    """
    if sentence is None:
        sentence = _sentence_of(doc, event)
    return _assign(event, _read(sentence), document, in_document)


def _assign(event: Event, read: _Read, document: Document | None,
            in_document: frozenset[str]) -> Event:
    mode = _mode(event, read)
    return evolve(
        event, mode=mode, contexts=_contexts(event, mode, read, in_document),
        aux_mode=_aux_mode(event, read, document.date if document else None),
        event_scale=event_scale_of(event.event_type, mode))


def apply_plover(events: Iterable[Event], doc: Any, document: Document | None = None, *,
                 view: ParseView | None = None) -> list[Event]:
    """:func:`assign_plover` for every event of one document (document contexts shared).

    ``view`` is the document's shared :class:`~faultlines.nlp.view.ParseView` when the caller
    has one (the pipeline does): each sentence is then read once, from its arrays.
    """
    events = list(events)
    if not events:
        return events
    if doc is None:
        sentences = [e.sentence for e in events]
        shared = document_contexts(sentences)
        return [assign_plover(e, doc, document, in_document=shared) for e in events]
    if view is None:
        from faultlines.nlp.view import ParseView

        view = ParseView.of(doc)
    reads = _reads(view)  # each sentence read once, for the document's contexts and its events
    shared = _in_two(read.hits for read in reads)
    return [_assign(event, reads[event.sentence_index], document, shared)
            if 0 <= event.sentence_index < len(reads)
            else assign_plover(event, doc, document, in_document=shared) for event in events]
