"""Plain helpers shared by the actors tests (a uniquely named module, not a conftest)."""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DICTIONARIES = SHARED / "dictionaries"


def dictionary_files(kind: str | None = None) -> list[Path]:
    """The actor/agent dictionaries in ../shared (verb, discard and conversion files excluded)."""
    if not DICTIONARIES.is_dir():
        return []
    files = [p for p in sorted(DICTIONARIES.iterdir())
             if ".actors" in p.name or ".agents" in p.name]
    if kind:
        files = [p for p in files if f".{kind}" in p.name]
    return files
