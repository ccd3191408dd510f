"""docs/architecture.md kept true: data flows one way between the stages, the CLI goes through
faultlines.api, and web/ reads the store only through report/."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "faultlines"

# The stages in the order data flows (docs/architecture.md). A module may import from its own
# stage, from an earlier one and from the shared modules; never from a later stage.
STAGES = ["ingest", "nlp", "actors", "coding", "places", "evaluation", "pipeline", "store",
          "network", "report", "web", "api", "cli", "__main__"]
SHARED = {"__init__", "config", "errors", "types", "progress", "demo", "gazetteer"}
# What the thin shells may use besides their own package.
ALLOWED = {
    "cli": {"api", "config", "errors", "types", "progress", "__init__"},
    "web": {"report", "errors", "__init__"},
}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> Iterator[tuple[str, str, int]]:
    """(importing stage, imported stage, line) for every faultlines import in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        stage = _stage(".".join(relative.parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.split(".")[0] == "faultlines":
                if node.module == "faultlines":
                    targets = [name.name for name in node.names]
                else:
                    targets = [_stage(node.module)]
                for target in targets:
                    yield stage, "__init__" if target == "__version__" else target, node.lineno
            elif isinstance(node, ast.Import):
                for name in node.names:
                    if name.name.startswith("faultlines."):
                        yield stage, _stage(name.name), node.lineno


def test_every_module_belongs_to_a_stage() -> None:
    known = set(STAGES) | SHARED
    unknown = sorted({path.relative_to(PACKAGE).parts[0].removesuffix(".py")
                      for path in PACKAGE.rglob("*.py")} - known)
    assert not unknown, (f"{unknown}: place each in STAGES or SHARED here and in "
                         f"docs/architecture.md")


def test_data_flows_one_way() -> None:
    order = {stage: i for i, stage in enumerate(STAGES)}
    backwards = [f"{source} imports {target} (line {line})"
                 for source, target, line in _imports()
                 if source in order and target in order and order[target] > order[source]]
    assert not backwards, backwards


@pytest.mark.parametrize("shell", sorted(ALLOWED))
def test_thin_shells_use_only_what_the_docs_say(shell: str) -> None:
    used = {target for source, target, _ in _imports() if source == shell} - {shell}
    assert used <= ALLOWED[shell], sorted(used - ALLOWED[shell])


def test_the_rule_is_what_docs_architecture_says() -> None:
    text = " ".join((PACKAGE.parents[1] / "docs" / "architecture.md").read_text(
        encoding="utf-8").split())
    assert "`cli.py` calls the library only through `faultlines.api`" in text
    assert "`web/` reads the store only through `faultlines.report`" in text
