"""Getting to the ballot, and trouble on the way: a typed room code, many names, a laptop out of reach."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import NAMES
from tests.browser.phone import ballots_of
from workshop.lan import serving
from workshop.model import ballots
from workshop.model import entities as e

NO_LAPTOP = "The laptop could not be reached. Check you are on the room's Wi-Fi and try again."


def test_a_room_code_typed_at_the_laptops_address_opens_the_ballot_only_when_right(
    phone, voting_round
) -> None:
    _store, _round_id, server = voting_round(e.BallotMethod.RANKING)
    phone.driver.get(f"http://{server.address_line}/")
    wrong_note = phone.driver.find_element(By.ID, "wrong")
    assert not wrong_note.is_displayed()
    field = phone.driver.find_element(By.ID, "code")
    field.send_keys("".join(reversed(server.room_code)), Keys.ENTER)
    phone.wait_for(lambda: phone.driver.find_element(By.ID, "wrong").is_displayed())
    assert "That room code is not right" in phone.driver.find_element(By.ID, "wrong").text

    phone.driver.find_element(By.ID, "code").send_keys(server.room_code.lower(), Keys.ENTER)
    phone.wait_for_heading("Ballot: Priorities")
    assert phone.driver.current_url == server.url


def test_with_many_names_the_voter_finds_their_own_by_typing_part_of_it(phone, voting_round) -> None:
    many = (*NAMES, *(f"Manager {n:02}" for n in range(1, 13)))
    _store, _round_id, server = voting_round(e.BallotMethod.RANKING, names=many)
    phone.open(server.url)
    names = phone.driver.find_elements(By.CSS_SELECTOR, ".names li")
    assert len(names) == len(many)
    phone.driver.find_element(By.ID, "find").send_keys("okaf")
    phone.wait_for(lambda: [li.text for li in names if li.is_displayed()] == ["Chidi Okafor"])
    phone.tap("Chidi Okafor")
    phone.wait_for_heading("Your ballot, Chidi Okafor")


def test_when_the_laptop_cannot_be_reached_the_ballot_stays_on_screen(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING)
    phone.open(server.url)
    phone.choose_name("Bo Chen")
    phone.wait_for_heading("Your ballot, Bo Chen")
    titles = phone.ranking()
    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    server.stop()

    phone.tap("Cast my ballot")
    phone.wait_for(lambda: phone.problem() == NO_LAPTOP)
    assert phone.heading() == "Cast this ballot?"
    shown = [line.text for line in phone.driver.find_elements(By.CSS_SELECTOR, ".review li")]
    assert shown == [f"{place}. {title}" for place, title in enumerate(titles, 1)]
    assert phone.button("Cast my ballot").is_enabled()  # to try again once back on the Wi-Fi
    assert ballots_of(store, round_id) == 0


def test_a_ballot_cast_after_the_round_closed_shows_voting_is_closed(
    phone, voting_round, monkeypatch
) -> None:
    # The server looks for a closed round now and then, and stops; here it must be running to say so.
    monkeypatch.setattr(serving, "WATCH_SECONDS", 600.0)
    store, round_id, server = voting_round(e.BallotMethod.POINTS)
    phone.open(server.url)
    phone.choose_name("Ana Silva")
    phone.wait_for_heading("Your ballot, Ana Silva")
    titles = [label.text for label in phone.driver.find_elements(By.CSS_SELECTOR, ".points label")]
    phone.driver.find_element(By.CSS_SELECTOR, ".points li:last-child input").send_keys("100")
    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    with store.transaction() as s:
        ballots.close_round(s, round_id=round_id)

    phone.tap("Cast my ballot")
    phone.wait_for_heading("Voting is closed")
    assert not [title for title in titles if title in phone.text()]
    assert ballots_of(store, round_id) == 0
