"""ADKAR on the Readiness page: the round table names each round's template, an ADKAR round's form asks the
five elements and says the open person's barrier point, and the panel states each team's barrier."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from tests.gui.pages_helpers import shown_with_findings
from workshop.analysis.adkar import ELEMENTS, team_sentence
from workshop.model import demo_content
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import READINESS
from workshop.ui.pages.adkar_panel import NO_ROUND


def test_the_demo_shows_a_sentence_and_a_row_per_team_and_the_chart(demo_window):
    page = shown_with_findings(demo_window, READINESS)
    panel, found = page.adkar, page.findings
    assert found.adkar and not panel.chart.isHidden() and not panel.view.isHidden()
    assert panel.said.text().splitlines() == [team_sentence(t) for t in found.adkar]
    rows = panel.rows()
    assert [row[0] for row in rows] == [t.team for t in found.adkar]
    for row, team in zip(rows, found.adkar, strict=True):
        if team.barrier is not None:
            assert row[-1] == f"{team.barrier}: {team.at(team.barrier)} of {team.people}"


def test_the_round_table_names_each_rounds_template(demo_window):
    page = shown_with_findings(demo_window, READINESS)
    model = page.tables["survey_round"].view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    shown = {model.index(r, headers.index("Template")).data() for r in range(model.rowCount())}
    assert "Template" in headers and shown == {"readiness", "ADKAR"}
    dims = page.tables["readiness_dimension"].view.model()
    asked = {dims.index(r, 0).data(): dims.index(r, 2).data() for r in range(dims.rowCount())}
    assert asked["Awareness"] == "ADKAR" and asked["skills"] == "readiness"


def test_the_round_table_says_how_many_answered_and_which_export_the_answers_came_from(demo_window):
    page = shown_with_findings(demo_window, READINESS)
    model = page.tables["survey_round"].view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = {
        model.index(r, 0).data(): (
            model.index(r, headers.index("People answered")).data(),
            model.index(r, headers.index("Answers from")).data(),
        )
        for r in range(model.rowCount())
    }
    assert rows[demo_content.FOLLOW_UP_SURVEY][1] == demo_content.FOLLOW_UP_EXPORT
    assert rows[demo_content.BASELINE_SURVEY][1] == "typed in here"
    assert all(int(people) >= 20 for people, _ in rows.values())


def _adkar_room(window, qtbot, people: int):
    def add(s) -> None:
        team = ops.team_named(s, "Customer Service")
        for k in range(people):
            ops.participant_named(s, f"Person {k}", team=team, role=e.Role.EMPLOYEE)
        s.add(e.SurveyRound(name="ADKAR check", template=e.SurveyTemplate.ADKAR))

    window.context.write(add)
    page = shown_with_findings(window, READINESS)
    page.choose_round("ADKAR check")
    return page


def test_an_adkar_rounds_form_asks_the_five_elements_and_says_the_persons_barrier(window, qtbot):
    page = _adkar_room(window, qtbot, people=1)
    page.choose_person("Person 0")
    assert [f.question.dimension for f in page.fields] == list(ELEMENTS)
    for field, score in zip(list(page.fields), [5, 4, 2, 1, 3], strict=True):
        page.answer(page.fields[page_index(page, field)], ("score", score))
    *_, said = page.form_box.findChildren(QLabel, "personBarrier")  # the form built last, after the answers
    assert "Barrier point: Knowledge" in said.text()
    with window.context.store.reading() as session:
        stored = session.scalars(
            select(e.ReadinessDimension.name)
            .join(e.ReadinessAnswer, e.ReadinessAnswer.dimension_id == e.ReadinessDimension.id)
            .order_by(e.ReadinessAnswer.id)
        ).all()
    assert stored == list(ELEMENTS)


def page_index(page, field) -> int:
    """Gives where a question of the form sits now: the form is built again after each saved answer."""
    return [f.question for f in page.fields].index(field.question)


def test_without_an_adkar_round_the_panel_says_how_to_start_one(window):
    page = shown_with_findings(window, READINESS)
    assert page.adkar.said.text() == NO_ROUND
    assert page.adkar.chart.isHidden() and page.adkar.view.isHidden()


def test_a_team_of_two_answering_is_withheld_on_the_panel(window, qtbot):
    page = _adkar_room(window, qtbot, people=2)
    for name in ("Person 0", "Person 1"):
        page.choose_person(name)
        for question in [f.question for f in page.fields]:
            field = next(f for f in page.fields if f.question == question)
            page.answer(field, ("score", 2))
    qtbot.waitUntil(lambda: page.findings_ready() and not page.adkar.view.isHidden(), timeout=20_000)
    [row] = page.adkar.rows()
    assert row[0] == "Customer Service" and row[-1] == "withheld" and set(row[2:-1]) == {""}
    assert "withheld" in page.adkar.said.text() and "2" not in page.adkar.said.text()
