"""The evaluation harness: gold loading, scoring rules, report formats, dev-gold milestones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from faultlines.errors import GoldError
from faultlines.evaluation import (
    EvaluationReport,
    GoldActor,
    GoldRecord,
    Prediction,
    evaluate,
    load_gold,
)
from faultlines.types import ActorRef, Event, polarity_of


def _record(rid: str, event: str, src: str = "IRQ", tgt: str | None = "IRN",
            text: str = "A did something to B.") -> GoldRecord:
    return GoldRecord(id=rid, text=text, event=event,
                      sources=(GoldActor("A", src),),
                      targets=(GoldActor("B", tgt),) if tgt else ())


def _event(event_type: str, src: str | None = "IRQ", tgt: str | None = "IRN") -> Event:
    return Event(doc_id="d", sentence_index=0, sentence="s", date=None, event_type=event_type,
                 actor=ActorRef("A", "x:a", "A", country=src),
                 recipient=ActorRef("B", "x:b", "B", country=tgt) if tgt else None,
                 polarity=polarity_of(event_type), intensity=5.0, trigger="t")


def _write(tmp_path: Path, data, name: str = "gold.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


GOOD = {"id": "G-1", "date": "2001-02-03", "text": "Iran condemned Israel.", "event": "ACCUSE",
        "source": [{"actorText": "Iran", "code": "IRN"}],
        "target": [{"actorText": "Israel", "code": "ISR", "sector": "GOV"}]}


def test_load_gold_reads_a_json_array(tmp_path):
    records = load_gold(_write(tmp_path, [GOOD, {**GOOD, "id": "G-2", "event": "FIGHT",
                                                 "target": ""}]))
    assert [r.id for r in records] == ["G-1", "G-2"]
    assert records[0].date == dt.date(2001, 2, 3)
    assert records[0].targets == (GoldActor("Israel", "ISR", "GOV"),)
    # PLOVER 0.5 FIGHT is scored as 0.8 ASSAULT; an empty target string means no target.
    assert (records[1].event, records[1].gold_event, records[1].targets) == (
        "ASSAULT", "FIGHT", ())


def test_load_gold_reads_jsonl(tmp_path):
    path = _write(tmp_path, json.dumps(GOOD) + "\n\n" + json.dumps({**GOOD, "id": "G-2"}) + "\n",
                  "gold.jsonl")
    assert [r.id for r in load_gold(path)] == ["G-1", "G-2"]


@pytest.mark.parametrize(("data", "message"), [
    ("[{", "not valid JSON"),
    ([], "no gold records"),
    ([GOOD, {**GOOD, "id": "G-2", "event": "PARTY"}], r"record 1 \(id G-2\): event 'PARTY'"),
    ([{**GOOD, "text": ""}], "record 0: missing or empty 'text'"),
    ([{**GOOD, "date": "yesterday"}], "date 'yesterday' is not YYYY-MM-DD"),
    ([{**GOOD, "source": {"code": "IRN"}}], "'source' must be a list"),
    ([{**GOOD, "target": [{"actorText": "x"}]}], r"target\[0\] must be an object"),
    (["just a string"], "record 0: expected an object"),
])
def test_malformed_gold_names_file_and_record(tmp_path, data, message):
    path = _write(tmp_path, data)
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)


def test_malformed_jsonl_line_names_the_line(tmp_path):
    path = _write(tmp_path, json.dumps(GOOD) + "\nnot json\n", "gold.jsonl")
    with pytest.raises(GoldError, match=r"gold.jsonl:2"):
        load_gold(path)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read gold file"):
        load_gold(tmp_path / "absent.json")


def _report() -> EvaluationReport:
    return EvaluationReport(predictions=[
        Prediction(_record("1", "ASSAULT"), _event("ASSAULT"), 1),  # all right
        Prediction(_record("2", "ASSAULT"), _event("COERCE", "IRN", None), 2),  # type wrong
        Prediction(_record("3", "AGREE", "IGO", None), _event("SUPPORT", "UNO"), 1),
        Prediction(_record("4", "REQUEST"), None, 0),  # no event: wrong everywhere
    ])


def test_report_scores_follow_the_documented_rules():
    report = _report()
    assert report.n == 4
    assert report.coverage == pytest.approx(3 / 4)
    assert report.event_type_accuracy == pytest.approx(1 / 4)
    assert report.polarity_accuracy == pytest.approx(3 / 4)  # COERCE and SUPPORT keep polarity
    # sources: 1 IRQ=IRQ, 2 IRN!=IRQ, 3 IGO==UNO->IGO, 4 no event
    assert report.source_agreement == pytest.approx(2 / 4)
    # targets (record 3 has none and is left out): 1 right, 2 no recipient, 4 no event
    assert report.target_agreement == pytest.approx(1 / 3)


def test_report_tables():
    report = _report()
    assert report.confusion() == {"AGREE": {"SUPPORT": 1}, "ASSAULT": {"ASSAULT": 1, "COERCE": 1},
                                  "REQUEST": {"NONE": 1}}
    per = report.per_category()
    assert per["ASSAULT"]["precision"] == 1.0 and per["ASSAULT"]["recall"] == 0.5
    assert per["ASSAULT"]["f1"] == pytest.approx(2 / 3)
    assert per["REQUEST"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1,
                             "predicted": 0}
    assert [e["id"] for e in report.errors()] == ["2", "3", "4"]
    assert report.errors()[2]["predicted"] == "NONE"


def test_report_formats():
    report = _report()
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["event_type_accuracy"] == pytest.approx(0.25) and len(data["errors"]) == 3
    assert "errors" not in report.to_dict(errors=False)
    text = report.to_text(errors=True)
    assert "event-type accuracy      0.250" in text
    assert "ASSAULT" in text and "- 4  gold REQUEST" in text
    assert "errors" not in report.to_text()


@pytest.mark.model
def test_evaluate_runs_the_whole_chain(tmp_path):
    gold = [GOOD, {"id": "G-2", "text": "The rebels attacked the police station.",
                   "event": "FIGHT", "source": [{"actorText": "rebels", "code": "SDN"}]},
            {"id": "G-3", "text": "It rained all day.", "event": "AGREE"}]

    class Resolver:
        """A stand-in actors stage: countries for the two named states only."""

        def find_mentions(self, doc, document):
            from faultlines.types import Mention

            out = []
            for ent in doc.ents:
                code = {"Iran": "IRN", "Israel": "ISR"}.get(ent.text)
                if code:
                    ref = ActorRef(ent.text, ent.text.upper(), ent.text, country=code)
                    out.append(Mention(document.id, 0, ent.start, ent.end, ent.text, ref))
            return out

    report = evaluate(_write(tmp_path, gold), resolver=Resolver())
    assert report.n == 3
    assert [p.event_type for p in report.predictions] == ["ACCUSE", "ASSAULT", "NONE"]
    assert report.event_type_accuracy == pytest.approx(2 / 3)
    assert report.source_agreement == pytest.approx(1 / 2)  # Iran right, rebels unknown
    assert report.target_agreement == pytest.approx(1.0)


@pytest.mark.model
@pytest.mark.slow
def test_dev_gold_meets_milestone_two(gold_path):
    report = evaluate(gold_path)
    assert report.n == 164
    assert report.event_type_accuracy >= 0.70, report.to_text()
    assert report.polarity_accuracy >= 0.90, report.to_text()
    assert report.coverage >= 0.95, report.to_text()
