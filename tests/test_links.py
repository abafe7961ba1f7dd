"""timeline check-links: every source address asked politely, and exactly the broken ones reported."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import time
from pathlib import Path

import markdown
import pytest

from timeline.cli import main as timeline
from timeline.contrib.links import Checked, Link, check_all, first_failures, issue_body, source_links
from timeline.contrib.web import sendable
from webserver import SLOW_SECONDS, Server

GOOD = ["/news/2024/border-police-hand-over-212-suspects", "/short-link", "/no-head", "/report.pdf"]
BROKEN = ["/missing-page", "/slow", "/paywalled"]


def closed_port() -> str:
    """An address on this machine where nothing listens: the connection is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/gone"


def with_addresses(project: Path, base: str, refused: str) -> None:
    """One source record per address: its url, and for the first an archive_url too."""
    record = (project / "sources" / "tribune.yml").read_text(encoding="utf-8")
    urls = [base + p for p in GOOD + BROKEN] + [refused]
    for i, url in enumerate(urls):
        text = record.replace("id: tribune", f"id: s{i}")
        text = "\n".join(f"url: {url}" if line.startswith("url:") else line for line in text.splitlines())
        if i == 0:
            text = text.replace("archive_sha256:", f"archive_url: {base}/archived-copy\narchive_sha256:")
        (project / "sources" / f"s{i}.yml").write_text(text + "\n", encoding="utf-8")
        (project / "sources" / f"s{i}.txt").write_bytes((project / "sources" / "tribune.txt").read_bytes())


def test_the_addresses_are_every_url_and_archive_url_once(project: Path, web: Server):
    refused = closed_port()
    with_addresses(project, web.base, refused.replace("http://", "HTTP://"))  # as the validator allows
    links = source_links(project)
    assert [link.url for link in links][:2] == [web.base + GOOD[0], web.base + "/archived-copy"]
    assert links[1].cited_by == ("s0 (archive_url)",)
    assert len(links) == len(GOOD) + len(BROKEN) + 3  # the archived copy, the refused port, tribune's


def test_exactly_the_broken_addresses_are_reported_within_the_timeout(web: Server):
    refused = closed_port()
    links = [Link(web.base + p, ("s",)) for p in GOOD + BROKEN] + [Link(refused, ("s",))]
    start = time.monotonic()
    results = check_all(links, timeout=1, jobs=4)
    assert time.monotonic() - start < SLOW_SECONDS  # the slow answer was not waited for
    failed = {r.link.url: r.detail for r in results if not r.ok}
    assert failed == {
        web.base + "/missing-page": "the server answered 404 Not Found",
        web.base + "/slow": "no answer within 1 seconds",
        web.base + "/paywalled": "the server answered 402 Payment Required",
        refused: "could not connect ([Errno 111] Connection refused)",
    }
    ok = {r.link.url: r.detail for r in results if r.ok}
    assert ok[web.base + "/no-head"] == "200 via GET"  # HEAD refused, GET answered
    assert ok[web.base + "/short-link"] == "200 via HEAD"  # redirects followed
    assert [r.link.url for r in results] == [link.url for link in links]  # in the order given


def test_requests_name_the_project_and_run_a_few_at_a_time(web: Server):
    before = len(web.log.requests)
    check_all([Link(f"{web.base}/wait/{i}", ("s",)) for i in range(8)], timeout=5, jobs=2)
    mine = web.log.requests[before:]
    assert len(mine) == 8 and {method for method, _, _ in mine} == {"HEAD"}
    assert all(agent.startswith("myanmar-scam-crackdown-timeline ") for _, _, agent in mine)
    assert web.log.most_busy["wait"] == 2


def test_the_command_prints_each_address_and_exits_1_when_any_fails(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    with_addresses(project, web.base, closed_port())
    (project / "sources" / "tribune.yml").write_text(
        (project / "sources" / "tribune.yml").read_text().replace("https://tribune.net.ph", web.base)
    )
    assert timeline(["check-links", "--root", str(project), "--timeout", "1"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "10 addresses checked, 6 failed"  # the four broken, the archived copy, tribune's
    assert any(
        line.startswith(f"FAILED  {web.base}/slow  no answer within 1 seconds  [s5 (url)]") for line in out
    )
    assert timeline(["check-links", "--root", str(project), "--timeout", "1", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    failed = {r["url"] for r in report if not r["ok"]}
    assert len(failed) == 6 and {web.base + p for p in BROKEN} <= failed
    assert report[0] == {
        "url": web.base + GOOD[0],
        "cited_by": ["s0 (url)"],
        "ok": True,
        "status": 200,
        "detail": "200 via HEAD",
    }


def test_the_command_exits_0_when_every_address_answers(
    project: Path, web: Server, capsys: pytest.CaptureFixture[str]
):
    record = project / "sources" / "tribune.yml"
    record.write_text(record.read_text().replace("https://tribune.net.ph/2024/01", web.base + "/no-head?"))
    assert timeline(["check-links", "--root", str(project)]) == 0
    assert capsys.readouterr().out.endswith("1 addresses checked, 0 failed\n")


def test_the_issue_keeps_the_day_each_address_first_failed(web: Server):
    links = [Link(web.base + p, ("s0 (url)",)) for p in ["/missing-page", "/paywalled", GOOD[0]]]
    results = check_all(links, timeout=2)
    monday = dt.date(2026, 11, 23)
    first = issue_body(results, "", monday)
    assert first_failures(first) == {
        web.base + "/missing-page": "2026-11-23",
        web.base + "/paywalled": "2026-11-23",
    }
    assert (
        f"| ` {web.base}/missing-page ` | ` s0 (url) ` | ` the server answered 404 Not Found ` "
        "| 2026-11-23 (0 days) |" in first
    )
    # A week later the paywall answers again: it drops out; the 404 keeps its first day.
    results = [r for r in results if "/paywalled" not in r.link.url]
    later = issue_body(results, first, monday + dt.timedelta(days=7))
    assert first_failures(later) == {web.base + "/missing-page": "2026-11-23"}
    assert "2026-11-23 (7 days)" in later and "/paywalled" not in later
    assert "1 of 2 source addresses did not answer" in later


def test_a_damaged_issue_state_starts_afresh():
    assert first_failures("<!-- source-health: {not json} -->") == {}
    assert first_failures('<!-- source-health: {"https://x.example": "yesterday"} -->') == {}
    assert first_failures("no state at all") == {}


def test_the_issue_body_escapes_table_cells():
    result = Checked(Link("https://x.example/a|b", ("s (url)",)), False, 500, "error | with a bar")
    body = issue_body([result], "", dt.date(2026, 1, 1))
    row = "| ` https://x.example/a\\|b ` | ` s (url) ` | ` error \\| with a bar ` | 2026-01-01 (0 days) |"
    assert row in body


def test_the_issue_body_shows_hostile_addresses_and_answers_as_code_only():
    """An address (from the data) or a server's answer that holds HTML, a link, a mention,
    emphasis or backticks is shown as text in its cell: nothing of it is rendered."""
    url = "https://x.example/<script>alert(1)</script>[a](javascript:x)``c``|@team **b** <!--"
    answer = "the server answered 500 <img src=x onerror=alert(1)> | @all"
    body = issue_body([Checked(Link(url, ("s (url)",)), False, 500, answer)], "", dt.date(2026, 1, 1))
    row = body.splitlines()[-1]
    escaped = url.replace("|", "\\|")  # GitHub splits a table's cells on bars before reading code
    assert row.startswith(f"| ``` {escaped} ``` | ` s (url) ` | ")
    html = markdown.markdown(body, extensions=["tables"])
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert len(cells) == 4 and all(c.startswith("<code>") and c.endswith("</code>") for c in cells[:3])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;[a](javascript:x)``c``" in cells[0]
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>" not in html
    assert first_failures(body) == {url: "2026-01-01"}


def test_an_unreadable_previous_body_is_one_line(project: Path, capsys: pytest.CaptureFixture[str]):
    code = timeline(
        ["check-links", "--root", str(project), "--format", "issue", "--previous", "/nonexistent.md"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_a_redirect_leaves_the_web_only_to_fail(web: Server):
    results = check_all([Link(web.base + "/to-ftp", ("s",)), Link(web.base + "/to-file", ("s",))], timeout=2)
    assert [r.ok for r in results] == [False, False]
    assert all(r.detail.startswith(("the server answered 30", "could not connect")) for r in results)


def test_the_issue_state_survives_an_address_that_would_end_its_comment():
    url = "https://x.example/a-->b<!--"
    body = issue_body([Checked(Link(url, ("s (url)",)), False, 404, "gone")], "", dt.date(2026, 1, 1))
    assert body.splitlines()[0].count("-->") == 1  # the state's comment ends where it should
    assert first_failures(body) == {url: "2026-01-01"}


def test_every_address_the_validator_accepts_is_asked_or_answered_in_one_line(web: Server):
    """Spaces, non-ASCII text, international host names, ports and fragments: each gives a
    result, never an exception (a space once stopped the whole run with a traceback)."""
    page = "/news/2024/border-police-hand-over-212-suspects"
    answering = [
        web.base + page + "#the-handover",  # a fragment is not sent
        web.base + page + "?q=ü b",
        web.base.replace("127.0.0.1", "user@127.0.0.1") + page,
    ]
    failing = [
        web.base + "/a page with spaces",  # sent percent-encoded: the server answers 404
        web.base + "/ünïcödé/页面",
        "http://127.0.0.1:99999/",  # a port out of range
        "http://127.0.0.1:0/",
        "http://127.0.0.1:port/",  # a port that is no number
        "http://" + "ü" * 70 + ".example/",  # a label IDNA cannot write
        "http://[::1/",  # an unclosed bracket
        "https:// example.org/",
    ]
    results = check_all([Link(url, ("s",)) for url in answering + failing], timeout=2)
    assert [r.ok for r in results] == [True] * len(answering) + [False] * len(failing)
    assert all(r.detail and "\n" not in r.detail for r in results)
    asked = {path for _, path, _ in web.log.requests}
    assert "/a%20page%20with%20spaces" in asked and "/%C3%BCn%C3%AFc%C3%B6d%C3%A9/%E9%A1%B5%E9%9D%A2" in asked
    assert page + "?q=%C3%BC%20b" in asked and not any("#" in path for path in asked)


def test_an_address_is_sent_as_a_browser_sends_it():
    assert sendable("http://bücher.example:8080/ä b/?q=ü&r=%20x#top") == (
        "http://xn--bcher-kva.example:8080/%C3%A4%20b/?q=%C3%BC&r=%20x"
    )
    plain = "https://example.org/a/b?c=d&e=(f)'g'"
    assert sendable(plain) == plain  # an address that needs nothing comes back unchanged
    assert sendable("https://[2001:db8::1]:443/x") == "https://[2001:db8::1]:443/x"
