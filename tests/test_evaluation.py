"""The evaluation harness: gold loading, scoring rules, report formats, dev-gold milestones."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from faultlines.errors import GoldError
from faultlines.evaluation import (
    EvaluationReport,
    GoldActor,
    GoldRecord,
    Prediction,
    evaluate,
    gold_files,
    load_gold,
    load_gold_file,
)
from faultlines.types import EVENT_TYPES, ActorRef, Event, polarity_of


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
    (["just a string"], "record 0: expected an object"),
])
def test_malformed_gold_names_file_and_record(tmp_path, data, message):
    path = _write(tmp_path, data)
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("target", "Syria and Iraq", r"record 1 \(id G-2\): 'target' is a str \('Syria and Iraq'\)"),
    ("source", {"code": "IRN"}, r"'source' is a dict"),
    ("target", [{"actorText": "x"}], r"target\[0\] is not an object"),
])
def test_malformed_actor_field_is_counted_and_named_not_fatal(tmp_path, field, value, message):
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "G-2", field: value}])
    records, warnings = load_gold_file(path)
    assert [r.id for r in records] == ["G-1", "G-2"]
    assert getattr(records[1], field + "s") == ()
    [warning] = warnings
    assert str(path) in warning and re.search(message, warning), warning
    report = EvaluationReport([Prediction(r, None, 0) for r in records], str(path),
                              warnings=warnings)
    assert report.summary()["malformed_records"] == 1
    assert "malformed records        1" in report.to_text()


def test_older_plover_versions_map_to_the_16(tmp_path):
    old = [{**GOOD, "id": f"G-{name}", "event": name, "mode": mode, "context": context}
           for name, mode, context in (
               ("DISAPPROVE", None, "diplomatic, political"),
               ("INVESTIGATE", "", "legal"), ("DEMAND", None, ""),
               ("PROTEST", "strike-hun", "refugee"), ("THREATEN", "curfew", None),
               ("CONSULT", "host", "resources"), ("COERCE", "firearms", "military"))]
    records = load_gold(_write(tmp_path, old))
    assert [(r.event, r.mode, r.contexts) for r in records] == [
        ("ACCUSE", None, ("diplomatic", "political_institutions")),
        ("ACCUSE", "investigate", ("legal",)), ("REQUEST", None, ()),
        ("PROTEST", "hunger", ("migration",)), ("THREATEN", "restrict", ()),
        ("CONSULT", "visit", ("natural_resource",)),
        ("COERCE", None, ("military",)),  # firearms is no COERCE mode in the 16
    ]
    assert [r.quad for r in records] == [3, 3, 3, 4, 3, 1, 4]


def test_plv_and_cameo_files_are_read(tmp_path):
    plv = [{"text": "Kenya freed the hostages.", "source": "Kenya", "target": "the hostages",
            "root": "YIELD", "penta": 2},
           {"text": "Chad thanked Niger.", "source": "Chad", "target": "Niger", "root": "SUPPORT",
            "penta": 1}]
    records = load_gold(_write(tmp_path, plv, "plv.json"))
    assert [(r.event, r.quad, r.by_text, r.accepts) for r in records] == [
        ("YIELD", 2, True, frozenset({"CONCEDE", "RETREAT"})),
        ("SUPPORT", 1, True, frozenset({"SUPPORT"}))]
    cameo = {"quads": [{"text": "Peru said it would think about it.", "label": 0},
                       {"text": "Peru shelled the camp.", "label": 4}],
             "spans": [{"text": "Peru and Chile met .", "source": [], "target": [],
                        "reciprocal": ["Peru", "Chile"]},
                       {"text": "Peru spoke .", "source": ["Peru"], "target": [],
                        "reciprocal": []}]}
    records = load_gold(_write(tmp_path, cameo, "cameo.json"))
    assert [(r.id, r.event, r.quad) for r in records] == [
        ("cameo-quad-0", None, 0), ("cameo-quad-1", None, 4), ("cameo-span-0", None, None)]
    assert {a.text for a in records[2].sources} == {"Peru", "Chile"}


def test_report_scores_quads_pairs_modes_and_contexts():
    def ev(event_type, mode=None, contexts=()):
        return Event("d", 0, "s", None, event_type, ActorRef("A", "x:a", "A"), None,
                     polarity_of(event_type), 5.0, mode=mode, contexts=contexts)
    report = EvaluationReport(predictions=[
        Prediction(GoldRecord("1", "t", "YIELD", quad=2), ev("RETREAT"), 1, pair_found=True),
        Prediction(GoldRecord("2", "t", None, quad=0), None, 0),
        Prediction(GoldRecord("3", "t", None, quad=0), ev("ACCUSE"), 1),
        Prediction(GoldRecord("4", "t", "PROTEST", quad=4, mode="hunger",
                              contexts=("military", "legal")),
                   ev("PROTEST", "hunger", ("legal", "economic")), 1, pair_found=False),
        Prediction(GoldRecord("5", "t", "ASSAULT", quad=4, mode="aerial"),
                   ev("ASSAULT", "firearms"), 1),
    ])
    s = report.summary()
    assert s["event_type_accuracy"] == pytest.approx(1.0) and s["event_type_scored"] == 3
    assert s["quad_agreement"] == pytest.approx(4 / 5)  # record 3: statement coded as quad 3
    assert (s["statements_uncoded"], s["statements_scored"]) == (0.5, 2)
    assert (s["pair_found"], s["pair_scored"]) == (0.5, 2)
    assert (s["mode_agreement"], s["mode_scored"]) == (0.5, 2)
    assert s["context_agreement"] == 1.0 and s["context_scored"] == 1
    assert s["context_precision"] == 0.5 and s["context_recall"] == 0.5
    assert report.per_category()["YIELD"]["recall"] == 1.0
    assert "mode agreement           0.500  (of 2 with a gold mode)" in report.to_text()


def test_gold_folder_expands_to_known_files_first(tmp_path):
    for name in ("extra.json", "cameo_train.json", "plover_gsr_dev.json"):
        (tmp_path / name).write_text("[]", encoding="utf-8")
    assert [p.name for p in gold_files([tmp_path])] == [
        "plover_gsr_dev.json", "cameo_train.json", "extra.json"]
    with pytest.raises(GoldError, match="no gold files"):
        gold_files([_empty(tmp_path)])


def _empty(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


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


def test_every_shared_gold_file_loads(shared_dir):
    """The three gold files in ../shared/gold (read in place) load in the 16; malformed
    records are warnings, not errors. Only counts are looked at."""
    files = gold_files([shared_dir / "gold"])
    names = [p.name for p in files]
    assert names[:3] == ["plover_gsr_dev.json", "plv_train.json", "cameo_train.json"]
    for path in files[:3]:
        records, warnings = load_gold_file(path)
        assert records, path.name
        assert all(r.event is None or r.event in ("YIELD", *EVENT_TYPES) for r in records)
        assert all(isinstance(w, str) and path.name in w for w in warnings)


@pytest.mark.model
def test_cli_prints_one_table_per_gold_file(tmp_path):
    from test_cli import run

    folder = tmp_path / "gold"
    folder.mkdir()
    _write(folder, [GOOD], "plover_gsr_dev.json")
    _write(folder, [{"text": "Chad thanked Niger.", "source": "Chad", "target": "Niger",
                     "root": "SUPPORT", "penta": 1}], "plv_train.json")
    _write(folder, {"quads": [{"text": "Peru shelled the camp.", "label": 4}],
                    "spans": [{"text": "Peru and Chile met .", "source": [], "target": [],
                               "reciprocal": ["Peru", "Chile"]}]}, "cameo_train.json")
    result = run("evaluate", str(folder))
    assert result.returncode == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("gold: ")]
    assert [h.rsplit("/", 1)[-1] for h in headers] == [
        "plover_gsr_dev.json", "plv_train.json", "cameo_train.json"]
