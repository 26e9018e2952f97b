"""The fonts the PDF and the charts fall back on for scripts DejaVu Sans lacks, and where they are found.

DejaVu Sans (shipped with matplotlib) shows Latin, Greek, Cyrillic, Arabic and Hebrew. The rest come from
the fonts below, looked for in resources/fonts and the system's font folders; on Debian the packages
fonts-noto-core, fonts-droid-fallback, fonts-nanum and fonts-symbola hold them (`make` installs them).
"""

from __future__ import annotations

import functools
from pathlib import Path

# Where fallback fonts are looked for, first match wins: fonts shipped with the app, then the system's.
FONT_SEARCH = (
    Path(__file__).resolve().parent / "resources" / "fonts",
    Path.home() / ".local" / "share" / "fonts",
    Path("/usr/local/share/fonts"),
    Path("/usr/share/fonts"),
)
# The fallback chain after DejaVu Sans: a font name and the file names it may have, in the order tried.
FALLBACKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("NotoSansDevanagari", ("NotoSansDevanagari-Regular.ttf",)),
    ("NotoSansArabic", ("NotoSansArabic-Regular.ttf",)),
    ("NotoSansHebrew", ("NotoSansHebrew-Regular.ttf",)),
    ("DroidSansFallback", ("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf")),  # Chinese, Japanese
    ("NanumGothic", ("NanumGothic.ttf",)),  # Korean
    ("Symbola", ("Symbola_hint.ttf", "Symbola.ttf")),  # emoji, drawn in outline
    ("NotoSansSymbols2", ("NotoSansSymbols2-Regular.ttf",)),
)


@functools.cache
def fallback_file(name: str) -> Path | None:
    """Gives the file of a fallback font of the chain, or None when it is not installed."""
    files = dict(FALLBACKS)[name]
    return next(
        (path for file in files for folder in FONT_SEARCH for path in _fonts_in(folder) if path.name == file),
        None,
    )


def installed_fallbacks() -> list[tuple[str, Path]]:
    """Gives the fallback fonts found on this machine, in the order of the chain."""
    return [(name, path) for name, _files in FALLBACKS if (path := fallback_file(name))]


@functools.cache
def _fonts_in(folder: Path) -> tuple[Path, ...]:
    return tuple(folder.rglob("*.tt[fc]")) if folder.is_dir() else ()
