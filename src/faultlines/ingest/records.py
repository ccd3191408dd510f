"""JSON records (one JSONL line, one element of a JSON list) to :class:`Document`."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import logging
import re
from typing import Any

from faultlines.errors import InputError
from faultlines.ingest.text import normalise_text
from faultlines.types import Document

__all__ = ["METADATA_FIELDS", "ambiguous_date", "parse_date", "parse_json",
           "document_from_record"]

#: Optional string fields copied from a record to the Document of the same name.
METADATA_FIELDS: tuple[str, ...] = ("source", "author", "title", "url")

_SPACES = re.compile(r"\s+")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")
# Day and month both written as numbers, either could come first: 03/04/2007, 3.4.07.
_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")

logger = logging.getLogger("faultlines.ingest")


def ambiguous_date(value: str) -> bool:
    """True if ``value`` writes day and month as numbers that could be read either way.

    >>> ambiguous_date("03/04/2007"), ambiguous_date("13/04/2007"), ambiguous_date("4/4/2007")
    (True, False, False)
    """
    match = _NUMERIC_DAY.fullmatch(value.strip())
    if match is None:
        return False
    first, second = int(match.group(1)), int(match.group(2))
    return first != second and first <= 12 and second <= 12


@functools.lru_cache(maxsize=1)
def _date_parser():  # -> dateparser.date.DateDataParser
    # Imported lazily: dateparser takes a noticeable time to import and most inputs carry ISO
    # dates that never need it. Only absolute dates are accepted: relative ones ("yesterday")
    # would depend on the day faultlines runs.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PARSERS": ["absolute-time"],
        "REQUIRE_PARTS": ["month", "year"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


def parse_date(value: str) -> dt.date:
    """Parse a publication date: ISO 8601 first, else an absolute English date via dateparser.

    A time of day or time zone is dropped: the date is the one written. A date without a day
    ("March 2007") means the first of the month.

    Raises
    ------
    ValueError
        If ``value`` is not a date with at least a month and a year.

    >>> parse_date("2007-03-14"), parse_date("2007-03-14T23:30:00+03:00")
    (datetime.date(2007, 3, 14), datetime.date(2007, 3, 14))
    >>> parse_date("14 March 2007")
    datetime.date(2007, 3, 14)
    >>> parse_date("2008-02-30")
    Traceback (most recent call last):
    ValueError: '2008-02-30' is not a real date: February 2008 has 29 days
    """
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass  # not a bare ISO date; try the other forms below
    if (iso := _ISO_DAY.fullmatch(text)) is not None:
        year, month, day = (int(part) for part in iso.groups())
        if not 1 <= month <= 12:
            raise ValueError(f"{value!r} is not a real date: there is no month {month}")
        days = calendar.monthrange(year, month)[1] if year >= 1 else 31
        if not 1 <= day <= days:
            raise ValueError(f"{value!r} is not a real date: "
                             f"{calendar.month_name[month]} {year} has {days} days")
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if text and len(text) <= 100 and any(ch.isdigit() for ch in text):
        try:
            found = _date_parser().get_date_data(text).date_obj
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"cannot read {value!r} as a date") from exc
        if found is not None:
            return found.date()
    raise ValueError(f"cannot read {value!r} as a date; write it as YYYY-MM-DD")


def parse_json(text: str, path: str, line: int | None) -> Any:
    """``json.loads`` that turns every way it can fail into an :class:`InputError`."""
    try:
        # strict=False lets raw tabs and newlines stand inside strings; normalisation cleans them.
        return json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", line) from exc
    except RecursionError as exc:
        raise InputError(path, "invalid JSON: nested too deeply", line) from exc
    except ValueError as exc:  # e.g. an integer longer than Python's 4300-digit limit
        raise InputError(path, f"invalid JSON: {exc}", line) from exc


def _describe(value: object) -> str:
    shown = repr(value)
    return f"{type(value).__name__} {shown[:40]}{'...' if len(shown) > 40 else ''}"


def document_from_record(record: object, *, path: str, line: int | None,
                         default_id: str) -> Document:
    """Build a :class:`Document` from one JSON object.

    ``text`` is required; ``id`` (a string; ``default_id`` when absent or null), ``date``,
    ``source``, ``author``, ``title`` and ``url`` are optional. Other keys are ignored, and so are
    metadata fields whose value is not a string (for example a PLOVER gold record's ``source``,
    which is a list of actors, not an outlet).

    Raises
    ------
    InputError
        Naming ``path`` and ``line``: not an object, no usable ``text``, a non-string or empty
        ``id``, or a ``date`` that cannot be parsed.

    >>> document_from_record({"id": "a1", "text": "Hi.", "date": "2007-03-14"}, path="x.jsonl",
    ...                      line=1, default_id="x:1").date
    datetime.date(2007, 3, 14)
    """
    origin = f"{path}:{line}" if line is not None else path
    if not isinstance(record, dict):
        raise InputError(path, f"expected a JSON object with a 'text' field, got "
                         f"{_describe(record)}", line)
    if "text" not in record:
        keys = ", ".join(sorted(map(str, record))[:8]) or "none"
        raise InputError(path, f"missing 'text' field (keys: {keys})", line)
    raw_text = record["text"]
    if not isinstance(raw_text, str):
        raise InputError(path, f"'text' must be a string, got {_describe(raw_text)}", line)
    text = normalise_text(raw_text)
    if not text:
        raise InputError(path, "empty 'text' (nothing left after removing whitespace and "
                         "control characters)", line)

    raw_id = record.get("id")
    if raw_id is None:
        doc_id = default_id
    elif isinstance(raw_id, str):
        # Ids end up in file names, URLs and log lines: one line, single spaces.
        doc_id = _SPACES.sub(" ", normalise_text(raw_id))
        if not doc_id:
            raise InputError(path, "empty 'id'; give a non-empty string or leave 'id' out", line)
    else:
        hint = (f'; quote it ("id": "{raw_id}")' if isinstance(raw_id, int | float)
                and len(str(raw_id)) <= 40 else "")
        raise InputError(path, f"'id' must be a string, got {_describe(raw_id)}{hint}", line)

    raw_date = record.get("date")
    date: dt.date | None = None
    if isinstance(raw_date, str) and raw_date.strip():
        try:
            date = parse_date(raw_date)
        except ValueError as exc:
            reason = str(exc) if "not a real date" in str(exc) else \
                f"bad 'date' {raw_date[:60]!r}: write it as YYYY-MM-DD"
            raise InputError(path, reason, line) from exc
        if ambiguous_date(raw_date):
            logger.warning("%s: date %r is ambiguous (day and month are both numbers); read "
                           "as %s, month first; write it as YYYY-MM-DD", origin,
                           raw_date.strip(), date.isoformat())
    elif raw_date is not None and not isinstance(raw_date, str):
        raise InputError(path, f"'date' must be a string such as \"2007-03-14\", got "
                         f"{_describe(raw_date)}", line)

    metadata: dict[str, str | None] = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        cleaned = _SPACES.sub(" ", normalise_text(value)) if isinstance(value, str) else ""
        metadata[name] = cleaned or None
    return Document(id=doc_id, text=text, date=date, source=metadata["source"],
                    author=metadata["author"], title=metadata["title"], url=metadata["url"],
                    origin=origin)
