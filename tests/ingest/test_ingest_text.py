"""Decoding, normalisation, dates and language identification."""

from __future__ import annotations

import codecs
import datetime as dt
import logging

import pytest

from faultlines.errors import InputError
from faultlines.ingest import decode_bytes, detect_language, normalise_text, parse_date
from faultlines.ingest.text import sniff_container


@pytest.mark.parametrize(("raw", "expected"), [
    ("a\r\nb\rc\n", "a\nb\nc"),                       # every line end becomes \n
    ("tab\tkept, bell\x07 and nul\x00 gone", "tab\tkept, bell and nul gone"),
    ("C1 \x85control\x9f gone", "C1 control gone"),
    ("del\x7f", "del"),
    ("\ufeffbom at start and\ufeff inside", "bom at start and inside"),
    ("Cafe\u0301", "Caf\u00e9"),                       # NFC composes e + combining acute
    ("lone \ud800surrogate", "lone surrogate"),
    ("  \n padded \t\n", "padded"),
    ("\x00\x01\r\n", ""),
])
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_text_is_idempotent_on_a_tricky_string() -> None:
    raw = "\x1c a\u0301\x85\r\n\u2028 b \ufeff"
    once = normalise_text(raw)
    assert normalise_text(once) == once


def test_decode_utf8_and_boms() -> None:
    assert decode_bytes("Malikî".encode(), "a.txt") == "Malikî"
    assert decode_bytes(codecs.BOM_UTF8 + b"x", "a.txt") == "x"
    assert decode_bytes("Malikî".encode("utf-16"), "a.txt") == "Malikî"  # with its BOM
    assert decode_bytes("Malikî".encode("utf-32"), "a.txt") == "Malikî"


def test_a_few_windows_1252_bytes_are_read_with_a_warning(caplog) -> None:
    data = b"He said " + b"\x93no\x94" + " to Malikî".encode()
    with caplog.at_level(logging.WARNING, logger="faultlines.ingest"):
        text = decode_bytes(data, "mixed.txt")
    assert text == "He said \u201cno\u201d to Malikî"
    assert "mixed.txt" in caplog.text and "0x93" in caplog.text


def test_text_in_another_encoding_is_refused_with_iconv_hint() -> None:
    data = "日本の首相は提案を拒否した。".encode("shift_jis") * 4
    with pytest.raises(InputError) as info:
        decode_bytes(data, "sjis.txt", 3)
    message = str(info.value)
    assert message.startswith("sjis.txt:3: not UTF-8 text (byte 0x")
    assert "offset 0" in message and "iconv" in message and "-t UTF-8" in message


def test_byte_undefined_in_windows_1252_is_refused() -> None:
    with pytest.raises(InputError, match=r"byte 0x81 at offset 2"):
        decode_bytes(b"ab\x81cd", "odd.txt")


def test_nul_bytes_mean_binary_and_utf16_without_bom_gets_a_hint() -> None:
    with pytest.raises(InputError, match=r"binary file \(NUL byte at offset 3\)"):
        decode_bytes(b"\x89PN\x00G", "img.txt")
    with pytest.raises(InputError, match="UTF-16LE"):
        decode_bytes("plain words here".encode("utf-16-le"), "u.txt")


@pytest.mark.parametrize(("head", "name"), [
    (b"PK\x03\x04....", "zip"), (b"BZh91AY&SY..", "bzip2"), (b"\xfd7zXZ\x00..", "xz"),
    (b"\x28\xb5\x2f\xfd..", "zstd"), (b"7z\xbc\xaf\x27\x1c..", "7z"),
])
def test_compressed_containers_are_recognised(head: bytes, name: str) -> None:
    found = sniff_container(head)
    assert found is not None and found[0] == name
    with pytest.raises(InputError, match=f"compressed file \\({name}\\): only .gz"):
        decode_bytes(head, "c.txt")


def test_text_that_merely_starts_like_a_magic_number_is_text() -> None:
    assert sniff_container(b"BZh is how bzip2 files begin") is None
    assert decode_bytes(b"PK is a party", "p.txt") == "PK is a party"


def test_pdf_is_refused_with_pdftotext_hint() -> None:
    with pytest.raises(InputError, match="pdftotext"):
        decode_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "paper.txt")


@pytest.mark.parametrize(("raw", "expected"), [
    ("2007-03-14", dt.date(2007, 3, 14)),
    ("20070314", dt.date(2007, 3, 14)),
    ("2007-03-14T23:30:00+03:00", dt.date(2007, 3, 14)),   # the date as written, no tz shift
    ("2007-03-14 08:00:00Z", dt.date(2007, 3, 14)),
    ("14 March 2007", dt.date(2007, 3, 14)),
    ("Wed, 14 Mar 2007 10:00:00 GMT", dt.date(2007, 3, 14)),
    ("March 2007", dt.date(2007, 3, 1)),                    # no day: first of the month
])
def test_parse_date(raw: str, expected: dt.date) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["yesterday", "2007", "banana", "", "13/14/2007",
                                 "2007-02-30", "x" * 500])
def test_parse_date_refuses_non_dates(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize(("text", "expected"), [
    ("The prime minister rejected the proposal of the opposition bloc on Tuesday.", "en"),
    ("Le premier ministre a rejeté mardi la proposition du bloc de l'opposition.", "fr"),
    ("Der Ministerpräsident lehnte am Dienstag den Vorschlag der Opposition ab.", "de"),
    ("رفض رئيس الوزراء يوم الثلاثاء اقتراح كتلة المعارضة", "ar"),
    ("OK.", None),            # too short to tell
    ("1234 5678 !!!", None),  # no letters
])
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_detect_language_withholds_unsure_guesses() -> None:
    text = "Talks stall again in the capital city today"
    assert detect_language(text) == "en"
    assert detect_language(text, min_confidence=1.01) is None


# Sentences of our own, in the languages the policy is about (issue 19: 10).
FRENCH = ("Le ministre a déclaré lundi que les troupes quitteraient la région à la fin de "
          "l'été, selon les élus du département. ")
RUSSIAN = "Министр обороны заявил в понедельник, что войска покинут область до конца года. "
GREEK = "Ο υπουργός δήλωσε τη Δευτέρα ότι τα στρατεύματα θα αποχωρήσουν από την περιοχή. "


def test_french_wholly_in_latin1_is_read_as_windows_1252(caplog) -> None:
    data = (FRENCH * 10).encode("latin-1")
    assert sum(b > 127 for b in data) / len(data) > 0.05  # above the mixed-encoding allowance
    with caplog.at_level(logging.WARNING, logger="faultlines.ingest"):
        assert decode_bytes(data, "fr.txt") == FRENCH * 10
    assert "fr.txt" in caplog.text and "Windows-1252" in caplog.text


@pytest.mark.parametrize(("text", "encoding"), [(RUSSIAN, "cp1251"), (GREEK, "cp1253")])
def test_cyrillic_and_greek_legacy_encodings_are_still_refused(text: str, encoding: str) -> None:
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_bytes((text * 5).encode(encoding), "legacy.txt")


def test_utf8_text_with_many_stray_latin1_bytes_is_refused() -> None:
    # Some valid UTF-8 beyond ASCII means the text is not wholly single-byte: the small
    # allowance for pasted bytes applies.
    data = "Malikî said ".encode() + (FRENCH * 3).encode("latin-1")
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_bytes(data, "mixed.txt")
