"""Alignment: the consensus by two methods, agreement judged against chance, revealed rounds only."""

from __future__ import annotations

from tests.gui.pages_helpers import shown_with_findings
from tests.gui.rounds_helpers import voted_round
from workshop.model import ballots, editing
from workshop.model import entities as e
from workshop.model.demo import RANKING_ROUND
from workshop.model.views import ALIGNMENT
from workshop.ui.main_window import MainWindow


def _alignment(window: MainWindow):
    return shown_with_findings(window, ALIGNMENT)


def test_the_demo_shows_borda_and_schulze_lists_and_agreement_judged_against_chance(demo_window):
    page = _alignment(demo_window)
    assert page.offered_rounds() == [RANKING_ROUND]
    borda = [row[1].removesuffix(" *") for row in page.borda.table.rows]
    schulze = [row[1].removesuffix(" *") for row in page.schulze.table.rows]
    assert len(borda) == len(schulze) == 10
    assert sorted(borda) == sorted(schulze)
    assert page.borda.table.rows[0][0] == "1"
    assert page.agreement_words.text() == "No better than chance"
    figures = page.agreement_figures.text()
    assert (
        "<b>no better than chance</b> (Kendall's W = 0.20, where chance alone gives about 0.13; "
        + ("p = 0.11, permutation test)")
        in figures
    )


def test_tied_places_are_numbered_1_2_2_4_in_both_lists(demo_window):
    page = _alignment(demo_window)
    for model in (page.borda, page.schulze):
        places = [int(row[0]) for row in model.table.rows]
        for k in range(1, len(places)):
            # A place repeats for a tie, and the next place skips as many as were tied.
            assert places[k] == places[k - 1] or places[k] == k + 1
    assert [row[0] for row in page.borda.table.rows][:5] == ["1", "2", "3", "3", "5"]


def test_the_page_states_the_same_findings_as_the_summary(demo_window):
    page = _alignment(demo_window)
    text = page.headlines.text()
    assert "The two counting methods disagree on the top" in text
    assert "No opportunity divides the managers more than chance alone would." in text
    assert "Camp 1, 4 managers: 3 of them put <b>Proof-of-delivery reading</b> first." in text
    assert page.flagged_items() == []
    assert "95 of 100 random rooms" in page.dissent_rule.text()


def test_items_placed_differently_by_the_methods_are_marked_in_both_lists(demo_window):
    page = _alignment(demo_window)
    marked = {row[1] for row in page.borda.table.rows if row[1].endswith(" *")}
    assert marked == {row[1] for row in page.schulze.table.rows if row[1].endswith(" *")}
    assert all(name.removesuffix(" *") in page.differs_note.text() for name in marked)


def test_an_unrevealed_ranking_round_is_not_offered(demo_window):
    demo_window.context.write(
        editing.add_row,
        entity="ballot_round",
        values={"name": "Second look", "method": e.BallotMethod.RANKING},
    )
    page = _alignment(demo_window)
    assert "Second look" not in page.offered_rounds()
    assert page.offered_rounds() == [RANKING_ROUND]


def test_without_a_revealed_round_the_page_says_how_to_get_one(window):
    page = _alignment(window)
    assert page.offered_rounds() == []
    assert page.empty.isVisibleTo(page) and "revealed" in page.empty.text()
    assert not page.content.isVisibleTo(page)


def test_charts_carry_alt_text_and_show_their_numbers_on_request(demo_window):
    page = _alignment(demo_window)
    chart = page.charts["agreement"]
    assert "camps" in chart.alt_text()
    chart.toggle.click()
    assert chart.numbers_shown() and chart.numbers_view.isVisibleTo(page)
    assert len(chart.numbers().rows) == 8


def test_the_tables_pass_the_qt_model_checks(demo_window, qtmodeltester):
    page = _alignment(demo_window)
    for model in (
        page.borda,
        page.schulze,
        page.dissent,
        page.leave_one_out,
        page.charts["agreement"].numbers_model,
    ):
        qtmodeltester.check(model, force_py=True)


def test_after_a_reveal_the_page_shows_the_revealed_round_and_another_can_be_picked(demo_window, qtbot):
    store = demo_window.context.store
    round_id = voted_round(store, "Second look", people=False)
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)
    before = _alignment(demo_window)
    assert "Second look" not in before.offered_rounds()  # closed, not revealed: nothing of it is shown
    tools = demo_window.room_tools
    tools.reveal_now(round_id)
    qtbot.waitUntil(lambda: tools.reveal is not None, timeout=60_000)
    tools.reveal.left.emit()
    page = _alignment(demo_window)
    assert page.rounds.currentText() == "Second look"
    assert page.findings.ranking_round == "Second look"
    page.rounds.setCurrentText(RANKING_ROUND)  # the facilitator looks back at the first round
    page = _alignment(demo_window)
    assert page.findings.ranking_round == RANKING_ROUND
    demo_window.context.tell(None)  # any later change keeps the facilitator's pick
    assert _alignment(demo_window).rounds.currentText() == RANKING_ROUND
