"""Voter cards: every voter's name, the round and their code on a card of their own, ten to a page."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from workshop.model.voter_codes import CODE_CHARACTERS, VoterCard, shown_code
from workshop.report.voter_cards import render_voter_cards, write_voter_cards

NAMES = st.text(
    st.characters(whitelist_categories=["Lu", "Ll"], max_codepoint=0x04FF), min_size=1, max_size=60
)
CODES = st.text(st.sampled_from(CODE_CHARACTERS), min_size=6, max_size=6).map(shown_code)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@given(voters=st.lists(st.tuples(NAMES, CODES), min_size=1, max_size=23))
@settings(max_examples=10, deadline=None)
def test_each_voter_has_a_card_with_their_name_round_and_code(voters):
    cards = [VoterCard(name, None, "Q3 priorities", code) for name, code in voters]
    pdf, pages = render_voter_cards(cards)
    texts = page_texts(pdf)
    assert pages == len(texts) == -(-len(cards) // 10)
    for number, card in enumerate(cards):
        shown = texts[number // 10].replace("\n", " ")
        assert card.code in shown and "Ballot: Q3 priorities" in shown


def test_the_cards_are_written_to_the_chosen_file(tmp_path):
    card = VoterCard("Zoë Ångström", "Ventes", "Round 1", "K7Q-2MX")
    assert write_voter_cards(tmp_path / "cards.pdf", [card]) == 1
    (text,) = page_texts((tmp_path / "cards.pdf").read_bytes())
    assert "Zoë Ångström" in text and "Ventes" in text and "K7Q-2MX" in text
    assert "type this code" in text
