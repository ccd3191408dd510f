"""Each input format: what a good file gives and how a bad one is reported."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
from pathlib import Path

import pytest

from faultlines.types import Document, ReadError

ARTICLE = ("The prime minister met the ambassador on Tuesday and rejected the proposal for a new "
           "constitution, officials said.")
HTML = """<!DOCTYPE html>
<html><head>
<meta charset="{charset}">
<title>Talks stall | Example News</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2007-03-14T09:00:00Z">
<link rel="canonical" href="https://example.org/2007/talks-stall">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks stall</h1>
<p>{body}</p>
<p>The opposition bloc criticised the government for the delay and threatened to boycott the
vote next month, according to two members of parliament.</p>
</article>
<footer>Copyright Example News. All rights reserved.</footer>
</body></html>
"""


def jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- .txt -------------------------------------------------------------------------------------

def test_txt_gives_one_document_named_by_its_stem(tmp_path: Path, read_one) -> None:
    path = tmp_path / "basra-2007.txt"
    path.write_bytes(("  " + ARTICLE + "\r\n\r\nSecond paragraph.\r\n").encode())
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.id == "basra-2007"
    assert doc.text == ARTICLE + "\n\nSecond paragraph."
    assert doc.date is None and doc.origin == str(path)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty file"),
    (b" \n\t\r\n\x07 ", "empty file (nothing left"),
    (b"\x00\x01\x02\xff\xfe" * 50, "binary file"),
    ("日本の首相".encode("euc_jp") * 10, "not UTF-8 text"),
    (b"PK\x03\x04" + b"\x00" * 40, "compressed file (zip): only .gz is supported"),
])
def test_bad_txt_is_one_error_naming_the_file(tmp_path: Path, read_one, content: bytes,
                                              reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    error = read_one(path)
    assert isinstance(error, ReadError)
    assert error.path == str(path) and error.line is None
    assert error.reason.startswith(reason), error.reason
    assert str(error).startswith(f"{path}: ")


# --- .jsonl -----------------------------------------------------------------------------------

def test_jsonl_records_carry_metadata_and_line_origins(tmp_path: Path, read) -> None:
    path = jsonl(tmp_path / "feed.jsonl",
                 {"id": "a1", "text": ARTICLE, "date": "2007-03-14", "source": "Example News",
                  "author": " Jane\nRoe ", "title": "Talks stall", "url": "https://e.org/a1",
                  "extra": [1, 2]},
                 "",
                 {"text": "No id, no date.", "source": [{"actorText": "UN"}]})
    documents, errors = read(path)
    assert errors == []
    first, second = documents
    assert (first.id, first.date, first.source, first.author, first.title, first.url) == (
        "a1", dt.date(2007, 3, 14), "Example News", "Jane Roe", "Talks stall", "https://e.org/a1")
    assert first.origin == f"{path}:1"
    # A missing id is derived from the file and line; non-string metadata is ignored.
    assert (second.id, second.origin, second.source, second.date) == (
        "feed:3", f"{path}:3", None, None)


@pytest.mark.parametrize(("line", "reason"), [
    ("{not json", "invalid JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "x"}', "missing 'text' field"),
    ('{"text": 42}', "'text' must be a string"),
    ('{"text": " \\u0000 "}', "empty 'text'"),
    ('{"id": 7, "text": "t"}', "'id' must be a string, got int 7; quote it"),
    ('{"id": "  ", "text": "t"}', "empty 'id'"),
    ('{"text": "t", "date": "soon"}', "bad 'date' 'soon'"),
    ('{"text": "t", "date": 20070314}', "'date' must be a string"),
    ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
    ('{"text": "t", "n": ' + "9" * 5000 + "}", "invalid JSON"),
])
def test_bad_jsonl_line_is_reported_and_the_others_are_read(tmp_path: Path, read, line: str,
                                                            reason: str) -> None:
    path = jsonl(tmp_path / "mixed.jsonl", {"id": "before", "text": "One."}, line,
                 {"id": "after", "text": "Two."})
    documents, errors = read(path)
    assert [d.id for d in documents] == ["before", "after"]
    assert len(errors) == 1
    assert (errors[0].path, errors[0].line) == (str(path), 2)
    assert reason in errors[0].reason
    assert len(str(errors[0])) < 400


def test_jsonl_line_in_legacy_encoding_is_an_error_for_that_line(tmp_path: Path, read) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n'
                     + '{"id": "b", "text": "日本の首相は提案を拒否した"}\n'.encode("shift_jis")
                     + '{"id": "c", "text": "Caf\u00e9"}\n'.encode())
    documents, errors = read(path)
    assert [d.id for d in documents] == ["a", "c"]
    assert errors[0].line == 2 and "not UTF-8" in errors[0].reason


def test_jsonl_with_only_blank_lines_is_empty(tmp_path: Path, read_one) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    error = read_one(path)
    assert isinstance(error, ReadError) and error.reason.startswith("empty file")


def test_jsonl_in_utf16_with_bom(tmp_path: Path, read) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes('{"id": "a", "text": "Malikî"}\r\n{"id": "b", "text": "x"}\r\n'
                     .encode("utf-16"))
    documents, errors = read(path)
    assert errors == [] and [(d.id, d.text) for d in documents] == [("a", "Malikî"), ("b", "x")]


def test_ndjson_is_read_as_jsonl(tmp_path: Path, read) -> None:
    documents, errors = read(jsonl(tmp_path / "f.ndjson", {"id": "n", "text": "t"}))
    assert errors == [] and documents[0].id == "n"


# --- .json ------------------------------------------------------------------------------------

def test_json_list_reports_bad_elements_by_line(tmp_path: Path, read) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"text": "Two.", "date": "nope"},
                                {"text": "Three.", "date": "2008-01-02"}], indent=1),
                    encoding="utf-8")
    documents, errors = read(path)
    assert [(d.id, d.date) for d in documents] == [("a", None), ("list:3", dt.date(2008, 1, 2))]
    assert [d.origin for d in documents] == [f"{path}:2", f"{path}:10"]
    assert (errors[0].line, errors[0].reason[:10]) == (6, "bad 'date'")


def test_json_single_object_and_syntax_error(tmp_path: Path, read, read_one) -> None:
    one = tmp_path / "one.json"
    one.write_text('{"text": "Alone."}', encoding="utf-8")
    doc = read_one(one)
    assert isinstance(doc, Document) and doc.id == "one"
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "A"},\n{"text": "B"}\n{"text": "C"}]', encoding="utf-8")
    documents, errors = read(broken)
    assert [d.text for d in documents] == ["A", "B"]
    assert errors[0].line == 3 and "stopped" in errors[0].reason
    for content, reason in [("[]", "empty file"), ('"text"', "expected a JSON list"),
                            ('[{"text": "A"}] x', "extra data")]:
        other = tmp_path / "other.json"
        other.write_text(content, encoding="utf-8")
        assert reason in read(other)[1][0].reason


# --- .html ------------------------------------------------------------------------------------

def test_html_main_text_and_metadata(tmp_path: Path, read_one) -> None:
    path = tmp_path / "talks.html"
    path.write_text(HTML.format(charset="utf-8", body=ARTICLE), encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.id == "talks" and doc.origin == str(path)
    assert doc.text.startswith(ARTICLE) or ARTICLE in doc.text
    assert "threatened to boycott" in doc.text
    assert "All rights reserved" not in doc.text and "Home" not in doc.text
    assert doc.date == dt.date(2007, 3, 14)
    assert (doc.author, doc.source, doc.url) == (
        "Jane Roe", "Example News", "https://example.org/2007/talks-stall")
    assert doc.title is not None and "Talks stall" in doc.title


def test_html_declared_latin1_is_decoded_as_declared(tmp_path: Path, read_one) -> None:
    path = tmp_path / "latin.htm"
    body = ARTICLE.replace("ambassador", "ambassador of Côte d'Ivoire")
    path.write_bytes(HTML.format(charset="iso-8859-1", body=body).encode("latin-1"))
    doc = read_one(path)
    assert isinstance(doc, Document) and "Côte d'Ivoire" in doc.text


@pytest.mark.parametrize("content", [
    "<html><body><div></div></body></html>",
    "<html><head><script>var x = 1;</script><style>p {}</style></head></html>",
    "<",
])
def test_html_without_main_text_is_an_error(tmp_path: Path, read_one, content: str,
                                            caplog) -> None:
    path = tmp_path / "empty.html"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.DEBUG):
        error = read_one(path)
    # One ReadError says it all; trafilatura's own complaints are kept out of the log.
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]
    assert isinstance(error, ReadError) and error.path == str(path)
    assert error.reason.startswith("no main text found")


def test_malformed_html_with_prose_still_gives_its_text(tmp_path: Path, read_one) -> None:
    path = tmp_path / "broken.html"
    path.write_text(f"<html><body><div><p>{ARTICLE}<p>Unclosed <b>bold <i>and more</div>",
                    encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document) and ARTICLE in doc.text


# --- .gz --------------------------------------------------------------------------------------

def test_gzipped_txt_and_jsonl_are_read_transparently(tmp_path: Path, read) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "b1", "text": "One."}\n'
                                                        b'{"id": "b2", "text": "Two."}\n'))
    documents, errors = read(tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz")
    assert errors == []
    assert [(d.id, d.origin) for d in documents] == [
        ("a", str(tmp_path / "a.txt.gz")), ("b1", f"{tmp_path / 'b.jsonl.gz'}:1"),
        ("b2", f"{tmp_path / 'b.jsonl.gz'}:2")]
    assert documents[0].text == ARTICLE


def test_gzip_data_is_recognised_by_content_not_name(tmp_path: Path, read_one) -> None:
    path = tmp_path / "secretly.txt"
    path.write_bytes(gzip.compress(b"Compressed but named .txt"))
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.text == "Compressed but named .txt"


def test_truncated_gzip_is_an_error_and_earlier_lines_survive(tmp_path: Path, read) -> None:
    lines = b"".join(b'{"id": "d%d", "text": "Line number %d of many."}\n' % (i, i)
                     for i in range(2000))
    blob = gzip.compress(lines)
    (tmp_path / "cut.jsonl.gz").write_bytes(blob[: len(blob) // 2])
    (tmp_path / "cut.txt.gz").write_bytes(blob[: len(blob) // 2])
    documents, errors = read(tmp_path / "cut.jsonl.gz", tmp_path / "cut.txt.gz")
    assert 0 < len(documents) < 2000
    assert all(d.origin.startswith(str(tmp_path / "cut.jsonl.gz")) for d in documents)
    assert len(errors) == 2 and all("gzip" in e.reason for e in errors)
    assert errors[1].path == str(tmp_path / "cut.txt.gz")


def test_gz_that_is_not_gzip_is_read_as_plain_text(tmp_path: Path, read_one) -> None:
    path = tmp_path / "plain.txt.gz"
    path.write_text("Not compressed after all.", encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document) and doc.id == "plain"


@pytest.mark.parametrize(("name", "command"), [("a.txt.bz2", "bunzip2"), ("a.zip", "unzip"),
                                               ("a.jsonl.xz", "unxz"), ("a.tar", "tar xf")])
def test_other_compression_is_refused(tmp_path: Path, read_one, name: str, command: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"whatever")
    error = read_one(path)
    assert isinstance(error, ReadError)
    assert "only .gz is supported" in error.reason and command in error.reason


# --- issue 19: 10 ------------------------------------------------------------------------------

PROSE = ("<p>The defence minister said on Monday that the troops would leave the northern "
         "province by the end of the year, according to officials in the capital.</p>")


def test_html_nested_deeper_than_libxml2s_limit_keeps_its_text(tmp_path: Path,
                                                               read_one) -> None:
    depth = 300  # libxml2 stops building the tree at 256 levels
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Deep</title></head><body>" + "<div>" * depth +
                    PROSE * 3 + "</div>" * depth + "</body></html>", encoding="utf-8")
    document = read_one(page)
    assert isinstance(document, Document), document
    assert "troops would leave the northern province" in document.text


def _dated(tmp_path: Path, read, date: str) -> tuple[list[Document], list[ReadError]]:
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "Iraq met Iran.", "date": date}) + "\n",
                    encoding="utf-8")
    return read(path)


def test_an_impossible_iso_date_says_it_is_not_a_real_date(tmp_path: Path, read) -> None:
    _, errors = _dated(tmp_path, read, "2008-02-30")
    assert [e.reason for e in errors] == [
        "'2008-02-30' is not a real date: February 2008 has 29 days"]


def test_an_ambiguous_numeric_date_is_read_month_first_with_a_warning(tmp_path: Path, read,
                                                                      caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="faultlines.ingest"):
        documents, errors = _dated(tmp_path, read, "03/04/2007")
    assert errors == [] and documents[0].date == dt.date(2007, 3, 4)
    assert "dated.jsonl:1: date '03/04/2007' is ambiguous" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="faultlines.ingest"):
        documents, _ = _dated(tmp_path, read, "13/04/2007")  # only one reading
    assert documents[0].date == dt.date(2007, 4, 13) and "ambiguous" not in caplog.text
