"""The layers of ARCHITECTURE.md hold: Qt only in the UI, no database below the model, no pyplot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "workshop"

# layer folder -> top-level modules it must not import
FORBIDDEN = {
    "model": {"PySide6", "matplotlib", "reportlab"},
    "analysis": {"PySide6", "sqlalchemy", "alembic", "matplotlib", "reportlab"},
    "charts": {"PySide6", "sqlalchemy", "alembic", "reportlab"},
    "report": {"PySide6"},
    "ui": {"sqlalchemy", "alembic"},
}


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_a_layer_imports_nothing_above_it(layer):
    breaches = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in python_files(layer)
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN[layer]
    ]
    assert breaches == []


def test_qt_is_imported_only_by_the_ui():
    outside = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert [str(p) for p in outside if any(m.startswith("PySide6") for m in imported_modules(p))] == []


def test_no_module_uses_pyplot():
    users = [str(p) for p in PACKAGE.rglob("*.py") if "matplotlib.pyplot" in imported_modules(p)]
    assert users == []
