"""The questionnaire template: a header row for Forms and one printable page, with the same questions."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workshop.cli import main
from workshop.model import entities as e
from workshop.model.questionnaire import default_items
from workshop.model.survey_sheet import read_sheet


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("template", list(e.SurveyTemplate))
def test_the_printed_questionnaire_is_one_page_holding_every_question_and_the_privacy_promise(
    tmp_path, template
):
    out = tmp_path / "questionnaire.pdf"
    assert (
        main(["survey-template", str(out)] + (["--adkar"] if template is e.SurveyTemplate.ADKAR else [])) == 0
    )
    [page] = page_texts(out.read_bytes())
    for item in default_items(template):
        assert " ".join(f"{item.label()}: {item.statement}".split()) in page
    assert "Strongly disagree" in page and "fewer than 3 people are withheld" in page
    assert "Name" in page and "Team" in page


def test_the_forms_template_names_name_team_role_and_one_column_per_question(tmp_path):
    out = tmp_path / "for forms.csv"
    assert main(["survey-template", str(out), "--adkar"]) == 0
    sheet = read_sheet(out)
    assert sheet.columns[:3] == ("Name", "Team", "Role") and sheet.rows == ()
    assert [column.split(":")[0] for column in sheet.columns[3:]] == [n for n, _ in e.ADKAR_DIMENSIONS]
    assert all("1 = Strongly disagree" in column for column in sheet.columns[3:])


def test_another_ending_is_refused_in_one_line(tmp_path, capsys):
    assert main(["survey-template", str(tmp_path / "questions.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1 and not (tmp_path / "questions.txt").exists()
