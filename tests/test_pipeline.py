"""The pipeline end to end: same results whatever the workers or engine; crash-safe ingest."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from faultlines import api
from faultlines.types import Document

pytestmark = pytest.mark.model

SENTENCES = [
    "The Iraqi government condemned the attack on the Sunni mosque in Baghdad.",
    "Iran supplied weapons to Shiite militias in Basra, American officials said.",
    "Nouri al-Maliki met Moqtada al-Sadr in Najaf to discuss the new cabinet.",
    "Iraqi troops arrested dozens of insurgents near Falluja.",
    "Sunni tribal leaders agreed to cooperate with U.S. forces against al-Qaeda.",
    "The United Nations urged Syria to close its border with Iraq.",
]


def make_documents(n: int) -> list[Document]:
    return [Document(f"doc{i:03d}", f"{SENTENCES[i % len(SENTENCES)]} This is brief {i}.",
                     None, "Test Wire") for i in range(n)]


def event_keys(events) -> list[tuple]:
    return sorted((e.doc_id, e.sentence_index, e.event_type, e.actor.id,
                   e.recipient.id if e.recipient else None, e.modality) for e in events)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_workers_give_the_same_events_as_one(method: str, monkeypatch) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    monkeypatch.setenv("FAULTLINES_START_METHOD", method)
    docs = make_documents(12)
    one = list(api.extract(docs, workers=1, batch_size=4))
    two = list(api.extract(docs, workers=2, batch_size=4))
    assert one, "the sentences should yield events"
    assert [e.to_dict() for e in one] == [e.to_dict() for e in two]


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    docs = make_documents(20)
    api.ingest(docs, tmp_path / "one.duckdb", workers=1, batch_size=3)
    report = api.ingest(docs, tmp_path / "two.duckdb", workers=2, batch_size=3)
    assert report.documents_added == 20
    one, two = _stored(tmp_path / "one.duckdb"), _stored(tmp_path / "two.duckdb")
    assert one[1], "the sentences should yield events"
    assert one == two


def test_auto_start_method_forks_only_without_other_threads() -> None:
    from faultlines.pipeline import start_method

    if "fork" not in multiprocessing.get_all_start_methods():
        assert start_method("auto") == "spawn"
        return
    if threading.active_count() == 1:  # an earlier test may have left a thread running
        assert start_method("auto") == "fork"
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert start_method("auto") == "spawn"
        assert start_method("fork") == "fork"  # asked for explicitly: the caller's choice
    finally:
        release.set()
        thread.join()


def test_unknown_start_method_is_a_config_error(monkeypatch) -> None:
    from faultlines.errors import ConfigError
    from faultlines.pipeline import start_method

    monkeypatch.setenv("FAULTLINES_START_METHOD", "teleport")
    with pytest.raises(ConfigError, match="teleport"):
        start_method()


def test_ingest_catches_repeats_older_than_its_reading_window(tmp_path: Path,
                                                               monkeypatch) -> None:
    monkeypatch.setattr(api, "REMEMBER_DOCUMENTS", 1)  # the window is then 16 batches of 1
    records = [{"id": f"d{i}", "text": f"Iraq and Iran met on day {i}."} for i in range(20)]
    records.append(records[0])  # the same document again, 20 documents later
    records.append({"id": "d1", "text": "Syria condemned Turkey."})  # an old id, new text
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    report = api.ingest([str(corpus)], db, workers=1, batch_size=1, commit_size=1)
    assert report.documents_added == 20
    assert report.documents_already_stored == 1  # caught by the store, not the reader
    assert [e.reason.split(":")[0] for e in report.errors] == [
        "duplicate id 'd1' with different text"]
    assert "the store already holds" in report.errors[0].reason
    with api.open_store(db, read_only=True) as store:
        assert store.stats()["documents"] == 20


def test_ingest_commits_commit_size_documents_per_transaction(tmp_path: Path,
                                                              monkeypatch) -> None:
    from faultlines.store import Store

    commits: list[int] = []
    real_add_batch = Store._add_batch

    def counting_add_batch(self, con, batch, on_batch):
        commits.append(len(batch))
        return real_add_batch(self, con, batch, on_batch)

    monkeypatch.setattr(Store, "_add_batch", counting_add_batch)
    documents = make_documents(5)
    api.ingest(documents, tmp_path / "a.duckdb", workers=1, batch_size=1, commit_size=2)
    assert commits == [2, 2, 1]
    commits.clear()
    monkeypatch.setenv("FAULTLINES_COMMIT_SIZE", "4")
    api.ingest(documents, tmp_path / "b.duckdb", workers=1, batch_size=1)
    assert commits == [4, 1]


@pytest.mark.slow
def test_dask_engine_matches_local_on_demo_corpus() -> None:
    pytest.importorskip("dask.distributed")
    from faultlines.demo import demo_corpus_path

    local = list(api.extract([str(demo_corpus_path())], workers=1))
    dask = list(api.extract([str(demo_corpus_path())], workers=2, engine="dask"))
    assert local
    assert [e.to_dict() for e in local] == [e.to_dict() for e in dask]


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "faultlines", "--quiet", "ingest", str(corpus), "--db",
            str(db), "--batch-size", "2", "--workers", "1"]


def _stored(db: Path) -> tuple[list[str], dict[str, list[tuple]]]:
    from faultlines.store import Store

    with Store(db, read_only=True) as store:
        doc_ids = sorted(d.doc_id for d in store.documents())
        by_doc: dict[str, list[tuple]] = {}
        for key in event_keys(store.events()):
            by_doc.setdefault(key[0], []).append(key)
    return doc_ids, by_doc


def test_sigkill_then_rerun_stores_every_document_exactly_once(tmp_path: Path) -> None:
    docs = make_documents(80)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text, "source": d.source}) + "\n"
                              for d in docs), encoding="utf-8")
    clean_db = tmp_path / "clean.duckdb"
    started = time.monotonic()
    subprocess.run(_ingest_cmd(corpus, clean_db), check=True, capture_output=True, timeout=600)
    clean_seconds = time.monotonic() - started
    clean_ids, clean_events = _stored(clean_db)
    assert len(clean_ids) == 80

    db = tmp_path / "killed.duckdb"
    kills = 0
    # Kill at moments spread over the run (start-up included), whatever this machine's speed.
    for share in (0.5, 0.65, 0.8, 0.95):
        delay = clean_seconds * share
        proc = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if db.exists():
            ids, events = _stored(db)
            assert len(ids) == len(set(ids)), "a document was stored twice"
            for doc_id in ids:  # never a partial document
                assert events.get(doc_id, []) == clean_events.get(doc_id, []), doc_id
    assert kills >= 1, "the ingest finished before any kill; lengthen the corpus"
    subprocess.run(_ingest_cmd(corpus, db), check=True, capture_output=True, timeout=600)
    ids, events = _stored(db)
    assert ids == clean_ids
    assert events == clean_events


def _children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # the command name (field 2) may hold spaces; the parent id follows the state
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"k{i}", "text": SENTENCES[i % 6] * 20}) + "\n"
                              for i in range(400)), encoding="utf-8")
    cmd = [sys.executable, "-m", "faultlines", "--quiet", "ingest", str(corpus), "--db",
           str(tmp_path / "k.duckdb"), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            workers = _children_of(proc.pid)
        assert len(workers) >= 2, "the ingest should have started two workers"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
            time.sleep(0.2)
        alive = {w for w in workers if Path(f"/proc/{w}").exists()
                 and " Z " not in Path(f"/proc/{w}/stat").read_text()}
        assert not alive, "workers outlived their killed parent"
    finally:
        for pid in workers | _children_of(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()


# --- issue 19 (2): long documents are parsed in windows -----------------------------------------

PARAGRAPHS = [
    "Iraqi troops attacked the Mahdi Army in Basra on Tuesday. Iran denied that it armed "
    "Shiite militias.",
    "The United Nations will provide food aid to refugees in Jordan, officials said.",
    "Prime Minister Nouri al-Maliki met Moqtada al-Sadr in Najaf. They agreed to a ceasefire.",
    "Turkey threatened to send troops across the border; Syria rejected the demand.",
]


def long_text(paragraphs: int) -> str:
    return "\n\n".join(f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Report {i}." for i in
                       range(paragraphs))


class _SpyPipeline:
    """A spaCy pipeline that records the length of every text handed to ``pipe``."""

    def __init__(self, nlp) -> None:
        self.nlp, self.lengths = nlp, []
        self.max_length = nlp.max_length

    def pipe(self, texts, **options):
        texts = list(texts)
        self.lengths.append(sum(len(t) for t in texts))
        return self.nlp.pipe(texts, **options)


@pytest.mark.model
def test_a_long_document_reaches_the_parser_in_bounded_windows(nlp) -> None:
    from faultlines.nlp import parse_documents

    text = long_text(200)  # about 20,000 characters
    spy = _SpyPipeline(nlp)
    [(_, doc)] = list(parse_documents(spy, [Document("long", text)], window_chars=2000,
                                      batch_chars=2000))
    assert max(spy.lengths) <= 2000 and len(spy.lengths) >= 10
    assert doc.text == text and len(doc) == len(nlp.make_doc(text))
    # Offsets are those of the whole text: every sentence and entity points at its own words.
    for sentence in doc.sents:
        assert text[sentence.start_char:sentence.end_char] == sentence.text
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


@pytest.mark.model
def test_windowed_results_keep_sentence_and_token_bookkeeping(monkeypatch, nlp) -> None:
    import faultlines.nlp
    from faultlines.config import RunOptions
    from faultlines.nlp import parse_documents
    from faultlines.pipeline import process_batch

    document = Document("long", long_text(40))
    whole = process_batch([document])[0]
    windows: list[int | None] = []

    def recording(*args, window_chars=None, **kwargs):
        windows.append(window_chars)
        return parse_documents(*args, window_chars=window_chars, **kwargs)

    monkeypatch.setattr(faultlines.nlp, "parse_documents", recording)
    windowed = process_batch([document], RunOptions(parse_window_chars=700))[0]
    monkeypatch.undo()
    assert windows == [700]  # the setting reaches the parser
    [(_, doc)] = list(parse_documents(nlp, [document]))
    sentences = list(doc.sents)
    assert windowed.sentence_count == len(sentences)
    for event in windowed.events:
        assert event.sentence == sentences[event.sentence_index].text.strip()
    for mention in windowed.mentions:
        span = doc[mention.start:mention.end]
        assert mention.text == span.text
        assert sentences[mention.sentence_index].start <= mention.start
    # A window edge can only split a sentence the whole parse ran across a paragraph break
    # (which shifts later sentence indexes by one); most events are the same.
    def keys(result):
        return {(e.sentence, e.event_type, e.actor.id, e.recipient and e.recipient.id)
                for e in result.events}

    assert len(keys(whole) & keys(windowed)) >= 0.75 * len(keys(whole)) > 0


def test_loaded_models_are_frozen_for_the_collector_during_a_run_only() -> None:
    import gc

    from faultlines.config import RunOptions
    from faultlines.pipeline import process

    before = gc.get_freeze_count()
    stream = process(make_documents(3), RunOptions(workers=1, batch_size=1))
    first = next(stream)
    during = gc.get_freeze_count()
    rest = list(stream)
    assert [r.document.id for r in [first, *rest]] == ["doc000", "doc001", "doc002"]
    assert during > before  # the objects of the loaded models, at least
    assert gc.get_freeze_count() == before


def test_a_run_stopped_early_unfreezes_too() -> None:
    import gc

    from faultlines.config import RunOptions
    from faultlines.pipeline import process

    before = gc.get_freeze_count()
    stream = process(make_documents(3), RunOptions(workers=1, batch_size=1))
    next(stream)
    stream.close()  # as when a reader such as `head` stops reading
    assert gc.get_freeze_count() == before
