"""A voter's phone in the tests: what its screen says, and taps, drags and keys as a person gives them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from workshop.model import entities as e
from workshop.model.store import WorkshopStore

WAIT_SECONDS = 10


class Phone:
    def __init__(self, driver: webdriver.Chrome, pictures: Path) -> None:
        self.driver = driver
        self.pictures = pictures

    # --- what the screen shows ------------------------------------------------------------------------------
    def open(self, url: str) -> None:
        self.driver.get(url)
        self.wait_for(lambda: self.heading().startswith("Ballot:") or self.heading() == "Voting is closed")

    def wait_for(self, condition: Callable[[], object], message: str = "") -> None:
        # An element of a page being replaced (a form sent, a redirect) goes stale: look again.
        stale = [StaleElementReferenceException]
        waiting = WebDriverWait(self.driver, WAIT_SECONDS, poll_frequency=0.05, ignored_exceptions=stale)
        waiting.until(lambda _driver: condition(), message)

    def heading(self) -> str:
        # Read in the page at once: a screen replaced between finding the heading and reading it is no error.
        return str(self.driver.execute_script("return document.querySelector('h1')?.innerText ?? ''"))

    def wait_for_heading(self, heading: str) -> None:
        self.wait_for(lambda: self.heading() == heading, f"no screen headed {heading!r} came")

    def text(self) -> str:
        """Gives every word the screen shows, and what it says to a screen reader."""
        return self.driver.find_element(By.TAG_NAME, "body").text + "\n" + self.said()

    def said(self) -> str:
        return self.driver.find_element(By.ID, "said").get_attribute("textContent") or ""

    def problem(self) -> str:
        lines = self.driver.find_elements(By.CSS_SELECTOR, "main .problem")
        return " ".join(line.text for line in lines)

    def focused(self) -> WebElement:
        return self.driver.switch_to.active_element

    def ranking(self) -> list[str]:
        """Gives the titles of the ranking's rows, top first."""
        titles = "return [...document.querySelectorAll('.ranking li.row .title')].map((t) => t.innerText)"
        return list(self.driver.execute_script(titles))

    def screenshot(self, name: str) -> None:
        self.pictures.mkdir(parents=True, exist_ok=True)
        self.driver.execute_script("window.scrollTo(0, 0)")  # from the heading, as the screen opens
        self.driver.save_screenshot(str(self.pictures / f"phone-{name}.png"))

    # --- taps -----------------------------------------------------------------------------------------------
    def button(self, label: str) -> WebElement:
        """Gives the button whose visible words or accessible name are `label`."""
        for found in self.driver.find_elements(By.CSS_SELECTOR, "main button"):
            if label in (found.text, found.get_attribute("aria-label")):
                return found
        raise AssertionError(f"no button {label!r} on the screen headed {self.heading()!r}")

    def tap(self, label: str) -> None:
        self.touch(self.button(label))

    def touch(self, element: WebElement) -> None:
        """Taps the element with a finger (touch events, not a mouse)."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        finger = self._finger()
        finger.pointer_action.move_to(element).pointer_down().pause(0.05).pointer_up()
        finger.perform()

    def _finger(self) -> ActionBuilder:
        # Each step of a finger's move takes 40 ms (not selenium's 250): a quick, steady drag.
        return ActionBuilder(
            self.driver, mouse=PointerInput(interaction.POINTER_TOUCH, "finger"), duration=40
        )

    def choose_name(self, name: str) -> None:
        self.tap(name)

    def drag(self, title: str, onto: str) -> None:
        """Drags the row of `title` by its handle with a finger onto the row of `onto`, in small steps."""
        row, target = self._row(title), self._row(onto)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
        handle = row.find_element(By.CLASS_NAME, "handle")
        start = handle.location["y"] + handle.size["height"] // 2
        down = target.location["y"] > row.location["y"]
        # Past the middle of the target row: there the dragged row takes its place.
        end = target.location["y"] + target.size["height"] * (3 if down else 1) // 4
        finger = self._finger()
        finger.pointer_action.move_to(handle).pointer_down()
        steps = 8
        for n in range(steps):
            finger.pointer_action.move_by(0, (end - start) * (n + 1) // steps - (end - start) * n // steps)
        finger.pointer_action.pointer_up()
        finger.perform()

    def _row(self, title: str) -> WebElement:
        for row in self.driver.find_elements(By.CSS_SELECTOR, ".ranking li.row"):
            if row.find_element(By.CLASS_NAME, "title").text == title:
                return row
        raise AssertionError(f"no row {title!r} in the ranking")

    # --- keys -----------------------------------------------------------------------------------------------
    def press(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()

    def tab_to(self, label: str, limit: int = 80) -> None:
        """Presses Tab until the focus is on the control named `label` (its words or accessible name)."""
        for _ in range(limit):
            self.press(Keys.TAB)
            focused = self.focused()
            if label in (focused.text, focused.get_attribute("aria-label")):
                return
        raise AssertionError(f"Tab never reached {label!r}")


def stored_ballots(store: WorkshopStore, round_id: int) -> dict[str, dict[str, tuple[float | None, ...]]]:
    """Gives each stored ballot of the round by voter: per opportunity, its (rank, points, impact, effort)."""
    query = (
        select(e.Participant.name, e.Opportunity.title, e.BallotEntry)
        .join(e.Ballot, e.Ballot.participant_id == e.Participant.id)
        .join(e.BallotEntry, e.BallotEntry.ballot_id == e.Ballot.id)
        .join(e.Opportunity, e.Opportunity.id == e.BallotEntry.opportunity_id)
        .where(e.Ballot.round_id == round_id)
    )
    found: dict[str, dict[str, tuple[float | None, ...]]] = {}
    with store.reading() as s:
        for name, title, entry in s.execute(query):
            found.setdefault(name, {})[title] = (entry.rank, entry.points, entry.impact, entry.effort)
    return found


def ballots_of(store: WorkshopStore, round_id: int) -> int:
    with store.reading() as s:
        return len(s.scalars(select(e.Ballot.id).where(e.Ballot.round_id == round_id)).all())
