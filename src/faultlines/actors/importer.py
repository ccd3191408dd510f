"""Import PETRARCH/TABARI ``.actors`` and ``.agents`` dictionaries into a user KB file.

Actor files (e.g. Phoenix.Countries.actors.txt) hold blocks::

    NAME_WITH_UNDERSCORES_  [CODE]        # code on the name line, or
    NAME_
    +ALIAS_ONE                            # aliases; "+A+B" on one line gives two
        [IRQGOV 20060520-20140908]        # dated roles on indented lines
        [IRQELI >080101]  [IRQELI <991231]  [IRQELI]  [---]

Dates are ``yymmdd`` or ``yyyymmdd``; ``A-B`` is a closed range, ``>A`` from A on, ``<B`` up to
B, a lone date (``[MNEGOV 20121204]``) is read as ``>date``. Two-digit years pivot at 30:
``00``-``29`` are 20xx and ``30``-``99`` are 19xx (the Phoenix files write birth years before
1930 with four digits, e.g. ``19270101``). ``[---]`` marks an entry deliberately without code.

Agent files (Phoenix.agents.txt) hold ``PHRASE {PLURAL} [~CODE]`` lines (``{}`` = no plural;
``[IGO~]`` marks a primary code rather than a sector) and substitution sets
``!PERSON! = MAN, MEN, ...`` that expand inside phrases.

Lines that cannot be read are skipped and reported as ``file:line: reason``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from faultlines.actors.kb import ActorEntry, AgentEntry, Role, default_kb_dir
from faultlines.errors import DictionaryError

__all__ = ["ImportReport", "import_dictionaries", "save_user_kb", "parse_date_token",
           "YEAR_PIVOT"]

#: Two-digit years below this are 20xx, the rest 19xx.
YEAR_PIVOT = 30

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"^[A-Z0-9]{3,}$")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
# names join words with "_" but a few entries carry stray spaces, quotes or backticks; those are
# readable. Control characters (a damaged byte) are not.
_NAME_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
# "[~GOV]" is a sector code; "[IGO~]" (a few peacekeeping words) a primary code
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?"
                    r"\s*\[(?:~(?P<code>[A-Z0-9]*)|(?P<primary>[A-Z]{3})~)\]\s*$")


@dataclass
class ImportReport:
    """What an import read: entries, counts and the lines it skipped (``file:line: reason``)."""

    files: list[str] = field(default_factory=list)
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    uncoded: int = 0  # entries marked [---] or without any code
    uncoded_names: list[str] = field(default_factory=list)
    per_file: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def actor_count(self) -> int:
        return len(self.actors)

    @property
    def alias_count(self) -> int:
        return sum(len(a.aliases) for a in self.actors)

    @property
    def role_count(self) -> int:
        return sum(len(a.roles) for a in self.actors)

    @property
    def agent_count(self) -> int:
        return len(self.agents)

    def summary(self) -> str:
        return (f"{len(self.files)} file(s): {self.actor_count} actors, {self.alias_count} "
                f"aliases, {self.role_count} dated roles, {self.agent_count} agent words; "
                f"{self.uncoded} entries without code; {len(self.problems)} lines skipped")


def parse_date_token(token: str) -> dt.date:
    """Read ``yymmdd`` or ``yyyymmdd``.

    >>> parse_date_token("060520"), parse_date_token("320101"), parse_date_token("20140908")
    (datetime.date(2006, 5, 20), datetime.date(1932, 1, 1), datetime.date(2014, 9, 8))
    """
    if len(token) == 6 and token.isdigit():
        year = int(token[:2])
        year += 2000 if year < YEAR_PIVOT else 1900
        return dt.date(year, int(token[2:4]), int(token[4:6]))
    if len(token) == 8 and token.isdigit():
        return dt.date(int(token[:4]), int(token[4:6]), int(token[6:8]))
    raise ValueError(f"date {token!r} is neither yymmdd nor yyyymmdd")


def _parse_role(body: str) -> Role | None:
    """One bracket body -> Role; None for ``---``. Raises ValueError with a reason."""
    body = body.strip()
    if body == "---":
        return None
    code, _, dates = body.partition(" ")
    code = code.strip().lstrip("~")
    if not _CODE.match(code):
        raise ValueError(f"code {code!r} is not upper-case letters and digits")
    dates = dates.strip()
    if not dates:
        return Role(code)
    try:
        if dates[0] in "<>":
            day = parse_date_token(dates[1:].strip())
            return Role(code, start=day) if dates[0] == ">" else Role(code, end=day)
        match = _RANGE.match(dates)
        if match:
            start, end = parse_date_token(match[1]), parse_date_token(match[2])
            if end < start:
                raise ValueError(f"range {dates!r} ends before it starts")
            return Role(code, start, end)
        return Role(code, start=parse_date_token(dates))
    except ValueError as exc:
        raise ValueError(f"bad date restriction [{body}]: {exc}") from None


def _display(raw: str) -> str:
    words = [w for w in raw.replace("_", " ").split() if w]
    return " ".join(w if not w.isupper() or len(w) <= 3 and "." not in w and w.isalpha()
                    and w in {"UN", "US", "EU", "UK"} else w.capitalize() for w in words)


def _entry_id(raw: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", raw.upper()).strip("_")


class _ActorBlock:
    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.aliases: list[str] = []
        self.roles: list[Role] = []
        self.null_coded = False
        self.skip = False


class _FileReader:
    """Reads one actor dictionary file line by line into ``_ActorBlock``s, noting problems."""

    def __init__(self, path: Path, report: ImportReport) -> None:
        self.path = path
        self.report = report
        self.counts = {"actors": 0, "aliases": 0, "roles": 0, "skipped": 0}
        self.blocks: list[_ActorBlock] = []
        self.current: _ActorBlock | None = None
        self.gap = True  # a blank or comment line since the last name line

    def problem(self, number: int, reason: str) -> None:
        self.report.problems.append(f"{self.path}:{number}: {reason}")
        self.counts["skipped"] += 1

    def roles_from(self, text: str, number: int, block: _ActorBlock) -> None:
        # text after the brackets (the International file appends tab-separated industry and
        # revenue columns) is an annotation, like a comment
        for body in _BRACKET.findall(text):
            try:
                role = _parse_role(body)
            except ValueError as exc:
                self.problem(number, str(exc))
                continue
            if role is None:
                block.null_coded = True
            else:
                block.roles.append(role)

    def line(self, number: int, raw: str) -> None:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            self.gap = True
            return
        stripped = line.strip()
        after_gap, self.gap = self.gap, False
        if stripped.count("[") != stripped.count("]"):
            self.problem(number, "unbalanced [ ] brackets")
        elif stripped.startswith("+"):
            self.alias_line(number, stripped)
        elif stripped.startswith("["):
            if self.current is None:
                self.problem(number, "[CODE] line before any actor name")
            else:
                self.roles_from(stripped, number, self.current)
        elif line[:1].isspace():
            self.problem(number, f"indented line {stripped[:40]!r} is neither +ALIAS nor [CODE]")
        else:
            self.name_line(number, stripped, after_gap)

    def alias_line(self, number: int, stripped: str) -> None:
        current = self.current
        if current is None:
            self.problem(number, "alias line before any actor name")
            return
        for alias in stripped.split("+"):
            alias = alias.strip()
            if not alias:
                continue
            if "[" in alias:
                self.roles_from(alias[alias.index("["):], number, current)
                alias = alias[:alias.index("[")].strip()
            if alias:
                current.aliases.append(alias)

    def name_line(self, number: int, stripped: str, after_gap: bool) -> None:
        name = stripped.split("[", 1)[0].strip()
        if not name or _NAME_BAD.search(name) or not any(ch.isalpha() for ch in name):
            self.problem(number, f"actor name {name[:40]!r} has control characters or no "
                                 f"letters; its block is skipped")
            self.current = _ActorBlock(name, number)
            self.current.skip = True
            return
        name = re.sub(r"\s+", "_", name.replace('"', "").replace("`", ""))
        current = self.current
        if (current is not None and not current.roles and not current.null_coded
                and not current.skip and not after_gap):
            # consecutive name lines without codes are synonyms sharing the codes that follow
            # (e.g. LEONID_BREZHNEV_ / LEONID_ILYICH_BREZHNEV / ... / [RUSGOV ...])
            current.aliases.append(name)
        else:
            current = self.current = _ActorBlock(name, number)
            self.blocks.append(current)
        if "[" in stripped:
            self.roles_from(stripped[stripped.index("["):], number, current)


def _entry_of(block: _ActorBlock, path: Path) -> ActorEntry:
    """The knowledge-base entry of one coded block."""
    undated = [r for r in block.roles if r.start is None and r.end is None]
    default = undated[-1].code if undated else block.roles[-1].code
    dated = tuple(r for r in block.roles if r.start is not None or r.end is not None)
    entry_id = _entry_id(block.name)
    if len(block.roles) == 1 and len(default) == 3:
        # a bare country code (e.g. cities listed under AFGHANISTAN_ [AFG]) merges with the
        # country entry the packaged knowledge base already has under its alpha-3 id
        entry_id = default
    aliases = tuple(dict.fromkeys(a.replace("_", " ").strip() for a in block.aliases))
    return ActorEntry(entry_id, _display(block.name), default, aliases, roles=dated,
                      source=str(path))


def _read_actor_file(path: Path, report: ImportReport) -> dict[str, int]:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror})") from exc
    reader = _FileReader(path, report)
    for number, raw in enumerate(text.splitlines(), 1):
        reader.line(number, raw)
    counts = reader.counts
    for block in reader.blocks:
        if block.skip:
            continue
        if not block.roles:
            report.uncoded += 1
            continue
        entry = _entry_of(block, path)
        report.actors.append(entry)
        counts["actors"] += 1
        counts["aliases"] += len(entry.aliases)
        counts["roles"] += len(entry.roles)
    report.uncoded_names.extend(f"{path}:{b.line}: {b.name}" for b in reader.blocks
                                if not b.roles and not b.skip)
    return counts


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    for key, values in subst.items():
        if key in phrase:
            out: list[str] = []
            for value in values:
                out += _expand(phrase.replace(key, value, 1), subst)
            return out
    return [phrase]


def _read_agent_file(path: Path, report: ImportReport) -> dict[str, int]:
    counts = {"agents": 0, "skipped": 0}
    subst: dict[str, list[str]] = {}
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror})") from exc
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _SUBST.match(line)
        if match:
            subst[match[1]] = [v.strip() for v in match[2].split(",") if v.strip()]
            continue
        match = _AGENT.match(line)
        if not match or not (match["code"] or match["primary"]):
            report.problems.append(
                f"{path}:{number}: expected 'PHRASE {{PLURAL}} [~CODE]', got {line[:50]!r}")
            counts["skipped"] += 1
            continue
        plural = match["plural"]
        for phrase in _expand(match["phrase"].strip(), subst):
            words = phrase.replace("_", " ").split()
            plural_text = None if plural is None else " ".join(plural.replace("_", " ").split())
            code = match["code"] or f"{match['primary']}~"
            report.agents.append(AgentEntry(" ".join(words).lower(), code,
                                            plural_text.lower() if plural_text is not None
                                            else None))
            counts["agents"] += 1
    return counts


def _kind_of(path: Path) -> str:
    name = path.name.lower()
    if "agents" in name:
        return "agents"
    if "actors" in name:
        return "actors"
    head = path.read_text("utf-8", errors="replace")[:20000]
    if "[~" in head:
        return "agents"
    if re.search(r"^\+", head, re.M) or re.search(r"\[[A-Z]{3}[A-Z0-9]*( [<>]?\d+)?\]", head):
        return "actors"
    raise DictionaryError(f"{path}: neither a PETRARCH .actors nor an .agents dictionary (no "
                          f"[CODE] or [~CODE] entries found); pass actor or agent files only")


def import_dictionaries(paths: Iterable[str | Path]) -> ImportReport:
    """Read PETRARCH/TABARI actor and agent dictionaries.

    Parameters
    ----------
    paths
        ``.actors``/``.agents`` files (any extension; the kind is taken from the name or
        sniffed from the content).

    Returns
    -------
    ImportReport
        Entries, counts per file and skipped lines as ``file:line: reason``.
    """
    report = ImportReport()
    for item in paths:
        path = Path(item)
        if not path.is_file():
            raise DictionaryError(f"{path}: dictionary file not found")
        kind = _kind_of(path)
        counts = (_read_agent_file if kind == "agents" else _read_actor_file)(path, report)
        report.files.append(str(path))
        report.per_file[str(path)] = counts
    return report


def save_user_kb(report: ImportReport, kb_dir: str | Path | None = None,
                 name: str = "imported.json") -> Path:
    """Write the imported entries as a user KB file that ``ActorResolver.default`` loads.

    The folder is ``kb_dir``, else ``$FAULTLINES_KB_DIR``, else ``~/.local/share/faultlines/kb``.
    """
    folder = Path(kb_dir).expanduser() if kb_dir is not None else default_kb_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        payload = {
            "format": "faultlines-kb", "version": 1, "sources": report.files,
            "actors": [a.to_json() for a in report.actors],
            "agents": [{"phrase": a.phrase, "code": a.code, "plural": a.plural}
                       for a in report.agents],
        }
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise DictionaryError(f"{folder}: cannot write the knowledge-base file ({exc.strerror}); "
                              f"choose another folder with --kb-dir or FAULTLINES_KB_DIR") from exc
    return target
