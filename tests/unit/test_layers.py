"""The layers of docs/architecture.md hold: Qt only in the UI, no database below the model, no pyplot."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
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


# The import contracts in pyproject.toml (run by `make test` through lint-imports) on a copy of the package
# with one wrong import each: every case must break them, and the untouched copy must keep them.
WRONG_IMPORTS = {
    "the store imports the window": ("model/errors.py", "import workshop.ui\n"),
    "the numbers import the store": ("analysis/chance.py", "from workshop.model import entities\n"),
    "the PDF imports Qt": ("report/text.py", "import PySide6.QtCore\n"),
    "the charts import the window": ("charts/style.py", "from workshop.ui import i18n\n"),
    "a ballot server imports the window": ("lan/__init__.py", "from workshop.ui import context\n"),
}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Gives the outcome of lint-imports on the package copied under `root`, with the project's contracts."""
    shutil.copy(PACKAGE.parent / "pyproject.toml", root / "pyproject.toml")
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "--no-logo"]
    # The copy comes first on the path, so lint-imports reads it and not the installed package.
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True, timeout=60)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "workshop", ignore=shutil.ignore_patterns("__pycache__", "resources"))
    return tmp_path


def test_the_package_keeps_its_import_contracts(package_copy):
    outcome = lint_imports(package_copy)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "0 broken" in outcome.stdout


@pytest.mark.parametrize("case", WRONG_IMPORTS)
def test_a_wrong_import_breaks_the_import_contracts(package_copy, case):
    module, line = WRONG_IMPORTS[case]
    path = package_copy / "workshop" / module
    path.parent.mkdir(exist_ok=True)
    with path.open("a", encoding="utf-8") as source:
        source.write(line)
    outcome = lint_imports(package_copy)
    assert outcome.returncode == 1, outcome.stdout + outcome.stderr
    assert "BROKEN" in outcome.stdout
    wrong = "workshop." + module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    assert f"{wrong} -> " in outcome.stdout
