"""Derive armed non-state groups from the Phoenix MilNonState dictionary into our own table.

    python tools/build_kb.py [../shared/dictionaries] \
        > src/faultlines/actors/data/world/armed_groups_more.tsv

Reads ``Phoenix.MilNonState.actors.txt`` (MIT licence, Open Event Data Alliance; names from the
START TOPS database) with our importer and writes one ``id code names note`` line per group that
has a real ISO 3166 base country and is not already in ``world/armed_groups.tsv``. Only facts
(names, country, sector) are kept; the dictionary's own layout and comments are not.
Single-word aliases that are ordinary words are dropped (whole-name matching would turn the word
into the group).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pycountry

from faultlines.actors.importer import import_dictionaries
from faultlines.actors.kb import _keys, load_knowledge_base, split_code
from faultlines.actors.normalize import fold_words, is_not_actor

_ACRONYM = re.compile(r"\s*\(([A-Za-z0-9\-]{2,12})\)\s*")
_SECTORS = {"REB": "REB", "INS": "REB", "SEP": "REB", "RAD": "REB", "MIL": "PRM", "UAF": "REB"}


def _names(entry) -> list[str]:
    out: list[str] = []
    for raw in (entry.name, *entry.aliases):
        for part in raw.split("+"):
            part = part.strip()
            acronyms = _ACRONYM.findall(part)
            base = _ACRONYM.sub(" ", part).strip(" -")
            for name in (base, *acronyms):
                name = " ".join(name.split())
                if len(name) < 2 or name in out:
                    continue
                words = fold_words(name)
                if len(words) == 1 and not (name.isupper() and len(name) >= 3):
                    continue
                if is_not_actor(name):
                    continue
                out.append(name)
    return out


def main(folder: str = "../shared/dictionaries") -> None:
    source = Path(folder) / "Phoenix.MilNonState.actors.txt"
    report = import_dictionaries([source])
    kb = load_knowledge_base(kb_dir="/nonexistent")
    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX", "PSE", "ESH"}
    print("# id\tcode\tnames (first = display name; | aliases)\tnote")
    print("# Derived by tools/build_kb.py from the Phoenix MilNonState dictionary (MIT licence,")
    print("# Open Event Data Alliance; group names from START's TOPS data): name, aliases, base")
    print("# country and sector only. Groups already in armed_groups.tsv are left out.")
    seen: set[str] = set()
    for entry in sorted(report.actors, key=lambda e: e.id):
        country, sector = split_code(entry.code)
        sector = _SECTORS.get(sector or entry.code[3:6], None)
        if country not in valid or sector is None:
            continue
        names = _names(entry)
        if not names:
            continue
        if any(kb.phrases.get(key) for n in names for key in _keys(n)):
            continue  # ours already (or a name that means something else)
        entry_id = "PHX_" + re.sub(r"[^A-Z0-9]+", "_", names[0].upper()).strip("_")
        if entry_id in seen:
            continue
        seen.add(entry_id)
        print(f"{entry_id}\t{country}{sector}\t{'|'.join(names)}\tPhoenix MilNonState")


if __name__ == "__main__":
    main(*sys.argv[1:])
