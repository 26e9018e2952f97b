"""`workshop JOB --help` explains every option a job takes, so nobody has to read the code to use it."""

from __future__ import annotations

import argparse

import pytest

from workshop.cli import JOBS, _app_parser, _jobs_parser, main


def _job_parsers() -> dict[str, argparse.ArgumentParser]:
    (jobs,) = [a for a in _jobs_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(jobs.choices)


def _explained(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a for a in parser._actions if not isinstance(a, argparse._SubParsersAction | argparse._HelpAction)
    ]


def test_every_job_is_a_subcommand():
    assert set(_job_parsers()) == set(JOBS)


@pytest.mark.parametrize("job", JOBS)
def test_every_option_of_every_job_shows_its_help(job, capsys):
    parser = _job_parsers()[job]
    with pytest.raises(SystemExit) as ended:
        main([job, "--help"])
    assert ended.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    for action in _explained(parser):
        assert action.help and action.help != argparse.SUPPRESS, (
            f"{job} {action.option_strings or action.dest}"
        )
        words = " ".join(action.help.replace("%(default)s", str(action.default)).split())
        assert words in shown, f"{job} --help does not explain {action.option_strings or action.dest}"


def test_every_option_of_the_app_and_of_all_jobs_has_help():
    for parser in (_app_parser(), _jobs_parser()):
        for action in _explained(parser):
            assert action.help and action.help != argparse.SUPPRESS, action.option_strings or action.dest
