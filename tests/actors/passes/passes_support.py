"""Hand-written parses for the pass tests (no spaCy model): a sentence as (word, pos, dep,
head) rows, heads as absolute positions."""

from __future__ import annotations

import datetime as dt

from faultlines.actors import ActorResolver
from faultlines.actors.passes.context import DocumentContext
from faultlines.actors.passes.entities import find_dominant_country, resolve_entities
from faultlines.actors.passes.scan import scan_phrases
from faultlines.actors.passes.tokens import EntitySpan, TokenTable, tokens_from_columns

Row = tuple[str, str, str, int]


def table(rows: list[Row], *, tags: dict[int, str] | None = None,
          entities: tuple[EntitySpan, ...] = (), sent_starts: tuple[int, ...] = (0,),
          ent_types: dict[int, str] | None = None) -> TokenTable:
    """A token table from rows; ``tags`` and ``ent_types`` give the few tokens that need one."""
    words, pos, deps, heads = (list(c) for c in zip(*rows, strict=True))
    n = len(rows)
    return tokens_from_columns(
        words, pos, deps, heads,
        tags=[(tags or {}).get(i, "") for i in range(n)],
        ent_types=[(ent_types or {}).get(i, "") for i in range(n)],
        sent_starts=sent_starts, entities=entities)


def context(resolver: ActorResolver, tokens: TokenTable,
            date: dt.date | None = None) -> DocumentContext:
    """The document after the scan and entity passes, as the agent-phrase pass gets it."""
    ctx = DocumentContext(tokens, resolver, "t", date)
    ctx = ctx.with_hits(scan_phrases(tokens, resolver.kb))
    return find_dominant_country(ctx.with_hits(resolve_entities(ctx)))
