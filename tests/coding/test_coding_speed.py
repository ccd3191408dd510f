"""Coding must add at most 20% to bare spaCy parsing time (issue "faultlines 0.1", part 9)."""

from __future__ import annotations

import json
import time

import pytest

from faultlines.coding import code_events
from faultlines.demo import demo_corpus_path
from faultlines.types import Document

pytestmark = pytest.mark.model


def test_coding_adds_less_than_a_fifth_of_parse_time(nlp, find_mentions):
    with open(demo_corpus_path(), encoding="utf-8") as handle:
        documents = [Document(id=str(i), text=json.loads(line)["text"])
                     for i, line in enumerate(handle) if line.strip()]
    texts = [d.text for d in documents]
    parse_times, code_times = [], []
    parsed = []
    for _ in range(2):
        start = time.perf_counter()
        parsed = list(nlp.pipe(texts))
        parse_times.append(time.perf_counter() - start)
    mentions = [find_mentions(doc, d) for doc, d in zip(parsed, documents, strict=True)]
    events = 0
    for _ in range(3):
        start = time.perf_counter()
        events = sum(len(code_events(doc, d, m))
                     for doc, d, m in zip(parsed, documents, mentions, strict=True))
        code_times.append(time.perf_counter() - start)
    assert events > len(documents)  # the corpus is full of events; coding did real work
    assert min(code_times) <= 0.2 * min(parse_times), (code_times, parse_times)
