"""Property-based tests: hostile bytes and JSON never escape read_documents as exceptions."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from faultlines.errors import InputError
from faultlines.ingest import ReadStats, decode_bytes, normalise_text, read_documents
from faultlines.ingest.text import sniff_container
from faultlines.types import Document, ReadError, content_hash

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# Arbitrary bytes, plus bytes that look like the formats so the parsers get past their first check.
hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda head, tail: head + tail,
              st.sampled_from([b"{", b'{"text": "', b"[{", b"<html><body><p>", b"\xef\xbb\xbf",
                               b"\xff\xfe", b"\x1f\x8b", b"PK\x03\x04", b"BZh91AY&SY"]),
              st.binary(max_size=500)),
    st.text(max_size=500).map(lambda text: text.encode("utf-8")),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["id", "text", "date", "source", "author", "title", "url", "other"]),
    json_values | st.text(max_size=60), max_size=7)


def check_items(items: list[Document | ReadError], path: str) -> None:
    """What every item read from anything must satisfy."""
    for item in items:
        if isinstance(item, ReadError):
            assert item.path == path and item.reason
        else:
            assert isinstance(item, Document)
            assert item.text and normalise_text(item.text) == item.text
            assert item.hash == content_hash(item.text)  # the text is encodable as UTF-8
            assert item.id and item.origin is not None and item.origin.startswith(path)


@PROPERTY
@given(data=hostile_bytes, suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html",
                                                   ".txt.gz", ".jsonl.gz"]))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") and data[:1] != b"\x1f"
                     else data)
    items = list(read_documents([str(path)], max_bytes=1500))
    assert items, "every input yields at least one Document or ReadError"
    check_items(items, str(path))


@PROPERTY
@given(data=hostile_bytes)
def test_arbitrary_bytes_on_stdin_never_raise(data: bytes) -> None:
    import io

    items = list(read_documents(["-"], stdin=io.BytesIO(data)))
    assert items
    check_items(items, "<stdin>")


@PROPERTY
@given(data=st.binary(max_size=300))
def test_decode_bytes_raises_only_input_errors(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt: ")
    else:
        assert isinstance(text, str)


@PROPERTY
@given(lines=st.lists(records | json_values, min_size=1, max_size=8))
def test_each_json_line_gives_one_document_error_or_duplicate(tmp_path: Path,
                                                              lines: list[object]) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    stats = ReadStats()
    items = list(read_documents([str(path)], stats=stats))
    check_items(items, str(path))
    assert len(items) + stats.duplicates == len(lines)
    lines_seen = [item.line if isinstance(item, ReadError) else int(item.origin.rsplit(":", 1)[1])
                  for item in items]
    assert lines_seen == sorted(lines_seen) and len(set(lines_seen)) == len(lines_seen)
    # The same records as a JSON list give the same documents.
    listed = tmp_path / "records.json"
    listed.write_text(json.dumps(lines, indent=1), encoding="utf-8")
    from_list = [item for item in read_documents([str(listed)]) if isinstance(item, Document)]
    assert [d.text for d in from_list] == [d.text for d in items if isinstance(d, Document)]


texts = st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=300)


@PROPERTY
@given(text=texts)
def test_text_round_trips_through_txt_modulo_normalisation(tmp_path: Path, text: str) -> None:
    encoded = text.encode("utf-8")
    assume(sniff_container(encoded[:16]) is None and not encoded.startswith(b"%PDF-"))
    path = tmp_path / "round.txt"
    path.write_bytes(encoded)
    [item] = list(read_documents([str(path)]))
    if normalise_text(text):
        assert isinstance(item, Document) and item.text == normalise_text(text)
    else:
        assert isinstance(item, ReadError) and item.reason.startswith("empty file")


@PROPERTY
@given(text=st.text(max_size=300))
def test_text_round_trips_through_jsonl_modulo_normalisation(tmp_path: Path, text: str) -> None:
    path = tmp_path / "round.jsonl"
    path.write_text(json.dumps({"id": "r", "text": text}) + "\n", encoding="utf-8")
    [item] = list(read_documents([str(path)]))
    if normalise_text(text):
        assert isinstance(item, Document) and item.text == normalise_text(text)
    else:
        assert isinstance(item, ReadError) and item.line == 1


@PROPERTY
@given(text=st.text(max_size=200))
def test_normalise_text_is_idempotent_and_clean(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "\x00" not in once and "\ufeff" not in once
    once.encode("utf-8")  # no lone surrogates left


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_property_fixture_sanity(tmp_path: Path, suffix: str) -> None:
    # The properties above would pass vacuously if nothing were ever read; make sure a plain
    # valid input of each kind does produce a Document through the same helper.
    path = tmp_path / f"ok{suffix}"
    path.write_text('{"text": "Fine."}' if suffix == ".jsonl" else "Fine.", encoding="utf-8")
    items = list(read_documents([str(path)]))
    check_items(items, str(path))
    assert [type(item) for item in items] == [Document]
