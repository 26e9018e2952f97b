"""The table adapter shows a TableView's rows as they are, one line per row, and passes Qt's model checks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt

from workshop.model.views import TableView
from workshop.ui.qtmodels import TableViewModel, one_line

cell = st.text(max_size=60)


@st.composite
def tables(draw) -> TableView:
    columns = tuple(draw(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6)))
    rows = draw(st.lists(st.tuples(*[cell] * len(columns)), max_size=8))
    return TableView("Some table", columns, tuple(rows), "Nothing yet.")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(table=tables())
def test_every_table_passes_the_qt_model_checks(qtmodeltester, table):
    qtmodeltester.check(TableViewModel(table), force_py=True)


@settings(max_examples=60, deadline=None)
@given(table=tables())
def test_the_model_shows_each_cell_on_one_line_under_its_column(table):
    model = TableViewModel(table)
    assert (model.rowCount(), model.columnCount()) == (len(table.rows), len(table.columns))
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == list(table.columns)
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            shown = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            assert "\n" not in shown and "\r" not in shown
            assert shown == one_line(text)
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree


def test_a_long_or_multi_line_cell_has_its_full_text_as_tooltip():
    steps = "1. AI reads the e-mail\n2. It drafts the reply"
    model = TableViewModel(TableView("Workflows", ("Steps", "Owner"), ((steps, "Bob"),), ""))
    assert (
        model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
        == "1. AI reads the e-mail / 2. It drafts the reply"
    )
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == steps
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None


def test_replacing_the_table_resets_what_views_show(qtbot):
    model = TableViewModel(TableView("T", ("A",), (("x",),), ""))
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_table(TableView("T", ("A",), (("x",), ("y",)), ""))
    assert model.rowCount(QModelIndex()) == 2
