"""Whether every source's addresses still answer: where its text was found, and its archived copy.

A reader checking a quote follows these links, so a weekly run asks each address, a few
at a time, politely (HEAD first, GET for servers that refuse HEAD), and lists the ones
that fail. The list can be the body of one GitHub issue that keeps, in a comment, the
day each address first failed, so that a reader of the issue sees how long it has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..data.files import discover, read_record, relative
from ..data.records import SOURCE, is_placeholder
from ..data.schema import COMMON, read_schemas
from .web import TIMEOUT, WebError, request

ADDRESS_FIELDS = ("url", "archive_url")
_STATE = re.compile(r"<!-- source-health: (\{.*?\}) -->")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class LinkError(Exception):
    """The sources could not be listed."""


@dataclass(frozen=True)
class Link:
    """One address, and the source records (id and field) that give it."""

    url: str
    cited_by: tuple[str, ...]  # 'source-id (url)', 'source-id (archive_url)'


@dataclass(frozen=True)
class Checked:
    link: Link
    ok: bool
    status: int | None  # the HTTP status of the last answer, None when there was none
    detail: str  # '200 via HEAD', 'the server answered 404 Not Found', 'no answer within 20 seconds'


def source_links(root: Path) -> list[Link]:
    """Every http(s) address in the source records, once each, in order."""
    if not (root / SOURCE.folder).is_dir():
        raise LinkError(f"{root / SOURCE.folder} does not exist; run inside a project or use --root")
    found: dict[str, list[str]] = {}
    files = discover(root, read_schemas(root / "schemas")[COMMON]["$defs"]["id"]["pattern"])
    for path in files.records:
        shown = relative(path, root)
        if not shown.startswith(f"{SOURCE.folder}/"):
            continue
        doc = read_record(path, shown)[0]
        if doc is None:
            continue  # the validator reports it
        for field in ADDRESS_FIELDS:
            url = doc.data.get(field)
            if not isinstance(url, str) or is_placeholder(url):
                continue
            if url.lower().startswith(("https://", "http://")):  # HTTP:// too, as the validator allows
                found.setdefault(url, []).append(f"{path.stem} ({field})")
    return [Link(url, tuple(cited)) for url, cited in found.items()]


def check_link(link: Link, timeout: float = TIMEOUT) -> Checked:
    """HEAD, then GET when HEAD fails other than by silence: some servers refuse HEAD."""
    try:
        answer = request(link.url, method="HEAD", timeout=timeout, limit=0)
        return Checked(link, True, answer.status, f"{answer.status} via HEAD")
    except WebError as err:
        if err.timed_out:
            return Checked(link, False, None, str(err))
    try:
        answer = request(link.url, method="GET", timeout=timeout, limit=0)
        return Checked(link, True, answer.status, f"{answer.status} via GET")
    except WebError as err:
        return Checked(link, False, err.status, str(err))


def check_all(links: Iterable[Link], *, timeout: float = TIMEOUT, jobs: int = 4) -> list[Checked]:
    """Every link checked, jobs at a time, in the order given."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda link: check_link(link, timeout), links))


def report_text(results: list[Checked]) -> str:
    lines = [
        f"{'ok' if r.ok else 'FAILED':6}  {r.link.url}  {r.detail}  [{', '.join(r.link.cited_by)}]"
        for r in results
    ]
    failed = sum(not r.ok for r in results)
    lines.append(f"{len(results)} addresses checked, {failed} failed")
    return "\n".join(lines)


def report_json(results: list[Checked]) -> str:
    return json.dumps(
        [
            {"url": r.link.url, "cited_by": list(r.link.cited_by), "ok": r.ok}
            | {"status": r.status, "detail": r.detail}
            for r in results
        ],
        indent=2,
    )


def first_failures(previous_body: str) -> dict[str, str]:
    """The day each address first failed, as the issue's hidden comment keeps it."""
    match = _STATE.search(previous_body)
    try:
        state = json.loads(match[1]) if match else {}
    except ValueError:
        return {}
    if not isinstance(state, dict):
        return {}
    return {k: v for k, v in state.items() if isinstance(k, str) and isinstance(v, str) and _DAY.fullmatch(v)}


def issue_body(results: list[Checked], previous_body: str, today: dt.date) -> str:
    """The health issue's Markdown: each failing address, why, and since when it has failed."""
    known = first_failures(previous_body)
    failing = [r for r in results if not r.ok]
    since = {r.link.url: known.get(r.link.url, today.isoformat()) for r in failing}
    state = (
        json.dumps(since, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
    )  # stays a comment
    lines = [
        f"<!-- source-health: {state} -->",
        f"Checked on {today.isoformat()} by `./dev.sh check-links`: {len(failing)} of {len(results)} "
        "source addresses did not answer.",
        "",
    ]
    if failing:
        lines += [
            "Each needs a look: the page may have moved (find its new address, or add an `archive_url`), "
            "or the server may have been down that day.",
            "",
            "| address | cited by | problem | failing since |",
            "|---|---|---|---|",
        ]
        for r in failing:
            first = dt.date.fromisoformat(since[r.link.url])
            days = (today - first).days
            lines.append(
                f"| {_code(r.link.url)} | {_code(', '.join(r.link.cited_by))} | {_code(r.detail)} | "
                f"{first.isoformat()} ({days} day{'' if days == 1 else 's'}) |"
            )
    return "\n".join(lines)


def _code(text: str) -> str:
    """Text from the data or a server as a code span in a table cell, so that nothing in it
    becomes a link, a mention, HTML or emphasis on GitHub: its fence is longer than any run
    of backticks inside, and a bar is escaped (GitHub tables split cells on bars first)."""
    text = text.replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"
