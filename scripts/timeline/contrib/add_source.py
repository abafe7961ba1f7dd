"""A new source from its page: the archived text and a record of everything the page states.

What the page states is written as read; what it does not is written as a TODO
placeholder saying what to find out, which the validator refuses until a contributor
has filled it in (or, for a byline, written null when there is none). A date that
htmldate could only find in the running text is written with a TODO basis: it may be
an event's date, not the article's. The text's SHA-256 is pinned at once, since the
text is exactly what the extractor read; the contributor compares it with the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..data.archives import sha256
from ..data.records import PLACEHOLDER, SOURCE
from .capture import Capture
from .extract import Article, read_article
from .scaffold import date_words, make_id, write_stub

BOILERPLATE = re.compile(r"(?i)advertisement|advert|sponsored|read more|related stories?|share this")


@dataclass(frozen=True)
class Draft:
    """The archived text and the record's fields: a value, a TODO placeholder, or None (null)."""

    text: str
    title: str
    publisher: str
    author: str
    published: str
    published_basis: str
    url: str
    retrieved: str | None
    retrieved_basis: str | None = None
    archive_url: str | None = None
    not_article: tuple[tuple[str, str], ...] = ()
    checks: list[str] = field(default_factory=list)  # what to check by hand, one line each
    id_words: tuple[str, ...] = ()


def todo(what: str) -> str:
    return f"{PLACEHOLDER}: {what}"


def article_of(capture: Capture) -> Article:
    """The article in the capture: extracted from its markup, or the plain text given as it is."""
    if capture.html is not None:
        return read_article(capture.html, capture.origin)
    return Article(text=capture.text or "", title=None, author=None, publisher=None, url=None, published=None)


def draft(capture: Capture, article: Article, archive_url: str | None = None) -> Draft:
    """The record's fields from what the page states; TODO where it states nothing."""
    text = archived_text(article.text) if capture.html is not None else article.text  # a .txt as given
    url = capture.url or article.url
    host = urlsplit(url).hostname if url else None
    dated = article.published
    return Draft(
        text=text,
        title=article.title or todo("the headline (the page's markup states none)"),
        publisher=article.publisher
        or todo(f"who published it (the page names no site{f'; its address is on {host}' if host else ''})"),
        author=article.author or todo("the byline as printed, or null if the article has none"),
        published=dated.date if dated else todo("when it was published, as precisely as known"),
        published_basis=(dated.basis if dated else None)
        or todo(
            f"htmldate found {dated.date} only in the page's text: check it, then say how the date is known"
            if dated
            else "how the publication date is known (the page states none)"
        ),
        url=url or todo("the address the page was saved from, or null if not known"),
        retrieved=capture.retrieved.isoformat() if capture.retrieved else None,
        retrieved_basis=capture.retrieved_basis,
        archive_url=archive_url,
        not_article=boilerplate_lines(text),
        checks=_checks(article, url if url and not capture.url else None),
        id_words=_id_words(
            article.publisher or host, date_words(dated.date) if dated else None, article.title
        ),
    )


def _checks(article: Article, own_url: str | None) -> list[str]:
    """What a person must check by hand: always the text, and each field taken from the page
    rather than known (own_url: the address a saved page gives for itself)."""
    checks = [
        "the text: compare it with the article as published; list lines that are not the article "
        "(a caption, a teaser, 'Advertisement') under not_article, and never edit the text itself"
    ]
    if article.title:
        checks.append(f"title: {article.title!r}, as the page's markup gives it")
    if article.author:
        checks.append(f"author: {article.author!r}, as the page's markup gives it")
    dated = article.published
    if dated and dated.basis is None:
        checks.append(f"published: {dated.date} was found only in the page's text; is it the article's?")
    if own_url:
        checks.append(f"url: {own_url}, the address the saved page gives for itself")
    return checks


def _id_words(*words: str | None) -> tuple[str, ...]:
    return tuple(w for w in words if w)


def archived_text(body: str) -> str:
    """The extractor's text, one paragraph a line, with a blank line between paragraphs."""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return "\n\n".join(paragraphs) + "\n"


def boilerplate_lines(text: str) -> tuple[tuple[str, str], ...]:
    """Lines that are only a page's furniture ('Advertisement', 'Read more'), as not_article entries."""
    return tuple(
        (str(number), line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if BOILERPLATE.fullmatch(line.strip().rstrip(":"))
    )


def proposed_id(draft: Draft, chosen: str | None) -> str:
    """The chosen id, or one from the publisher, the date and the headline."""
    record_id = chosen or make_id(*draft.id_words, limit=60)
    if not record_id or make_id(record_id) != record_id:  # an id is what make_id leaves unchanged
        raise ValueError(
            f"'{record_id}' is not an id; choose one with --id: lower-case letters, digits and single "
            "hyphens, e.g. example-news-2024-02-14-border-handover"
            if record_id
            else "the page gives no publisher, date or headline to name the source by; choose an id with --id"
        )
    return record_id


def write_source(root: Path, draft: Draft, record_id: str, origin: str, today: dt.date) -> tuple[Path, Path]:
    """sources/<id>.txt and sources/<id>.yml; FileExistsError if either exists already.

    origin, where the page came from, goes into a comment: on one line, whatever it holds.
    """
    folder = root / SOURCE.folder
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder; run inside the project, or name it with --root")
    for name in (f"{record_id}.txt", f"{record_id}.yml"):
        if (folder / name).exists() or (folder / name).is_symlink():
            raise FileExistsError(
                f"sources/{name} already exists; nothing was written: choose another id with --id"
            )
    raw = draft.text.encode("utf-8")
    text = folder / f"{record_id}.txt"
    with text.open("xb") as out:
        out.write(raw)
    record = write_stub(
        root, SOURCE, record_id, "added_source.yml.j2",
        draft=draft, sha=sha256(raw), origin=" ".join(origin.split()), today=today.isoformat(),
        text_path=f"sources/{record_id}.txt",
    )  # fmt: skip
    return text, record
