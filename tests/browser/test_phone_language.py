"""The phone shows the laptop's language: a translation installed on the laptop reaches every screen."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from workshop.lan import texts
from workshop.model import entities as e


def marked(sentence: str) -> str:
    """A translation anyone can spot on the screen: the English between guillemets."""
    return f"«{sentence}»"


def test_a_translated_laptop_gives_the_phone_its_words_with_the_values_filled_in(
    phone, voting_round, monkeypatch
) -> None:
    monkeypatch.setattr(texts, "tr", marked)
    _store, _round_id, server = voting_round(e.BallotMethod.POINTS)
    phone.driver.get(server.url)
    phone.wait_for_heading("«Ballot: Priorities»")
    assert "«Choose your name.»" in phone.text()
    names = phone.driver.find_element(By.CSS_SELECTOR, ".names")
    assert names.get_attribute("aria-label") == "«Who is voting?»"

    phone.choose_name("Bo Chen")
    phone.wait_for_heading("«Your ballot, Bo Chen»")
    assert "«Points left: 100 of 100»" in phone.text()
    first = phone.driver.find_element(By.CSS_SELECTOR, ".points label").text
    phone.tap(f"«5 more points for {first}»")
    phone.wait_for(lambda: "«Points left: 95 of 100»" in phone.text())
    assert phone.button("«Review my ballot»") and phone.button("«Back to the names»")
    phone.screenshot("translated")
