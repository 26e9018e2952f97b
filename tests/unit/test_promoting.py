"""Ideas made into opportunities: one idea promoted, several merged, and every step taken back exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from workshop.model import editing, promoting
from workshop.model import entities as e
from workshop.model.errors import InputError
from workshop.model.store import WorkshopStore
from workshop.model.views import entity_rows


def _ideas(store: WorkshopStore, *ideas: tuple[str | None, str, str, str]) -> list[int]:
    """Adds the teams and ideas (team, what, how, why); gives the ideas' ids in that order."""
    with store.transaction() as s:
        teams = {team: None for team, *_ in ideas if team is not None}
        for name in teams:
            teams[name] = editing.add_row(s, entity="team", values={"name": name})
        return [
            editing.add_row(
                s, entity="idea", values={"team_id": teams.get(team), "what": what, "how": how, "why": why}
            )
            for team, what, how, why in ideas
        ]


def _promote(store: WorkshopStore, idea_ids: list[int], **changed: object) -> promoting.Promotion:
    with store.transaction() as s:
        draft = promoting.drafted_opportunity(promoting.ideas_to_promote(s, idea_ids))
        return promoting.promote(s, idea_ids=idea_ids, values={**draft.values(), **changed})


def _pointing(store: WorkshopStore) -> dict[str, int | None]:
    with store.reading() as s:
        return {
            what: opportunity for what, opportunity in s.execute(select(e.Idea.what, e.Idea.opportunity_id))
        }


def _opportunities(store: WorkshopStore) -> dict[int, tuple[str, str, int | None, str]]:
    with store.reading() as s:
        found = s.execute(
            select(
                e.Opportunity.id,
                e.Opportunity.title,
                e.Opportunity.description,
                e.Opportunity.team_id,
                e.Opportunity.expected_benefit,
            )
        )
        return {row[0]: tuple(row[1:]) for row in found}  # type: ignore[misc]


def test_one_idea_becomes_an_opportunity_named_after_its_what(store):
    [idea] = _ideas(store, ("Customer Service", "Draft replies", "AI writes a first draft", "Faster answers"))
    promotion = _promote(store, [idea])
    [(title, description, team_id, benefit)] = _opportunities(store).values()
    assert (title, description, benefit) == ("Draft replies", "AI writes a first draft", "Faster answers")
    with store.reading() as s:
        assert s.scalar(select(e.Team.name).where(e.Team.id == team_id)) == "Customer Service"
    assert _pointing(store) == {"Draft replies": promotion.opportunity_id}


def test_three_ideas_merge_into_one_opportunity_keeping_every_what_and_why(store):
    ideas = _ideas(
        store,
        ("Sales", "Summarise calls", "from the recordings", "Less typing"),
        ("Sales", "Meeting notes", "", "Less typing"),
        ("Support", "Call digests", "a daily mail", "Nothing forgotten"),
    )
    promotion = _promote(store, ideas, title="Call summaries")
    [(title, description, team_id, benefit)] = _opportunities(store).values()
    assert title == "Call summaries"
    assert description.splitlines() == [
        "Summarise calls – from the recordings",
        "Meeting notes",
        "Call digests – a daily mail",
    ]
    assert benefit.splitlines() == ["Less typing", "Nothing forgotten"]
    assert team_id is None  # the ideas come from two teams
    assert set(_pointing(store).values()) == {promotion.opportunity_id}
    with store.reading() as s:
        [row] = entity_rows(s, "opportunity")
        assert row.get("from_ideas") == 3
        assert str(row.get("idea_names")).splitlines() == ["Summarise calls", "Meeting notes", "Call digests"]


def test_a_taken_title_is_refused_and_nothing_is_written(store):
    first, second = _ideas(store, (None, "Draft replies", "", ""), (None, "Reply drafts", "", ""))
    _promote(store, [first])
    with store.reading() as s:
        assert "already exists" in promoting.title_problem(s, " Draft replies ")
        assert promoting.title_problem(s, "  ") == "Give the opportunity a title."
    with pytest.raises(InputError, match="'Draft replies' already exists"):
        _promote(store, [second], title="Draft replies")
    assert len(_opportunities(store)) == 1
    assert _pointing(store)["Reply drafts"] is None


def test_undo_removes_the_opportunity_and_redo_brings_back_the_same_id(store):
    first, second = _ideas(store, (None, "Draft replies", "", ""), (None, "Reply drafts", "", ""))
    earlier = _promote(store, [first])
    moved = _promote(store, [first, second], title="Replies")
    assert _pointing(store) == {"Draft replies": moved.opportunity_id, "Reply drafts": moved.opportunity_id}
    with store.transaction() as s:
        promoting.unpromote(s, moved)
    # The moved idea goes back to the opportunity it was in; the other is no longer promoted.
    assert _pointing(store) == {"Draft replies": earlier.opportunity_id, "Reply drafts": None}
    assert list(_opportunities(store)) == [earlier.opportunity_id]
    with store.transaction() as s:
        again = promoting.promote(
            s, idea_ids=[first, second], values={"title": "Replies"}, opportunity_id=moved.opportunity_id
        )
    assert again == moved
    assert set(_pointing(store).values()) == {moved.opportunity_id}


def test_a_deleted_opportunity_leaves_its_ideas_unpromoted(store):
    ideas = _ideas(store, (None, "Draft replies", "", ""), (None, "Reply drafts", "", ""))
    promotion = _promote(store, ideas)
    with store.transaction() as s:
        snapshot = editing.delete_row(s, entity="opportunity", row_id=promotion.opportunity_id)
    assert set(_pointing(store).values()) == {None}
    with store.transaction() as s:
        editing.restore_rows(s, snapshot)
    assert set(_pointing(store).values()) == {promotion.opportunity_id}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["Sales", "Support", None]), st.text(min_size=1), st.text(), st.text()),
        min_size=1,
        max_size=5,
    )
)
def test_a_draft_keeps_every_idea_and_names_a_team_only_when_all_share_it(ideas):
    shown = tuple(
        promoting.IdeaToPromote(n, what, how, why, None if team is None else hash(team), team, None)
        for n, (team, what, how, why) in enumerate(ideas)
    )
    draft = promoting.drafted_opportunity(shown)
    assert draft.title == shown[0].what.strip()
    teams = {idea.team_id for idea in shown}
    assert draft.team_id == (next(iter(teams)) if len(teams) == 1 else None)
    for idea in shown:
        if idea.why.strip():
            assert idea.why.strip() in draft.expected_benefit
        if len(shown) > 1:
            assert idea.what.strip() in draft.description


def test_the_pdf_appendix_says_which_ideas_an_opportunity_came_from_without_their_proposer(store):
    from workshop.findings import gather_findings
    from workshop.report.appendix import appendix
    from workshop.report.evidence import texts_of

    ideas = _ideas(
        store,
        ("Customer Service", "Draft replies", "", ""),
        ("Customer Service", "Translate e-mails", "", ""),
        ("Customer Service", "Check claims", "", ""),
        (None, "Summarise calls", "", ""),
    )
    with store.transaction() as s:
        proposer = editing.add_row(s, entity="participant", values={"name": "Jana Novak"})
        for idea in ideas:
            editing.update_field(s, entity="idea", row_id=idea, field="proposer_id", value=proposer)
    _promote(store, ideas, title="Inbox assistant")
    with store.reading() as s:
        text = " ".join(texts_of(appendix(gather_findings(s))))
    assert "From the ideas of Customer Service (3): Draft replies; Translate e-mails; Check claims" in text
    assert "From an idea (1): Summarise calls" in text
    assert "Jana Novak" not in text
