"""The `timeline` command: one entry point, with a subcommand per job.

    timeline validate [PATH...] [--format github]   check the data (the default subcommand's job)
    timeline new event|entity|source|sha ...        start a record from a commented stub
    timeline add-source URL-or-FILE                 a new source from its page: text and record
    timeline confirm-source [ID...] [--changed-from BASE]  are a source's quotes on its page?
    timeline check-links [--format text|json|issue] check that every source address still answers
    timeline build-pages --out DIR                  write every page as Markdown, for any generator
    timeline build [--engine mkdocs|zensical]       build the site into site/ (MkDocs strict by default)
    timeline init FOLDER [--name NAME]              a new story's skeleton, which validates and builds
    timeline benchmark --site --events N ...        time validation and the site build at scale

Run from anywhere inside a project (a folder with schemas/ and the data folders), or
name it with --root. Problems print as 'path:line:col: error: message [rule]' and the
command exits 1 when there is any error, 0 when there is none (warnings alone pass).

Long because it is the one place that turns arguments into calls, for ten subcommands,
each with its options beside the function that runs it; the contributors' subcommands
import their modules only when they run, so that validate needs only the validator's
dependencies.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .contrib import MissingSources
from .data.files import find_project
from .data.problems import Problem, render
from .rules.commands import NO_SUCH_FILE, OUTSIDE_PROJECT
from .rules.project import validate

if TYPE_CHECKING:
    from .contrib.confirm import Checked

# The other subcommands import what they need when they run, so that `validate` needs
# only the validator's dependencies (the pre-commit hook installs no more).

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="timeline", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _validate_parser(commands.add_parser("validate", help="check the data files"))
    _new_parser(commands.add_parser("new", help="start a new record from a commented stub"))
    _add_source_parser(commands.add_parser("add-source", help="a new source from its page or a saved copy"))
    _confirm_parser(
        commands.add_parser("confirm-source", help="check that a source's quotes are on its published page")
    )
    _links_parser(commands.add_parser("check-links", help="check that every source address still answers"))
    _pages_parser(commands.add_parser("build-pages", help="write every page as Markdown into a folder"))
    _build_parser(commands.add_parser("build", help="build the site with MkDocs or Zensical"))
    _rules_parser(commands.add_parser("rules", help="list every rule the validator and the commands report"))
    _init_parser(commands.add_parser("init", help="write a new story's skeleton into an empty folder"))
    _benchmark_parser(
        commands.add_parser("benchmark", help="time the validator and the site build at scale (a dev tool)")
    )
    args = parser.parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except MissingSources as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped reading (`timeline rules | head`): quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, help="the project folder (default: the one this folder is in)")


def _project(args: argparse.Namespace) -> Path | None:
    """The project folder: --root, or the one the current folder is in; None after saying why."""
    root = (args.root or find_project(Path.cwd()) or Path.cwd()).resolve()
    if (root / "schemas").is_dir():
        return root
    print(
        f"error: {root} is not a project folder (it has no schemas/); run inside one or use --root",
        file=sys.stderr,
    )
    return None


# --- rules ---------------------------------------------------------------------------------


def _rules_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "markdown"],
        default="text",
        help="markdown: the table CONTRIBUTING holds",
    )
    parser.set_defaults(run=_rules)


def _rules(args: argparse.Namespace) -> int:
    from .rules.registry import rules_table, rules_text

    print(rules_table() if args.format == "markdown" else rules_text())
    return 0


# --- validate ------------------------------------------------------------------------------


def _validate_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", help="files or folders to report on (default: all data)")
    _root_option(parser)
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    parser.add_argument("--format", choices=["text", "github"], default="github" if in_actions else "text")
    parser.set_defaults(run=_validate)


def _validate(args: argparse.Namespace) -> int:
    root = _project(args)
    if root is None:
        return 1
    selected, problems = _selection(args.paths, root)
    whole = not args.paths or "" in selected
    result = validate(root, None if whole else selected)
    problems += result.problems
    print(render(problems, result.files_checked, args.format))
    return 1 if any(p.is_error for p in problems) else 0


def _selection(paths: list[str], root: Path) -> tuple[list[str], list[Problem]]:
    """Paths relative to the project root, and problems for those that are not there."""
    selected: list[str] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given).resolve()
        if not path.exists():
            problems.append(NO_SUCH_FILE.problem(given, 1, 1, "no such file or folder; check the path"))
        elif not path.is_relative_to(root):
            problems.append(OUTSIDE_PROJECT.problem(given, 1, 1, f"not inside the project at {root}"))
        else:
            selected.append(path.relative_to(root).as_posix() if path != root else "")
    return selected, problems


# --- new -----------------------------------------------------------------------------------


def _new_parser(parser: argparse.ArgumentParser) -> None:
    _root_option(parser)
    kinds = parser.add_subparsers(dest="record", required=True)
    event = kinds.add_parser("event", help="a dated development")
    event.add_argument("--date", required=True, help="e.g. 2023-11-21, 2023-11, 2023, ../2023-08-23")
    event.add_argument("--title", required=True, help="one line, sentence case, attributed")
    entity = kinds.add_parser("entity", help="a person, organisation, place, topic or other kind of entity")
    entity.add_argument("--name", required=True)
    entity.add_argument("--kind", required=True, help="one of the kinds schemas/entity.schema.json lists")
    for record in (event, entity):
        _id_option(record)
    source = kinds.add_parser("source", help="a news article, with a file for its text")
    source.add_argument(
        "--from",
        dest="page",
        metavar="URL-or-FILE",
        help="read the article from its page or a saved copy, as timeline add-source does",
    )
    source.add_argument("--publisher", help="(without --from) who published it")
    source.add_argument("--date", help="(without --from) when it was published, as precisely as known")
    source.add_argument("--title", help="(without --from) the headline")
    _add_source_options(source)
    sha = kinds.add_parser("sha", help="the SHA-256 of a source's archived text, written into a new record")
    sha.add_argument("source", help="the source's id")
    parser.set_defaults(run=_new)


def _id_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", help="the record's id and file name, instead of one made from its words")


def _new(args: argparse.Namespace) -> int:
    from .contrib.scaffold import new_entity, new_event, new_source
    from .data.dates import DateError

    root = _project(args)
    if root is None:
        return 1
    if args.record == "sha":
        return _pin(root, args.source)
    if args.record == "source" and args.page:
        return _add_source(args)
    if args.record == "source" and not (args.publisher and args.date and args.title):
        print("error: give --publisher, --date and --title, or --from URL-or-FILE", file=sys.stderr)
        return 1
    try:
        if args.record == "event":
            created = [new_event(root, args.date, args.title, args.id)]
        elif args.record == "entity":
            created = [new_entity(root, args.name, args.kind, args.id)]
        else:
            created = list(new_source(root, args.publisher, args.date, args.title, args.id))
    except (DateError, FileExistsError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    shown = [str(p.relative_to(root)) for p in created]
    for path in shown:
        print(f"created {path}")
    print("next: replace every TODO, then run ./dev.sh validate " + " ".join(shown))
    return 0


def _pin(root: Path, source_id: str) -> int:
    from .contrib.scaffold import pin_archive

    try:
        digest, written = pin_archive(root, source_id)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if written:
        print(f"wrote archive_sha256: {digest} into sources/{source_id}.yml")
    else:
        print(f"archive_sha256: {digest}")
        print(
            f"(sources/{source_id}.yml already has a pin or no stub: set it by hand, "
            "only after checking the text)"
        )
    return 0


# --- add-source ----------------------------------------------------------------------------


def _add_source_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", metavar="URL-or-FILE", help="the article's address, or a saved page or text")
    _add_source_options(parser)
    _root_option(parser)
    parser.set_defaults(run=_add_source)


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="with a file: the address it was saved from")
    parser.add_argument("--id", help="the source's id (default: from the publisher, date and headline)")
    archive = parser.add_mutually_exclusive_group()
    archive.add_argument("--archive-url", help="where an archived copy can be read (a Wayback address)")
    archive.add_argument(
        "--find-archive", action="store_true", help="ask the Internet Archive for its closest copy"
    )
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for a server (15)")


def _add_source(args: argparse.Namespace) -> int:
    import datetime as dt

    from .contrib.add_source import article_of, draft, proposed_id, write_source
    from .contrib.capture import CaptureError, fetch_page, is_address, read_saved
    from .contrib.extract import ExtractionError

    root = _project(args)
    if root is None:
        return 1
    today = dt.datetime.now(dt.UTC).date()
    if wrong := _wrong_address(args, is_address):
        print(f"error: {wrong}", file=sys.stderr)
        return 1
    page: str = args.page
    try:
        if is_address(page):
            capture = fetch_page(page, today, args.timeout)
        else:
            capture = read_saved(Path(page), args.url)
        found = draft(capture, article_of(capture), args.archive_url or _archived_copy(args, capture.url))
        record_id = proposed_id(found, args.id)
        origin = page if is_address(page) else f"a saved page ({Path(page).name})"
        text, record = write_source(root, found, record_id, origin, today)
    except (CaptureError, ExtractionError, FileExistsError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in (text, record):
        print(f"created {path.relative_to(root)}")
    print("check by hand, then fill in every TODO:")
    for check in found.checks:
        print(f"  - {check}")
    print(f"next: ./dev.sh validate {record.relative_to(root)} {text.relative_to(root)}")
    return 0


def _wrong_address(args: argparse.Namespace, is_address: Callable[[str], bool]) -> str | None:
    """What is wrong with an address given to add-source, or None: only web pages are fetched."""
    for option in ("url", "archive_url"):
        value = getattr(args, option)
        if value is not None and not is_address(value):
            return f"--{option.replace('_', '-')} must be an http:// or https:// address"
    if "://" in args.page and not is_address(args.page):
        return "only http:// and https:// addresses can be fetched; or give a saved file"
    return None


def _archived_copy(args: argparse.Namespace, url: str | None) -> str | None:
    """The Internet Archive's closest copy, when asked for; a failure only says so."""
    from .contrib.wayback import closest_copy
    from .contrib.web import WebError

    if not args.find_archive or url is None:
        return None
    try:
        copy = closest_copy(url, timeout=args.timeout)
    except WebError as err:
        print(f"note: the Internet Archive did not answer ({err}); add an archive_url later", file=sys.stderr)
        return None
    if copy is None:
        print("note: the Internet Archive has no copy of this page", file=sys.stderr)
    return copy


# --- confirm-source ------------------------------------------------------------------------

CONFIRM_EXIT = """exit status: 0 when every source selected is confirmed (or none was); 1 when a
quote is not in the article on a page that was read, when a source whose record or text is
new or changed since BASE_DIR has a confirmed field this run does not confirm again, or
the data has errors; 3 when a page could not be read, or nothing quotes a source (and
there is no error): those sources stay as they were."""


def _confirm_parser(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Read each source's url (or, when it cannot be read, its archive_url), extract the article "
        "as add-source does, and check that every quote cited from the source is in it. A confirmed "
        "source gets 'confirmed: {date, against, quotes_sha256}' in its record; one whose quotes are "
        "missing loses it."
    )
    parser.epilog = CONFIRM_EXIT
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("sources", nargs="*", metavar="ID", help="the sources to check (default: every one)")
    parser.add_argument(
        "--changed-from",
        type=Path,
        metavar="BASE_DIR",
        help="only the sources whose record or text is new or differs from this checkout's, or that "
        "are cited for a quote it does not cite; a confirmed field in a record new or changed since "
        "must be confirmed again",
    )
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each server (20)")
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    parser.add_argument("--format", choices=["text", "github"], default="github" if in_actions else "text")
    _root_option(parser)
    parser.set_defaults(run=_confirm_source)


def _confirm_source(args: argparse.Namespace) -> int:
    import datetime as dt

    from .contrib.confirm import Outcome, changed_sources, claimed_confirmations, confirm_all

    root = _project(args)
    if root is None:
        return 1
    result = validate(root)
    if result.dataset is None:
        print(render(result.problems, result.files_checked, args.format))
        print("error: fix the errors above first: only valid data can be confirmed", file=sys.stderr)
        return 1
    known = result.dataset.sources
    if unknown := [s for s in args.sources if s not in known]:
        print(f"error: no source {unknown[0]!r}; give the id of a record in sources/", file=sys.stderr)
        return 1
    selected = list(dict.fromkeys(args.sources)) or list(known)
    claimed: set[str] = set()
    if args.changed_from is not None:
        if not (args.changed_from / "sources").is_dir():
            print(f"error: {args.changed_from} has no sources/ folder; give a checkout", file=sys.stderr)
            return 1
        claimed = claimed_confirmations(root, args.changed_from, selected)
        selected = changed_sources(root, args.changed_from, selected)
    today = dt.datetime.now(dt.UTC).date()
    try:
        checked = confirm_all(root, result.dataset, selected, today, args.timeout, claimed)
    except (OSError, ValueError) as err:  # a record changed or unwritable since it was checked
        print(f"error: {err}", file=sys.stderr)
        return 1
    _print_confirmations(checked, args.format)
    counts = {o: sum(c.outcome is o for c in checked) for o in Outcome}
    print(
        f"{len(checked)} source{'' if len(checked) == 1 else 's'} selected: {counts[Outcome.CONFIRMED]} "
        f"confirmed, {counts[Outcome.MISSING]} with quotes not on the page, {counts[Outcome.UNREAD]} "
        "not checked"
    )
    failed = any(p.is_error for one in checked for p in one.problems)
    return 1 if failed else 3 if counts[Outcome.UNREAD] else 0


def _print_confirmations(checked: Sequence[Checked], output: str) -> None:
    """Each source's problems, then what its confirmation found."""
    from .contrib.confirm import Outcome

    for one in checked:
        for problem in one.problems:
            print(problem.github() if output == "github" else problem.text())
        if one.outcome is Outcome.CONFIRMED:
            print(
                f"{one.source}: confirmed against its {one.against} ({one.address}): all {one.quotes} "
                f"quotes cited from it are there; recorded in sources/{one.source}.yml"
            )
        elif one.outcome is Outcome.MISSING:
            print(
                f"{one.source}: not confirmed: {len(one.problems)} of {one.quotes} quotes are not in the "
                f"article at its {one.against} ({one.address}); any confirmed field was removed"
            )


# --- check-links ---------------------------------------------------------------------------


def _links_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=["text", "json", "issue"],
        default="text",
        help="issue: the Markdown of the health issue, with the day each address first failed",
    )
    parser.add_argument("--previous", type=Path, help="with --format issue: the issue's current body")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each server (20)")
    parser.add_argument("--jobs", type=int, default=4, help="requests at a time (4)")
    _root_option(parser)
    parser.set_defaults(run=_check_links)


def _check_links(args: argparse.Namespace) -> int:
    import datetime as dt

    from .contrib.links import LinkError, check_all, issue_body, report_json, report_text, source_links

    root = _project(args)
    if root is None:
        return 1
    try:
        links = source_links(root)
        previous = args.previous.read_text(encoding="utf-8") if args.previous else ""
    except (LinkError, OSError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    results = check_all(links, timeout=args.timeout, jobs=max(1, min(args.jobs, 8)))
    if args.format == "json":
        print(report_json(results))
    elif args.format == "issue":
        print(issue_body(results, previous, dt.datetime.now(dt.UTC).date()))
    else:
        print(report_text(results))
    return 1 if any(not r.ok for r in results) else 0


# --- build-pages ---------------------------------------------------------------------------


def _pages_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, help="the folder to (re)write (default: build/pages in the project)"
    )
    _root_option(parser)
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="the published address")
    parser.add_argument(
        "--repo-url", default=os.environ.get("SITE_REPO_URL"), help="the repository's address"
    )
    parser.set_defaults(run=_build_pages)


def _build_pages(args: argparse.Namespace) -> int:
    from .adapters.folder import write_pages
    from .site.info import BadSetting
    from .site.outputs import PathClash

    root = _project(args)
    if root is None:
        return 1
    out = args.out or root / "build" / "pages"
    try:
        result, written = write_pages(root, out, args.site_url, args.repo_url)
    except PathClash as clash:
        print(f"error: {clash}", file=sys.stderr)
        return 1
    except BadSetting as setting:
        print(f"error: {setting} (in mkdocs.yml)", file=sys.stderr)
        return 1
    if result.dataset is None:
        print(render(result.problems, result.files_checked))
        return 1
    print(f"{written} generated files written to {out}")
    return 0


# --- build --------------------------------------------------------------------------------


def _build_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs")
    parser.add_argument(
        "--site-dir", type=Path, help="the folder to build into (default: site/ in the project)"
    )
    parser.add_argument("--work", type=Path, help="Zensical's work folder (default: build/zensical)")
    _root_option(parser)
    parser.set_defaults(run=_build)


def _build(args: argparse.Namespace) -> int:
    import subprocess

    from .adapters.zensical import build_site

    root = _project(args)
    if root is None:
        return 1
    site = (args.site_dir or root / "site").resolve()
    if args.engine == "zensical":
        return build_site(root, site, args.work or root / "build" / "zensical")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=root, check=False).returncode


# --- init -----------------------------------------------------------------------------------


def _init_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="a new or empty folder")
    parser.add_argument("--name", help="the story's name, the site's title (default: from the folder's name)")
    parser.add_argument(
        "--generator", help="the requirement that installs this generator (default: as it was installed)"
    )
    parser.set_defaults(run=_init)


def _init(args: argparse.Namespace) -> int:
    from .contrib.skeleton import init_story

    try:
        written = init_story(args.folder, args.name, args.generator)
    except (FileExistsError, FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{len(written)} files written to {args.folder}")
    print(f"next: cd {args.folder}; timeline validate; mkdocs serve; then replace the examples")
    return 0


# --- benchmark ------------------------------------------------------------------------------


def _benchmark_parser(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--events",
        type=int,
        action="append",
        help="how many events to generate (default 10,000; repeat for several sizes)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--hostile", action="store_true", help="time each hostile case instead")
    mode.add_argument(
        "--site",
        action="store_true",
        help="make a whole project per size; time validate, the build and a plain MkDocs build "
        "of the same pages; measure the site; print one Markdown table",
    )
    mode.add_argument(
        "--places",
        type=int,
        action="append",
        help="time the locator map of every page with this many generated places added to the "
        "project's data (repeat for several sizes); print one Markdown table",
    )
    mode.add_argument(
        "--preview",
        action="store_true",
        help="time a save of one event until ./dev.sh serve serves the changed page, on a copy of "
        "the project and on a synthetic project of each --events size (none if not given)",
    )
    _benchmark_site_options(parser)
    _root_option(parser)
    parser.set_defaults(run=_benchmark)


def _benchmark_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, help="with --site: also write the table to this file")
    parser.add_argument(
        "--work", type=Path, help="with --site: build in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--no-share-cards",
        action="store_true",
        help="with --site: build without share cards (share_cards: false), to see what they cost",
    )
    parser.add_argument(
        "--engines",
        default="mkdocs",
        help="with --site: the engines to build with, comma-separated: mkdocs,zensical (default mkdocs)",
    )
    parser.add_argument(
        "--data",
        choices=["synthetic", "real"],
        default="synthetic",
        help="with --site: a generated project (synthetic), or the project's own events copied "
        "under new ids until there are N (real)",
    )


def _benchmark(args: argparse.Namespace) -> int:
    from .tools.benchmark import run

    root = _project(args)
    return 1 if root is None else run(args, root)


if __name__ == "__main__":
    sys.exit(main())
