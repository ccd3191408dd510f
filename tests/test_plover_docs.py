"""README, docs/coding.md and the report speak PLOVER's 16 categories with their modes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from faultlines.types import EVENT_TYPES

REPO = Path(__file__).resolve().parents[1]


def _tracked_text() -> dict[str, str]:
    names = subprocess.run(["git", "ls-files", "README.md", "docs", "src"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for name in names:
        path = REPO / name
        if path.suffix in {".md", ".py", ".html", ".js", ".json", ".tsv"} and path.is_file():
            out[name] = path.read_text(encoding="utf-8")
    return out


def test_the_old_eighteen_are_named_nowhere():
    texts = _tracked_text()
    assert "README.md" in texts and "docs/coding.md" in texts
    stale = [name for name, text in texts.items() if "PLOVER v0.8's 18" in text]
    assert stale == []


def test_readme_and_coding_docs_name_the_16_and_their_modes():
    for name in ("README.md", "docs/coding.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert "PLOVER's 16" in text, name
        assert all(category in text for category in EVENT_TYPES), name
        assert all(mode in text for mode in ("`aerial`", "`disapprove`", "`hunger`")), name
    page = (REPO / "src/faultlines/report/assets/page.html").read_text(encoding="utf-8")
    assert "PLOVER's 16 categories with their modes" in page


def test_coding_docs_mode_table_is_the_mode_table():
    """docs/coding.md lists, per category, exactly the modes coding/plover.py can assign."""
    from faultlines.coding.plover import MODES

    text = (REPO / "docs/coding.md").read_text(encoding="utf-8")
    table = text[text.index("| category | modes |"):]
    table = table[:table.index("\n\n")]
    documented = {}
    for row in table.splitlines()[2:]:
        category, modes = (cell.strip() for cell in row.strip("|").split("|"))
        documented[category] = {m.strip(" `") for m in modes.split(",")}
    assert documented == {c: set(m) for c, m in MODES.items()}
