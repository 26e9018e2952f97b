"""Setup: the facilitator is warned when "team" anonymity meets teams too small to name or to show."""

from __future__ import annotations

from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.views import SETUP


def _teams(window, sizes: dict[str, tuple[int, int]]) -> None:
    """Adds teams, each with (managers, employees)."""

    def add(s) -> None:
        for name, (managers, employees) in sizes.items():
            team = ops.team_named(s, name)
            for k in range(managers):
                ops.participant_named(s, f"{name} manager {k}", team=team, role=e.Role.MANAGER)
            for k in range(employees):
                ops.participant_named(s, f"{name} member {k}", team=team, role=e.Role.EMPLOYEE)

    window.context.write(add)


def _choose_anonymity(window, qtbot, level: e.Anonymity) -> None:
    details = window.page(SETUP).details
    details.anonymity.setCurrentIndex(details.anonymity.findData(level.value))
    details.anonymity.activated.emit(details.anonymity.currentIndex())


def _warning(window) -> str:
    label = window.page(SETUP).details.privacy_warning
    return label.text() if label.isVisible() else ""


def test_team_anonymity_warns_how_many_teams_have_too_few_voters_to_be_named(window, qtbot):
    _teams(window, {"Sales": (1, 4), "Legal": (2, 4), "Ops": (3, 4)})
    window.select_phase(SETUP)
    assert _warning(window) == ""
    _choose_anonymity(window, qtbot, e.Anonymity.TEAM)
    assert _warning(window) == (
        "2 teams have fewer than 3 voters (managers and leaders): their voters are shown without their team."
    )


def test_one_small_team_is_counted_in_the_singular(window, qtbot):
    _teams(window, {"Sales": (1, 4), "Ops": (3, 4)})
    window.select_phase(SETUP)
    _choose_anonymity(window, qtbot, e.Anonymity.TEAM)
    assert _warning(window) == (
        "1 team has fewer than 3 voters (managers and leaders): its voters are shown without their team."
    )


def test_a_team_of_fewer_than_3_people_is_named_as_withheld_at_any_anonymity(window, qtbot):
    _teams(window, {"Legal": (1, 1), "Ops": (3, 4)})
    window.select_phase(SETUP)
    assert _warning(window) == "1 team has fewer than 3 people: its readiness results are withheld."
