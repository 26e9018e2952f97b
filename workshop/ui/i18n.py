"""Translation of what the app shows: one helper for the text, one start-up hook loading the user's language.

A translation is a `.qm` file in resources/translations named after the locale (`workshop_de.qm`,
`workshop_fr_CA.qm`); adding one needs no code change. To make the catalogue:

1. `pyside6-lupdate $(git ls-files 'workshop/*.py') -tr-function-alias tr+=tr,QT_TR_NOOP+=fixed
   -ts workshop_de.ts`: `tr` is both this module's and workshop.wording's look-up, and `fixed` marks
   the fixed words listed in workshop/wording.py FIXED_WORDS (enum values, quadrants, round statuses,
   unknown audit fields), which the app shows through a variable and translates with `word()`. Counted
   sentences go through `wording.plural(count, one, many)`, which lupdate does not find by itself: add
   each `many` text to the .ts as a numerus entry (`<message numerus="yes">`, %n for the count). A new
   fixed word shown to people must be added to FIXED_WORDS, or no catalogue will hold it.
2. lupdate files these module-level texts under an empty context; the app looks them up under
   "workshop", so name the context in the .ts (`<name></name>` becomes `<name>workshop</name>`).
3. Translate the .ts (Qt Linguist) keeping every {placeholder} as it is, then
   `pyside6-lrelease workshop_de.ts -qm workshop/resources/translations/workshop_de.qm`.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from string import Formatter

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from workshop import wording

CONTEXT = "workshop"
TRANSLATIONS_FOLDER = "translations"
TRANSLATOR_NAME = "workshopTranslator"


def tr(text: str) -> str:
    """Gives `text` in the user's language when a translation is loaded, else `text` itself."""
    # An empty text is no sentence (a catalogue may keep its own notes under ""), and Qt's look-up would cut
    # a text at a NUL character: neither is one of the app's sentences, both stay as they are.
    if not text or "\x00" in text:
        return text
    translated = QCoreApplication.translate(CONTEXT, text)
    if translated != text and _placeholders(translated) != _placeholders(text):
        # A translation that lost or misspelt a {placeholder} would break the message it belongs to
        # (often an error message): the English sentence is shown instead.
        return text
    return translated


def counted(many: str, count: int) -> str | None:
    """Gives the translation of a counted sentence with %n filled in, or None when no translation holds it."""
    translated = QCoreApplication.translate(CONTEXT, many, None, count)
    if translated == many.replace("%n", str(count)) or _placeholders(translated) != _placeholders(many):
        return None
    return translated


def _placeholders(text: str) -> set[str] | None:
    """Gives the text's {placeholders} with their formats, or None when its braces are broken."""
    try:
        return {
            f"{name}:{spec}!{conversion}"
            for _, name, spec, conversion in Formatter().parse(text)
            if name is not None
        }
    except ValueError:
        return None


def install_translation(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Gives the translator now in use for the locale (the system's by default), or None when none ships.

    Installing twice keeps the first: the translator is a child of the app, found again by its name."""
    installed = app.findChild(QTranslator, TRANSLATOR_NAME)
    if installed is not None:
        return installed
    folder = files("workshop") / "resources" / TRANSLATIONS_FOLDER
    if not folder.is_dir():
        return None
    translator = QTranslator()
    with as_file(folder) as path:
        found = translator.load(locale or QLocale(), CONTEXT, "_", str(path))
    if not found:
        return None
    translator.setParent(app)
    translator.setObjectName(TRANSLATOR_NAME)
    app.installTranslator(translator)
    return translator


# Every window module imports this one, so from the first window on the model's and the charts' sentences
# are looked up in the same catalogue as the window's own.
wording.install_translator(tr)
wording.install_counted_translator(counted)
