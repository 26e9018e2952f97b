"""The ADKAR part of the PDF's readiness section: the chart, each team's barrier in a sentence and a table.

Present only when an ADKAR round has answers. Teams under the privacy floor are named as withheld, with the
reason, and carry no numbers, as on the Readiness page."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from workshop.analysis.adkar import team_sentence
from workshop.charts.adkar import adkar_columns, team_cells
from workshop.findings import WorkshopFindings
from workshop.wording import tr

from .headings import ChartMaker, subheading
from .text import Column, data_table, para

# Team, the five elements, barrier: each element as wide as its bold name, so no heading breaks in a word;
# how many people answered is in each team's sentence above the table.
WIDTHS = (0.14, 0.15, 0.09, 0.15, 0.09, 0.19, 0.19)
PEOPLE = 1  # the column of the screen's table the page leaves to the sentences


def adkar_story(findings: WorkshopFindings, chart: ChartMaker) -> list[Flowable]:
    """Gives the ADKAR subsection of the latest ADKAR round; nothing without one."""
    if findings.adkar_round is None or not findings.adkar:
        return []
    intro = tr(
        "ADKAR round: {round}. Each person scored Awareness, Desire, Knowledge, Ability and Reinforcement "
        "from 1 to 5; their barrier point is the first element scored 3 or below. A team's barrier is named "
        "only where more of its people stop there than chance gives."
    ).format(round=findings.adkar_round)
    headings = [h for k, h in enumerate(adkar_columns()) if k != PEOPLE]
    columns = [Column(tr(heading), width) for heading, width in zip(headings, WIDTHS, strict=True)]
    rows = [[cell for k, cell in enumerate(team_cells(team)) if k != PEOPLE] for team in findings.adkar]
    return [
        # The heading, the reading and the chart start a page together: the chart is most of a page.
        KeepTogether(
            [*subheading(tr("ADKAR: where each team's change stalls")), para(intro), chart("adkar")]
        ),
        *[para(team_sentence(team)) for team in findings.adkar],
        *data_table(tr("ADKAR per team"), columns, rows),
    ]
