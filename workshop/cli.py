"""The `workshop` command: with no subcommand it opens the app; every other job runs without a screen."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from . import __version__
from .model.errors import WorkshopError

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found something wrong (e.g. `check` on a damaged file)
EXIT_USER_ERROR = 2
DB_HELP = "a shared workshop on a server, postgresql://user@host/dbname, instead of a file"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-29") from exc


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


def _share(text: str) -> float:
    """Reads a share from 0 to 1; 'nan', 'inf' and numbers outside would flag nothing or everything."""
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not 0 <= value <= 1:  # also false for nan
        raise argparse.ArgumentTypeError(f"{text!r} must be a number from 0 to 1, such as 0.4")
    return value


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop",
        description="Open a workshop in the app (the demo workshop when no file is named).",
        epilog="Jobs without a screen: workshop {new,demo,import,export,check,analyze,merge,backup,"
        "survey-template} --help",
    )
    parser.add_argument("path", nargs="?", type=Path, help="a .workshop file to open")
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    parser.add_argument(
        "--quit-when-ready", action="store_true", help="open, show the workshop, then exit (smoke tests)"
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="write a PNG of every page to DIR, then exit"
    )
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _jobs_parser() -> argparse.ArgumentParser:
    from .model.entities import Anonymity  # the ORM loads for the jobs only, not before the app's window

    parser = argparse.ArgumentParser(
        prog="workshop", description="AI strategy workshop: jobs without a screen."
    )
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    jobs = parser.add_subparsers(dest="job", required=True, metavar="JOB")

    new = jobs.add_parser("new", help="create an empty workshop file")
    _add_workshop_argument(new)
    new.add_argument("--title", required=True, help="the workshop's title, shown on every page and the PDF")
    new.add_argument("--organisation", default="", help="the organisation the workshop is for")
    new.add_argument("--facilitator", default="", help="who runs the workshop")
    new.add_argument("--date", type=_date, dest="held_on", help="the day of the workshop, YYYY-MM-DD")
    new.add_argument(
        "--anonymity",
        choices=[a.value for a in Anonymity],
        default=Anonymity.ANONYMOUS.value,
        help="how voters appear in results: anonymous, by team or by name (default: %(default)s)",
    )

    demo = jobs.add_parser("demo", help="create the demo workshop (scalable for benchmarks)")
    _add_workshop_argument(demo)
    demo.add_argument(
        "--managers", type=_positive, default=8, help="how many managers take part (default: %(default)s)"
    )
    demo.add_argument(
        "--items", type=_positive, default=10, help="how many opportunities they rank (default: %(default)s)"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="the same seed gives the same made-up answers (default: %(default)s)",
    )

    imp = jobs.add_parser(
        "import", help="bring participants, tasks, ballots (CSV) or a whole JSON document in"
    )
    _add_workshop_argument(imp, "the workshop to import into (created for --json when missing)")
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--participants", type=Path, metavar="CSV", help="people: a name column, and team, role, stance"
    )
    source.add_argument("--tasks", type=Path, metavar="CSV", help="current tasks: a title column and details")
    source.add_argument(
        "--ballots",
        type=Path,
        metavar="CSV",
        help="a ranking round: participant, item and rank columns (and team, role); it arrives revealed",
    )
    source.add_argument(
        "--json", type=Path, metavar="FILE", help="a whole workshop written by `workshop export -o FILE.json`"
    )
    source.add_argument(
        "--survey",
        type=Path,
        metavar="FILE",
        help="readiness answers from a Microsoft Forms or Google Forms export (CSV or XLSX)",
    )
    imp.add_argument(
        "--round", dest="round_name", help="name of the ballot or survey round (default: the file name)"
    )
    imp.add_argument(
        "--map",
        dest="map_path",
        type=Path,
        metavar="MAPFILE",
        help="with --survey: a JSON file saying which column is the name, team, role and each dimension",
    )

    exp = jobs.add_parser(
        "export",
        help="write the strategy PDF, a slide deck, a workbook, the whole workshop as JSON, or CSV tables",
    )
    _add_workshop_argument(exp)
    target = exp.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT.pdf|OUT.pptx|OUT.xlsx|OUT.json",
        help="the strategy PDF, its slide deck, a workbook of the tables, or the whole workshop as JSON, "
        "chosen by the file's ending",
    )
    target.add_argument("--csv", type=Path, metavar="DIR", help="one CSV file per table, written into DIR")
    exp.add_argument(
        "--round",
        dest="round_name",
        metavar="NAME",
        help="the revealed ranking round the PDF describes (default: the latest revealed)",
    )

    check = jobs.add_parser("check", help="integrity, schema version and counts; exit 0 when healthy")
    _add_workshop_argument(check)

    backup = jobs.add_parser(
        "backup", help="a whole, checked copy of a workshop, safe to take while the app has it open"
    )
    backup.add_argument("path", type=Path, help="the .workshop file (with --db: the .json backup to write)")
    backup.add_argument("out", type=Path, nargs="?", help="the copy to write")
    backup.add_argument("--force", action="store_true", help="replace OUT if it exists")

    analyze = jobs.add_parser("analyze", help="consensus, agreement, camps, disconnects and readiness gaps")
    _add_workshop_argument(analyze)
    analyze.add_argument("--round", dest="round_name", help="a ranking round (default: the latest revealed)")
    analyze.add_argument(
        "--dissent-threshold",
        type=_share,
        default=None,
        help="flag only items spread more than this too (0..1); items are flagged only beyond chance anyway",
    )
    analyze.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")

    merge = jobs.add_parser(
        "merge",
        help="bring ballots, answers, ideas, tasks, feedback and flags of other files into a workshop",
    )
    merge.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="TARGET SOURCE",
        help="the workshop to merge into (not with --db), then the files to bring in",
    )
    merge.add_argument(
        "--prefer", choices=("target", "source"), help="which ballot wins when a voter's differ"
    )
    merge.add_argument(
        "--keep-near-duplicates-apart",
        action="store_true",
        help="names differing only in case, accents or spaces stay different people and items",
    )
    template = jobs.add_parser(
        "survey-template",
        help="the readiness questions for Microsoft or Google Forms (CSV) or on paper (PDF)",
    )
    template.add_argument(
        "out",
        type=Path,
        metavar="OUT.csv|OUT.pdf",
        help="a CSV header row to build a form from, or a printable page",
    )
    template.add_argument("--adkar", action="store_true", help="ask the five ADKAR elements instead")
    serve = jobs.add_parser("serve", help="ballots from phones on the room's network, without the window")
    _add_workshop_argument(serve)
    serve.add_argument("--round", dest="round_name", help="the open round (default: the only open one)")
    serve.add_argument("--bind", required=True, metavar="ADDRESS[:PORT]", help="this laptop's address")
    serve.add_argument("--allow-public", action="store_true", help="serve on an address the internet reaches")
    return parser


def _add_workshop_argument(job: argparse.ArgumentParser, help: str = "the .workshop file") -> None:
    """Adds the job's workshop file, which a server given with --db replaces."""
    job.add_argument("path", nargs="?", type=Path, help=f"{help} (omit it with --db)")


JOBS = ("new", "demo", "import", "export", "check", "analyze", "merge", "backup", "survey-template", "serve")


def _split_db(args_list: list[str]) -> tuple[str | None, list[str]]:
    """Gives the --db URL (or None) and the other words, so the URL is never taken for a job or file."""
    finder = argparse.ArgumentParser(add_help=False)
    finder.add_argument("--db")
    found, rest = finder.parse_known_args(args_list)
    return found.db, rest


def _workshop(args: argparse.Namespace) -> Path | str:
    """Gives the workshop a job works on: the --db server, or else the file named."""
    if args.db is not None and args.path is not None:
        raise WorkshopError(f"name either a file ({args.path}) or --db, not both.")
    if args.db is None and args.path is None:
        raise WorkshopError(f"workshop {args.job}: name a .workshop file, or a server with --db URL.")
    return cast(str, args.db) if args.db is not None else cast(Path, args.path)


def _asking_password_once(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Runs the job; when the --db server wants a password the address lacks, asks for it at a terminal
    (never echoed) and runs the job once more. It fails at its first connection, before changing anything."""
    from .model.server import PasswordNeeded

    try:
        return handler(args)
    except PasswordNeeded as needed:
        if not sys.stdin.isatty():
            raise
        password = getpass.getpass(f"Password for {needed.user_at_host}: ")
    from .model.server import remember_password

    remember_password(args.db, password)
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    db, args_list = _split_db(list(sys.argv[1:] if argv is None else argv))
    first_word = next((word for word in args_list if not word.startswith("-")), None)
    wants_jobs_help = args_list in (["-h"], ["--help"])
    if first_word in JOBS:
        args = _jobs_parser().parse_args(args_list)
        handler: Callable[[argparse.Namespace], int] = HANDLERS[args.job]
    else:
        if wants_jobs_help:
            _app_parser().print_help()
            print()
            _jobs_parser().print_help()
            return EXIT_OK
        args = _app_parser().parse_args(args_list)
        handler = _open_app
    args.db = db
    try:
        return _asking_password_once(handler, args)
    except WorkshopError as exc:
        if args.debug:
            raise
        print(f"workshop: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader (e.g. `head`) stopped early; nothing is wrong
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # the last resort: one line, never the SQL or stored values of an error
        said = _last_resort_line(exc, args)
        if args.debug or said is None:
            raise
        print(f"workshop: {said}", file=sys.stderr)
        return EXIT_USER_ERROR


# What a job saves, as in "nothing of this import was saved".
SAVED_BY_JOB = {"new": "new workshop", "demo": "demo workshop", "analyze": "analysis", "app": "work"}


def _last_resort_line(exc: Exception, args: argparse.Namespace) -> str | None:
    """Gives the one line for an error no job put into words: a full disk, or the first line of what the
    database or the system said (without the statement or the stored values it carries); None for a
    bug, whose traceback is what helps."""
    from .model.errors import is_disk_full, plain_reason
    from .model.server import server_label
    from .wording import tr

    job = getattr(args, "job", None) or "app"
    action = tr(SAVED_BY_JOB.get(job, job))
    files = getattr(args, "files", None) or [None]
    where = getattr(args, "path", None) or files[0] or "workshop"
    if args.db:
        where = server_label(args.db)  # database@host: the address itself may hold the password
    if is_disk_full(exc):
        return tr("{where}: the disk is full; nothing of this {action} was saved.").format(
            where=where, action=action
        )
    if isinstance(exc, OSError) or type(exc).__module__.split(".")[0] in ("sqlite3", "sqlalchemy", "psycopg"):
        return tr("{where}: the {action} stopped ({reason}).").format(
            where=where, action=action, reason=plain_reason(exc)
        )
    return None


def _open_app(args: argparse.Namespace) -> int:
    from .ui.app import run_app  # Qt loads only when a window is wanted

    if args.db is not None and sys.stdin.isatty():
        _ask_for_server_password_first(args.db)
    # open_workshop takes a server URL as well as a path; the app shows whichever it opened.
    location = cast(Path | None, args.db) if args.db is not None else args.path
    return run_app(location, quit_when_ready=args.quit_when_ready, screenshots=args.screenshots)


def _ask_for_server_password_first(url: str) -> None:
    """Raises PasswordNeeded when the server wants a password, so it is asked for at the terminal as the
    jobs do (the window could only say where to give it); any other problem is left to the window's dialog."""
    from .model.server import PasswordNeeded, connect_server

    try:
        connect_server(url).close()
    except PasswordNeeded:
        raise
    except WorkshopError:
        pass


def _new(args: argparse.Namespace) -> int:
    from .model.entities import Anonymity
    from .model.store import create_workshop

    store = create_workshop(
        _workshop(args),
        title=args.title,
        organisation=args.organisation,
        facilitator=args.facilitator,
        held_on=args.held_on,
        anonymity=Anonymity(args.anonymity),
    )
    store.close()
    print(f"Created {store.path}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from .model.demo import create_demo

    store = create_demo(_workshop(args), managers=args.managers, items=args.items, seed=args.seed)
    store.close()
    print(f"Created the demo workshop {store.path} ({args.managers} managers, {args.items} opportunities)")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .model import importing
    from .model.creating import restore_workshop
    from .model.store import open_workshop

    if args.map_path is not None and not args.survey:
        raise WorkshopError(
            "workshop import: --map says how to read a survey export; use it with --survey FILE."
        )
    if args.json is not None:
        store = restore_workshop(_workshop(args), args.json)
        store.close()
        print(f"Restored {args.json} into {store.path}")
        return EXIT_OK
    with open_workshop(_workshop(args)) as store, store.transaction(action="import") as session:
        if args.participants:
            message = f"Imported {importing.import_participants(session, args.participants)} participants"
        elif args.tasks:
            message = f"Imported {importing.import_tasks(session, args.tasks)} tasks"
        elif args.survey:
            from .model.survey_import import import_survey, summary

            surveyed = import_survey(session, args.survey, round_name=args.round_name, map_path=args.map_path)
            message = summary(surveyed)
        else:
            imported = importing.import_ballots(session, args.ballots, round_name=args.round_name)
            message = (
                f"Imported {imported.ballot_count} ballots over {imported.item_count} items "
                f"as the revealed round {imported.name!r}"
            )
    print(message)
    return EXIT_OK


def _say(sentence: str) -> None:
    """Tells the person at the terminal something beside the job's output (on stderr, one line)."""
    print(sentence, file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from .model import exporting
    from .model.snapshot import open_to_read

    if args.output is not None and args.output.suffix.lower() == ".pdf":
        from .findings import findings_for_report
        from .report.pdf import write_report

        # The file is read and closed first: drawing the report is slow and needs no open workshop.
        with open_to_read(_workshop(args), tell=_say) as store, store.reading() as session:
            findings = findings_for_report(session, round_name=args.round_name)
        result = write_report(findings, args.output)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        described = f", ranking round {findings.ranking_round!r}" if findings.ranking is not None else ""
        print(f"Wrote {args.output} ({result.pages} pages{described})")
        return EXIT_OK
    if args.output is not None and args.output.suffix.lower() == ".pptx":
        return _export_deck(args)
    with open_to_read(_workshop(args), tell=_say) as store, store.reading() as session:
        if args.csv:
            exporting.write_csv_tables(session, args.csv)
            print(f"Wrote one CSV per table into {args.csv}")
        elif args.output.suffix.lower() == ".json":
            exporting.write_json(session, args.output)
            print(f"Wrote {args.output}")
        elif args.output.suffix.lower() == ".xlsx":
            from .report.workbook import write_workbook

            sheets = write_workbook(session, args.output)
            print(f"Wrote {args.output} ({len(sheets)} sheets)")
        else:
            raise WorkshopError(
                f"{args.output}: choose a file ending in .pdf, .pptx, .xlsx or .json "
                "(or --csv DIR for CSV tables)."
            )
    return EXIT_OK


def _export_deck(args: argparse.Namespace) -> int:
    from .findings import findings_for_report
    from .model.snapshot import open_to_read
    from .report.deck import write_deck

    # As for the PDF, the file is closed before the slow drawing of the charts.
    with open_to_read(_workshop(args), tell=_say) as store, store.reading() as session:
        findings = findings_for_report(session, round_name=args.round_name)
    slides = write_deck(findings, args.output)
    print(f"Wrote {args.output} ({slides} slides)")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .model.server import server_report
    from .model.snapshot import CheckReport, untouched_report

    location = _workshop(args)
    report = server_report(location) if isinstance(location, str) else untouched_report(location, tell=_say)
    for line in report.lines():
        print(line)
    if isinstance(report, CheckReport) and report.damaged:  # refused like any other bad file, in one line
        print(f"workshop: {report.verdict()}", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK if report.healthy else EXIT_PROBLEM


def _backup(args: argparse.Namespace) -> int:
    from .model.backup import back_up

    if args.db is not None:
        return _back_up_server(args)
    if args.out is None:
        raise WorkshopError("workshop backup: name the copy to write: workshop backup PATH OUT")
    written = back_up(args.path, args.out, replace=args.force)
    print(f"Wrote {written}: a whole copy of {args.path}, integrity ok")
    return EXIT_OK


def _back_up_server(args: argparse.Namespace) -> int:
    """A server has no file to copy: its whole workshop is written as JSON that `import --json` restores."""
    from .model import exporting
    from .model.store import open_workshop

    out = cast(Path, args.out or args.path)
    if args.out is not None and args.path is not None:
        raise WorkshopError("workshop --db URL backup OUT.json: name only the backup to write.")
    if out.suffix.lower() != ".json":
        raise WorkshopError(f"{out}: a server's backup is a .json file; choose a name ending in .json.")
    if out.exists() and not args.force:
        raise WorkshopError(f"{out} already exists; choose another name (or --force to replace it).")
    with open_workshop(args.db) as store, store.reading() as session:
        exporting.write_backup_json(session, out)
    print(f"Wrote {out}: the whole workshop, private parts included; keep it as safe as the server")
    return EXIT_OK


def _analyze(args: argparse.Namespace) -> int:
    import json

    from .findings import analyze, summary_lines
    from .model.snapshot import open_to_read

    with open_to_read(_workshop(args), tell=_say) as store, store.reading() as session:
        found = analyze(session, round_name=args.round_name, dissent_threshold=args.dissent_threshold)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        print("\n".join(summary_lines(found)))
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from .model.merging import KeepApart, merge_workshops, plan_merge
    from .model.store import open_workshop

    target, *sources = ([args.db] if args.db is not None else []) + list(args.files)
    if not sources:
        raise WorkshopError("workshop merge: name the target workshop and at least one file to bring in.")
    keep_apart: KeepApart = "all" if args.keep_near_duplicates_apart else ()
    with open_workshop(target) as store:
        plan = plan_merge(store, sources, keep_apart=keep_apart, prefer=args.prefer)
        if plan.near_duplicates:
            verdict = (
                "kept apart" if keep_apart else "treated as the same (--keep-near-duplicates-apart to not)"
            )
            print(f"Names that differ only in case, accents or spaces, {verdict}:")
            print("\n".join(f"  {near.line()}" for near in plan.near_duplicates))
        done = merge_workshops(store, sources, keep_apart=keep_apart, prefer=args.prefer)
        if done.conflicts:
            print(f"Ballots, answers or items that differ, the {args.prefer}'s kept:")
            print("\n".join(f"  {conflict.line()}" for conflict in done.conflicts))
        brought = ", ".join(done.added_lines()) or "nothing new"
        print(f"Merged {', '.join(done.sources)} into {store.path}: {brought}")
    return EXIT_OK


def _survey_template(args: argparse.Namespace) -> int:
    from .model.entities import SurveyTemplate
    from .model.questionnaire import default_items, write_questionnaire_csv

    template = SurveyTemplate.ADKAR if args.adkar else SurveyTemplate.READINESS
    kind = args.out.suffix.lower()
    if kind == ".csv":
        write_questionnaire_csv(default_items(template), args.out)
    elif kind == ".pdf":
        from .report.questionnaire import write_questionnaire_pdf

        write_questionnaire_pdf(default_items(template), args.out, template=template)
    else:
        raise WorkshopError(f"{args.out}: choose a file ending in .csv (for Forms) or .pdf (to print).")
    print(f"Wrote {args.out} ({len(default_items(template))} questions)")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from .lan.console import serve
    from .model.store import open_workshop

    with open_workshop(_workshop(args)) as store:
        # The address and the running count are the job's output: on stdout, each line at once.
        serve(store, round_name=args.round_name, bind=args.bind, allow_public=args.allow_public, say=_shown)
    return EXIT_OK


def _shown(line: str) -> None:
    print(line, flush=True)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _new,
    "demo": _demo,
    "import": _import,
    "export": _export,
    "check": _check,
    "analyze": _analyze,
    "merge": _merge,
    "backup": _backup,
    "survey-template": _survey_template,
    "serve": _serve,
}
