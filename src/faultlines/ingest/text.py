"""Bytes to clean text: encoding detection, binary sniffing and normalisation.

The policy (also in ``docs/input-formats.md``):

* UTF-8 is the expected encoding. A UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 are
  accepted when the file starts with their byte-order mark.
* Mixed encodings: scraped news often is UTF-8 with a few Windows-1252 bytes pasted in (curly
  quotes, dashes, accented names). Bytes that are not valid UTF-8 are decoded as Windows-1252 when
  they are few (at most ``MIXED_ENCODING_MAX_BYTES`` bytes, or ``MIXED_ENCODING_MAX_SHARE`` of the
  input, whichever is larger); a warning is logged on the ``faultlines.ingest`` logger. A text
  with no valid UTF-8 beyond ASCII at all is wholly in a single-byte encoding: it is read as
  Windows-1252 when at most ``SINGLE_BYTE_MAX_SHARE`` of its bytes are non-ASCII (Western
  European prose). More than that means the text is in some other encoding, and guessing would
  silently produce mojibake, so it is refused with an ``iconv`` hint.
* NUL bytes (without a UTF-16/32 byte-order mark) mean binary data; compressed data other than
  gzip is recognised by its magic number and refused.
* Every text is normalised by :func:`normalise_text`.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from faultlines.errors import InputError

__all__ = [
    "MIXED_ENCODING_MAX_BYTES",
    "MIXED_ENCODING_MAX_SHARE",
    "SINGLE_BYTE_MAX_SHARE",
    "decode_bytes",
    "normalise_text",
    "sniff_container",
]

logger = logging.getLogger("faultlines.ingest")

#: Up to this many non-UTF-8 bytes per input (file, or line of a JSONL file) are read as
#: Windows-1252 ...
MIXED_ENCODING_MAX_BYTES = 4
#: ... or up to this share of its bytes, whichever allows more. Western European text in
#: Windows-1252 stays below it; Cyrillic, Greek or CJK text in a legacy encoding is far above.
MIXED_ENCODING_MAX_SHARE = 0.05

#: A text with no valid UTF-8 beyond ASCII is read as Windows-1252 when at most this share of its
#: bytes are non-ASCII.
SINGLE_BYTE_MAX_SHARE = 0.2

GZIP_MAGIC = b"\x1f\x8b"
# Magic numbers of compressed or binary containers we refuse, with the command that opens them.
# Each of these starts with bytes that cannot begin UTF-8 prose, so text is never misread as one.
_CONTAINERS: tuple[tuple[bytes, str, str], ...] = (
    (b"PK\x03\x04", "zip", "unzip"),
    (b"PK\x05\x06", "zip", "unzip"),
    (b"\xfd7zXZ\x00", "xz", "unxz"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "7z x"),
    (b"\x28\xb5\x2f\xfd", "zstd", "unzstd"),
    (b"Rar!\x1a\x07", "rar", "unrar x"),
    (b"\x04\x22\x4d\x18", "lz4", "unlz4"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# C0 and C1 controls except tab and newline (carriage returns are handled before this), DEL,
# byte-order marks, and lone surrogates (JSON "\ud800" escapes produce them; they cannot be
# encoded as UTF-8, so the content hash would fail on them).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?")
_ESCAPED = re.compile("[\udc80-\udcff]")
# A character beyond ASCII that was valid UTF-8 (not an escaped stray byte).
_VALID_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
# Bytes Windows-1252 leaves undefined; Python's cp1252 codec refuses them.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def normalise_text(text: str) -> str:
    """Return ``text`` as faultlines stores it.

    Line ends become ``\\n``; C0/C1 control characters other than tab and newline, DEL,
    byte-order marks (U+FEFF) and lone surrogates are removed; the result is put in Unicode NFC
    form and stripped of surrounding whitespace. The function is idempotent.

    >>> normalise_text("  Cafe\\u0301\\r\\nsaid\\x07 no.\\ufeff ")
    'Café\\nsaid no.'
    """
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def sniff_container(head: bytes) -> tuple[str, str] | None:
    """Name a compressed container from the first bytes of a file, or ``None``.

    Returns ``(format, command that opens it)``; gzip is not reported (faultlines reads it).

    >>> sniff_container(b"PK\\x03\\x04rest")
    ('zip', 'unzip')
    >>> sniff_container(b"plain text") is None
    True
    """
    for magic, name, command in _CONTAINERS:
        if head.startswith(magic):
            return name, command
    if _BZIP2.match(head):
        return "bzip2", "bunzip2"
    return None


def _decode_unicode_bom(data: bytes, path: str, line: int | None) -> str | None:
    """Decode UTF-16/32 text that announces itself with a byte-order mark, else ``None``."""
    # UTF-32-LE's mark starts with UTF-16-LE's, so test the longer marks first.
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"invalid {encoding.upper()} text (byte offset {exc.start}) after a "
                    f"{encoding.upper()} byte-order mark; re-encode it with "
                    f"`iconv -f {encoding.upper()} -t UTF-8`", line) from exc
    return None


def decode_bytes(data: bytes, path: str, line: int | None = None) -> str:
    """Decode the bytes of one input (a file, or one line of a JSONL file) to ``str``.

    See the module docstring for the policy. The result is not yet normalised.

    Raises
    ------
    InputError
        For binary data, compressed data, or text that is not UTF-8 (beyond the mixed-encoding
        allowance). The message names ``path`` (and ``line``) and says how to fix the input.

    >>> decode_bytes("naïve".encode("utf-8"), "a.txt")
    'naïve'
    >>> decode_bytes(b"\\x93quoted\\x94 text", "a.txt")  # Windows-1252 quotes
    '“quoted” text'
    """
    unicode_text = _decode_unicode_bom(data, path, line)
    if unicode_text is not None:
        return unicode_text
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    container = sniff_container(data[:16])
    if container is not None:
        name, command = container
        raise InputError(path, f"compressed file ({name}): only .gz is supported; decompress it "
                         f"first (`{command} FILE`)", line)
    if data.startswith(GZIP_MAGIC):
        raise InputError(path, "gzip data where text was expected (a gzip file inside a gzip "
                         "file, or inside a JSONL line); decompress it first", line)
    nul = data.find(b"\x00")
    if nul >= 0:
        hint = ("; if it is UTF-16 text without a byte-order mark, re-encode it with "
                "`iconv -f UTF-16LE -t UTF-8`" if data[1::2].count(0) > len(data) // 4 else "")
        raise InputError(path, f"binary file (NUL byte at offset {nul}); faultlines reads "
                         f"UTF-8 text, JSONL and HTML{hint}", line)
    if data.startswith(b"%PDF-"):
        raise InputError(path, "binary file (PDF); convert it to text first, e.g. with "
                         "`pdftotext FILE`", line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_offset, first_byte = exc.start, data[exc.start]
    return _decode_mixed(data, path, line, first_offset, first_byte)


def _decode_mixed(data: bytes, path: str, line: int | None, first_offset: int,
                  first_byte: int) -> str:
    """Decode mostly-UTF-8 bytes whose few stray bytes are Windows-1252; refuse anything else."""
    # surrogateescape maps each undecodable byte 0xNN to U+DCNN, so one pass finds them all.
    escaped = data.decode("utf-8", "surrogateescape")
    stray = [ord(ch) - 0xDC00 for ch in _ESCAPED.findall(escaped)]
    share = MIXED_ENCODING_MAX_SHARE
    if not _VALID_NON_ASCII.search(escaped):
        # Not one valid UTF-8 sequence beyond ASCII: the whole text is in a single-byte
        # encoding. Western European prose in Windows-1252/Latin-1 has a few accented letters
        # per line (French about 6% of its bytes); Cyrillic or Greek has one in almost every
        # word (far above the allowance), CJK legacy encodings hit undefined bytes.
        share = SINGLE_BYTE_MAX_SHARE
    allowance = max(MIXED_ENCODING_MAX_BYTES, int(len(data) * share))
    undefined = [b for b in stray if b in _CP1252_UNDEFINED]
    if len(stray) > allowance or undefined:
        raise InputError(
            path, f"not UTF-8 text (byte 0x{first_byte:02x} at offset {first_offset}, "
            f"{len(stray)} undecodable bytes in all); re-encode it with "
            f"`iconv -f ENCODING -t UTF-8` (e.g. ENCODING=WINDOWS-1252 or LATIN1)", line)
    where = f"{path}:{line}" if line is not None else path
    logger.warning("%s: %d byte(s) are not UTF-8 (first 0x%02x at offset %d); read them as "
                   "Windows-1252", where, len(stray), first_byte, first_offset)
    return _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252"), escaped)
