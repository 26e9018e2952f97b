"""The sentences the model and the charts give, in the user's language once the app installs a translator.

Pure Python on purpose: the model, the charts and the command line use it without Qt. The window installs
Qt's look-up (workshop/ui/i18n.py), so one catalogue, context "workshop", holds every sentence. Messages are
templates filled in after translation, `tr("the folder {folder} does not exist.").format(folder=...)`, so a
translator sees each sentence once, whatever the values.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str], str]


def as_written(text: str) -> str:
    """Gives `text` unchanged: the English the app is written in."""
    return text


# One reference, swapped whole: readers on worker threads see either the old or the new translator.
_translate: Translator = as_written


def tr(text: str) -> str:
    """Gives `text` in the user's language when a translator is installed, else `text` itself."""
    return _translate(text)


def install_translator(translate: Translator) -> Translator:
    """Gives back the translator in use until now, after putting `translate` in its place."""
    global _translate
    earlier, _translate = _translate, translate
    return earlier
