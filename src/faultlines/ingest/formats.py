"""One reader per input format, each working on an open binary stream.

Readers raise (single-document formats) or yield (JSONL, JSON lists) :class:`InputError` for bad
input; :mod:`faultlines.ingest.reader` turns those into :class:`ReadError` records. Streams may be
plain files, gzip streams or the spooled standard input, so readers never seek.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

from faultlines.errors import InputError
from faultlines.ingest.records import document_from_record, parse_date, parse_json
from faultlines.ingest.text import decode_bytes, normalise_text
from faultlines.types import Document

__all__ = [
    "FORMATS",
    "read_text",
    "read_html",
    "iter_jsonl",
    "iter_json",
    "too_large",
    "corrupt_gzip",
    "STREAM_ERRORS",
]

#: Suffix (lower case) -> format name. ``.gz`` may follow any of them.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}

#: Errors a gzip stream raises on corrupt or truncated data; plain files never raise them.
STREAM_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)

T = TypeVar("T")


def too_large(size: int | None, max_bytes: int, what: str = "file") -> str:
    """The message for input refused by the size limit."""
    actual = f"{what} is {size:,} bytes," if size is not None else f"{what} is"
    return (f"{actual} larger than the limit of {max_bytes:,} bytes; raise the limit with "
            f"--max-bytes (or FAULTLINES_MAX_BYTES), or split the input")


def _guard(path: str, line: int | None, action: Callable[[], T]) -> T:
    """Run a stream read, reporting corrupt compressed data as an InputError."""
    try:
        return action()
    except STREAM_ERRORS as exc:
        raise InputError(path, corrupt_gzip(exc), line) from exc


def corrupt_gzip(exc: BaseException) -> str:
    """The message for gzip data that cannot be decompressed."""
    return f"corrupt or truncated gzip data ({exc}); check the download or recompress the file"


def read_all(stream: IO[bytes], path: str, max_bytes: int) -> bytes:
    """Read a whole single-document input, refusing it when it exceeds ``max_bytes``."""
    data = _guard(path, None, lambda: stream.read(max_bytes + 1))
    if len(data) > max_bytes:
        raise InputError(path, too_large(None, max_bytes, "the (decompressed) input"))
    if not data:
        raise InputError(path, "empty file")
    return data


def _non_empty(text: str, path: str) -> str:
    cleaned = normalise_text(text)
    if not cleaned:
        raise InputError(path, "empty file (nothing left after removing whitespace and control "
                         "characters)")
    return cleaned


def read_text(stream: IO[bytes], path: str, doc_id: str, max_bytes: int) -> Document:
    """Read a plain-text document: the whole (normalised) file is its text; no date."""
    text = _non_empty(decode_bytes(read_all(stream, path, max_bytes), path), path)
    return Document(id=doc_id, text=text, origin=path)


# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})",
                           re.IGNORECASE)
# Browsers (WHATWG Encoding standard) read these labels as Windows-1252; so do we.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "cp1252"}


def _decode_html(data: bytes, path: str) -> str:
    """Decode HTML, honouring a <meta> charset declaration other than UTF-8."""
    declared = _META_CHARSET.search(data[:4096])
    if declared is not None and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                     codecs.BOM_UTF16_BE)):
        label = declared.group(1).decode("ascii")
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            encoding = "utf-8"  # an unknown label: fall back to the default policy
        if encoding in _AS_CP1252:
            encoding = "cp1252"
        if encoding not in ("utf-8", "utf-16", "utf-32") and b"\x00" not in data:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not {label} text as its <meta charset> declares (byte "
                                 f"0x{data[exc.start]:02x} at offset {exc.start}); fix the "
                                 f"declaration or re-encode with `iconv -f ENCODING -t UTF-8`"
                                 ) from exc
    return decode_bytes(data, path)


# libxml2's default limit on how deeply elements nest (XML_PARSE_HUGE lifts it).
_LIBXML2_MAX_DEPTH = 256


def _huge_tree(html: str) -> Any:  # an lxml.html.HtmlElement
    """Parse HTML with libxml2's depth and size limits lifted (the input is bounded by
    ``--max-bytes``)."""
    import lxml.html

    return lxml.html.fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))


def read_html(stream: IO[bytes], path: str, doc_id: str, max_bytes: int) -> Document:
    """Read an HTML page: main text and metadata extracted offline by trafilatura.

    Title, author, date, site name (as ``source``; the host of the canonical URL when the page
    names no site) and canonical URL come from the page's metadata. Navigation, comments and
    tables are left out: they are not prose an event coder can read.
    """
    import trafilatura  # imported here: it takes ~1 s and only HTML inputs need it

    html = _decode_html(read_all(stream, path, max_bytes), path)
    # trafilatura logs its own ERROR lines for pages without a body; we report those pages as
    # one ReadError, so its messages would only repeat ours in the user's log.
    trafilatura_logger = logging.getLogger("trafilatura")
    level = trafilatura_logger.level
    trafilatura_logger.setLevel(logging.CRITICAL)

    def extract(source: Any) -> Any:
        return trafilatura.bare_extraction(source, with_metadata=True, include_comments=False,
                                           include_tables=False)

    try:
        extracted = extract(html)
        if not normalise_text(getattr(extracted, "text", None) or "") and \
                html.count("<") > _LIBXML2_MAX_DEPTH:
            # libxml2 stops building the tree 256 elements deep, so a page nested deeper (div
            # soup from some site builders) loses its text; its "huge" mode has no such limit.
            extracted = extract(_huge_tree(html)) or extracted
    except (ValueError, TypeError, RecursionError) as exc:  # lxml on pathological markup
        raise InputError(path, f"cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    finally:
        trafilatura_logger.setLevel(level)
    text = normalise_text(getattr(extracted, "text", None) or "")
    if not text:
        raise InputError(path, "no main text found in the HTML (trafilatura found no article "
                         "body); save the article page itself, or its text as .txt")

    def field(name: str) -> str | None:
        value = getattr(extracted, name, None)
        cleaned = " ".join(normalise_text(value).split()) if isinstance(value, str) else ""
        return cleaned or None

    date = None
    if (raw_date := field("date")) is not None:
        try:
            date = parse_date(raw_date)
        except ValueError:
            date = None  # a page's date metadata is a hint, not worth refusing the article for
    url = field("url")
    source = field("sitename") or (urlsplit(url).hostname if url else None)
    return Document(id=doc_id, text=text, date=date, source=source, author=field("author"),
                    title=field("title"), url=url, origin=path)


def _iter_lines(stream: IO[bytes], path: str,
                max_bytes: int) -> Iterator[tuple[int, str | bytes | InputError]]:
    """Yield ``(line number, raw line or InputError)``, never holding more than one line.

    A line longer than ``max_bytes`` is reported and skipped without being kept in memory. A
    stream that starts with a UTF-16/32 byte-order mark is decoded as such.
    """
    head = _guard(path, None, lambda: stream.peek(4)[:4]) if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32" if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) \
            else "utf-16"
        text_stream = io.TextIOWrapper(stream, encoding=encoding, newline="")
        number = 0
        while True:
            number += 1
            try:
                line = _guard(path, number, lambda: text_stream.readline(max_bytes + 1))
            except UnicodeDecodeError as exc:
                yield number, InputError(path, f"invalid {encoding.upper()} text ({exc.reason});"
                                         f" reading of this file stopped here", number)
                return
            if not line:
                return
            if len(line) > max_bytes and not line.endswith("\n"):
                yield number, InputError(path, too_large(None, max_bytes, "line"), number)
                while (rest := text_stream.readline(1 << 20)) and not rest.endswith("\n"):
                    pass
                continue
            yield number, line
    number = 0
    while True:
        number += 1
        chunk = _guard(path, number, lambda: stream.readline(max_bytes + 1))
        if not chunk:
            return
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            yield number, InputError(path, too_large(None, max_bytes, "line"), number)
            while True:  # skip the rest of the over-long line, a bounded chunk at a time
                tail = _guard(path, number, lambda: stream.readline(1 << 20))
                if not tail or tail.endswith(b"\n"):
                    break
            continue
        yield number, chunk


def iter_jsonl(stream: IO[bytes], path: str, id_prefix: str,
               max_bytes: int) -> Iterator[Document | InputError]:
    """Stream a JSONL file: one JSON object per line; blank lines are ignored.

    A line without ``id`` gets ``{id_prefix}:{line number}``. A bad line yields an InputError
    for that line and the next line is read; corrupt gzip data ends the file with an error.
    """
    produced = 0
    try:
        for number, raw in _iter_lines(stream, path, max_bytes):
            if isinstance(raw, InputError):
                produced += 1
                yield raw
                continue
            if not raw.strip():
                continue
            produced += 1
            try:
                text = raw if isinstance(raw, str) else decode_bytes(raw, path, number)
                # Only the first line can carry a byte-order mark; drop it before parsing.
                record = parse_json(text.lstrip("\ufeff"), path, number)
                yield document_from_record(record, path=path, line=number,
                                           default_id=f"{id_prefix}:{number}")
            except InputError as exc:
                yield exc
    except InputError as exc:  # corrupt gzip data: the rest of the file is unreadable
        produced += 1
        yield exc
    if produced == 0:
        yield InputError(path, "empty file (no JSON lines)")


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _skip_whitespace(text: str, position: int) -> int:
    """Index of the first non-JSON-whitespace character at or after ``position``."""
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def iter_json(stream: IO[bytes], path: str, id_prefix: str,
              max_bytes: int) -> Iterator[Document | InputError]:
    """Read a JSON file: a list of objects like JSONL lines, or one such object.

    Elements are decoded one at a time so that one bad element is reported with its line number
    and the others are still read. An element without ``id`` gets ``{id_prefix}:{n}`` (n counts
    elements from 1); a lone object without ``id`` gets ``id_prefix``.
    """
    text = decode_bytes(read_all(stream, path, max_bytes), path).lstrip("\ufeff")
    decoder = json.JSONDecoder(strict=False)
    position = _skip_whitespace(text, 0)
    if position == len(text):
        raise InputError(path, "empty file")
    if text[position] == "{":
        record = parse_json(text, path, None)
        yield document_from_record(record, path=path, line=None, default_id=id_prefix)
        return
    if text[position] != "[":
        raise InputError(path, "expected a JSON list of objects (or one object) with a 'text' "
                         "field; for one object per line name the file .jsonl", 1)
    position += 1
    line, counted_to = 1, 0
    index = 0
    while True:
        position = _skip_whitespace(text, position)
        line += text.count("\n", counted_to, position)
        counted_to = position
        if position < len(text) and text[position] == "]" and index == 0:
            yield InputError(path, "empty file (an empty JSON list)")
            return
        index += 1
        try:
            record, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON: {exc.msg}; reading of this file stopped "
                             f"here", exc.lineno)
            return
        except (RecursionError, ValueError) as exc:
            yield InputError(path, f"invalid JSON ({exc.__class__.__name__}); reading of this "
                             f"file stopped here", line)
            return
        try:
            yield document_from_record(record, path=path, line=line,
                                       default_id=f"{id_prefix}:{index}")
        except InputError as exc:
            yield exc
        position = _skip_whitespace(text, end)
        if position < len(text) and text[position] == ",":
            position += 1
            continue
        if position < len(text) and text[position] == "]":
            break
        line += text.count("\n", counted_to, position)
        yield InputError(path, "invalid JSON: expected ',' or ']' after a list element; "
                         "reading of this file stopped here", line)
        return
    trailing = _skip_whitespace(text, position + 1)
    if trailing != len(text):
        line += text.count("\n", counted_to, trailing)
        yield InputError(path, "invalid JSON: extra data after the closing ']'", line)
