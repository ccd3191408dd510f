"""Ingest: read text, JSONL, JSON and HTML files, folders and standard input into Documents.

Hostile input never stops a run: every file or record that cannot be read becomes a
:class:`~faultlines.types.ReadError` naming the file (and line), and reading goes on.
See ``docs/input-formats.md`` for formats, ids, encodings and limits.

>>> from faultlines.ingest import read_documents  # doctest: +SKIP
>>> for item in read_documents(["corpus/"]):  # doctest: +SKIP
...     print(item)
"""

from faultlines.ingest.language import detect_language
from faultlines.ingest.reader import STDIN, SUPPORTED_SUFFIXES, ReadStats, read_documents
from faultlines.ingest.records import document_from_record, parse_date
from faultlines.ingest.text import decode_bytes, normalise_text

__all__ = [
    "read_documents",
    "ReadStats",
    "SUPPORTED_SUFFIXES",
    "STDIN",
    "detect_language",
    "normalise_text",
    "decode_bytes",
    "parse_date",
    "document_from_record",
]
