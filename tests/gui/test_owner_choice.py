"""A workflow's owner is picked from the participants (champions first, marked) or typed freely."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tests.gui.pages_helpers import cells, column_of, table_on
from workshop.model import entities as e
from workshop.model.views import WORKFLOWS, entity_rows


def _workflow_and_people(window) -> None:
    def add(s) -> None:
        s.add(e.Workflow(opportunity=e.Opportunity(title="Claim triage")))
        s.add_all(
            [
                e.Participant(name="Ann Doubt", stance=e.Stance.SKEPTIC),
                e.Participant(name="Ben Plain", stance=e.Stance.NEUTRAL),
                e.Participant(name="Zoe Keen", stance=e.Stance.CHAMPION),
            ]
        )

    window.context.write(add)


def _open_owner_editor(window, qtbot) -> tuple[object, QComboBox]:
    workflows = table_on(window, WORKFLOWS, "workflow")
    index = workflows.proxy.index(0, column_of(workflows, "Owner / champion"))
    workflows.view.setCurrentIndex(index)
    workflows.view.edit(index)
    editor = workflows.view.indexWidget(index)
    assert isinstance(editor, QComboBox)
    return workflows, editor


def _stored_owner(window) -> str:
    return window.context.read(entity_rows, "workflow")[0].get("owner")


def test_champions_come_first_marked_and_skeptics_are_marked(window, qtbot):
    _workflow_and_people(window)
    _, editor = _open_owner_editor(window, qtbot)
    offered = [editor.itemText(n) for n in range(editor.count())]
    assert offered == ["Zoe Keen — champion", "Ben Plain", "Ann Doubt — skeptic"]


def test_choosing_a_participant_stores_their_name(window, qtbot):
    _workflow_and_people(window)
    workflows, editor = _open_owner_editor(window, qtbot)
    editor.setCurrentIndex(editor.findData("Zoe Keen"))
    workflows.view.commitData(editor)  # what the table does when the facilitator leaves the cell
    assert _stored_owner(window) == "Zoe Keen"
    assert cells(workflows)[0][column_of(workflows, "Owner / champion")] == "Zoe Keen"


def test_typing_a_name_from_outside_the_room_stores_it(window, qtbot):
    _workflow_and_people(window)
    workflows, editor = _open_owner_editor(window, qtbot)
    editor.lineEdit().clear()
    qtbot.keyClicks(editor.lineEdit(), "Dana from Legal")
    workflows.view.commitData(editor)
    assert _stored_owner(window) == "Dana from Legal"
    assert cells(workflows)[0][column_of(workflows, "Owner / champion")] == "Dana from Legal"


def test_the_editor_opens_on_the_owner_already_written(window, qtbot):
    _workflow_and_people(window)

    def name_owner(s) -> None:
        s.query(e.Workflow).one().owner = "Someone typed earlier"

    window.context.write(name_owner)
    _, editor = _open_owner_editor(window, qtbot)
    assert editor.currentText() == "Someone typed earlier"


def test_the_workflow_form_offers_the_same_participants_and_keeps_a_typed_name(window, qtbot):
    _workflow_and_people(window)
    workflows = table_on(window, WORKFLOWS, "workflow")
    form = workflows.open_row(workflows.model.row_at(0))
    editor = form.editor_of("Owner / champion")
    assert isinstance(editor, QComboBox)
    assert editor.itemText(0) == "Zoe Keen — champion"
    editor.setCurrentIndex(editor.findData("Ann Doubt"))
    assert form.save()
    assert _stored_owner(window) == "Ann Doubt"
    form = workflows.open_row(workflows.model.row_at(0))
    owner = form.editor_of("Owner / champion")
    assert isinstance(owner, QComboBox) and owner.currentText() == "Ann Doubt"
    owner.lineEdit().clear()
    qtbot.keyClicks(owner.lineEdit(), "Dana from Legal")
    assert form.save()
    assert _stored_owner(window) == "Dana from Legal"
