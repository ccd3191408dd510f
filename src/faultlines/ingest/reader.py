"""``read_documents``: paths, folders and standard input to a stream of Documents and ReadErrors."""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from faultlines.config import get_setting
from faultlines.errors import ConfigError, InputError
from faultlines.ingest.formats import (
    FORMATS,
    STREAM_ERRORS,
    corrupt_gzip,
    iter_json,
    iter_jsonl,
    read_html,
    read_text,
    too_large,
)
from faultlines.ingest.records import parse_json
from faultlines.ingest.text import GZIP_MAGIC, normalise_text, sniff_container
from faultlines.types import Document, ReadError, SkippedFile

__all__ = ["SUPPORTED_SUFFIXES", "STDIN", "ReadStats", "SkippedFile", "read_documents",
           "drop_repeats", "shown_path"]

#: File suffixes read (case-insensitive); each may also be followed by ``.gz``.
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)
#: The input name that means standard input, and the path ReadErrors from it carry.
STDIN = "-"
STDIN_PATH = "<stdin>"

# Suffixes of compressed files we cannot read: named or found in a folder, they are reported
# (a user with a .bz2 corpus should hear why nothing was read), not silently skipped.
_OTHER_COMPRESSION = {".bz2": "bunzip2", ".xz": "unxz", ".zst": "unzstd", ".zip": "unzip",
                      ".7z": "7z x", ".rar": "unrar x", ".lz4": "unlz4", ".tgz": "tar xzf",
                      ".tar": "tar xf", ".z": "uncompress"}


def shown_path(path: str) -> str:
    """``path`` as it can be printed: bytes that are not UTF-8 shown as ``\\xNN`` escapes.

    File names are bytes on POSIX; Python decodes the undecodable ones to lone surrogates,
    which no terminal or UTF-8 log can print.

    >>> shown_path("latin1_\\udce9.txt")
    'latin1_\\\\xe9.txt'
    """
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _name_not_utf8(path: str) -> InputError | None:
    """The error for a file or folder name that is not valid UTF-8, else None."""
    if path == shown_path(path):
        return None
    return InputError(shown_path(path), "file name is not valid UTF-8 (shown with \\x escapes); "
                      "rename it, e.g. `convmv -f latin1 -t utf8 --notest FILE`")


@dataclass
class ReadStats:
    """Counts kept by :func:`read_documents` while it runs (pass one in to read them after).

    Attributes
    ----------
    files
        Files opened (standard input counts as one).
    documents
        Documents yielded.
    errors
        ReadErrors yielded.
    duplicates
        Documents dropped because an earlier one had the same id and the same text.
    skipped
        Files in folders skipped for an unsupported suffix, by suffix (``""`` for none); each
        is also yielded as a :class:`SkippedFile`.
    """

    files: int = 0
    documents: int = 0
    errors: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def _resolve_max_bytes(max_bytes: int | None) -> int:
    value = get_setting("max_bytes", max_bytes)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"max_bytes must be a positive whole number of bytes, got {value!r}")
    return value


def _suffixes(name: str) -> tuple[str, bool]:
    """Return (format suffix, gzip-compressed?) of a file name, lower case."""
    lower = name.lower()
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    return os.path.splitext(lower)[1], compressed


def _document_id(relative: str) -> str:
    """Id of a file's document: its path (relative to the folder given) without suffixes.

    Control characters are removed and runs of whitespace become one space, as for ids in
    JSON records: ids end up in file names, URLs and log lines.

    >>> _document_id("2007/a\\tb\\x07.txt.gz")
    '2007/a b'
    """
    base = relative[:-3] if relative.lower().endswith(".gz") else relative
    stem = os.path.splitext(base)[0].replace(os.sep, "/")
    return " ".join(normalise_text(stem).split()) or shown_path(stem)


def _walk(folder: str) -> Iterator[tuple[str, str] | InputError]:
    """Yield ``(path, path relative to folder)`` of files under ``folder``, sorted by name.

    Hidden files and folders (name starting with ".") are left out; symbolic links to folders
    are not followed, so a link loop cannot make the walk endless. Names that are not UTF-8,
    dangling links and entries that are neither files nor folders (FIFOs, sockets, devices)
    are reported as errors.
    """
    def visit(directory: str, prefix: str) -> Iterator[tuple[str, str] | InputError]:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(shown_path(directory), f"cannot list folder: "
                             f"{exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if (bad_name := _name_not_utf8(entry.path)) is not None:
                yield bad_name
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                is_file = not is_folder and entry.is_file()
                is_link = entry.is_symlink()
            except OSError as exc:
                yield InputError(entry.path, f"cannot read: {exc.strerror or exc}")
                continue
            if is_folder:
                yield from visit(entry.path, f"{prefix}{entry.name}/")
            elif is_file:
                yield entry.path, f"{prefix}{entry.name}"
            elif is_link and not os.path.exists(entry.path):
                target = shown_path(os.readlink(entry.path))
                yield InputError(entry.path, f"dangling symbolic link (to {target}); fix or "
                                 f"remove the link")
            elif not is_link or not os.path.isdir(entry.path):
                yield InputError(entry.path, f"not a regular file ({_file_kind(entry.path)}); "
                                 f"faultlines reads regular files and folders")

    yield from visit(folder, "")


def _file_kind(path: str) -> str:
    """What a non-regular file is, in words (``a FIFO``, ``a socket``, ``a device``)."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "unreadable"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _open_stream(handle: IO[bytes]) -> tuple[IO[bytes], bool]:
    """Return ``handle``, or a gzip stream over it when the data starts with gzip's magic number.

    The magic number, not the suffix, decides: a gzip file without ``.gz`` is still read.
    """
    head = handle.peek(2)[:2]  # type: ignore[attr-defined]
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=handle, mode="rb"), True  # type: ignore[return-value]
    return handle, False


def _check_container(stream: IO[bytes], path: str) -> None:
    """Refuse compressed formats other than gzip, detected by magic number."""
    container = sniff_container(stream.peek(16)[:16])  # type: ignore[attr-defined]
    if container is not None:
        name, command = container
        raise InputError(path, f"compressed file ({name}): only .gz is supported; decompress "
                         f"it first (`{command} FILE`)")


def _read_stream(stream: IO[bytes], path: str, form: str, doc_id: str,
                 max_bytes: int) -> Iterator[Document | InputError]:
    if form == "text":
        yield read_text(stream, path, doc_id, max_bytes)
    elif form == "html":
        yield read_html(stream, path, doc_id, max_bytes)
    elif form == "jsonl":
        yield from iter_jsonl(stream, path, doc_id, max_bytes)
    else:
        yield from iter_json(stream, path, doc_id, max_bytes)


def _read_file(path: str, relative: str, *, explicit: bool, max_bytes: int,
               stats: ReadStats) -> Iterator[Document | InputError | SkippedFile]:
    if (bad_name := _name_not_utf8(path)) is not None:
        yield bad_name
        return
    suffix, _ = _suffixes(relative)
    name_suffix = os.path.splitext(relative.lower())[1]
    if name_suffix in _OTHER_COMPRESSION:
        yield InputError(path, f"compressed file ({name_suffix}): only .gz is supported; "
                         f"decompress it first (`{_OTHER_COMPRESSION[name_suffix]} FILE`)")
        return
    form = FORMATS.get(suffix)
    if form is None:
        if explicit:
            yield InputError(path, f"unsupported file type {suffix or '(no suffix)'!r}; "
                             f"faultlines reads {', '.join(SUPPORTED_SUFFIXES)} (optionally "
                             f"gzipped as .gz) and folders of them")
        else:
            stats.skipped[suffix] += 1
            yield SkippedFile(path, None, f"skipped: unsupported file type "
                              f"{suffix or '(no suffix)'!r}")
        return
    try:
        handle = open(path, "rb")  # closed in the finally below
    except OSError as exc:
        yield InputError(path, f"cannot open: {exc.strerror or exc}")
        return
    stats.files += 1
    try:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            yield InputError(path, "empty file")
            return
        stream, compressed = _open_stream(handle)
        # JSONL is streamed, so its limit applies per line; other formats are read whole.
        if not compressed and form != "jsonl" and size > max_bytes:
            yield InputError(path, too_large(size, max_bytes))
            return
        _check_container(stream, path)
        yield from _read_stream(stream, path, form, _document_id(relative), max_bytes)
    except InputError as exc:
        yield exc
    except STREAM_ERRORS as exc:  # before OSError: BadGzipFile is one
        yield InputError(path, corrupt_gzip(exc))
    except OSError as exc:  # e.g. EIO
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
    finally:
        handle.close()


def _looks_like_jsonl(stream: IO[bytes], max_bytes: int) -> bool:
    """True if ``stream`` is meant as JSONL: its first non-blank line is a JSON object with a
    ``text`` field, or every non-blank line starts with ``{``.

    A bad line further down (or even the first one, when the others are objects) is then
    reported with its line number by the reading pass, not silently read as prose.
    """
    first = True
    seen = False
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return seen
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Too long to judge; an object opening means JSONL (its line gets an error later).
            if not line.lstrip().startswith(b"{"):
                return False
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            seen, first = True, False
            continue
        if not line.strip():
            continue
        # Lenient decoding is enough to judge the shape: stray bytes can only sit inside JSON
        # strings of a valid line. The reading pass reports them (once) with the line number.
        text = line.decode("utf-8", "replace").lstrip("\ufeff").strip()
        if first:
            first = False
            try:
                record = parse_json(text, STDIN_PATH, None)
            except InputError:
                record = None
            if isinstance(record, dict) and "text" in record:
                return True
        if not text.startswith("{"):
            return False
        seen = True


def _read_stdin(source: Any, max_bytes: int, stats: ReadStats,
                stdin_id: str = "stdin") -> Iterator[Document | InputError]:
    """Read standard input: JSONL if its first non-blank line is a JSON object with ``text``
    (or every non-blank line opens an object), else one text document.

    Standard input can be read only once, so it is spooled to a temporary file: that lets the
    format be decided on the whole input and the input then be streamed, without holding it in
    memory.
    """
    source = sys.stdin if source is None else source
    if source is None:
        yield InputError(STDIN_PATH, "no standard input is available")
        return
    reader = getattr(source, "buffer", source)
    stats.files += 1
    with tempfile.TemporaryFile() as spool:
        while chunk := reader.read(1 << 20):
            if isinstance(chunk, str):  # a text stream, e.g. io.StringIO in tests
                chunk = chunk.encode("utf-8", "surrogatepass")
            spool.write(chunk)
        if spool.tell() == 0:
            yield InputError(STDIN_PATH, "empty input")
            return
        try:
            spool.seek(0)
            stream, _ = _open_stream(spool)
            _check_container(stream, STDIN_PATH)
            is_jsonl = _looks_like_jsonl(stream, max_bytes)
            spool.seek(0)
            stream, _ = _open_stream(spool)
            form = "jsonl" if is_jsonl else "text"
            yield from _read_stream(stream, STDIN_PATH, form, stdin_id, max_bytes)
        except InputError as exc:
            yield exc
        except STREAM_ERRORS as exc:
            yield InputError(STDIN_PATH, corrupt_gzip(exc))
        except OSError as exc:
            yield InputError(STDIN_PATH, f"cannot read: {exc.strerror or exc}")


def _check_stdin_id(stdin_id: str | None) -> str:
    """The id for standard input: ``stdin`` by default; cleaned like a record's id."""
    if stdin_id is None:
        return "stdin"
    cleaned = " ".join(normalise_text(stdin_id).split())
    if not cleaned:
        raise ConfigError(f"--id {stdin_id!r} is empty; give a document id such as "
                          f"2007-03-14-basra")
    return cleaned


def _read_input(name: str, *, stdin: Any, max_bytes: int, stats: ReadStats,
                stdin_id: str = "stdin") -> Iterator[Document | InputError | SkippedFile]:
    if name == STDIN:
        yield from _read_stdin(stdin, max_bytes, stats, stdin_id)
        return
    if os.path.isdir(name):
        for item in _walk(name):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item[0], item[1], explicit=False, max_bytes=max_bytes,
                                      stats=stats)
        return
    if not os.path.exists(name):
        hint = " (a broken symbolic link)" if os.path.islink(name) else ""
        yield InputError(name, f"no such file or folder{hint}; check the path")
        return
    if not os.path.isfile(name):
        yield InputError(name, "not a regular file or folder; use - to read standard input")
        return
    yield from _read_file(name, os.path.basename(name), explicit=True, max_bytes=max_bytes,
                          stats=stats)


def read_documents(inputs: Iterable[str | os.PathLike[str]], *, max_bytes: int | None = None,
                   stdin: Any = None, stats: ReadStats | None = None,
                   remember: int | None = None,
                   stdin_id: str | None = None) -> Iterator[Document | ReadError]:
    """Read documents from files, folders and standard input, in order, one at a time.

    Parameters
    ----------
    inputs
        Paths of ``.txt``, ``.jsonl``/``.ndjson``, ``.json`` and ``.html``/``.htm`` files (each
        optionally ``.gz``), folders (read recursively in sorted order, hidden entries and
        unsupported suffixes skipped), or ``-`` for standard input.
    max_bytes
        Largest file (for JSONL: line) accepted; default from the ``max_bytes`` setting.
    stdin
        Stream read for ``-`` (binary or text); default ``sys.stdin``.
    stats
        Filled in with counts as reading goes on, if given.
    remember
        How many of the most recent document ids later documents are checked against (default:
        all of them, which takes memory in proportion to the input). ``ingest`` bounds it: its
        store catches repeats of older documents.
    stdin_id
        Id of a plain-text document read from standard input (default ``stdin``); JSONL
        records without an ``id`` get ``{stdin_id}:LINE``.

    Yields
    ------
    Document or ReadError
        A document per text file, HTML page, JSON record or JSONL line; a ReadError (naming the
        file and, where there is one, the line) for each input or record that cannot be read;
        a :class:`SkippedFile` (a ReadError subclass, not counted as an error) for each file in
        a folder left out for its suffix. Reading always goes on with the next record or input.

    Notes
    -----
    Document ids are unique in one run: a later document with an earlier id, the same text and
    the same ``source`` is dropped silently (counted in ``stats.duplicates``); from another
    source it is yielded (the outlet is kept as a carrier of the text); with different text it
    is a ReadError.
    See ``docs/input-formats.md`` for ids, normalisation, encodings and limits.

    Raises
    ------
    ConfigError
        If ``max_bytes`` is not a positive whole number.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("The minister resigned.")
    >>> for item in read_documents([str(folder), str(folder / "missing.txt")]):
    ...     print(getattr(item, "id", None) or item.reason)
    a
    no such file or folder; check the path
    """
    limit = _resolve_max_bytes(max_bytes)
    stats = stats if stats is not None else ReadStats()
    stdin_id = _check_stdin_id(stdin_id)
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]  # one path, not an iterable of one-character "paths"
    first_seen = recent_keys(remember)  # id -> (content hash, origin)
    for name in inputs:
        for item in _read_input(os.fspath(name), stdin=stdin, max_bytes=limit, stats=stats,
                                stdin_id=stdin_id):
            if isinstance(item, SkippedFile):
                yield SkippedFile(shown_path(item.path), item.line, item.reason)
                continue
            if isinstance(item, InputError):
                stats.errors += 1
                yield ReadError(shown_path(item.path), item.line, item.reason)
                continue
            earlier = first_seen.get(item.id)
            if earlier is None:
                remember_key(first_seen, item.id, (item.hash, item.origin or "", item.source),
                             remember)
                stats.documents += 1
                yield item
            elif earlier[0] == item.hash and earlier[2] == item.source:
                stats.duplicates += 1
            elif earlier[0] == item.hash:
                # The same article from another outlet: passed on, so the caller can record
                # who carried it (see drop_repeats).
                stats.documents += 1
                yield item
            else:
                path, line = _split_origin(item.origin or "")
                stats.errors += 1
                yield ReadError(path, line, f"duplicate id {item.id!r} with different text, "
                                f"first seen at {earlier[1]}; give each document its own id")


def drop_repeats(documents: Iterable[Document], remember: int | None = None, *,
                 on_repeat: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Yield each text once: a document whose text (content hash) came earlier is dropped.

    The text is parsed once, under the first document that carried it; ``on_repeat`` is told
    of every later one, so a caller can record each (document id, outlet) that carried the
    text (``ingest`` stores them: see ``Store.add_carriers``). Repeats are checked against the
    ``remember`` most recent texts (default: all of them).

    >>> first = Document("a", "Iraq met Iran.", source="Daily One")
    >>> again = Document("b", "Iraq met Iran.", source="Daily Two")
    >>> repeats = []
    >>> [d.id for d in drop_repeats([first, again], on_repeat=repeats.append)]
    ['a']
    >>> [(d.id, d.source) for d in repeats]
    [('b', 'Daily Two')]
    """
    seen = recent_keys(remember)
    for document in documents:
        if document.hash in seen:
            if on_repeat is not None:
                on_repeat(document)
            continue
        remember_key(seen, document.hash, None, remember)
        yield document


def recent_keys(limit: int | None) -> dict[str, Any]:
    """A mapping for :func:`remember_key`: every key when ``limit`` is None, else the newest."""
    if limit is not None and limit < 1:
        raise ConfigError(f"remember must be at least 1 document, got {limit}")
    return {} if limit is None else OrderedDict()


def remember_key(keys: dict[str, Any], key: str, value: Any, limit: int | None) -> None:
    """Add ``key``; beyond ``limit`` keys, forget the oldest (an OrderedDict pops it in O(1))."""
    keys[key] = value
    if limit is not None and len(keys) > limit:
        keys.popitem(last=False)  # type: ignore[call-arg]


def _split_origin(origin: str) -> tuple[str, int | None]:
    """Split ``path:line`` (JSON records) from a plain path (one-document files)."""
    path, _, line = origin.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return origin, None
