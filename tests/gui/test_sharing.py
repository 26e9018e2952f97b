"""Merging another room's workshop file from the app, and connecting to a shared server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QRadioButton

from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import create_workshop, open_workshop
from workshop.ui.sharing import MergeQuestions


def breakout_room(path, voter: str, team: str = "Ops") -> None:
    """Writes a small workshop file from another laptop: one revealed round with one ballot."""
    with create_workshop(path, title="Breakout") as store, store.transaction() as s:
        person = ops.participant_named(s, voter, team=ops.team_named(s, team), role=e.Role.MANAGER)
        items = [ops.opportunity_titled(s, t).id for t in ("Invoices", "Replies")]
        round_id = ballots.start_round(s, name="Ranking", method=e.BallotMethod.RANKING)
        ballots.cast_ranking(s, round_id=round_id, participant_id=person.id, ranks={items[0]: 1, items[1]: 2})
        ballots.reveal_round(s, round_id=round_id)


def quiet(monkeypatch) -> list[str]:
    said: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *args, **_kw: said.append(args[2])))
    return said


def merged(window, qtbot, sources) -> object:
    """Gives what the merge of `sources` brought in (None when nothing), once it has ended."""
    with qtbot.waitSignal(window.sharing.merged, timeout=30_000) as ended:
        window.sharing.merge(sources)
    return ended.args[0]


def test_merging_a_breakout_file_brings_its_ballot_in_once(window, store, tmp_path, monkeypatch, qtbot):
    said = quiet(monkeypatch)
    breakout_room(tmp_path / "room-b.workshop", "Zoë Martin")
    assert merged(window, qtbot, [tmp_path / "room-b.workshop"]) is not None
    assert merged(window, qtbot, [tmp_path / "room-b.workshop"]) is not None  # the same file again
    with store.reading() as s:
        assert s.query(e.Ballot).count() == 1
    assert said[0].startswith("Merged: ") and "1 ballot" in said[0]
    assert said[1] == "Merged: nothing new"


def test_near_duplicate_names_are_asked_about_not_merged_silently(
    window, store, tmp_path, monkeypatch, qtbot
):
    quiet(monkeypatch)
    with store.transaction() as s:
        ops.participant_named(s, "Zoe  Martin", team=ops.team_named(s, "Ops"), role=e.Role.MANAGER)
    breakout_room(tmp_path / "room-b.workshop", "Zoë Martin")
    asked = []

    def keep_them_apart(dialog):
        asked.append([dialog.same.item(i).text() for i in range(dialog.same.count())])
        dialog.same.item(0).setCheckState(Qt.CheckState.Unchecked)
        return MergeQuestions.DialogCode.Accepted

    monkeypatch.setattr(MergeQuestions, "exec", keep_them_apart)
    merged(window, qtbot, [tmp_path / "room-b.workshop"])
    assert asked and "Zoë Martin" in asked[0][0]
    with store.reading() as s:
        assert sorted(n for (n,) in s.query(e.Participant.name)) == ["Zoe  Martin", "Zoë Martin"]


def test_a_bad_file_merges_nothing_and_says_why(window, store, tmp_path, monkeypatch, qtbot):
    said = quiet(monkeypatch)
    bad = tmp_path / "notes.workshop"
    bad.write_text("not a workshop")
    assert merged(window, qtbot, [bad]) is None
    assert said and said[0].startswith("Nothing was merged:") and "notes.workshop" in said[0]


def test_connecting_to_an_unreachable_server_keeps_the_workshop_open(window, store, monkeypatch):
    said = quiet(monkeypatch)
    assert not window.sharing.connect_to("postgresql://nobody@127.0.0.1:1/none")
    assert said and window.context.store is store


def test_a_task_edited_on_a_copy_is_asked_about_and_the_chosen_side_kept(
    window, store, tmp_path, monkeypatch, qtbot
):
    quiet(monkeypatch)
    with store.transaction() as s:
        s.add(e.Task(title="Copy invoices into the ledger", hours_per_week=6.0))
    laptop = tmp_path / "laptop.workshop"
    laptop.write_bytes(store.path.read_bytes())  # the prepared file, handed to a laptop
    with open_workshop(laptop) as room, room.transaction() as s:
        s.query(e.Task).one().hours_per_week = 9.5
    asked = []

    def take_the_laptops(dialog):
        asked.append(dialog.findChildren(QLabel)[-1].text())
        dialog.findChild(QRadioButton, "source").setChecked(True)
        return MergeQuestions.DialogCode.Accepted

    monkeypatch.setattr(MergeQuestions, "exec", take_the_laptops)
    merged(window, qtbot, [laptop])
    assert asked == ["task 'Copy invoices into the ledger': laptop.workshop differs"]
    with store.reading() as s:
        assert [t.hours_per_week for t in s.query(e.Task)] == [9.5]
