"""Score the event coder against PLOVER gold-standard records.

``evaluate(path)`` parses each gold sentence, finds actor mentions, codes events and compares the
sentence's *best* event with the gold record. Rules (also in ``docs/coding.md``):

* **Best event**: ``code_events`` returns each sentence's events in salience order (trigger
  nearest the sentence root first, then the higher intensity); the first one is scored.
* **No event counts as wrong** for event type, polarity and both country scores.
* **PLOVER 0.5 -> 0.8**: gold ``FIGHT`` is scored as ``ASSAULT`` (PLOVER 0.8 folded FIGHT into
  ASSAULT); all other gold names are 0.8 names already.
* **Countries**: gold ``code[:3]`` against our ``actor.country`` (source) and
  ``recipient.country`` (target); codes of international organisations compare as ``IGO``,
  CAMEO's legacy ``JAP``/``ITL`` as ``JPN``/``ITA``. A record whose gold side is empty is left
  out of that score; when gold has a target and we have no recipient it counts as a disagreement.
  Any of several gold actors may match.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultlines.errors import GoldError
from faultlines.types import (
    EVENT_TYPES,
    LEGACY_EVENT_TYPES,
    ActorRef,
    Document,
    Event,
    Mention,
    polarity_of,
)

__all__ = [
    "GoldActor",
    "GoldRecord",
    "Prediction",
    "EvaluationReport",
    "load_gold",
    "evaluate",
    "GOLD_EVENT_MAP",
]

#: Gold category names of earlier PLOVER versions -> the 16 (FIGHT -> ASSAULT, DEMAND -> REQUEST,
#: DISAPPROVE and INVESTIGATE -> ACCUSE).
GOLD_EVENT_MAP: dict[str, str] = {old: new for old, (new, _) in LEGACY_EVENT_TYPES.items()}
_LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "BUL": "BGR", "GMW": "DEU",
                 "UKG": "GBR", "UK": "GBR"}
_IGO_CODES = frozenset({"IGO", "UNO", "NATO", "EU", "EEC", "AFU", "ARL", "ASN", "OPC", "WTO",
                        "IMF", "WBK", "UN", "OSCE", "ICC", "INT"})
_NONE = "NONE"


@dataclass(frozen=True)
class GoldActor:
    """A source or target in a gold record."""

    text: str
    code: str
    sector: str | None = None


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence with its PLOVER 0.8 category (``event``) and the raw 0.5 name."""

    id: str
    text: str
    event: str
    date: dt.date | None = None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()
    event_text: str = ""
    gold_event: str = ""


@dataclass(frozen=True)
class Prediction:
    """The scored outcome for one gold record."""

    record: GoldRecord
    event: Event | None
    event_count: int

    @property
    def event_type(self) -> str:
        return self.event.event_type if self.event else _NONE


def _actor_code(code: str | None) -> str | None:
    if not code:
        return None
    head = code.strip().upper()[:3]
    if code.strip().upper() in _IGO_CODES or head in _IGO_CODES:
        return "IGO"
    return _LEGACY_CODES.get(head, head)


def _our_code(actor: ActorRef | None) -> str | None:
    if actor is None or not actor.country:
        return None
    code = actor.country.strip().upper()
    if code in _IGO_CODES or code[:3] in _IGO_CODES or code.startswith("IGO"):
        return "IGO"
    return _LEGACY_CODES.get(code[:3], code[:3])


@dataclass
class EvaluationReport:
    """Scores of one evaluation run; ``to_text()`` for people, ``to_dict()`` for machines."""

    predictions: list[Prediction]
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.predictions)

    def _share(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def coverage(self) -> float:
        """Share of sentences with at least one coded event."""
        return self._share(sum(p.event is not None for p in self.predictions), self.n)

    @property
    def event_type_accuracy(self) -> float:
        return self._share(sum(p.event_type == p.record.event for p in self.predictions), self.n)

    @property
    def polarity_accuracy(self) -> float:
        return self._share(sum(p.event is not None and p.event.polarity == polarity_of(
            p.record.event) for p in self.predictions), self.n)

    def _country_agreement(self, side: str) -> tuple[float, int]:
        hits = total = 0
        for p in self.predictions:
            gold = p.record.sources if side == "source" else p.record.targets
            codes = {_actor_code(a.code) for a in gold} - {None}
            if not codes:
                continue
            total += 1
            if p.event is None:
                continue
            ours = _our_code(p.event.actor if side == "source" else p.event.recipient)
            hits += ours in codes
        return self._share(hits, total), total

    @property
    def source_agreement(self) -> float:
        return self._country_agreement("source")[0]

    @property
    def target_agreement(self) -> float:
        return self._country_agreement("target")[0]

    def confusion(self) -> dict[str, dict[str, int]]:
        """``{gold: {predicted: count}}``, with ``NONE`` for sentences without an event."""
        table: dict[str, Counter] = {}
        for p in self.predictions:
            table.setdefault(p.record.event, Counter())[p.event_type] += 1
        return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}

    def per_category(self) -> dict[str, dict[str, float]]:
        """Precision, recall, F1 and support for each PLOVER category."""
        out: dict[str, dict[str, float]] = {}
        for cat in EVENT_TYPES:
            tp = sum(p.event_type == cat and p.record.event == cat for p in self.predictions)
            pred = sum(p.event_type == cat for p in self.predictions)
            gold = sum(p.record.event == cat for p in self.predictions)
            if not pred and not gold:
                continue
            precision = self._share(tp, pred)
            recall = self._share(tp, gold)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[cat] = {"precision": precision, "recall": recall, "f1": f1, "support": gold,
                        "predicted": pred}
        return out

    def errors(self) -> list[dict[str, Any]]:
        """Records whose best event has the wrong category (or none)."""
        rows = []
        for p in self.predictions:
            if p.event_type == p.record.event:
                continue
            rows.append({
                "id": p.record.id,
                "sentence": p.record.text,
                "gold": p.record.event,
                "gold_text": p.record.event_text,
                "predicted": p.event_type,
                "trigger": p.event.trigger if p.event else "",
                "actor": p.event.actor.text if p.event else "",
                "recipient": p.event.recipient.text if p.event and p.event.recipient else "",
            })
        return rows

    def summary(self) -> dict[str, float | int]:
        src, n_src = self._country_agreement("source")
        tgt, n_tgt = self._country_agreement("target")
        return {"n": self.n, "coverage": self.coverage,
                "event_type_accuracy": self.event_type_accuracy,
                "polarity_accuracy": self.polarity_accuracy,
                "source_country_agreement": src, "source_scored": n_src,
                "target_country_agreement": tgt, "target_scored": n_tgt}

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"gold": self.source, **self.summary(),
                                "per_category": self.per_category(),
                                "confusion": self.confusion(), **self.extra}
        if errors:
            data["errors"] = self.errors()
        return data

    def to_text(self, *, errors: bool = False) -> str:
        s = self.summary()
        lines = [
            f"gold: {self.source}" if self.source else "gold: (records)",
            f"sentences                {s['n']}",
            f"coverage                 {s['coverage']:.3f}",
            f"event-type accuracy      {s['event_type_accuracy']:.3f}",
            f"polarity accuracy        {s['polarity_accuracy']:.3f}",
            f"source country agreement {s['source_country_agreement']:.3f}"
            f"  (of {s['source_scored']} with a gold source)",
            f"target country agreement {s['target_country_agreement']:.3f}"
            f"  (of {s['target_scored']} with a gold target)",
            "",
            f"{'category':<12} {'prec':>6} {'recall':>6} {'f1':>6} {'gold':>5} {'pred':>5}",
        ]
        for cat, m in self.per_category().items():
            lines.append(f"{cat:<12} {m['precision']:>6.2f} {m['recall']:>6.2f} "
                         f"{m['f1']:>6.2f} {m['support']:>5} {m['predicted']:>5}")
        lines += ["", "confusion (gold -> predicted: count)"]
        for gold, row in self.confusion().items():
            cells = ", ".join(f"{k}:{v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1]))
            lines.append(f"  {gold:<12} {cells}")
        if errors:
            lines += ["", "errors"]
            for row in self.errors():
                lines.append(f"- {row['id']}  gold {row['gold']} ({row['gold_text']})  "
                             f"predicted {row['predicted']} [{row['trigger']}] "
                             f"{row['actor']} -> {row['recipient']}")
                lines.append(f"    {row['sentence']}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- gold input
def _gold_actors(value: Any, where: str, key: str) -> tuple[GoldActor, ...]:
    if value is None or value == "":
        return ()  # the PLOVER gold writes "no target" as null or an empty string
    if not isinstance(value, list):
        raise GoldError(f"{where}: '{key}' must be a list of {{actorText, code}} objects, "
                        f"found {type(value).__name__}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or "code" not in item:
            raise GoldError(f"{where}: {key}[{i}] must be an object with 'actorText' and "
                            f"'code', found {item!r}")
        out.append(GoldActor(text=str(item.get("actorText", "")), code=str(item["code"]),
                             sector=item.get("sector")))
    return tuple(out)


def _gold_record(raw: Any, where: str) -> GoldRecord:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: expected an object, found {type(raw).__name__}")
    for key in ("id", "text", "event"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise GoldError(f"{where}: missing or empty '{key}' (a string is required)")
    where = f"{where} (id {raw['id']})"
    gold_event = raw["event"].strip().upper()
    event = GOLD_EVENT_MAP.get(gold_event, gold_event)
    if event not in EVENT_TYPES:
        raise GoldError(f"{where}: event {raw['event']!r} is not a PLOVER category; expected one "
                        f"of {', '.join(EVENT_TYPES)} (or {', '.join(GOLD_EVENT_MAP)})")
    date = None
    if raw.get("date"):
        try:
            date = dt.date.fromisoformat(str(raw["date"])[:10])
        except ValueError as exc:
            raise GoldError(f"{where}: date {raw['date']!r} is not YYYY-MM-DD") from exc
    return GoldRecord(
        id=raw["id"], text=raw["text"].strip(), event=event, date=date,
        sources=_gold_actors(raw.get("source"), where, "source"),
        targets=_gold_actors(raw.get("target"), where, "target"),
        event_text=str(raw.get("eventText") or ""), gold_event=gold_event,
    )


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read PLOVER gold records from a JSON array or JSONL file.

    Raises
    ------
    GoldError
        When the file cannot be read or a record is malformed; the message names the file and
        the record (index and id) and what is wrong.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    stripped = text.lstrip()
    items: list[tuple[str, Any]] = []
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): "
                            f"{exc.msg}") from exc
        items = [(f"{path}: record {i}", r) for i, r in enumerate(data)]
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((f"{path}:{number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{number}: not a JSON object ({exc.msg}); expected a "
                                f"JSON array of records or one record per line") from exc
    if not items:
        raise GoldError(f"{path}: no gold records found")
    return [_gold_record(raw, where) for where, raw in items]


# ----------------------------------------------------------------------------- running
def _default_finder():
    """The actors stage when available, else a stand-in that uses named entities only."""
    try:
        from faultlines.actors import ActorResolver
    except ImportError:
        return _entity_mentions
    resolver = ActorResolver.default()
    return resolver.find_mentions


def _entity_mentions(doc, document: Document) -> list[Mention]:
    """Stand-in mention finder (named entities, no countries) used before the actors stage."""
    from faultlines.coding.coder import actor_slug

    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    starts = sorted(sent_index)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            continue
        index = max(i for i, s in enumerate(starts) if s <= ent.start)
        ref = ActorRef(text=ent.text, id=actor_slug(ent.text), name=ent.text)
        out.append(Mention(document.id, index, ent.start, ent.end, ent.text, ref))
    return out


def evaluate(path_or_records: str | Path | Sequence[GoldRecord], *, model: str | None = None,
             resolver: Any = None) -> EvaluationReport:
    """Code every gold sentence and score the best event per sentence.

    Parameters
    ----------
    path_or_records : path or sequence of GoldRecord
        A gold file (see ``load_gold``) or records already loaded.
    model : str, optional
        spaCy pipeline name or path (default: the configured model).
    resolver : object with ``find_mentions(doc, document)``, optional
        Defaults to ``faultlines.actors.ActorResolver.default()``.
    """
    from faultlines.coding import code_events
    from faultlines.coding.plover import apply_plover
    from faultlines.nlp import load_pipeline

    if isinstance(path_or_records, (str, Path)):
        records = load_gold(path_or_records)
        source = str(path_or_records)
    else:
        records = list(path_or_records)
        source = ""
    find = resolver.find_mentions if resolver is not None else _default_finder()
    nlp = load_pipeline(model)
    documents = [Document(id=r.id, text=r.text, date=r.date) for r in records]
    predictions = []
    for record, document, doc in zip(records, documents, nlp.pipe(r.text for r in records),
                                     strict=True):
        events = apply_plover(code_events(doc, document, find(doc, document)), doc, document)
        best = _best_event(events)
        predictions.append(Prediction(record=record, event=best, event_count=len(events)))
    return EvaluationReport(predictions=predictions, source=source)


def _best_event(events: Iterable[Event]) -> Event | None:
    """First event of the first sentence that has one (``code_events`` ranks by salience)."""
    events = list(events)
    if not events:
        return None
    first_sentence = min(e.sentence_index for e in events)
    return next(e for e in events if e.sentence_index == first_sentence)
