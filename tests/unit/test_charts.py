"""The charts: every one draws on the demo and on an empty workshop, readable, private and consistent."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from workshop.analysis.alignment import analyse_ranking
from workshop.analysis.ranking import RankingBallot
from workshop.analysis.readiness import GroupScore
from workshop.charts.catalogue import CHARTS, alt_text, chart_by_key, render_png
from workshop.charts.ranking import draw_consensus
from workshop.charts.readiness import WITHHELD, draw_readiness
from workshop.charts.strategy import draw_pilot_timeline
from workshop.charts.style import item_colours, item_styles
from workshop.findings import gather_findings
from workshop.model import ballots as ballot_room
from workshop.model import demo
from workshop.model.store import create_workshop

PDF_SIZE = (6.5, 4.0)
PROJECTOR_SIZE = (12.0, 6.75)
EMPTY_SENTENCES = {
    "consensus": "No ranking round has been revealed yet.",
    "agreement": "No ranking round has been revealed yet.",
    "rank_distribution": "No ranking round has been revealed yet.",
    "readiness": "No readiness answers yet.",
    "perception_gap": "No readiness answers yet.",
    "readiness_trend": "No readiness answers yet.",
    "adkar": "No ADKAR answers yet",
    "priority_readiness": "Placing opportunities needs a revealed ranking round",
    "pilot_timeline": "No pilots with start and end dates planned yet.",
    "capacity": "No audited work, pilot or learning time recorded yet.",
    "caution_flags": "No caution flags raised yet.",
    "audit_candidates": "No audited tasks with hours per week and AI potential yet.",
    "points": "No 100-point round has been revealed yet.",
    "impact_effort": "No impact-effort round has been revealed yet.",
}
PEOPLE = [m.name for m in demo.MANAGERS] + [name for names in demo.EMPLOYEES.values() for name in names]


def _round_id(session, name: str) -> int:
    from workshop.model import entities as e

    return session.query(e.BallotRound.id).filter_by(name=name).scalar()


@pytest.fixture(scope="module")
def empty_findings(tmp_path_factory):
    store = create_workshop(
        tmp_path_factory.mktemp("empty") / "empty.workshop", title="Empty", organisation=""
    )
    with store.reading() as session:
        found = gather_findings(session)
    store.close()
    return found


def drawn(draw, findings, size=PDF_SIZE, **options) -> Figure:
    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    draw(fig, findings, **options)
    fig.canvas.draw()
    return fig


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.key)
def test_each_chart_draws_the_demo_with_its_title_and_no_names(spec, revealed_demo_findings):
    fig = drawn(spec.draw, revealed_demo_findings)
    shown = texts(fig)
    assert spec.title in shown
    assert not any(sentence in one_line(" ".join(shown)) for sentence in EMPTY_SENTENCES.values())
    leaked = [name for name in PEOPLE if any(name in text for text in shown)]
    assert leaked == []


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.key)
def test_each_chart_of_an_empty_workshop_says_so_instead_of_axes(spec, empty_findings):
    fig = drawn(spec.draw, empty_findings)
    shown = [one_line(t) for t in texts(fig)]
    assert spec.title in shown
    assert any(EMPTY_SENTENCES[spec.key] in text for text in shown)
    assert all(not ax.axison for ax in fig.axes)


@pytest.mark.parametrize("size", [PDF_SIZE, PROJECTOR_SIZE], ids=["pdf", "projector"])
@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.key)
def test_no_text_is_cut_off_at_the_edge_or_too_small(spec, size, revealed_demo_findings):
    fig = drawn(spec.draw, revealed_demo_findings, size)
    renderer = fig.canvas.get_renderer()
    edge = fig.bbox.padded(1)
    for text in fig.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()) or _tick_out_of_view(text):
            continue
        box = text.get_window_extent(renderer)
        assert edge.containsx(box.x0) and edge.containsx(box.x1), text.get_text()
        assert edge.containsy(box.y0) and edge.containsy(box.y1), text.get_text()
        assert text.get_fontsize() >= 7, text.get_text()


def _tick_out_of_view(text: Text) -> bool:
    # Tick labels of hidden axes, or of ticks outside the axis limits, exist but are never drawn.
    for ax in text.figure.axes if text.figure else []:
        for axis, position in ((ax.xaxis, text.get_position()[0]), (ax.yaxis, text.get_position()[1])):
            if text in axis.get_ticklabels(which="both"):
                low, high = sorted(axis.get_view_interval())
                return not ax.axison or not low - 1e-9 <= position <= high + 1e-9
    return False


def test_the_projector_size_has_larger_type_than_the_page(revealed_demo_findings):
    spec = chart_by_key("consensus")

    def title_size(size):
        fig = drawn(spec.draw, revealed_demo_findings, size)
        return next(t.get_fontsize() for t in fig.findobj(Text) if t.get_text() == spec.title)

    assert title_size(PROJECTOR_SIZE) > title_size(PDF_SIZE)


def _colours_by_row_label(ax, row_colours) -> dict[str, str]:
    labels = {
        round(loc): one_line(label.get_text())
        for loc, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    }
    return {re.sub(r"^\d+\. ", "", labels[row]): colour for row, colour in row_colours}


def _consensus_colours(fig):
    ax = fig.axes[0]
    rows = [
        (round(c.get_offsets()[0][1]), to_hex(c.get_facecolor()[0]))
        for c in ax.collections
        if len(c.get_facecolor()) and c.get_facecolor()[0][3] > 0
    ]
    return _colours_by_row_label(ax, rows)


def _rank_distribution_colours(fig):
    ax = fig.axes[0]
    return _colours_by_row_label(
        ax, [(round(line.get_ydata()[0]), to_hex(line.get_color())) for line in ax.lines]
    )


def _pilot_colours(fig):
    ax = fig.axes[0]
    rows = [
        (round(p.get_y() + p.get_height() / 2), to_hex(p.get_facecolor(), keep_alpha=False))
        for p in ax.patches
    ]
    return _colours_by_row_label(ax, rows)


def _quadrant_key_colours(fig):
    key = fig.axes[1]
    titles = {
        round(t.get_position()[1], 3): one_line(t.get_text())
        for t in key.texts
        if not t.get_text().endswith(".")
    }
    return {titles[round(c.get_offsets()[0][1], 3)]: to_hex(c.get_facecolor()[0]) for c in key.collections}


def test_an_opportunity_has_the_same_colour_in_every_chart(revealed_demo_findings):
    expected = item_colours(o.title for o in revealed_demo_findings.record.opportunities)
    seen = [
        _consensus_colours(drawn(chart_by_key("consensus").draw, revealed_demo_findings)),
        _rank_distribution_colours(drawn(chart_by_key("rank_distribution").draw, revealed_demo_findings)),
        _pilot_colours(drawn(chart_by_key("pilot_timeline").draw, revealed_demo_findings)),
        _quadrant_key_colours(drawn(chart_by_key("priority_readiness").draw, revealed_demo_findings)),
    ]
    for colours in seen:
        assert colours, "no coloured items found"
        assert {title: expected[title].lower() for title in colours} == colours
    assert len(seen[0]) == len(revealed_demo_findings.ranking.items)


@given(
    st.lists(
        st.text(string.ascii_letters + " &", min_size=1, max_size=40), min_size=1, max_size=30, unique=True
    )
)
def test_item_styles_tell_items_apart_and_do_not_depend_on_order(titles):
    styles = item_styles(titles)
    assert styles == item_styles(reversed(titles))
    looks = [(s.colour, s.marker, s.hatch) for s in styles.values()]
    assert len(set(looks)) == len(looks)


def test_withheld_readiness_cells_show_no_number(revealed_demo_findings):
    hidden = revealed_demo_findings.readiness[0]
    withheld = GroupScore(hidden.team, hidden.dimension, hidden.survey_round, withheld=True)
    findings = dataclasses.replace(
        revealed_demo_findings, readiness=(withheld, *revealed_demo_findings.readiness[1:])
    )
    fig = drawn(draw_readiness, findings)
    ax = fig.axes[0]
    row = [one_line(t.get_text()) for t in ax.get_yticklabels()].index(hidden.team)
    col = [one_line(t.get_text()).lower() for t in ax.get_xticklabels()].index(hidden.dimension)
    numbers = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text() for t in ax.texts}
    assert (col, row) not in numbers
    assert len(numbers) == len(findings.readiness) - 1
    assert WITHHELD in texts(fig)
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert [(p.get_x() + 0.5, p.get_y() + 0.5) for p in hatched] == [(col, row)]


def test_a_team_with_every_result_withheld_shows_no_numbers_at_all(revealed_demo_findings):
    round_name = revealed_demo_findings.survey_round
    scores = tuple(GroupScore("Small team", d, round_name, withheld=True) for d in ("attitude", "skills"))
    fig = drawn(draw_readiness, dataclasses.replace(revealed_demo_findings, readiness=scores))
    assert [t.get_text() for t in fig.axes[0].texts] == []
    assert WITHHELD in texts(fig)


def test_the_pilot_timeline_draws_today_only_when_asked(revealed_demo_findings):
    assert "today" not in one_line(" ".join(texts(drawn(draw_pilot_timeline, revealed_demo_findings))))
    with_today = drawn(draw_pilot_timeline, revealed_demo_findings, today=dt.date(2026, 11, 20))
    assert "today" in one_line(" ".join(texts(with_today)))


def test_an_unrevealed_round_is_named_but_its_results_are_not_drawn(empty_findings):
    findings = dataclasses.replace(empty_findings, ranking_round="Secret round")
    fig = drawn(draw_consensus, findings)
    assert any("'Secret round' is not revealed yet" in one_line(t) for t in texts(fig))


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.key)
def test_png_and_alt_text(spec, revealed_demo_findings, empty_findings):
    png = render_png(spec, revealed_demo_findings, width_in=6.5, height_in=4, dpi=40)
    assert png.startswith(b"\x89PNG")
    said = alt_text(spec, revealed_demo_findings)
    assert said.startswith(spec.title) and said.endswith(".") and 1 <= said.count(". ") <= 3
    assert not any(name in said for name in PEOPLE)
    assert EMPTY_SENTENCES[spec.key] in alt_text(spec, empty_findings)


def test_the_consensus_alt_text_names_the_top_priority(revealed_demo_findings):
    top = revealed_demo_findings.ranking.consensus.borda[0][0]
    assert f"the top priority is {top}" in alt_text(chart_by_key("consensus"), revealed_demo_findings)


ITEMS = [
    "Draft replies",
    "Route planning",
    "POD reading",
    "Invoice matching",
    "Tender drafting",
    "Триаж",
    "Ωμέγα",
]


@st.composite
def ranking_rounds(draw):
    items = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=len(ITEMS), unique=True))
    voters = draw(st.integers(0, 9))
    ballots = []
    for k in range(voters):
        ranked = draw(st.lists(st.sampled_from(items), max_size=len(items), unique=True))
        ranks = {item: float(draw(st.integers(1, len(items)))) for item in ranked}
        ballots.append(RankingBallot(f"Manager {k + 1}", ranks))
    return analyse_ranking(items, ballots)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ranking=ranking_rounds())
def test_ranking_charts_never_fail_on_any_round(ranking, empty_findings):
    findings = dataclasses.replace(empty_findings, ranking_round="Round", ranking=ranking)
    for key in ("consensus", "agreement", "rank_distribution"):
        fig = drawn(chart_by_key(key).draw, findings, (4.0, 3.0))
        assert chart_by_key(key).title in texts(fig)


def test_dollar_signs_in_typed_titles_are_drawn_as_typed(tmp_path):
    from workshop.findings import gather_findings
    from workshop.model import entities as e
    from workshop.model import operations as ops
    from workshop.model.store import create_workshop

    odd = ["Save $5 to $10 a week", "Cut $\\frac{ costs$ now", "Plain"]
    with create_workshop(tmp_path / "money.workshop", title="Money") as store:
        with store.transaction() as s:
            voters = [ops.participant_named(s, f"M{i}", role=e.Role.MANAGER).id for i in range(3)]
            items = [ops.opportunity_titled(s, title).id for title in odd]
            round_id = ballot_room.start_round(s, name="R", method=e.BallotMethod.RANKING)
            for shift, voter in enumerate(voters):
                ranks = {item: (k + shift) % 3 + 1 for k, item in enumerate(items)}
                ballot_room.cast_ranking(s, round_id=round_id, participant_id=voter, ranks=ranks)
            ballot_room.reveal_round(s, round_id=round_id)
        with store.reading() as s:
            findings = gather_findings(s)
    for spec in CHARTS:
        fig = Figure(figsize=(6.5, 4))
        FigureCanvasAgg(fig)
        spec.draw(fig, findings)
        fig.canvas.draw()  # a TeX parse error would raise here
    fig = Figure(figsize=(6.5, 4))
    chart_by_key("consensus").draw(fig, findings)
    texts = " ".join(t.get_text() for t in fig.findobj(Text))
    assert "$5 to $10" in texts
