"""Data flows one way: ingest -> index -> rag -> ui. No module imports from a later stage."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["ingest", "index", "rag", "ui"]


def imported_stages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(STAGES)


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_one(stage):
    later = set(STAGES[STAGES.index(stage) + 1 :])
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_stages(path) & later)
        for path in (ROOT / stage).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checker_sees_a_backwards_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from rag import Pipeline\nimport ui.server\n")
    assert imported_stages(bad) == {"rag", "ui"}


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_declares_its_public_surface(stage):
    module = __import__(stage)
    assert module.__all__, f"{stage}/__init__.py must list its public names in __all__"
    for name in module.__all__:
        assert hasattr(module, name), f"{stage}.{name} is in __all__ but not defined"
