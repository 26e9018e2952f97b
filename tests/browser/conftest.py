"""Fixtures for the phone ballot in a real browser: Debian's headless Chromium at a phone's size, with touch,
and a ballot server on 127.0.0.1 for a small workshop built afresh for each test.

The screens a voter sees are saved as pictures in a temporary folder; to draw the user guide's anew:
`PHONE_PICTURES=docs/images .venv/bin/python -m pytest tests/browser`.

Chromium is told to send everything that is not on this machine to a proxy that does not exist, so no
request of the browser's own (updates, safe browsing) leaves 127.0.0.1 either.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from tests.browser.phone import Phone
from workshop.lan.serving import PhoneVoting
from workshop.model import ballots
from workshop.model import entities as e
from workshop.model import operations as ops
from workshop.model.store import WorkshopStore, create_workshop

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = {"width": 390, "height": 844, "pixelRatio": 2.0, "touch": True}
TITLES = ("Invoice matching", "Customer replies", "Meeting summaries", "Contract review")
NAMES = ("Ana Silva", "Bo Chen", "Chidi Okafor")


def _chromium_options() -> Options:
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        f"--window-size={PHONE['width']},{PHONE['height']}",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--proxy-server=http://127.0.0.1:9",  # anything not on this machine goes nowhere
        "--lang=en-GB",
    ):
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": PHONE})
    return options


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the module, the size of a phone, with touch."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.skip(
            f"the phone page is tested in Debian's Chromium, and {' and '.join(missing)} is missing: "
            "run 'make test' as root, or 'sudo apt-get install -y chromium chromium-driver'"
        )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=_chromium_options())
    yield driver
    driver.quit()


@pytest.fixture
def voting_round(tmp_path: Path) -> Iterator[Callable[..., tuple[WorkshopStore, int, PhoneVoting]]]:
    """Gives a function that builds a workshop with managers (three unless named) and four opportunities,
    opens a round with the given rules and starts phone voting for it on 127.0.0.1; all stopped and closed
    afterwards."""
    opened: list[tuple[WorkshopStore, PhoneVoting]] = []

    def build(
        method: e.BallotMethod, *, names: tuple[str, ...] = NAMES, **rules: object
    ) -> tuple[WorkshopStore, int, PhoneVoting]:
        store = create_workshop(tmp_path / f"room{len(opened)}.workshop", title="Phones", organisation="Acme")
        with store.transaction() as s:
            for name in names:
                ops.participant_named(s, name, role=e.Role.MANAGER)
            for title in TITLES:
                ops.opportunity_titled(s, title)
            round_id = ballots.start_round(s, name="Priorities", method=method, **rules)  # type: ignore[arg-type]
        server = PhoneVoting(store, round_id, address="127.0.0.1")
        opened.append((store, server))
        server.start()
        return store, round_id, server

    yield build
    for store, server in opened:
        server.stop()
        store.close()


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gives the folder for pictures of the phone's screens (PHONE_PICTURES, or a temporary one)."""
    chosen = os.environ.get("PHONE_PICTURES")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("phone")


@pytest.fixture
def phone(browser: webdriver.Chrome, pictures: Path) -> Iterator[Phone]:
    """The phone; after the test, its console must hold no script error and nothing the content security
    policy refused (the page has no inline script or style, and asks nothing of other sites)."""
    browser.get_log("browser")  # what the last test left
    yield Phone(browser, pictures)
    refused = [
        entry["message"]
        for entry in browser.get_log("browser")
        if entry["source"] in ("javascript", "security") or "Content Security Policy" in entry["message"]
    ]
    assert not refused, refused
