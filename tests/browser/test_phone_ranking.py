"""Ranking on a phone: by dragging with a finger, and by keyboard alone; what is stored is what was shown."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import TITLES
from tests.browser.phone import ballots_of, stored_ballots
from workshop.model import entities as e
from workshop.ui.ballot.draft import RankingDraft

THANKS = "Thank you — your ballot is saved."


def test_a_ranking_cast_by_dragging_with_a_finger_is_stored_as_shown(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING)
    phone.open(server.url)
    phone.screenshot("names")
    phone.choose_name("Ana Silva")
    phone.wait_for_heading("Your ballot, Ana Silva")
    neutral = phone.ranking()
    last, first = neutral[-1], neutral[0]

    phone.drag(last, onto=first)
    phone.wait_for(lambda: phone.ranking()[0] == last)
    phone.wait_for(lambda: f"{last} is now 1st" in phone.said())
    phone.drag(first, onto=neutral[1])
    wanted = [last, *neutral[1:2], first, *neutral[2:-1]]
    phone.wait_for(lambda: phone.ranking() == wanted, f"shown {phone.ranking()}, meant {wanted}")
    phone.wait_for(lambda: f"{first} is now 3rd" in phone.said())
    places = [p.text for p in phone.driver.find_elements(By.CSS_SELECTOR, ".ranking .place")]
    assert places == [f"{n}." for n in range(1, len(wanted) + 1)]
    phone.screenshot("ranking")

    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    assert [f"{n}. {title}" for n, title in enumerate(wanted, 1)] == [
        line.text for line in phone.driver.find_elements(By.CSS_SELECTOR, ".review li")
    ]
    phone.screenshot("review")
    phone.tap("Cast my ballot")
    phone.wait_for_heading(THANKS)
    phone.screenshot("thanks")

    assert stored_ballots(store, round_id) == {
        "Ana Silva": {title: (place, None, None, None) for place, title in enumerate(wanted, 1)}
    }
    shown = phone.text()
    assert not [title for title in wanted if title in shown]
    assert not phone.driver.find_elements(By.CSS_SELECTOR, ".ranking, .review")
    assert ballots_of(store, round_id) == 1


def test_a_ranking_with_a_tie_cast_by_keyboard_alone_is_stored_as_shown(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING, allow_ties=True)
    phone.open(server.url)
    phone.tab_to("Bo Chen")
    phone.press(Keys.ENTER)
    phone.wait_for_heading("Your ballot, Bo Chen")
    neutral = phone.ranking()
    last = neutral[-1]

    phone.tab_to(f"Move {last} up")
    for _ in neutral[1:]:
        phone.press(Keys.SPACE)  # the focus stays on the row moved, as it climbs
    wanted = [last, *neutral[:-1]]
    phone.wait_for(lambda: phone.ranking() == wanted, f"shown {phone.ranking()}, meant {wanted}")
    phone.wait_for(lambda: f"{last} is now 1st" in phone.said())
    tied = wanted[1]
    phone.tab_to(f"{tied}: same place as the one above")
    phone.press(Keys.SPACE)
    phone.wait_for(lambda: f"{tied} now shares 1st place with the one above" in phone.said())
    places = [p.text for p in phone.driver.find_elements(By.CSS_SELECTOR, ".ranking .place")]
    assert places == ["1.", "1.", *[f"{n}." for n in range(3, len(wanted) + 1)]]

    phone.tab_to("Review my ballot")
    phone.press(Keys.ENTER)
    phone.wait_for_heading("Cast this ballot?")
    phone.tab_to("Cast my ballot")
    phone.press(Keys.ENTER)
    phone.wait_for_heading(THANKS)

    ranks = [1, 1, *range(3, len(wanted) + 1)]
    assert stored_ballots(store, round_id) == {
        "Bo Chen": {title: (rank, None, None, None) for rank, title in zip(ranks, wanted, strict=True)}
    }
    assert not [title for title in wanted if title in phone.text()]


def test_a_top_k_ranking_sends_only_the_places_above_the_line(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING, top_k=2)
    phone.open(server.url)
    phone.choose_name("Chidi Okafor")
    phone.wait_for_heading("Your ballot, Chidi Okafor")
    neutral = phone.ranking()
    assert "Only your top 2 count; the rest stay unranked" in phone.text()
    phone.tap(f"Move {neutral[2]} up")
    phone.wait_for(lambda: f"{neutral[2]} is now 2nd" in phone.said())
    phone.tap(f"Move {neutral[1]} down")
    phone.wait_for(lambda: f"{neutral[1]} is now 4th, below your top 2: it does not count" in phone.said())
    top = phone.ranking()[:2]

    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    phone.tap("Cast my ballot")
    phone.wait_for_heading(THANKS)

    assert stored_ballots(store, round_id) == {
        "Chidi Okafor": {title: (place, None, None, None) for place, title in enumerate(top, 1)}
    }


def test_voting_again_from_the_phone_replaces_the_earlier_ballot(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING)
    phone.open(server.url)
    names_screen = [phone.text()]
    shown = []
    for row in (1, -1):  # two different ballots: the second or the last opportunity moved up
        phone.choose_name("Ana Silva")
        phone.wait_for_heading("Your ballot, Ana Silva")
        before = phone.ranking()
        moved = before[row]
        phone.tap(f"Move {moved} up")
        phone.wait_for(lambda before=before: phone.ranking() != before)
        shown.append(phone.ranking())
        phone.tap("Review my ballot")
        phone.wait_for_heading("Cast this ballot?")
        phone.tap("Cast my ballot")
        phone.wait_for_heading(THANKS)
        phone.tap("Vote again (replaces your ballot)")
        phone.wait_for(lambda: phone.heading().startswith("Ballot:"))
        names_screen.append(phone.text())

    assert names_screen[0] == names_screen[1] == names_screen[2]  # nothing says who has voted
    assert shown[0] != shown[1]
    assert ballots_of(store, round_id) == 1
    assert stored_ballots(store, round_id) == {
        "Ana Silva": {title: (place, None, None, None) for place, title in enumerate(shown[-1], 1)}
    }


MOVES = st.lists(
    st.tuples(st.sampled_from(("up", "down", "tie")), st.integers(0, len(TITLES) - 1)), max_size=8
)


@pytest.fixture
def top_3_with_ties(voting_round) -> str:
    """Gives the address of a ranking round with ties and a top 3; each example opens a clean ballot in it."""
    return voting_round(e.BallotMethod.RANKING, allow_ties=True, top_k=3)[2].url


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=MOVES)
def test_the_places_shown_follow_the_laptops_rules_for_moves_and_ties(phone, top_3_with_ties, steps) -> None:
    """Any taps on ▲, ▼ and 'Same place as the one above' give the places the laptop's ballot would."""
    phone.driver.get(top_3_with_ties)
    phone.wait_for(lambda: phone.heading().startswith("Ballot:"))
    phone.button("Ana Silva").click()
    phone.wait_for_heading("Your ballot, Ana Silva")
    rows = phone.driver.find_elements(By.CSS_SELECTOR, ".ranking li.row")
    draft = RankingDraft([int(row.get_attribute("data-item")) for row in rows], allow_ties=True, top_k=3)

    for what, index in steps:
        row = phone.driver.find_elements(By.CSS_SELECTOR, ".ranking li.row")[index]
        item = int(row.get_attribute("data-item"))
        control = row.find_elements(
            By.CSS_SELECTOR, f'[data-move="{what}"]' if what != "tie" else ".tie input"
        )
        if not control or not control[0].is_enabled():
            continue  # nothing to tap: the first row has no ▲, the last no ▼, unranked rows no tie
        control[0].click()
        if what == "tie":
            ticked = phone.driver.find_element(By.ID, f"tie-{item}").is_selected()  # the row drawn anew
            assert draft.toggle_tie(item) == ticked
        else:
            draft.move(item, -1 if what == "up" else 1)

    ranks = draft.ranks()
    shown = phone.driver.find_elements(By.CSS_SELECTOR, ".ranking li.row")
    assert [int(row.get_attribute("data-item")) for row in shown] == draft.order
    places = [row.find_element(By.CLASS_NAME, "place").text for row in shown]
    assert places == [f"{ranks[item]}." if item in ranks else "–" for item in draft.order]
