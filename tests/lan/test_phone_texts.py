"""The phone page speaks the laptop's language: every sentence it shows comes with the round's facts, in
the words of the app's translation, and the page's English is the same list as the laptop's."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from phone_room import Phone, serving

from workshop.lan import texts
from workshop.lan.texts import PHONE_SENTENCES, phone_texts
from workshop.wording import install_translator

STATIC = Path(texts.__file__).with_name("static")
PAGE_SCRIPTS = ("ballot.js", "ranking.js")
# A JavaScript string in double quotes, and such strings joined by + over several lines.
LITERAL = r'"(?:[^"\\]|\\.)*"'
JOINED = rf"{LITERAL}(?:\s*\+\s*{LITERAL})*"
LOOKED_UP = re.compile(rf"\bt\(\s*({JOINED})")
COUNTED = re.compile(rf"\bcounted\(\s*[^,]+,\s*({JOINED}),\s*({JOINED})")
# Words in a string the page writes without looking it up ("Cast my ballot", `Move ${title} up`), and the
# strings of two words that are no sentence: the script's directive and class names.
PLAIN_ENGLISH = re.compile(r"""(["`])([^"`\n]*\b[A-Za-z]+ [a-z$]+[^"`\n]*)\1""")
NOT_WORDS = {"use strict", "review plain", "row unranked"}


def script(name: str) -> str:
    """Gives the page's script without its comments, which hold English too."""
    return re.sub(r"^\s*//.*$|\s//\s.*$", "", (STATIC / name).read_text(encoding="utf-8"), flags=re.M)


def english(joined: str) -> str:
    return "".join(json.loads(part) for part in re.findall(LITERAL, joined))


def sentences_in_scripts() -> set[str]:
    found: set[str] = set()
    for name in PAGE_SCRIPTS:
        source = script(name)
        found |= {english(joined) for joined in LOOKED_UP.findall(source)}
        found |= {english(joined) for pair in COUNTED.findall(source) for joined in pair}
    return found


def test_the_page_shows_exactly_the_sentences_the_laptop_translates():
    shown = sentences_in_scripts()
    assert shown - set(PHONE_SENTENCES) == set(), "shown on the phone, never translated"
    assert set(PHONE_SENTENCES) - shown == set(), "translated, never shown"
    assert len(PHONE_SENTENCES) == len(set(PHONE_SENTENCES))


def test_every_sentence_the_page_writes_is_looked_up_first():
    for name in PAGE_SCRIPTS:
        source = script(name)
        # Besides its definition, only `counted` hands t() a sentence by name, one of the two it was given.
        own = source.count("function t(") + len(re.findall(r"\bt\((?:one|many),", source))
        calls = len(re.findall(r"\bt\(", source)) - own
        assert calls == len(LOOKED_UP.findall(source)), f"{name}: t() given something other than English"
        unwrapped = LOOKED_UP.sub("", COUNTED.sub("", source))
        written = {words for _quote, words in PLAIN_ENGLISH.findall(unwrapped)} - NOT_WORDS
        assert written == set(), f"{name} writes English without t()"


def test_the_round_brings_every_sentence_to_the_phone(room, phones):
    round_id = room.start_round()
    with serving(room.store, round_id) as server:
        phones.append(Phone(server.url))
        facts = phones[-1].open_page()
    assert facts["texts"] == {sentence: sentence for sentence in PHONE_SENTENCES}


def test_the_laptops_translation_reaches_the_phone(room, phones, monkeypatch):
    monkeypatch.setattr(texts, "tr", lambda sentence: f"«{sentence}»")
    round_id = room.start_round()
    with serving(room.store, round_id) as server:
        phones.append(Phone(server.url))
        facts = phones[-1].open_page()
    assert facts["texts"]["Ballot: {round}"] == "«Ballot: {round}»"
    assert set(facts["texts"]) == set(PHONE_SENTENCES)
    assert all(said == f"«{sentence}»" for sentence, said in facts["texts"].items())


@given(st.text(min_size=1, max_size=12))
def test_each_sentence_comes_as_the_installed_translation_says_it(prefix):
    earlier = install_translator(lambda sentence: prefix + sentence)
    try:
        given_texts = phone_texts()
    finally:
        install_translator(earlier)
    assert given_texts == {sentence: prefix + sentence for sentence in PHONE_SENTENCES}
