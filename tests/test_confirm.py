"""timeline confirm-source: a source's quotes, looked for in the article on its page.

The pages are the fictional ones tests/webserver.py serves on 127.0.0.1. Each case in
tests/fixtures/confirm/ adds a source `wire` (its record, its archived text) and an
event quoting it on top of the base fixture; `{web}` in its record stands for the
local server's address and `{closed}` for one where nothing listens. expect.txt is what
the command prints; the exit status follows from it: 1 with an error line, 3 with a
warning line (not checked: a page not read, or nothing quoting the source), else 0.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import socket
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, make_project, real_dataset, run_cli
from htmlscan import page_of, scan
from timeline.cli import main as timeline
from timeline.contrib.confirm import write_confirmed
from timeline.data.quotes import quotes_digest
from timeline.rules.project import validate
from timeline.site.info import SiteInfo
from timeline.site.parts import render_pages
from timeline.site.views import Context
from webserver import Server

CORPUS = FIXTURES / "confirm"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
TODAY = dt.datetime.now(dt.UTC).date()
QUOTES = [  # what every case's event quotes from wire
    "handed over 212 suspects in an online fraud case",
    "This handover shows that cooperation across the border works",
]


def closed_address() -> str:
    """An address on 127.0.0.1 where nothing listens: a port just bound, then let go."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def fill_in(text: str, web: Server, closed: str) -> str:
    return text.replace("{web}", web.base).replace("{closed}", closed)


def case_project(tmp_path: Path, case: Path, web: Server, closed: str) -> Path:
    root = make_project(tmp_path / "project", case)
    record = root / "sources" / "wire.yml"
    record.write_text(fill_in(record.read_text(encoding="utf-8"), web, closed), encoding="utf-8")
    return root


def confirm(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = timeline(["confirm-source", "--root", str(root), "--timeout", "1", "--format", "text", *args])
    out, err = capsys.readouterr()
    return code, out, err


def record(root: Path, source: str = "wire") -> dict:
    return yaml.safe_load((root / "sources" / f"{source}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_case_prints_exactly_what_it_found(
    case: Path, tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    closed = closed_address()
    root = case_project(tmp_path, case, web, closed)
    assert run_cli("--root", str(root))[0] == 0  # every case is valid data: the validator cannot tell
    before = record(root).get("confirmed")
    code, out, err = confirm(root, capsys, "wire")
    expected = fill_in((case / "expect.txt").read_text(encoding="utf-8"), web, closed)
    assert (out, err) == (expected, "")
    assert code == (1 if ": error: " in out else 3 if ": warning: " in out else 0)
    assert "Traceback" not in out
    confirmed = record(root).get("confirmed")
    if code == 0:
        assert confirmed == {
            "date": TODAY,
            "against": "url" if "against its url" in out else "archive_url",
            "quotes_sha256": quotes_digest(QUOTES),  # the two quotes it found, pinned
        }
    elif code == 1:
        assert confirmed is None  # a confirmation the page contradicts is taken away
    else:
        assert confirmed == before  # a page not read says nothing either way
    assert run_cli("--root", str(root))[0] == 0  # what was written is still valid


def genuine_project(tmp_path: Path, web: Server) -> Path:
    return case_project(tmp_path, CORPUS / "genuine", web, closed_address())


def test_the_record_gains_one_block_and_keeps_every_other_line(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    root = genuine_project(tmp_path, web)
    path = root / "sources" / "wire.yml"
    before = path.read_text(encoding="utf-8")
    assert confirm(root, capsys, "wire")[0] == 0
    block = (
        f"confirmed:\n  date: {TODAY.isoformat()}\n  against: url\n  quotes_sha256: {quotes_digest(QUOTES)}\n"
    )
    assert path.read_text(encoding="utf-8") == before + block
    earlier = f"confirmed: {{date: 2024-02-20, against: url, quotes_sha256: {'0' * 64}}}\n"
    path.write_text(before.replace("notes:", earlier + "notes:"))
    assert confirm(root, capsys, "wire")[0] == 0  # a second run replaces the block, wherever it is
    assert path.read_text(encoding="utf-8") == before.replace("notes:", block + "notes:")


def test_changed_from_selects_only_new_or_changed_sources(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    root = genuine_project(tmp_path, web)
    base = make_project(tmp_path / "base")  # the base fixture: it has tribune, not wire
    asked = len(web.log.requests)
    code, out, _ = confirm(root, capsys, "--changed-from", str(base))
    assert code == 0 and out.endswith(
        "1 source selected: 1 confirmed, 0 with quotes not on the page, 0 not checked\n"
    )
    assert "tribune" not in out and len(web.log.requests) == asked + 1
    shutil.copytree(root / "sources", base / "sources", dirs_exist_ok=True)
    (base / "sources" / "wire.txt").write_text("An older text.\n")  # a changed text is checked again
    code, out, _ = confirm(root, capsys, "--changed-from", str(base))
    assert (code, out.splitlines()[-1]) == (
        0,
        "1 source selected: 1 confirmed, 0 with quotes not on the page, 0 not checked",
    )
    shutil.copytree(root / "sources", base / "sources", dirs_exist_ok=True)
    shutil.copytree(root / "events", base / "events", dirs_exist_ok=True)  # the base cites it too
    assert confirm(root, capsys, "--changed-from", str(base))[:2] == (
        0,
        "0 sources selected: 0 confirmed, 0 with quotes not on the page, 0 not checked\n",
    )


# --- a confirmation covers the quotes it found, and only the command writes it ----------------

FORGED = "handed over 2,120 suspects in an online fraud case"  # in forged-archive's text, not on its page


def cite(root: Path, *quotes: str) -> None:
    """Make the case's event cite exactly these quotes from wire."""
    event = root / "events" / "wire-handover.yml"
    head = event.read_text(encoding="utf-8").split("citations:\n")[0]
    cited = "".join(f"  - source: wire\n    quote: {q}\n" for q in quotes)
    event.write_text(f"{head}citations:\n{cited}", encoding="utf-8")


def line_of(root: Path, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return 1 + next(n for n, line in enumerate(lines) if text in line)


def confirmed_base(tmp_path: Path, case: str, web: Server, capsys: pytest.CaptureFixture[str]) -> Path:
    """A base where a maintainer confirmed wire when its event quoted only a passage on the page."""
    base = case_project(tmp_path / "base", CORPUS / case, web, closed_address())
    cite(base, QUOTES[1])
    assert confirm(base, capsys, "wire")[0] == 0
    return base


def test_a_quote_added_after_confirmation_is_looked_for_and_never_shown_as_confirmed(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    base = confirmed_base(tmp_path, "forged-archive", web, capsys)
    pr = tmp_path / "pr"
    shutil.copytree(base, pr)
    cite(pr, QUOTES[1], FORGED)  # a data-only pull request quotes the forged passage
    code, out = run_cli("--root", str(pr))
    assert code == 0 and out.splitlines()[0] == (
        f"sources/wire.yml:{line_of(pr, 'sources/wire.yml', 'quotes_sha256')}:18: warning: the quotes now "
        "cited from this source (2) are not the ones confirmed on its page: one was added or changed "
        "since, so the site shows the source as not confirmed; run ./dev.sh confirm-source wire again "
        "[confirmed-quotes-changed]"
    )
    pages = site_pages(pr)
    assert "## Not yet checked against the published article { #confirmation }" in pages["sources/wire.md"]
    assert "Checked against the published article" not in pages["sources/wire.md"]
    assert "(../sources/wire.md#confirmation)" in pages["events/wire-handover.md"]
    code, out, _ = confirm(pr, capsys, "--changed-from", str(base))
    page = f"{web.base}/news/2024/border-police-hand-over-212-suspects"
    assert (code, out.splitlines()) == (
        1,
        [
            f"events/wire-handover.yml:{line_of(pr, 'events/wire-handover.yml', FORGED)}:12: error: "
            f'the quote "{FORGED}" is not in the article at wire\'s url ({page}); sources/wire.txt may not '
            "be that article's text: compare the two, and cite only what the published article says "
            "[quote-not-on-page]",
            f"wire: not confirmed: 1 of 2 quotes are not in the article at its url ({page}); any confirmed "
            "field was removed",
            "1 source selected: 0 confirmed, 1 with quotes not on the page, 0 not checked",
        ],
    )
    assert "confirmed" not in record(pr)


def test_a_genuine_quote_added_after_confirmation_is_confirmed_again_with_both_quotes_pinned(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    base = confirmed_base(tmp_path, "genuine", web, capsys)
    assert record(base)["confirmed"]["quotes_sha256"] == quotes_digest(QUOTES[1:])
    pr = tmp_path / "pr"
    shutil.copytree(base, pr)
    cite(pr, *QUOTES)
    code, out, _ = confirm(pr, capsys, "--changed-from", str(base))
    assert code == 0 and out.endswith(
        "1 source selected: 1 confirmed, 0 with quotes not on the page, 0 not checked\n"
    )
    assert record(pr)["confirmed"]["quotes_sha256"] == quotes_digest(QUOTES)
    code, out = run_cli("--root", str(pr))
    assert code == 0 and "warning" not in out
    assert "## Checked against the published article" in site_pages(pr)["sources/wire.md"]
    cite(pr, *reversed(QUOTES))  # the same quotes in another order are the same set
    assert "warning" not in run_cli("--root", str(pr))[1]


def test_a_confirmed_field_new_since_the_base_must_be_reproduced(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    """A hand-written confirmed field validates and would show as checked; confirm-source
    --changed-from fails on it unless it confirms every quote on the page itself."""
    root = case_project(tmp_path, CORPUS / "confirmed-page-now-gone", web, closed_address())
    assert run_cli("--root", str(root))[0] == 0
    assert "## Checked against the published article" in site_pages(root)["sources/wire.md"]
    base = make_project(tmp_path / "base")  # it has no wire: the field is new
    code, out, _ = confirm(root, capsys, "--changed-from", str(base))
    assert code == 1
    assert out.splitlines()[1:] == [
        "sources/wire.yml:11:3: error: confirmed is new here, or its record or text changed, but "
        "reading the page again did not confirm every quote (see above): confirmed cannot be set or "
        "kept by hand; remove it (a code owner can merge the source without it, and the site then shows "
        "it as not confirmed) [confirmed-not-reproduced]",
        "1 source selected: 0 confirmed, 0 with quotes not on the page, 1 not checked",
    ]
    assert out.startswith("sources/wire.yml:8:6: warning: not confirmed: url ")
    shutil.copytree(root / "sources", base / "sources", dirs_exist_ok=True)
    code, out, _ = confirm(root, capsys, "--changed-from", str(base), "wire")  # the base's own field
    assert code == 3 and "confirmed-not-reproduced" not in out  # an unread page says nothing either way
    write_confirmed(
        root / "sources" / "wire.yml", {"date": "2024-02-21", "against": "url", "quotes_sha256": "0" * 64}
    )
    code, out, _ = confirm(root, capsys, "--changed-from", str(base))  # a changed field is new too
    assert code == 1 and "[confirmed-not-reproduced]" in out
    shutil.copytree(root / "sources", base / "sources", dirs_exist_ok=True)
    path = root / "sources" / "wire.yml"  # the same field, kept while the address changes
    path.write_text(path.read_text(encoding="utf-8").replace("/missing-page", "/another-missing-page"))
    code, out, _ = confirm(root, capsys, "--changed-from", str(base))
    assert code == 1 and "[confirmed-not-reproduced]" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["no-such-source"], "error: no source 'no-such-source'; give the id of a record in sources/\n"),
        (["--changed-from", "/nonexistent"], "error: /nonexistent has no sources/ folder; give a checkout\n"),
    ],
)
def test_a_wrong_argument_gets_one_line_and_exit_status_1(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str], args: list[str], says: str
):
    root = genuine_project(tmp_path, web)
    assert confirm(root, capsys, *args) == (1, "", says)


def test_data_with_errors_is_not_checked_against_any_page(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    root = genuine_project(tmp_path, web)
    event = root / "events" / "wire-handover.yml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("212 suspects", "213 suspects"), encoding="utf-8"
    )
    asked = len(web.log.requests)
    code, out, err = confirm(root, capsys, "wire")
    assert code == 1 and "[quote-not-found]" in out and "Traceback" not in out + err
    assert err == "error: fix the errors above first: only valid data can be confirmed\n"
    assert len(web.log.requests) == asked and "confirmed" not in record(root)


def test_every_request_names_the_project(tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]):
    root = genuine_project(tmp_path, web)
    asked = len(web.log.requests)
    assert confirm(root, capsys, "wire")[0] == 0
    assert all(
        agent.startswith("myanmar-scam-crackdown-timeline ") for _, _, agent in web.log.requests[asked:]
    )


# --- on the site ---------------------------------------------------------------------------


def site_pages(root: Path) -> dict[str, str]:
    dataset = validate(root).dataset
    assert dataset is not None
    return {o.path: o.content for o in render_pages(Context.of(dataset, SiteInfo()))}


def test_an_unconfirmed_source_is_marked_wherever_it_is_cited_and_its_page_says_why(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    root = genuine_project(tmp_path, web)
    before = site_pages(root)
    # The event's page holds its citations (the timeline's markers lead there); no other page cites wire.
    event = html.unescape(before["events/wire-handover.md"])
    unconfirmed = (
        '[Example Border Wire, 14 February 2024<span class="tl-unconfirmed"> (address not confirmed)</span>]'
    )
    assert event.count(f"{unconfirmed}(../sources/wire.md#confirmation)") == 2
    assert [path for path, page in before.items() if "wire.md#confirmation" in page] == [
        "events/wire-handover.md"
    ]
    citing_tribune = [path for path, page in before.items() if "tribune.md#confirmation" in page]
    assert {"events/handover.md", "figures.md", "entities/cctv.md"} <= set(
        citing_tribune
    )  # event pages, figures, descriptions
    assert "## Not yet checked against the published article { #confirmation }" in before["sources/wire.md"]
    assert confirm(root, capsys, "wire")[0] == 0
    after = site_pages(root)
    assert "wire.md#confirmation" not in "".join(after.values())
    event = html.unescape(after["events/wire-handover.md"])
    assert event.count("[Example Border Wire, 14 February 2024](../sources/wire.md)") == 2
    assert "tribune.md#confirmation" in after["events/handover.md"]
    page = after["sources/wire.md"]
    assert "## Checked against the published article { #confirmation }" in page
    assert f"On {TODAY.day} {TODAY:%B %Y}, every passage the site quotes" in page
    assert "found in the article at its address," in page


def test_a_source_confirmed_from_its_archived_copy_says_so(
    tmp_path: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    root = case_project(tmp_path, CORPUS / "archived-copy-when-page-is-gone", web, closed_address())
    assert confirm(root, capsys, "wire")[0] == 0
    assert "found in the article at its archived copy," in site_pages(root)["sources/wire.md"]


@pytest.mark.build
def test_the_built_site_links_each_mark_to_its_explanation(built_site: Path):
    """The real sources are not confirmed yet: every citation of one carries the mark,
    and every mark leads to the section of its source page that explains it."""
    dataset = real_dataset()
    unconfirmed = [s for s in dataset.sources.values() if s.confirmed is None]
    assert unconfirmed
    for source in unconfirmed:
        assert "confirmation" in scan(page_of(built_site, f"sources/{source.id}/")).ids
    marks = []
    for event in dataset.events:  # each event page's citations, figures and accounts
        page = (built_site / "events" / event.id / "index.html").read_text(encoding="utf-8")
        marks += re.findall(r'href="([^"]+/#confirmation)"', page)
    cited = [c.source for e in dataset.events for c in e.citations]
    cited += [f.source for e in dataset.events for f in e.figures]
    cited += [a.source for e in dataset.events for d in e.disagreements for a in d.accounts]
    assert len(marks) == sum(dataset.sources[s].confirmed is None for s in cited)
    assert {m.rsplit("/", 2)[-2] for m in marks} == {s.id for s in unconfirmed if s.id in cited}
