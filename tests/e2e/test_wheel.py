"""The built wheel carries what the app needs at run time: migrations, their template, resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_contains_migrations_and_resources(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = sorted(p.name for p in (ROOT / "workshop/model/migrations/versions").glob("*.py"))
    resources = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_file())
    assert migrations and resources
    expected = {
        "workshop/model/migrations/env.py",
        "workshop/model/migrations/script.py.mako",
        *(f"workshop/model/migrations/versions/{name}" for name in migrations),
        *(f"workshop/resources/{name}" for name in resources),
    }
    assert expected - names == set()
    assert any(name.endswith("entry_points.txt") for name in names)
