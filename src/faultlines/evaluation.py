"""Score the event coder against gold of any PLOVER version, in PLOVER's 16 categories.

``evaluate(path)`` reads a gold file, parses each gold sentence, finds actor mentions, codes
events (with PLOVER's mode and contexts, :mod:`faultlines.coding.plover`) and compares one event
per gold record with it. Three gold formats are read (``load_gold`` tells them apart):

* **PLOVER gold records** (``id``, ``text``, ``event``, ``source``/``target`` lists, ``mode``,
  ``context``), any version: 0.5-0.7 names map to the 16 (FIGHT -> ASSAULT, DEMAND -> REQUEST,
  DISAPPROVE and INVESTIGATE -> ACCUSE), 0.5b1 modes and contexts to today's names
  (:data:`GOLD_MODE_MAP`, :data:`GOLD_CONTEXT_MAP`).
* **PLV pairs** (``text``, ``source``, ``target``, ``root``, ``penta``): PLOVER 0.8+ roots, where
  YIELD is CONCEDE or RETREAT (either counts as right).
* **CAMEO quads and spans** (``{"quads": [...], "spans": [...]}``): ``label`` 0 (a statement or
  appeal: right only when nothing is coded) or the quad 1-4; spans give source/target texts.

Rules (also in ``docs/coding.md``):

* **Scored event**: when gold names who did it to whom by text (PLV, CAMEO spans), the first
  event whose actor and recipient texts overlap the gold pair (either direction); otherwise the
  *best* event: ``code_events`` ranks each sentence's events by salience, the first is scored.
* **No event counts as wrong** for event type, polarity, quad, mode and the country scores.
* **Countries**: gold ``code[:3]`` against our ``actor.country`` (source) and
  ``recipient.country`` (target); codes of international organisations compare as ``IGO``,
  CAMEO's legacy ``JAP``/``ITL`` as ``JPN``/``ITA``. A record whose gold side is empty is left
  out of that score; when gold has a target and we have no recipient it counts as a disagreement.
  Any of several gold actors may match.
* **Mode** is scored on records whose gold mode has a name in the 16's modes of the gold
  category; **context** on records with gold contexts (agreement: at least one gold context among
  ours; precision and recall over all context labels).
* **Malformed actor fields** (a string where a list of actors is expected) are read as no actor,
  counted and named in :attr:`EvaluationReport.warnings`; they never stop the evaluation.
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
    QUAD_CODES,
    ActorRef,
    Document,
    Event,
    Mention,
    polarity_of,
    quad_of,
)

__all__ = [
    "GoldActor",
    "GoldRecord",
    "Prediction",
    "EvaluationReport",
    "load_gold",
    "load_gold_file",
    "evaluate",
    "evaluate_many",
    "gold_files",
    "GOLD_EVENT_MAP",
    "GOLD_MODE_MAP",
    "GOLD_CONTEXT_MAP",
]

#: Gold category names of earlier PLOVER versions -> the 16 (FIGHT -> ASSAULT, DEMAND -> REQUEST,
#: DISAPPROVE and INVESTIGATE -> ACCUSE).
GOLD_EVENT_MAP: dict[str, str] = {old: new for old, (new, _) in LEGACY_EVENT_TYPES.items()}
#: PLV's YIELD root (PLOVER 0.8's verbal and material yielding): either of our two counts.
YIELD = "YIELD"
_ACCEPTS = {YIELD: frozenset({"CONCEDE", "RETREAT"})}
#: PLOVER 0.5b1 mode names -> the names of the 16's modes (None: no mode in the 16).
GOLD_MODE_MAP: dict[str, str | None] = {
    "strike-hun": "hunger", "host": "visit", "demo-org": "demo", "demo-spon": "demo",
    "riot-spon": "riot", "riot-org": "riot", "confiscate": "seize", "detain": "arrest",
    "assassinate": "targeted", "other": None, "curfew": "curfew", "martial-law": "martial-law",
}
# Old category names that fix the mode in the 16. DISAPPROVE does not: in 0.5-0.7 it also held
# accusations, which the 16 give ACCUSE's "allege" mode.
_IMPLIED_MODES = {"INVESTIGATE": "investigate"}
# THREATEN's curfews and states of emergency are its "restrict" mode in the 16.
_THREATEN_MODES = {"curfew": "restrict", "martial-law": "restrict"}
#: PLOVER 0.5b1 context names -> today's context names.
GOLD_CONTEXT_MAP: dict[str, str] = {
    "political": "political_institutions", "government": "executive", "refugee": "migration",
    "refugees": "migration", "resource": "natural_resource", "resources": "natural_resource",
    "rights": "rights_freedoms", "discrimination": "religion_ethnicity", "assets": "economic",
}
_LEGACY_CODES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "BUL": "BGR", "GMW": "DEU",
                 "UKG": "GBR", "UK": "GBR"}
_IGO_CODES = frozenset({"IGO", "UNO", "NATO", "EU", "EEC", "AFU", "ARL", "ASN", "OPC", "WTO",
                        "IMF", "WBK", "UN", "OSCE", "ICC", "INT"})
_NONE = "NONE"


@dataclass(frozen=True)
class GoldActor:
    """A source or target in a gold record (``code`` is empty when gold gives only text)."""

    text: str
    code: str
    sector: str | None = None


@dataclass(frozen=True)
class GoldRecord:
    """One gold sentence, with what its gold says in the 16 (anything it does not say is None).

    ``event`` is a category of the 16 (or ``YIELD``), ``None`` when gold gives only a quad;
    ``quad`` is 1-4, or 0 when gold says no event should be coded.
    """

    id: str
    text: str
    event: str | None
    date: dt.date | None = None
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()
    event_text: str = ""
    gold_event: str = ""
    quad: int | None = None
    mode: str | None = None
    contexts: tuple[str, ...] = ()

    @property
    def accepts(self) -> frozenset[str]:
        """Our categories that count as right for this record."""
        if self.event is None:
            return frozenset()
        return _ACCEPTS.get(self.event, frozenset({self.event}))

    @property
    def by_text(self) -> bool:
        """Gold names its pair by text only (PLV, CAMEO spans)."""
        actors = (*self.sources, *self.targets)
        return bool(actors) and not any(a.code for a in actors)


@dataclass(frozen=True)
class Prediction:
    """The scored outcome for one gold record."""

    record: GoldRecord
    event: Event | None
    event_count: int
    pair_found: bool | None = None  # for records whose gold pair is given by text

    @property
    def event_type(self) -> str:
        return self.event.event_type if self.event else _NONE

    @property
    def right(self) -> bool:
        return self.event_type in self.record.accepts


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


def _gold_polarity(event: str) -> int:
    return 1 if event == YIELD else polarity_of(event)


def _our_quad(event: Event | None) -> int:
    return QUAD_CODES[event.quad] if event is not None else 0


@dataclass
class EvaluationReport:
    """Scores of one evaluation run; ``to_text()`` for people, ``to_dict()`` for machines."""

    predictions: list[Prediction]
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: Malformed records read anyway, one line each naming file, record and what was wrong.
    warnings: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.predictions)

    def _share(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0

    def _typed(self) -> list[Prediction]:
        return [p for p in self.predictions if p.record.event is not None]

    @property
    def coverage(self) -> float:
        """Share of sentences with at least one coded event."""
        return self._share(sum(p.event is not None for p in self.predictions), self.n)

    @property
    def event_type_accuracy(self) -> float:
        typed = self._typed()
        return self._share(sum(p.right for p in typed), len(typed))

    @property
    def polarity_accuracy(self) -> float:
        typed = self._typed()
        return self._share(sum(p.event is not None and p.event.polarity == _gold_polarity(
            p.record.event) for p in typed), len(typed))  # type: ignore[arg-type]

    def quad_agreement(self) -> tuple[float, int]:
        """Share of records whose quad (0 = no event) we match, and how many gold gives."""
        scored = [p for p in self.predictions if p.record.quad is not None]
        return self._share(sum(_our_quad(p.event) == p.record.quad for p in scored),
                           len(scored)), len(scored)

    def statements_uncoded(self) -> tuple[float, int]:
        """Of the records gold says hold no event (quad 0), the share left uncoded."""
        scored = [p for p in self.predictions if p.record.quad == 0]
        return self._share(sum(p.event is None for p in scored), len(scored)), len(scored)

    def pair_agreement(self) -> tuple[float, int]:
        """Of records with a gold pair by text, the share where an event links that pair."""
        scored = [p for p in self.predictions if p.pair_found is not None]
        return self._share(sum(bool(p.pair_found) for p in scored), len(scored)), len(scored)

    def mode_agreement(self) -> dict[str, float | int]:
        """Mode agreement where gold has a mode: over all such records, and over those whose
        category we got right."""
        scored = [p for p in self.predictions if p.record.mode is not None]
        right = [p for p in scored if p.right]
        same = sum(p.event is not None and p.event.mode == p.record.mode for p in scored)
        return {"mode_agreement": self._share(same, len(scored)), "mode_scored": len(scored),
                "mode_agreement_right_category": self._share(same, len(right)),
                "mode_scored_right_category": len(right)}

    def context_agreement(self) -> dict[str, float | int]:
        """Context scores where gold has contexts: any-overlap agreement, micro P/R."""
        scored = [p for p in self.predictions if p.record.contexts]
        overlap = tp = predicted = gold = 0
        for p in scored:
            ours = set(p.event.contexts) if p.event is not None else set()
            theirs = set(p.record.contexts)
            overlap += bool(ours & theirs)
            tp += len(ours & theirs)
            predicted += len(ours)
            gold += len(theirs)
        return {"context_agreement": self._share(overlap, len(scored)),
                "context_precision": self._share(tp, predicted),
                "context_recall": self._share(tp, gold), "context_scored": len(scored)}

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
        for p in self._typed():
            table.setdefault(p.record.event or "NONE", Counter())[p.event_type] += 1
        return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}

    def per_category(self) -> dict[str, dict[str, float]]:
        """Precision, recall, F1 and support for each PLOVER category (and PLV's YIELD)."""
        out: dict[str, dict[str, float]] = {}
        typed = self._typed()
        golds = {p.record.event for p in typed}
        for cat in (*EVENT_TYPES, YIELD):
            members = _ACCEPTS.get(cat, frozenset({cat}))
            if cat not in golds and (cat == YIELD or (YIELD in golds and cat in _ACCEPTS[YIELD])):
                continue  # PLV scores CONCEDE and RETREAT together, as YIELD
            tp = sum(p.event_type in members and p.record.event == cat for p in typed)
            pred = sum(p.event_type in members for p in typed)
            gold = sum(p.record.event == cat for p in typed)
            if not pred and not gold:
                continue
            precision = self._share(tp, pred)
            recall = self._share(tp, gold)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[cat] = {"precision": precision, "recall": recall, "f1": f1, "support": gold,
                        "predicted": pred}
        return out

    def errors(self) -> list[dict[str, Any]]:
        """Records whose scored event has the wrong category (or none)."""
        rows = []
        for p in self._typed():
            if p.right:
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
        quad, n_quad = self.quad_agreement()
        uncoded, n_statements = self.statements_uncoded()
        pair, n_pair = self.pair_agreement()
        return {"n": self.n, "coverage": self.coverage,
                "event_type_accuracy": self.event_type_accuracy,
                "polarity_accuracy": self.polarity_accuracy,
                "event_type_scored": len(self._typed()),
                "quad_agreement": quad, "quad_scored": n_quad,
                "statements_uncoded": uncoded, "statements_scored": n_statements,
                "pair_found": pair, "pair_scored": n_pair,
                "source_country_agreement": src, "source_scored": n_src,
                "target_country_agreement": tgt, "target_scored": n_tgt,
                **self.mode_agreement(), **self.context_agreement(),
                "malformed_records": len(self.warnings)}

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"gold": self.source, **self.summary(),
                                "per_category": self.per_category(),
                                "confusion": self.confusion(), "warnings": list(self.warnings),
                                **self.extra}
        if errors:
            data["errors"] = self.errors()
        return data

    def to_text(self, *, errors: bool = False) -> str:
        s = self.summary()
        lines = [
            f"gold: {self.source}" if self.source else "gold: (records)",
            f"sentences                {s['n']}",
            f"coverage                 {s['coverage']:.3f}",
        ]
        if s["event_type_scored"]:
            lines += [f"event-type accuracy      {s['event_type_accuracy']:.3f}"
                      f"  (of {s['event_type_scored']}, in PLOVER's 16)",
                      f"polarity accuracy        {s['polarity_accuracy']:.3f}"]
        rows = [("quad agreement", "quad_agreement", "quad_scored", "with a gold quad"),
                ("statements uncoded", "statements_uncoded", "statements_scored",
                 "gold says no event"),
                ("pair found", "pair_found", "pair_scored", "with a gold pair"),
                ("source country agreement", "source_country_agreement", "source_scored",
                 "with a gold source"),
                ("target country agreement", "target_country_agreement", "target_scored",
                 "with a gold target"),
                ("mode agreement", "mode_agreement", "mode_scored", "with a gold mode"),
                ("  ...of right category", "mode_agreement_right_category",
                 "mode_scored_right_category", "right category"),
                ("context agreement", "context_agreement", "context_scored",
                 "with gold contexts")]
        for label, key, count, what in rows:
            if s[count]:
                lines.append(f"{label:<24} {s[key]:.3f}  (of {s[count]} {what})")
        if s["context_scored"]:
            lines.append(f"context precision/recall {s['context_precision']:.3f} / "
                         f"{s['context_recall']:.3f}")
        if self.warnings:
            lines.append(f"malformed records        {len(self.warnings)} (read as no actor: "
                         f"{'; '.join(w.split(': ')[0] for w in self.warnings[:3])})")
        per = self.per_category()
        if per:
            lines += ["", f"{'category':<12} {'prec':>6} {'recall':>6} {'f1':>6} {'gold':>5} "
                          f"{'pred':>5}"]
            for cat, m in per.items():
                lines.append(f"{cat:<12} {m['precision']:>6.2f} {m['recall']:>6.2f} "
                             f"{m['f1']:>6.2f} {m['support']:>5} {m['predicted']:>5}")
            lines += ["", "confusion (gold -> predicted: count)"]
            for gold, row in self.confusion().items():
                cells = ", ".join(f"{k}:{v}" for k, v in sorted(row.items(),
                                                                key=lambda kv: -kv[1]))
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
def _gold_actors(value: Any, where: str, key: str, warnings: list[str]) -> tuple[GoldActor, ...]:
    if value is None or value == "":
        return ()  # the PLOVER gold writes "no target" as null or an empty string
    if not isinstance(value, list):
        warnings.append(f"{where}: '{key}' is a {type(value).__name__} ({str(value)[:40]!r}), "
                        f"not a list of {{actorText, code}} objects; read as no {key}")
        return ()
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or "code" not in item:
            warnings.append(f"{where}: {key}[{i}] is not an object with 'actorText' and 'code' "
                            f"({str(item)[:40]!r}); left out")
            continue
        out.append(GoldActor(text=str(item.get("actorText", "")), code=str(item["code"]),
                             sector=item.get("sector")))
    return tuple(out)


def _gold_mode(event: str, raw: Any) -> str | None:
    from faultlines.coding.plover import MODES

    if not isinstance(raw, str) or not raw.strip():
        return None
    name = raw.strip().lower()
    if event == "THREATEN" and name in _THREATEN_MODES:
        name = _THREATEN_MODES[name]
    else:
        name = GOLD_MODE_MAP.get(name, name)  # type: ignore[assignment]
    return name if name in MODES.get(event, ()) else None


def _gold_contexts(raw: Any) -> tuple[str, ...]:
    from faultlines.coding.plover import CONTEXTS

    items = raw if isinstance(raw, list) else str(raw or "").split(",")
    names = [GOLD_CONTEXT_MAP.get(str(c).strip().lower(), str(c).strip().lower()) for c in items]
    return tuple(dict.fromkeys(n for n in names if n in CONTEXTS))


def _gold_record(raw: Any, where: str, warnings: list[str]) -> GoldRecord:
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
    mode = _gold_mode(event, raw.get("mode"))
    implied = _IMPLIED_MODES.get(gold_event)
    return GoldRecord(
        id=raw["id"], text=raw["text"].strip(), event=event, date=date,
        sources=_gold_actors(raw.get("source"), where, "source", warnings),
        targets=_gold_actors(raw.get("target"), where, "target", warnings),
        event_text=str(raw.get("eventText") or ""), gold_event=gold_event,
        quad=QUAD_CODES[quad_of(event)], mode=mode or implied,
        contexts=_gold_contexts(raw.get("context")),
    )


def _text_actors(values: Any) -> tuple[GoldActor, ...]:
    if isinstance(values, str):
        values = [values]
    return tuple(GoldActor(text=str(v), code="") for v in values or () if str(v).strip())


def _plv_record(raw: Any, where: str, index: int) -> GoldRecord:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise GoldError(f"{where}: expected an object with 'text', 'source', 'target', 'root'")
    root = str(raw.get("root", "")).strip().upper()
    if root != YIELD and root not in EVENT_TYPES:
        raise GoldError(f"{where}: root {raw.get('root')!r} is not a PLOVER 0.8+ root; expected "
                        f"one of {', '.join(EVENT_TYPES)} or YIELD")
    penta = raw.get("penta")
    return GoldRecord(id=f"plv-{index}", text=raw["text"].strip(), event=root,
                      sources=_text_actors(raw.get("source")),
                      targets=_text_actors(raw.get("target")), gold_event=root,
                      quad=int(str(penta)) if str(penta).strip().isdigit() else None)


def _cameo_records(data: dict[str, Any], path: Path) -> list[GoldRecord]:
    out = []
    for i, raw in enumerate(data.get("quads") or ()):
        label = raw.get("label") if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or \
                label not in (0, 1, 2, 3, 4):
            raise GoldError(f"{path}: quads[{i}]: expected an object with 'text' and 'label' "
                            f"0-4")
        out.append(GoldRecord(id=f"cameo-quad-{i}", text=raw["text"].strip(), event=None,
                              quad=int(label)))
    for i, raw in enumerate(data.get("spans") or ()):
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise GoldError(f"{path}: spans[{i}]: expected an object with 'text'")
        both = _text_actors(raw.get("reciprocal"))
        sources, targets = _text_actors(raw.get("source")) + both, \
            _text_actors(raw.get("target")) + both
        if sources and targets:  # a pair to find
            out.append(GoldRecord(id=f"cameo-span-{i}", text=raw["text"].strip(), event=None,
                                  sources=sources, targets=targets))
    return out


def load_gold_file(path: str | Path) -> tuple[list[GoldRecord], list[str]]:
    """Read a gold file of any of the three formats; returns ``(records, warnings)``.

    Raises
    ------
    GoldError
        When the file cannot be read or is in no gold format; the message names the file and
        the record (index and id) and what is wrong. Malformed actor fields are warnings.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    stripped = text.lstrip()
    items: list[tuple[str, Any]] = []
    if stripped.startswith("{"):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # JSON Lines: read line by line below
        if isinstance(whole, dict) and ("quads" in whole or "spans" in whole):
            records = _cameo_records(whole, path)
            if not records:
                raise GoldError(f"{path}: no gold records found")
            return records, []
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
    warnings: list[str] = []
    records = []
    for index, (where, raw) in enumerate(items):
        if isinstance(raw, dict) and "root" in raw and "event" not in raw:
            records.append(_plv_record(raw, where, index))
        else:
            records.append(_gold_record(raw, where, warnings))
    return records, warnings


def load_gold(path: str | Path) -> list[GoldRecord]:
    """The records of :func:`load_gold_file` (its warnings are dropped)."""
    return load_gold_file(path)[0]


#: The gold files ``evaluate`` reads from a folder, in this order (../shared/gold's README).
KNOWN_GOLD_FILES: tuple[str, ...] = ("plover_gsr_dev.json", "plv_train.json", "cameo_train.json")


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their gold files (the known names first, then other ``*.json``)."""
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            known = [path / name for name in KNOWN_GOLD_FILES if (path / name).is_file()]
            others = sorted(p for p in path.glob("*.json*") if p not in known)
            if not known and not others:
                raise GoldError(f"{path}: no gold files (*.json, *.jsonl) in this folder")
            out += known + others
        else:
            out.append(path)
    return out


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


def _overlaps(golds: Sequence[GoldActor], ref: ActorRef | None) -> bool:
    """A gold span text and one of our actor's texts contain each other or share a word."""
    if ref is None:
        return False
    ours = [t.lower().strip() for t in (ref.text, ref.name) if t and t.strip()]
    for gold in golds:
        text = gold.text.lower().strip()
        words = {w for w in text.replace(",", " ").split() if len(w) > 3}
        for mine in ours:
            if mine in text or text in mine or words & {w for w in mine.split() if len(w) > 3}:
                return True
    return False


def _pair_event(events: Sequence[Event], record: GoldRecord) -> Event | None:
    """The first event linking the gold pair, in either direction."""
    for e in events:
        if (_overlaps(record.sources, e.actor) and _overlaps(record.targets, e.recipient)) or \
                (_overlaps(record.sources, e.recipient) and _overlaps(record.targets, e.actor)):
            return e
    return None


def evaluate(path_or_records: str | Path | Sequence[GoldRecord], *, model: str | None = None,
             resolver: Any = None) -> EvaluationReport:
    """Code every gold sentence and score one event per gold record (see the module's rules).

    Parameters
    ----------
    path_or_records : path or sequence of GoldRecord
        A gold file (see ``load_gold_file``) or records already loaded.
    model : str, optional
        spaCy pipeline name or path (default: the configured model).
    resolver : object with ``find_mentions(doc, document)``, optional
        Defaults to ``faultlines.actors.ActorResolver.default()``.
    """
    from faultlines.coding import code_events
    from faultlines.coding.plover import apply_plover
    from faultlines.nlp import load_pipeline

    warnings: list[str] = []
    if isinstance(path_or_records, (str, Path)):
        records, warnings = load_gold_file(path_or_records)
        source = str(path_or_records)
    else:
        records = list(path_or_records)
        source = ""
    find = resolver.find_mentions if resolver is not None else _default_finder()
    nlp = load_pipeline(model)
    dates: dict[str, dt.date | None] = {}
    for r in records:  # PLV repeats a sentence once per gold pair: parse it once
        dates.setdefault(r.text, r.date)
    texts = list(dates)
    coded: dict[str, list[Event]] = {}
    for number, (text, doc) in enumerate(zip(texts, nlp.pipe(texts), strict=True)):
        document = Document(id=f"gold-{number}", text=text, date=dates[text])
        coded[text] = apply_plover(code_events(doc, document, find(doc, document)), doc,
                                   document)
    predictions = []
    for record in records:
        events = coded[record.text]
        if record.by_text and record.sources and record.targets:
            paired = _pair_event(events, record)
            predictions.append(Prediction(record, paired or _best_event(events), len(events),
                                          pair_found=paired is not None))
        else:
            predictions.append(Prediction(record, _best_event(events), len(events)))
    return EvaluationReport(predictions=predictions, source=source, warnings=warnings)


def evaluate_many(paths: Iterable[str | Path], *, model: str | None = None,
                  resolver: Any = None) -> list[EvaluationReport]:
    """:func:`evaluate` for each gold file (folders expand with :func:`gold_files`)."""
    return [evaluate(path, model=model, resolver=resolver) for path in gold_files(paths)]


def _best_event(events: Iterable[Event]) -> Event | None:
    """First event of the first sentence that has one (``code_events`` ranks by salience)."""
    events = list(events)
    if not events:
        return None
    first_sentence = min(e.sentence_index for e in events)
    return next(e for e in events if e.sentence_index == first_sentence)
