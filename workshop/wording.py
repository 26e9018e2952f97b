"""The sentences the model and the charts give, in the user's language once the app installs a translator.

Pure Python on purpose: the model, the charts and the command line use it without Qt. The window installs
Qt's look-up (workshop/ui/i18n.py), so one catalogue, context "workshop", holds every sentence. Messages are
templates filled in after translation, `tr("the folder {folder} does not exist.").format(folder=...)`, so a
translator sees each sentence once, whatever the values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Translator = Callable[[str], str]
# A counted sentence's look-up: the plural template (with %n) and the count -> the sentence, %n filled in,
# or None when no translation holds it.
CountedTranslator = Callable[[str, int], "str | None"]


def as_written(text: str) -> str:
    """Gives `text` unchanged: the English the app is written in."""
    return text


def untranslated(_many: str, _count: int) -> str | None:
    """Gives None: no translation holds any counted sentence."""
    return None


# One reference, swapped whole: readers on worker threads see either the old or the new translator.
_translate: Translator = as_written
_translate_counted: CountedTranslator = untranslated


def tr(text: str) -> str:
    """Gives `text` in the user's language when a translator is installed, else `text` itself."""
    return _translate(text)


def install_translator(translate: Translator) -> Translator:
    """Gives back the translator in use until now, after putting `translate` in its place."""
    global _translate
    earlier, _translate = _translate, translate
    return earlier


def install_counted_translator(translate: CountedTranslator) -> CountedTranslator:
    """Gives back the look-up of counted sentences in use until now, putting `translate` in its place."""
    global _translate_counted
    earlier, _translate_counted = _translate_counted, translate
    return earlier


def plural(count: int, one: str, many: str) -> str:
    """Gives the sentence for `count` things, %n replaced by the count: "1 camp", "3 camps".

    The catalogue holds `many` as a numerus entry (Qt's plural forms), so a language with several
    plural forms gets each; in English, or without a translation, `one` serves a count of 1.
    """
    translated = _translate_counted(many, count)
    if translated is not None:
        return translated
    return tr(one if count == 1 else many).replace("%n", str(count))


def fixed(text: str) -> str:
    """Gives `text` unchanged: marks a fixed word for the catalogue, translated by `word()` when shown."""
    return text


def word(value: str) -> str:
    """Gives a fixed word shown through a variable (a severity, a status, a quadrant) in the user's language.

    Every such word is listed in FIXED_WORDS, so the catalogue holds it although no tr("...") names it."""
    return tr(value)


# The values of the workshop's enums (workshop/model/choices.py), the analysis's quadrants, a ballot
# round's status and the audit fields a score can miss: shown as data, translated with word(). Each sits in
# fixed("...") so that the catalogue tool finds it (see workshop/ui/i18n.py).
FIXED_WORDS: tuple[str, ...] = (
    # Anonymity
    fixed("anonymous"), fixed("team"), fixed("named"),
    # Role
    fixed("leader"), fixed("manager"), fixed("employee"), fixed("facilitator"),
    # Stance
    fixed("champion"), fixed("neutral"), fixed("skeptic"), fixed("unknown"),
    # Frequency
    fixed("daily"), fixed("weekly"), fixed("monthly"), fixed("quarterly"), fixed("yearly"), fixed("ad hoc"),
    # Sensitivity and Severity
    fixed("low"), fixed("medium"), fixed("high"), fixed("critical"),
    # BallotMethod
    fixed("ranking"), fixed("100 points"), fixed("impact-effort"),
    # Oversight
    fixed("AI-assist only"), fixed("human reviews every output"), fixed("human reviews samples"),
    fixed("human handles exceptions"), fixed("fully automated"),
    # PilotStatus
    fixed("planned"), fixed("running"), fixed("paused"), fixed("go"), fixed("no-go"),
    # CheckpointDecision
    fixed("pending"), fixed("continue"), fixed("adjust and continue"), fixed("stop"),
    # CautionCategory
    fixed("readiness lower than thought"), fixed("rollout flaw"), fixed("errors and trust"),
    fixed("workload"), fixed("fear and job security"), fixed("other"),
    # FlagStatus and ActionStatus
    fixed("open"), fixed("monitoring"), fixed("resolved"), fixed("in progress"), fixed("done"),
    fixed("dropped"),
    # The analysis's quadrants (workshop/analysis/strategy.py Placement)
    fixed("quick win"), fixed("prepare first"), fixed("reconsider"), fixed("long shot"),
    # The impact-effort quadrants (workshop/analysis/ratings.py Quadrant; "quick win" is listed above)
    fixed("major project"), fixed("fill-in"), fixed("thankless task"),
    # A ballot round's status (workshop/model/views.py round_status)
    fixed("not open yet"), fixed("closed"), fixed("revealed"),
    # Audit fields a candidate's score can miss (workshop/analysis/audit.py)
    fixed("hours per week"), fixed("redundancy"), fixed("AI potential"),
    # The kinds of proposed caution flag (workshop/proposals.py ProposalKind; the first is listed above)
    fixed("workflow owned by a skeptic"), fixed("top priority divides the room"),
    fixed("pilot checkpoint adjusted or stopped"), fixed("recurring feedback on what does not work"),
    fixed("pilot team without learning time"), fixed("pilot team with nothing dropped"),
    fixed("ADKAR barrier"),
)  # fmt: skip


# Month names, written out and short: dates in sentences, the report and chart axes name the month in the
# user's language (strftime would give the C locale's English whatever the translation).
MONTHS: tuple[str, ...] = (
    fixed("January"), fixed("February"), fixed("March"), fixed("April"), fixed("May"), fixed("June"),
    fixed("July"), fixed("August"), fixed("September"), fixed("October"), fixed("November"),
    fixed("December"),
)  # fmt: skip
SHORT_MONTHS: tuple[str, ...] = (
    fixed("Jan"), fixed("Feb"), fixed("Mar"), fixed("Apr"), fixed("May"), fixed("Jun"), fixed("Jul"),
    fixed("Aug"), fixed("Sep"), fixed("Oct"), fixed("Nov"), fixed("Dec"),
)  # fmt: skip


def month(number: int, *, short: bool = False) -> str:
    """Gives the name of month `number` (1-12) in the user's language, written out or short ("Oct")."""
    return word((SHORT_MONTHS if short else MONTHS)[number - 1])


def calendar_day(day: dt.date, *, short: bool = False) -> str:
    """Gives a date as people write it: "14 October 2026" ("14 Oct 2026" when short), in their language."""
    return tr("{day} {month} {year}").format(day=day.day, month=month(day.month, short=short), year=day.year)
