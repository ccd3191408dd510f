"""The compiled knowledge base on disk: plain JSON, never pickle.

A worker process that loads the knowledge base would otherwise rebuild its tables (fold every
alias, compute every skeleton). The tables are written once as JSON (``kb-<key>.json`` under
:func:`faultlines.actors.kb.cache_dir`) and read back into the same :class:`KnowledgeBase`.
JSON holds data only, so a cache file somebody else wrote can at worst be wrong, never run code;
a file that does not read back (damaged, another format) is ignored and rebuilt.

>>> from faultlines.actors.kb import KnowledgeBase, Target
>>> kb = KnowledgeBase(phrases={("al", "qaeda"): [Target("actor", "AL_QAEDA")]})
>>> kb_from_json(kb_to_json(kb)).phrases
{('al', 'qaeda'): [Target(kind='actor', ref='AL_QAEDA', rank=0)]}
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from faultlines.actors.kb import ActorEntry, KnowledgeBase, Office, Role, Target

__all__ = ["FORMAT", "kb_to_json", "kb_from_json", "read_compiled", "write_compiled"]

#: Bump when the layout below or :class:`KnowledgeBase` changes (old files are then not read).
FORMAT = 2


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _entry_row(entry: ActorEntry) -> list[Any]:
    return [entry.id, entry.name, entry.code, list(entry.aliases), list(entry.short),
            [[r.code, _day(r.start), _day(r.end)] for r in entry.roles], entry.kind,
            entry.source, [list(pair) for pair in entry.organisations]]


def _entry(row: list[Any]) -> ActorEntry:
    ident, name, code, aliases, short, roles, kind, source, organisations = row
    return ActorEntry(ident, name, code, tuple(aliases), tuple(short),
                      tuple(Role(c, _date(s), _date(e)) for c, s, e in roles), kind, source,
                      tuple((noun, ref) for noun, ref in organisations))


def kb_to_json(kb: KnowledgeBase) -> dict[str, Any]:
    """Every table of ``kb`` as JSON-ready lists and dicts (word keys joined by spaces: folded
    words never contain one)."""
    office_list: list[Office] = [o for held in kb.offices_of.values() for o in held]
    index = {id(o): i for i, o in enumerate(office_list)}
    return {
        "format": FORMAT,
        "entries": [_entry_row(e) for e in kb.entries.values()],
        "country_names": kb.country_names,
        "group_names": {k: list(v) for k, v in kb.group_names.items()},
        "group_homes": {k: list(v) for k, v in kb.group_homes.items()},
        "phrases": [[" ".join(key), [list(t) for t in targets]]
                    for key, targets in kb.phrases.items()],
        "agents": [[" ".join(key), sector] for key, sector in kb.agents.items()],
        "agent_last_words": sorted(kb.agent_last_words),
        "first_lengths": {k: sorted(v) for k, v in kb.first_lengths.items()},
        "lengths_longest_first": {k: list(v) for k, v in kb.lengths_longest_first.items()},
        "skeletons": {k: [list(pair) for pair in v] for k, v in kb.skeletons.items()},
        "sources": list(kb.sources),
        "office_list": [[o.country, o.office, o.entry_id, _day(o.start), _day(o.end)]
                        for o in office_list],
        "offices": [[country, office, [index[id(o)] for o in held]]
                    for (country, office), held in kb.offices.items()],
        "offices_of": {k: [index[id(o)] for o in held] for k, held in kb.offices_of.items()},
    }


def kb_from_json(data: dict[str, Any]) -> KnowledgeBase:
    """The :class:`KnowledgeBase` that :func:`kb_to_json` wrote."""
    offices = [Office(c, o, e, _date(s), _date(t)) for c, o, e, s, t in data.get("office_list", ())]
    entries = (_entry(row) for row in data.get("entries", ()))
    return KnowledgeBase(
        entries={e.id: e for e in entries},
        country_names=dict(data.get("country_names", {})),
        group_names={k: (v[0], v[1]) for k, v in data.get("group_names", {}).items()},
        group_homes={k: tuple(v) for k, v in data.get("group_homes", {}).items()},
        # tuple.__new__ skips the NamedTuple's argument parsing: 40,000 phrases with the
        # imported dictionaries, and the rows were written by kb_to_json in field order
        phrases={tuple(key.split(" ")): [tuple.__new__(Target, t) for t in targets]
                 for key, targets in data.get("phrases", ())},
        agents={tuple(key.split(" ")): sector for key, sector in data.get("agents", ())},
        agent_last_words=set(data.get("agent_last_words", ())),
        first_lengths={k: set(v) for k, v in data.get("first_lengths", {}).items()},
        lengths_longest_first={k: tuple(v)
                               for k, v in data.get("lengths_longest_first", {}).items()},
        skeletons={k: [(a, b) for a, b in v] for k, v in data.get("skeletons", {}).items()},
        sources=tuple(data.get("sources", ())),
        offices={(c, o): [offices[i] for i in held] for c, o, held in data.get("offices", ())},
        offices_of={k: [offices[i] for i in held]
                    for k, held in data.get("offices_of", {}).items()},
    )


def read_compiled(path: Path) -> KnowledgeBase | None:
    """The knowledge base in ``path``, or None when the file is missing, damaged or of another
    format (the caller then rebuilds it)."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return kb_from_json(data)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def write_compiled(kb: KnowledgeBase, path: Path) -> None:
    """Write ``kb`` to ``path`` atomically: a temporary file in the same folder, then renamed
    over the target, so a reader in another process sees the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename below
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
        delete=False)
    try:
        with handle:
            json.dump(kb_to_json(kb), handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
