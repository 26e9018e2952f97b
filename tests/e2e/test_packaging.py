"""The built wheel, installed into a fresh virtual environment, creates, updates, checks and exports files.

The environment is a plain venv (not --system-site-packages) holding only the installed wheel. Its
libraries (PySide6, SciPy, matplotlib, ... some 400 MB) come from the project's own .venv through a
.pth file, because these machines have no network and no pip cache: installing them from PyPI would
take minutes or fail. The wheel itself is installed with --no-deps, so what is tested is exactly what
the wheel carries: its modules, migrations, resources and console script.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `python -m build` makes of the working tree."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh venv with the wheel installed (its libraries borrowed, see the docstring)."""
    env = tmp_path_factory.mktemp("env")
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return env / "bin"


def workshop(bin_folder: Path, *args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Runs the installed `workshop` console script and gives what it did."""
    return subprocess.run(
        [str(bin_folder / "workshop"), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_the_installed_app_runs_from_the_wheel_not_the_source_tree(installed, tmp_path):
    where = subprocess.run(
        [str(installed / "python"), "-c", "import workshop; print(workshop.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert Path(where).is_relative_to(installed.parent) and not Path(where).is_relative_to(ROOT)


def test_the_installed_command_creates_checks_and_exports_a_workshop(installed, tmp_path):
    created = workshop(installed, "new", "room.workshop", "--title", "Spring offsite", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert "schema" in workshop(installed, "check", "room.workshop", cwd=tmp_path).stdout
    demo = workshop(installed, "demo", "demo.workshop", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    checked = workshop(installed, "check", "demo.workshop", cwd=tmp_path)
    assert checked.returncode == 0 and "integrity: ok" in checked.stdout
    exported = workshop(installed, "export", "demo.workshop", "-o", "x.pdf", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    pdf = PdfReader(tmp_path / "x.pdf")
    assert len(pdf.pages) > 1 and "report for leadership" in pdf.pages[0].extract_text()


def test_the_installed_command_updates_a_workshop_of_the_first_schema(installed, tmp_path):
    shutil.copy(FIXTURES / "schema_0001.workshop", tmp_path / "old.workshop")
    exported = workshop(installed, "export", "old.workshop", "-o", "old.json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "(current)" in workshop(installed, "check", "old.workshop", cwd=tmp_path).stdout
    assert len(list(tmp_path.glob("old*.workshop*"))) >= 2  # the updated file and its backup


def test_the_wheel_holds_every_module_of_the_app(wheel):
    in_wheel = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".py")}
    in_tree = {str(path.relative_to(ROOT)) for path in (ROOT / "workshop").rglob("*.py")}
    assert in_tree - in_wheel == set()


def test_the_wheel_holds_every_file_of_the_phone_ballot_page(wheel):
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    page = {str(path.relative_to(ROOT)) for path in (ROOT / "workshop" / "lan" / "static").iterdir()}
    assert {"workshop/lan/static/index.html", "workshop/lan/static/ballot.js"} <= page
    assert page - in_wheel == set()


def test_the_desktop_entry_starts_the_installed_command_with_the_shipped_icon(wheel):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment]
    entry.read(ROOT / "resources" / "ai-strategy-workshop.desktop")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Name"], desktop["Terminal"]) == (
        "Application",
        "AI Strategy Workshop",
        "false",
    )
    assert desktop["Exec"].split()[0] == "workshop"
    names = zipfile.ZipFile(wheel).namelist()
    assert f"workshop/resources/{desktop['Icon']}.png" in names
    assert "workshop/resources/ai-strategy-workshop.desktop" in names
