"""read_documents: folders, order, stdin, duplicate ids, limits and streaming."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from faultlines.errors import ConfigError
from faultlines.ingest import SUPPORTED_SUFFIXES, ReadStats, read_documents
from faultlines.ingest.reader import SkippedFile
from faultlines.types import Document, ReadError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with nested files, hidden entries, unsupported and compressed files."""
    root = tmp_path / "corpus"
    write(root / "b.txt", "Bravo text.")
    write(root / "a.txt", "Alpha text.")
    write(root / "sub" / "a.txt", "Nested alpha, a different text.")
    write(root / "sub" / "deeper" / "z.jsonl", '{"id": "z1", "text": "Zulu."}\n')
    (root / "c.txt.gz").write_bytes(gzip.compress(b"Charlie, compressed."))
    write(root / "notes.md", "# not an input")
    write(root / "Makefile", "all:")
    write(root / "image.PNG", "not really a png")
    write(root / ".hidden.txt", "Hidden file.")
    write(root / ".git" / "x.txt", "Inside a hidden folder.")
    return root


def test_folder_is_read_recursively_in_sorted_order(corpus: Path, read) -> None:
    stats = ReadStats()
    documents, errors = read(corpus, stats=stats)
    assert errors == []
    assert [d.id for d in documents] == ["a", "b", "c", "sub/a", "z1"]
    assert [d.origin for d in documents] == [
        str(corpus / "a.txt"), str(corpus / "b.txt"), str(corpus / "c.txt.gz"),
        str(corpus / "sub" / "a.txt"), f"{corpus / 'sub' / 'deeper' / 'z.jsonl'}:1"]
    assert all("Hidden" not in d.text and "hidden folder" not in d.text for d in documents)
    assert stats.skipped == {".md": 1, "": 1, ".png": 1}
    assert (stats.files, stats.documents, stats.errors) == (5, 5, 0)


def test_same_file_named_explicitly_has_its_stem_as_id(corpus: Path, read) -> None:
    documents, _ = read(corpus / "sub" / "a.txt")
    assert documents[0].id == "a"


def test_inputs_keep_their_given_order(corpus: Path, read) -> None:
    documents, errors = read(corpus / "b.txt", corpus / "sub", corpus / "c.txt.gz")
    assert errors == []
    assert [d.text for d in documents] == [
        "Bravo text.", "Nested alpha, a different text.", "Zulu.", "Charlie, compressed."]


def test_ids_are_relative_to_the_folder_given_so_stems_can_collide(corpus: Path,
                                                                   read) -> None:
    documents, errors = read(corpus / "sub", corpus / "a.txt")
    assert [(d.id, d.text) for d in documents] == [("a", "Nested alpha, a different text."),
                                                   ("z1", "Zulu.")]
    assert len(errors) == 1 and errors[0].path == str(corpus / "a.txt")
    assert errors[0].reason.startswith("duplicate id 'a' with different text")


def test_reading_is_lazy(corpus: Path) -> None:
    consumed: list[str] = []

    def names():
        for name in [corpus / "a.txt", corpus / "b.txt", corpus / "sub"]:
            consumed.append(str(name))
            yield str(name)

    stream = read_documents(names())
    first = next(stream)
    assert isinstance(first, Document) and first.id == "a"
    assert consumed == [str(corpus / "a.txt")]


def test_a_single_path_and_path_objects_are_accepted(corpus: Path) -> None:
    assert [d.id for d in read_documents(str(corpus / "a.txt"))] == ["a"]  # type: ignore[attr-defined]
    assert [d.id for d in read_documents([corpus / "b.txt"])] == ["b"]  # type: ignore[attr-defined]


def test_unsupported_file_named_explicitly_is_an_error(corpus: Path, read) -> None:
    documents, errors = read(corpus / "notes.md", corpus / "Makefile", corpus / "a.txt")
    assert [d.id for d in documents] == ["a"]
    assert [(e.path, e.line) for e in errors] == [(str(corpus / "notes.md"), None),
                                                 (str(corpus / "Makefile"), None)]
    assert "unsupported file type '.md'" in errors[0].reason
    assert all(suffix in errors[0].reason for suffix in SUPPORTED_SUFFIXES)
    assert "(no suffix)" in errors[1].reason


def test_missing_path_and_broken_link_are_errors_and_reading_goes_on(tmp_path: Path,
                                                                      read) -> None:
    good = write(tmp_path / "good.txt", "Good.")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    documents, errors = read(tmp_path / "missing.txt", link, good)
    assert [d.id for d in documents] == ["good"]
    assert [e.path for e in errors] == [str(tmp_path / "missing.txt"), str(link)]
    assert errors[0].reason.startswith("no such file or folder")
    assert "broken symbolic link" in errors[1].reason


def test_unreadable_file_is_an_error(tmp_path: Path, read, monkeypatch) -> None:
    # Tests may run as root, which chmod cannot lock out; simulate the permission error instead.
    from faultlines.ingest import reader

    locked = write(tmp_path / "locked.txt", "Secret.")
    good = write(tmp_path / "good.txt", "Good.")

    def deny(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(reader, "open", deny, raising=False)
    documents, errors = read(locked, good)
    assert [d.id for d in documents] == ["good"]
    assert (errors[0].path, errors[0].reason) == (str(locked), "cannot open: Permission denied")


def test_compressed_file_in_folder_is_reported_not_skipped(tmp_path: Path, read) -> None:
    (tmp_path / "a.txt.bz2").write_bytes(b"BZh91AY&SY")
    documents, errors = read(tmp_path)
    assert documents == [] and len(errors) == 1
    assert "only .gz is supported" in errors[0].reason and "bunzip2" in errors[0].reason


def test_folder_symlink_loop_does_not_hang(tmp_path: Path, read) -> None:
    write(tmp_path / "a.txt", "Alpha.")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    documents, errors = read(tmp_path)
    assert [d.id for d in documents] == ["a"] and errors == []


# --- duplicate ids ----------------------------------------------------------------------------

def test_duplicate_id_same_text_is_dropped_silently(tmp_path: Path, read) -> None:
    a = write(tmp_path / "a.jsonl", '{"id": "x", "text": "Same."}\n')
    b = write(tmp_path / "b.jsonl", '{"id": "y", "text": "Other."}\n{"id": "x", "text": "Same."}\n')
    stats = ReadStats()
    documents, errors = read(a, b, a, stats=stats)
    assert errors == [] and [d.id for d in documents] == ["x", "y"]
    assert stats.duplicates == 2


def test_duplicate_id_different_text_is_an_error_naming_both_places(tmp_path: Path,
                                                                    read) -> None:
    a = write(tmp_path / "a.jsonl", '{"id": "x", "text": "First."}\n')
    b = write(tmp_path / "b.jsonl", '{"id": "w", "text": "W."}\n{"id": "x", "text": "Second."}\n')
    txt = write(tmp_path / "x.txt", "Third.")
    documents, errors = read(a, b, txt)
    assert [d.text for d in documents] == ["First.", "W."]
    assert [(e.path, e.line) for e in errors] == [(str(b), 2), (str(txt), None)]
    assert errors[0].reason.startswith(f"duplicate id 'x' with different text, first seen at "
                                       f"{a}:1")


def test_remember_bounds_how_far_back_repeated_ids_are_checked(tmp_path: Path) -> None:
    lines = ['{"id": "a", "text": "A."}', '{"id": "b", "text": "B."}',
             '{"id": "c", "text": "C."}', '{"id": "a", "text": "Another A."}']
    path = write(tmp_path / "x.jsonl", "\n".join(lines) + "\n")

    def outcome(remember: int | None) -> list[str]:
        return [getattr(item, "id", None) or "error"
                for item in read_documents([path], remember=remember)]

    assert outcome(None) == ["a", "b", "c", "error"]  # default: every id is remembered
    assert outcome(3) == ["a", "b", "c", "error"]
    assert outcome(2) == ["a", "b", "c", "a"]  # "a" was forgotten two documents later
    with pytest.raises(ConfigError, match="remember"):
        list(read_documents([path], remember=0))


# --- standard input ---------------------------------------------------------------------------

def test_stdin_jsonl(read) -> None:
    data = b'{"id": "s1", "text": "One."}\n\n{"text": "Two.", "date": "2006-02-22"}\n'
    documents, errors = read("-", stdin=io.BytesIO(data))
    assert errors == []
    assert [(d.id, d.origin) for d in documents] == [("s1", "<stdin>:1"), ("stdin:3", "<stdin>:3")]


def test_stdin_jsonl_with_one_bad_line_reports_it_by_number(read) -> None:
    # Issue 19 (5): one bad line used to turn the whole input into one prose document.
    data = '{"id": "s1", "text": "One."}\nnot json at all\n{"id": "s3", "text": "Three."}\n'
    documents, errors = read("-", stdin=io.StringIO(data))
    assert [d.id for d in documents] == ["s1", "s3"]
    assert [(e.path, e.line) for e in errors] == [("<stdin>", 2)]


def test_stdin_jsonl_whose_first_line_is_bad_is_still_jsonl(read) -> None:
    data = '{"id": "s1", "text": "One."\n{"id": "s2", "text": "Two."}\n'
    documents, errors = read("-", stdin=io.StringIO(data))
    assert [d.id for d in documents] == ["s2"]
    assert [(e.path, e.line) for e in errors] == [("<stdin>", 1)]


def test_stdin_prose_that_mentions_braces_is_prose(read) -> None:
    data = "The {draft} was rejected.\n{Another} line follows.\nAnd a third.\n"
    documents, errors = read("-", stdin=io.StringIO(data))
    assert errors == [] and [d.id for d in documents] == ["stdin"]


def test_stdin_id_names_the_text_document_and_prefixes_jsonl_lines(read) -> None:
    documents, _ = read("-", stdin=io.StringIO("Prose from a pipe."), stdin_id="basra\x07 brief")
    assert [d.id for d in documents] == ["basra brief"]
    documents, _ = read("-", stdin=io.StringIO('{"text": "One."}\n'), stdin_id="feed")
    assert [d.id for d in documents] == ["feed:1"]
    with pytest.raises(ConfigError):
        read("-", stdin=io.StringIO("Prose."), stdin_id=" \x01 ")


def test_stdin_json_objects_without_text_are_reported_not_read_as_prose(read) -> None:
    documents, errors = read("-", stdin=io.StringIO('{"title": "no text field"}\n'))
    assert documents == []
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(1, "missing 'text' field")]


def test_stdin_jsonl_bad_record_is_reported_by_line(read) -> None:
    data = '{"id": "a", "text": "A."}\n{"id": 5, "text": "B."}\n'
    documents, errors = read("-", stdin=io.StringIO(data))
    assert [d.id for d in documents] == ["a"]
    assert [(e.path, e.line) for e in errors] == [("<stdin>", 2)]


def test_stdin_gzip_and_empty_and_binary(read) -> None:
    documents, _ = read("-", stdin=io.BytesIO(gzip.compress(b"Prose through a pipe.")))
    assert documents[0].text == "Prose through a pipe."
    for data, reason in [(b"", "empty input"), (b"\x00\x01\x02", "binary file")]:
        _, errors = read("-", stdin=io.BytesIO(data))
        assert errors[0].path == "<stdin>" and errors[0].reason.startswith(reason)


def test_stdin_reads_the_real_stdin_buffer(monkeypatch, read) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"From the real stdin.")

    monkeypatch.setattr("sys.stdin", FakeStdin())
    documents, errors = read("-")
    assert errors == [] and documents[0].text == "From the real stdin."


# --- size limits ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.json", "big.txt.gz"])
def test_file_over_the_limit_is_refused_naming_the_flag(tmp_path: Path, read_one,
                                                        name: str) -> None:
    path = tmp_path / name
    prose = "The council rejected the budget again. " * 20
    content = (f"<html><body><article><p>{prose}</p></article></body></html>" if "html" in name
               else json.dumps([{"text": prose}]) if "json" in name else prose).encode()
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    error = read_one(path, max_bytes=100)
    assert isinstance(error, ReadError) and error.path == str(path)
    assert "larger than the limit of 100 bytes" in error.reason
    assert "--max-bytes" in error.reason
    assert isinstance(read_one(path, max_bytes=10_000), Document)


def test_jsonl_limit_applies_per_line(tmp_path: Path, read) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": "y" * (400 if i == 3 else 40)})
             for i in range(1, 6)]
    path = write(tmp_path / "long.jsonl", "\n".join(lines) + "\n")
    assert path.stat().st_size > 300
    documents, errors = read(path, max_bytes=300)
    assert [d.id for d in documents] == ["d1", "d2", "d4", "d5"]
    assert [(e.line, "--max-bytes" in e.reason) for e in errors] == [(3, True)]


def test_limit_comes_from_the_environment(tmp_path: Path, read_one, monkeypatch) -> None:
    path = write(tmp_path / "a.txt", "z" * 200)
    monkeypatch.setenv("FAULTLINES_MAX_BYTES", "100")
    assert isinstance(read_one(path), ReadError)
    assert isinstance(read_one(path, max_bytes=1000), Document)


@pytest.mark.parametrize("bad", [0, -5, "lots", 1.5])
def test_bad_limit_is_a_config_error(bad: object) -> None:
    with pytest.raises(ConfigError, match="max_bytes"):
        list(read_documents([], max_bytes=bad))  # type: ignore[arg-type]


def test_jsonl_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = "The ministry announced new measures. " * 60
    with path.open("w", encoding="utf-8") as out:
        for i in range(2500):
            out.write(json.dumps({"id": f"d{i}", "text": f"{i} {line}"}) + "\n")
    size = path.stat().st_size
    assert size > 5_000_000
    tracemalloc.start()
    try:
        count = sum(isinstance(item, Document) for item in read_documents([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2500
    assert peak < size / 5, f"peak {peak:,} bytes while reading {size:,} bytes"


# --- hostile folders (issue 19: 1, 8, 10) ------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_one_error_and_the_others_are_read(tmp_path: Path,
                                                                         read) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/latin1_\xe9.txt", "wb") as handle:
        handle.write(b"Iran met Iraq.")
    (tmp_path / "good.txt").write_text("Iraq met Iran.")
    (tmp_path / "later.txt").write_text("Syria met Jordan.")
    documents, errors = read(tmp_path)
    assert [d.id for d in documents] == ["good", "later"]
    assert len(errors) == 1
    assert errors[0].path == f"{tmp_path}/latin1_\\xe9.txt"
    assert "not valid UTF-8" in errors[0].reason
    str(errors[0]).encode("utf-8")  # printable: no lone surrogates left


def test_unsupported_files_are_named_and_counted(tmp_path: Path, stats) -> None:
    (tmp_path / "a.txt").write_text("Iraq met Iran.")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("notes")
    items = list(read_documents([str(tmp_path)], stats=stats))
    skipped = [i for i in items if isinstance(i, SkippedFile)]
    assert sorted(s.path for s in skipped) == [f"{tmp_path}/README", f"{tmp_path}/b.pdf"]
    assert all("unsupported file type" in s.reason for s in skipped)
    assert stats.errors == 0 and stats.skipped == {".pdf": 1, "": 1}


def test_dangling_links_and_fifos_in_a_folder_are_errors(tmp_path: Path, read) -> None:
    (tmp_path / "a.txt").write_text("Iraq met Iran.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    documents, errors = read(tmp_path)  # must not block on the FIFO
    assert [d.id for d in documents] == ["a"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons["gone.txt"].startswith("dangling symbolic link")
    assert "FIFO" in reasons["pipe.txt"]


def test_ids_from_file_names_lose_control_characters(tmp_path: Path, read) -> None:
    (tmp_path / "bad\x07\x1bname\ttab.txt").write_text("Iraq met Iran.")
    documents, errors = read(tmp_path)
    assert errors == [] and [d.id for d in documents] == ["badname tab"]
