"""Points, impact and effort, and personal codes on a phone: what is stored is what was entered."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.phone import stored_ballots
from workshop.model import entities as e
from workshop.model import voter_codes

THANKS = "Thank you — your ballot is saved."


def _cast(phone) -> None:
    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    phone.tap("Cast my ballot")
    phone.wait_for_heading(THANKS)


def test_points_cast_with_the_buttons_and_typed_are_stored_as_entered(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.POINTS)
    phone.open(server.url)
    phone.choose_name("Bo Chen")
    phone.wait_for_heading("Your ballot, Bo Chen")
    titles = [label.text for label in phone.driver.find_elements(By.CSS_SELECTOR, ".points label")]
    review = phone.button("Review my ballot")
    assert "Points left: 100 of 100" in phone.text() and not review.is_enabled()

    fields = phone.driver.find_elements(By.CSS_SELECTOR, ".points input")
    phone.touch(fields[0])
    fields[0].send_keys("50")
    phone.tap(f"5 more points for {titles[0]}")
    phone.tap(f"5 more points for {titles[0]}")
    phone.touch(fields[1])
    fields[1].send_keys("50")
    phone.wait_for(lambda: "10 points too many: take some back to make 100" in phone.text())
    assert not review.is_enabled()
    phone.tap(f"5 fewer points for {titles[1]}")
    phone.tap(f"5 fewer points for {titles[1]}")
    phone.wait_for(lambda: "Points left: 0 of 100" in phone.text())
    assert review.is_enabled()
    phone.screenshot("points")
    phone.tap("Review my ballot")
    phone.wait_for_heading("Cast this ballot?")
    assert [li.text for li in phone.driver.find_elements(By.CSS_SELECTOR, ".review li")] == [
        f"60 points: {titles[0]}",
        f"40 points: {titles[1]}",
    ]
    phone.tap("Go back and change it")  # the ballot comes back as it was left
    phone.wait_for_heading("Your ballot, Bo Chen")
    shown = [
        field.get_attribute("value") for field in phone.driver.find_elements(By.CSS_SELECTOR, ".points input")
    ]
    assert shown == ["60", "40", *["0"] * (len(titles) - 2)]
    _cast(phone)

    stored = stored_ballots(store, round_id)["Bo Chen"]
    assert {title: points for title, (_rank, points, *_rest) in stored.items() if points} == {
        titles[0]: 60,
        titles[1]: 40,
    }
    assert not [title for title in titles if title in phone.text()]


def test_impact_and_effort_chosen_by_tapping_are_stored_as_chosen(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.IMPACT_EFFORT)
    phone.open(server.url)
    phone.choose_name("Ana Silva")
    phone.wait_for_heading("Your ballot, Ana Silva")
    groups = phone.driver.find_elements(By.CSS_SELECTOR, "main > section > fieldset")
    titles = [group.find_element(By.TAG_NAME, "legend").text for group in groups]
    chosen = {titles[0]: (5, 1), titles[-1]: (2, 4)}
    for group, title in zip(groups, titles, strict=True):
        for which, rating in zip(("impact", "effort"), chosen.get(title, ()), strict=False):
            scale = group.find_element(By.CSS_SELECTOR, f'[data-rating="{which}"]')
            phone.touch(scale.find_element(By.XPATH, f".//label[.='{rating}']"))
    phone.screenshot("impact-effort")
    _cast(phone)

    stored = stored_ballots(store, round_id)["Ana Silva"]
    # Unchanged ratings stay at the middle of the scale, preset as on the laptop.
    assert {title: (impact, effort) for title, (_r, _p, impact, effort) in stored.items()} == {
        title: chosen.get(title, (3, 3)) for title in titles
    }
    assert not [title for title in titles if title in phone.text()]


def test_a_round_with_codes_opens_the_ballot_only_for_the_right_code(phone, voting_round) -> None:
    store, round_id, server = voting_round(e.BallotMethod.RANKING, uses_codes=True)
    with store.reading() as s:
        code = next(
            c.code for c in voter_codes.voter_cards(s, round_id=round_id) if c.voter == "Chidi Okafor"
        )
    phone.open(server.url)
    phone.choose_name("Chidi Okafor")
    phone.wait_for_heading("Your code")
    field = phone.driver.find_element(By.ID, "code")
    wrong = "".join(reversed(code.replace("-", "")))
    field.send_keys(wrong)
    phone.tap("Open my ballot")
    phone.wait_for(lambda: phone.problem() != "")
    assert phone.heading() == "Your code" and field.get_attribute("value") == ""
    assert not phone.driver.find_elements(By.CSS_SELECTOR, ".ranking")
    phone.screenshot("wrong-code")

    field.send_keys(" ".join(code.lower().replace("-", "")))  # as typed on a phone: small, with spaces
    phone.tap("Open my ballot")
    phone.wait_for_heading("Your ballot, Chidi Okafor")
    shown = phone.ranking()
    _cast(phone)
    assert stored_ballots(store, round_id) == {
        "Chidi Okafor": {title: (place, None, None, None) for place, title in enumerate(shown, 1)}
    }
