"""Everything the facilitator sees most follows an installed translation; no text call skips tr()."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QMessageBox

from workshop import wording
from workshop.findings import gather_findings
from workshop.model import importing
from workshop.model.demo import create_demo
from workshop.model.errors import InputError, WorkshopFileError
from workshop.model.store import open_workshop
from workshop.model.views import AUDIT, HINTS, PHASES
from workshop.reveal import reveal_steps
from workshop.ui.context import WorkshopContext
from workshop.ui.main_window import MainWindow

WORKSHOP_FOLDER = Path(__file__).resolve().parents[2] / "workshop"
UI_FOLDER = WORKSHOP_FOLDER / "ui"
# Errors whose text a person reads in a dialog, and the calls that draw a chart's title or its one sentence.
ERRORS = {
    "InputError",
    "WorkshopError",
    "WorkshopFileError",
    "FileInUseError",
    "NewerSchemaError",
    "BadValue",
}
CHART_TEXT_CALLS = {"chart", "say_instead", "note"}
# Methods of a figure, its axes or colour bar that draw text; as methods only (SQLAlchemy has a text() too).
CHART_TEXT_METHODS = {"set_xlabel", "set_ylabel", "set_label", "set_title", "text", "annotate"}
# Drawing calls whose label, title or tick labels are drawn in the chart (legends, colour bars, bars).
CHART_LABEL_CALLS = {"legend", "Line2D", "Patch", "barh", "set_ticks"}
CHART_LABELS = {"label", "title", "labels"}
# Keyword arguments whose text the analysis hands back for people to read (a measure's reason, say).
REASONS = {"reason"}
# Calls whose text arguments a person reads; for QMessageBox only the title and the text count.
TEXT_CALLS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QToolButton", "QGroupBox", "QAction",
    "setText", "setWindowTitle", "addMenu", "setToolTip", "setPlaceholderText", "setAccessibleName",
    "addRow", "showMessage", "page_label",
}  # fmt: skip
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
# Literal text that is no sentence: HTML around a translated text, symbols and a digit's stand-in.
ALLOWED = {"<b>{}</b>", "-", "+00:00", "<b>{}:</b> {}", "<b>{}</b><br/>{}"}


def _shouting(source: str) -> str:
    return re.sub(r"(\{[^}]*\}|%n)|([^{%]+|%)", lambda m: m.group(1) or m.group(2).upper(), source)


class Shouting(QTranslator):
    """Capitals for the words, while {placeholders} stay as a real translation keeps them."""

    def translate(self, context, source, disambiguation=None, n=-1):
        # Qt's own texts stay as they are ("" would count as a translation to nothing).
        return _shouting(source) if context == "workshop" else source


@pytest.fixture
def shouting_window(store, settings, qtbot, monkeypatch):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(WorkshopContext(store), settings)
        qtbot.addWidget(window)
        window.show()
        yield window
        window.close()
    finally:
        QCoreApplication.removeTranslator(translator)


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _untranslated(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value) and node.value not in ALLOWED
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
        return any(c.isalpha() for c in pattern) and pattern not in ALLOWED
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) or _untranslated(node.right)
    return False


def _is_tr(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _called_name(node) == "tr"


def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):
        return _literal(node.body) or _literal(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return any(_literal(item) for item in node.elts)
    return _untranslated(node)


def _sentence_call(call: ast.Call) -> bool:
    name = _called_name(call)
    method = isinstance(call.func, ast.Attribute) and name in CHART_TEXT_METHODS
    return method or name in ERRORS | CHART_TEXT_CALLS


def _drawn_labels(call: ast.Call) -> list[ast.expr]:
    """Gives the label, title and tick-label arguments of a drawing call, which end up in the chart."""
    labels = (
        CHART_LABELS
        if _called_name(call) in CHART_LABEL_CALLS | CHART_TEXT_CALLS | CHART_TEXT_METHODS
        else set()
    )
    return [k.value for k in call.keywords if k.arg in labels | REASONS]


def untranslated_sentences(source: str, *, constants: bool = True) -> list[str]:
    """Gives 'line: text' for each sentence of the model or the charts that skips tr() on its way out.

    A literal handed to an error, to a chart's title, sentence, axis label, legend or note counts, and with
    `constants` so does a NO_* sentence constant or a TITLES entry used anywhere but inside tr()."""
    tree = ast.parse(source)
    translated = {id(a) for call in ast.walk(tree) if _is_tr(call) for a in call.args}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _sentence_call(node):
            found += [f"{node.lineno}: {ast.unparse(a)}" for a in node.args if _literal(a)]
        if isinstance(node, ast.Call):
            found += [f"{node.lineno}: {ast.unparse(a)}" for a in _drawn_labels(node) if _literal(a)]
        constant = isinstance(node, ast.Name) and node.id.startswith("NO_") and isinstance(node.ctx, ast.Load)
        title = isinstance(node, ast.Subscript) and ast.unparse(node.value) == "TITLES"
        if constants and (constant or title) and id(node) not in translated:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return sorted(found, key=lambda text: int(text.split(":")[0]))


def untranslated_texts(source: str) -> list[str]:
    """Gives 'line: call' for each literal text handed straight to a text-setting call."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = _called_name(call)
        arguments: list[ast.expr] = [*call.args, *(k.value for k in call.keywords if k.arg == "text")]
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        if name in MESSAGE_BOXES and isinstance(receiver, ast.Name) and receiver.id == "QMessageBox":
            arguments = call.args[1:3]
        elif name not in TEXT_CALLS:
            continue
        found += [f"{call.lineno}: {ast.unparse(a)}" for a in arguments if _untranslated(a)]
    return found


# Report calls whose first argument (both, for `labelled`) is printed: paragraphs, headings, column titles,
# table titles, the footer, progress and warnings; `append` adds a line to a summary block or the warnings.
REPORT_TEXT_CALLS = {
    "para", "Paragraph", "Heading", "Column", "subheading", "data_table", "labelled_long", "long_text",
    "LateText", "report", "append",
}  # fmt: skip


def _pdf_operator(call: ast.Call) -> bool:
    """Whether the call adds a drawing operator to a canvas's page stream (`canvas._code.append`): no text."""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    return isinstance(receiver, ast.Attribute) and receiver.attr == "_code"


def _printed_untranslated(node: ast.expr) -> bool:
    """Whether a printed argument is a literal or a module constant (SUMMARY, WITHHELD) outside tr()."""
    return _literal(node) or (isinstance(node, ast.Name) and node.id.isupper())


def untranslated_report_texts(source: str) -> list[str]:
    """Gives 'line: text' for each literal or constant the report prints or returns outside tr()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called_name(node) in REPORT_TEXT_CALLS | {"labelled"}:
            if _pdf_operator(node):
                continue
            printed = node.args[:2] if _called_name(node) == "labelled" else node.args[:1]
            found += [f"{node.lineno}: {ast.unparse(a)}" for a in printed if _printed_untranslated(a)]
        if isinstance(node, ast.Return) and isinstance(node.value, ast.List | ast.BoolOp):
            lines = node.value.values if isinstance(node.value, ast.BoolOp) else [node.value]
            found += [f"{node.lineno}: {ast.unparse(v)}" for v in lines if _literal(v)]
    return sorted(found, key=lambda text: int(text.split(":")[0]))


def test_the_scan_finds_literal_text_and_accepts_translated_text():
    source = (
        'QLabel("Hello")\nbutton.setText(f"Add {noun}")\nQMessageBox.warning(self, "Oops", tr("Fine"))\n'
        'QLabel(tr("Fine"))\nx.setText(tr("{n} rows").format(n=3))\nx.setText("")\n'
        'QLabel(f"<b>{tr(h)}</b>")\n'
    )
    assert untranslated_texts(source) == ["1: 'Hello'", "2: f'Add {noun}'", "3: 'Oops'"]


def test_no_window_text_is_set_without_the_translation_helper():
    found = {
        str(path.relative_to(UI_FOLDER)): texts
        for path in sorted(UI_FOLDER.rglob("*.py"))
        if (texts := untranslated_texts(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_sentence_scan_finds_errors_and_chart_sentences_that_skip_translation():
    source = (
        'raise InputError("ballot", f"no round {n}.")\n'
        'raise InputError(where, tr("no round {n}.").format(n=n))\n'
        "say_instead(fig, NO_ANSWERS, sizes)\nsay_instead(fig, tr(NO_ANSWERS), sizes)\n"
        'chart(fig, TITLES["readiness"])\nchart(fig, tr(TITLES["readiness"]))\nraise BadValue(str(exc))\n'
        'say_instead(fig, tr(NO_A) if x else "Nothing yet.", sizes)\n'
        'ax.set_xlabel("hours per week")\nax.set_xlabel(tr("hours per week"))\nax.text(1, 2, f"{v:.1f}")\n'
        'fig.legend(handles=[Line2D([], [], label="clear gap")], title=tr("severity"))\n'
        'bar.set_ticks([1, 5], labels=[tr("1 low"), "5 high"])\nsession.execute(text("SELECT 1"))\n'
        'Concordance(2, 3, None, reason="no order to compare")\n'
    )
    assert untranslated_sentences(source) == [
        "1: 'ballot'", "1: f'no round {n}.'", "3: NO_ANSWERS", "5: TITLES['readiness']",
        "8: tr(NO_A) if x else 'Nothing yet.'", "9: 'hours per week'", "12: 'clear gap'",
        "13: [tr('1 low'), '5 high']", "15: 'no order to compare'",
    ]  # fmt: skip


@pytest.mark.parametrize("folder", ["model", "charts", "analysis"])
def test_no_sentence_of_the_model_or_the_charts_skips_the_translation_helper(folder):
    found = {
        str(path.relative_to(WORKSHOP_FOLDER)): texts
        for path in sorted((WORKSHOP_FOLDER / folder).rglob("*.py"))
        if "migrations" not in path.parts
        and (texts := untranslated_sentences(path.read_text(encoding="utf-8"), constants=folder == "charts"))
    }
    # The catalogue names each chart by its English title; every place that shows one translates it.
    found.pop("charts/catalogue.py", None)
    assert found == {}


def test_the_report_scan_finds_printed_text_that_skips_translation():
    source = (
        'para("No pilots yet.")\npara(tr("No pilots yet."), "small")\npara(task.title, "item_title")\n'
        'Column("Team", 0.2)\nColumn(tr("Team"), 0.2)\ndata_table("Teams", columns, rows)\n'
        'labelled(tr("Owner"), f"{n} people")\nlines.append(f"Fund {hours} hours.")\n'
        'report("Saving the file", 0.97)\nLateText(f"Page {page} of {{pages}}", FONT, 8, INK)\n'
        'def f():\n    return lines or ["No open caution flags."]\n'
        'def g():\n    return [markup(tr("None yet."))]\n'
        'Heading(SUMMARY, 0)\nHeading("Contents", 0)\nsubheading("Camps")\n'
    )
    assert untranslated_report_texts(source) == [
        "1: 'No pilots yet.'", "4: 'Team'", "6: 'Teams'", "7: f'{n} people'", "8: f'Fund {hours} hours.'",
        "9: 'Saving the file'", "10: f'Page {page} of {{pages}}'", "12: ['No open caution flags.']",
        "15: SUMMARY", "16: 'Contents'", "17: 'Camps'",
    ]  # fmt: skip


def test_no_text_the_report_prints_skips_the_translation_helper():
    found = {
        path.name: texts
        for path in sorted((WORKSHOP_FOLDER / "report").glob("*.py"))
        if (texts := untranslated_report_texts(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def _docstrings(tree: ast.AST) -> set[int]:
    bodies = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, bodies) and node.body and isinstance(node.body[0], ast.Expr)
    }


def hyphens_for_dashes(source: str) -> list[str]:
    """Gives 'line: text' for each text (not a docstring or comment) that sets a hyphen between spaces
    where a dash belongs: "saved - every change" instead of "saved – every change"."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return [
        f"{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if " - " in node.value
    ]


def test_the_dash_scan_finds_hyphens_in_texts_and_leaves_docstrings_and_arithmetic_alone():
    source = (
        'def f():\n    """Gives a - b."""\n    return tr("Saved - at once") + f"{a} - {b}"\n'
        'x = n - 1  # one - less\ny = tr("Saved – at once")\nz = "-"\n'
    )
    assert hyphens_for_dashes(source) == ["3: 'Saved - at once'", "3: ' - '"]


def test_texts_people_read_use_real_dashes_not_hyphens():
    found = {
        str(path.relative_to(WORKSHOP_FOLDER)): texts
        for path in sorted(WORKSHOP_FOLDER.rglob("*.py"))
        if "migrations" not in path.parts and (texts := hyphens_for_dashes(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.fixture
def shouting(qapp):
    translator = Shouting()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_a_file_that_cannot_be_opened_is_explained_in_the_window_language(shouting, tmp_path):
    path = tmp_path / "notes.workshop"
    path.write_bytes(b"")
    with pytest.raises(WorkshopFileError) as raised:
        open_workshop(path)
    assert str(raised.value) == f"{path}: THE FILE IS EMPTY (0 BYTES), NOT A WORKSHOP."


def test_the_reveal_and_a_chart_summary_follow_the_window_language_with_their_values(shouting, tmp_path):
    from workshop.charts.catalogue import alt_text, chart_by_key

    with create_demo(tmp_path / "demo.workshop") as store, store.reading() as session:
        findings = gather_findings(session)
    ranking = findings.ranking
    steps = reveal_steps(findings.ranking_round, ranking)
    assert [step.title for step in steps] == [
        f"THE ROOM'S ORDER – {findings.ranking_round}", "HOW STRONGLY YOU AGREE", "WHERE YOU ARE DIVIDED",
        "WHO AGREES WITH WHOM",
    ]  # fmt: skip
    assert steps[1].lines[0].startswith(f"KENDALL'S W = {ranking.concordance.w:.2f} ON A SCALE FROM 0")
    top = ranking.consensus.borda[0][0]
    assert alt_text(chart_by_key("consensus"), findings).startswith(
        "WHERE THE MANAGERS AGREE: CONSENSUS RANKING. "
        f"OVER {ranking.ballots} BALLOTS THE TOP PRIORITY IS {top} "
    )


def test_headings_hints_columns_status_and_titles_follow_the_translation(shouting_window, monkeypatch):
    window = shouting_window
    for phase in PHASES:
        window.select_phase(phase)
        page = window.page(phase)
        assert (page.heading, page.hint) == (_shouting(phase), _shouting(HINTS[phase]))
    assert [window.navigation.item(row).text() for row in range(len(PHASES))] == [
        _shouting(p) for p in PHASES
    ]
    tasks = window.page(AUDIT).tables["task"]
    headings = [
        tasks.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tasks.model.columnCount())
    ]
    assert "HOURS PER WEEK" in headings and all(h == h.upper() for h in headings)
    assert tasks.title.text() == "CURRENT TASKS"
    assert window.status_text() == f"SAVED TO {window.context.store.path} – EVERY CHANGE IS SAVED AT ONCE"
    assert window.windowTitle().endswith(" – AI STRATEGY WORKSHOP")
    titles = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, title, _t: titles.append(title)))
    window.on_shortcuts_triggered()
    wizard = window.files.on_new_triggered()
    titles.append(wizard.windowTitle())
    wizard.reject()
    assert titles == ["KEYBOARD SHORTCUTS", "NEW WORKSHOP"]


def test_chart_labels_agreement_status_and_progress_follow_the_window_language(shouting, tmp_path):
    from matplotlib.figure import Figure

    from workshop.analysis.wording import agreement_in_words, concordance_in_words
    from workshop.charts.ranking import draw_consensus
    from workshop.model.ballots import RoundProgress
    from workshop.model.entities import BallotMethod
    from workshop.model.views import plain_text, round_status, round_status_in_words

    with create_demo(tmp_path / "demo.workshop") as store, store.reading() as session:
        findings = gather_findings(session)
    figure = Figure()
    draw_consensus(figure, findings)
    figure.canvas.draw()
    ax = figure.axes[0]
    assert ax.get_xlabel() == "PLACE IN THE RANKING (1 = TOP PRIORITY)"
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["AVERAGE PLACE", "MIDDLE HALF OF THE PLACES", "DIVIDES THE ROOM"]
    w = findings.ranking.concordance.w
    words = concordance_in_words(findings.ranking.concordance)
    assert words == words.upper() and "CHANCE" in words
    assert agreement_in_words(w) == "VERY WEAK AGREEMENT"
    assert ax.get_title(loc="left") == f"{findings.ranking.ballots} BALLOTS; KENDALL'S W = {w:.2f} ({words})"
    assert agreement_in_words(None) == "NOT ENOUGH DATA"
    assert round_status("yesterday", None, None) == "open"  # the status the buttons test stays English
    assert round_status_in_words("yesterday", None, None) == "OPEN"
    assert (plain_text(True), plain_text(False)) == ("YES", "NO")
    progress = RoundProgress(1, "Priorities", BallotMethod.RANKING, "open", 3, 7, False)
    assert progress.sentence == "3 OF 7 HAVE VOTED"


def test_a_caution_flags_severity_shows_in_the_window_language_on_the_feedback_page(shouting_window):
    from workshop.model import entities as e
    from workshop.model.views import FEEDBACK

    window = shouting_window
    with window.context.store.transaction() as session:
        session.add(e.CautionFlag(severity=e.Severity.CRITICAL, category=e.CautionCategory.WORKLOAD))
    window.select_phase(FEEDBACK)
    window.page(FEEDBACK).refresh()
    flags = window.page(FEEDBACK).tables["caution_flag"].model
    shown = {
        flags.headerData(column, Qt.Orientation.Horizontal): flags.data(flags.index(0, column))
        for column in range(flags.columnCount())
    }
    assert (shown["SEVERITY"], shown["CATEGORY"]) == ("CRITICAL", "WORKLOAD")
    # Editing offers the words in the window's language and keeps the stored value as it is.
    severity = next(
        c for c in range(flags.columnCount()) if flags.headerData(c, Qt.Orientation.Horizontal) == "SEVERITY"
    )
    assert ("CRITICAL", "critical") in [(text, value) for text, value, _ in flags.choices(severity)]
    assert flags.data(flags.index(0, severity), Qt.ItemDataRole.EditRole) == "critical"


# A translation with slips: a misspelt placeholder, a stray brace, a lost placeholder, and one done right.
CARELESS_WORDS = {
    "{file}, line {line}": "{fiel}, Zeile {line}",
    "the file is empty (0 bytes), not a workshop.": "die Datei ist leer {",
    "there is no ballot round {round}.": "es gibt keine Runde.",
    "{done} of {total} have voted": "{done} von {total} haben gewählt",
}


class Careless(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return CARELESS_WORDS.get(source, source) if context == "workshop" else source


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("{file}, line {line}", "{file}, line {line}"),
        ("the file is empty (0 bytes), not a workshop.", "the file is empty (0 bytes), not a workshop."),
        ("there is no ballot round {round}.", "there is no ballot round {round}."),
        ("{done} of {total} have voted", "{done} von {total} haben gewählt"),
    ],
)
def test_a_translation_that_breaks_a_placeholder_gives_way_to_the_english_sentence(qapp, source, shown):
    translator = Careless()
    QCoreApplication.installTranslator(translator)
    try:
        assert wording.tr(source) == shown
    finally:
        QCoreApplication.removeTranslator(translator)


def test_an_error_message_survives_a_careless_translation(qapp, tmp_path):
    translator = Careless()
    QCoreApplication.installTranslator(translator)
    try:
        path = tmp_path / "ballots.csv"
        path.write_bytes(b"participant,item,rank\n\xff\n")
        with pytest.raises(InputError) as raised:
            importing.read_csv_rows(path, required=("participant",), optional=())
        assert raised.value.where == "ballots.csv, line 2"
    finally:
        QCoreApplication.removeTranslator(translator)
