"""A page to add as a source: fetched from its address, or read from a file saved from it.

Some pages cannot be read by a program (a paywall, a page that is blank until a
script runs): then the contributor opens it in a browser, saves it, and gives the saved
file instead, so every failure here says how to do that. A saved web archive (.mhtml)
also tells where and when it was saved; a saved .html file or plain text does not.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

from ..data.files import read_limited
from . import MissingSources
from .web import MAX_PAGE_BYTES, WebError, request

try:
    from trafilatura.utils import decode_file
except ModuleNotFoundError as missing:
    raise MissingSources(missing.name) from None

HTML_TYPES = ("text/html", "application/xhtml+xml")
WALLED = (401, 402, 403, 451)  # statuses a paywall or a bot wall answers with
SAVE_HINT = (
    "open it in a browser, save the page (as .html or .mhtml, or copy its text into a .txt file), "
    "then run: ./dev.sh add-source FILE --url {url}"
)


class CaptureError(Exception):
    """The page could not be read; the message says why and what to do instead."""


@dataclass(frozen=True)
class Capture:
    """The page as read: its markup, or plain text; where and when it was captured, if known."""

    html: str | None  # the page's markup; None for a plain-text file
    text: str | None  # the article's text as given in a .txt file
    url: str | None  # the address it was read from, after redirects; None when not known
    retrieved: dt.date | None  # when it was captured; None when not known
    retrieved_basis: str | None
    origin: str  # what the contributor named, for messages


def is_address(given: str) -> bool:
    return urlsplit(given).scheme in ("http", "https")


def fetch_page(url: str, today: dt.date, timeout: float) -> Capture:
    """The page at url, as its server gives it to a program."""
    try:
        answer = request(url, timeout=timeout)
    except WebError as err:
        if err.status in WALLED:
            raise CaptureError(
                f"{url}: {err}, as pages behind a paywall or a bot check do; {SAVE_HINT.format(url=url)}"
            ) from None
        raise CaptureError(f"{url}: {err}; check the address, or {SAVE_HINT.format(url=url)}") from None
    if answer.content_type not in HTML_TYPES:
        raise CaptureError(
            f"{url} is not an HTML page (it is {answer.content_type}); copy the article's text into a "
            f".txt file and run: ./dev.sh add-source FILE --url {url}"
        )
    return Capture(
        decoded(answer.body, answer.charset), None, answer.url, today, "fetched by timeline add-source", url
    )


def read_saved(path: Path, url: str | None) -> Capture:
    """A page saved from a browser (.html, .htm, .mhtml, .mht) or an article's text (.txt)."""
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".mhtml", ".mht", ".txt"):
        raise CaptureError(f"{path}: give a page saved as .html, .htm, .mhtml or .mht, or its text as .txt")
    raw, problems = read_limited(path, str(path), MAX_PAGE_BYTES, "save the article's page alone")
    if raw is None:
        raise CaptureError(f"{path}: {problems[0].message if problems else 'cannot read the file'}")
    if suffix in (".html", ".htm"):
        return Capture(decode_file(raw), None, url, None, None, str(path))
    if suffix in (".mhtml", ".mht"):
        return _web_archive(raw, path, url)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CaptureError(f"{path} is not UTF-8 text; save it as UTF-8") from None
    if not text.strip():
        raise CaptureError(f"{path} is empty; paste the article's text into it")
    return Capture(None, text, url, None, None, str(path))


def _web_archive(raw: bytes, path: Path, url: str | None) -> Capture:
    """The page inside a saved web archive (MHTML), with the address and date it records."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = next((p for p in message.walk() if p.get_content_type() in HTML_TYPES), None)
    if not isinstance(part, EmailMessage):
        raise CaptureError(f"{path} holds no HTML page; save the page again as a web archive or as .html")
    raw_html = part.get_payload(decode=True)
    if not isinstance(raw_html, bytes):
        raise CaptureError(f"{path}: the saved page cannot be decoded; save it again as .html")
    html = decoded(raw_html, part.get_content_charset())
    saved_from = message.get("Snapshot-Content-Location") or part.get("Content-Location")
    try:
        saved = email.utils.parsedate_to_datetime(str(message["Date"])).date() if message["Date"] else None
    except ValueError:
        saved = None
    basis = "the date the browser recorded when the page was saved" if saved else None
    return Capture(html, None, url or _address(saved_from), saved, basis, str(path))


def decoded(raw: bytes, charset: str | None) -> str:
    """The page's text in the character set it declares, or else the one it reads as."""
    try:
        return raw.decode(charset, "replace") if charset else decode_file(raw)
    except LookupError:  # a character set Python does not know
        return decode_file(raw)


def _address(value: object) -> str | None:
    return str(value) if value is not None and is_address(str(value)) else None
