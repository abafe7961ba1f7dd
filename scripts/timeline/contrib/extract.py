"""An article's text and what its page says about it, read by maintained extractors.

trafilatura finds the article body among a page's menus, teasers and footers, and
reads the headline, byline and site name from its markup; htmldate finds the
publication date. Nothing is guessed: what a page does not state is None, and a date
htmldate could only find in the running text (where any date may be an event's) comes
without a basis, for the contributor to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import MissingSources

try:
    import trafilatura
    from htmldate import find_date
    from trafilatura.metadata import META_URL
except ModuleNotFoundError as missing:
    raise MissingSources(missing.name) from None

MIN_WORDS = 40  # fewer words than a short news item: a script wall, a paywall teaser, an error page


class ExtractionError(Exception):
    """No article could be read from the page; the message says what to do instead."""


@dataclass(frozen=True)
class Dated:
    """A publication date (YYYY-MM-DD) and how it was found; basis None: confirm it by hand."""

    date: str
    basis: str | None


@dataclass(frozen=True)
class Article:
    """The article body (one paragraph a line) and the metadata its page states."""

    text: str
    title: str | None
    author: str | None
    publisher: str | None
    url: str | None  # the address the page gives for itself (its canonical link)
    published: Dated | None


def read_article(html: str, origin: str) -> Article:
    """The article in a page's markup; ExtractionError when there is none to speak of."""
    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_images=False, favor_precision=True
    )
    words = len(text.split()) if text else 0
    if text is None or words < MIN_WORDS:
        raise ExtractionError(
            f"{origin}: no article found ({words} words of text), as on a page behind a paywall or one "
            "that needs JavaScript; open it in a browser, save it as .html or .mhtml (or copy the "
            "article's text into a .txt file) and give that file instead, with --url"
        )
    meta = trafilatura.extract_metadata(html, extensive=False)
    return Article(
        text=text,
        title=meta.title or None,
        author=meta.author or None,
        publisher=_publisher(meta.sitename, meta.url),
        url=meta.url or None,
        published=publication_date(html, meta.url),
    )


def _publisher(sitename: str | None, url: str | None) -> str | None:
    """The site's own name; not the host name trafilatura falls back to when there is none."""
    if not sitename:
        return None
    host = META_URL.match(url) if url else None
    return None if host and host[1] == sitename else sitename


def publication_date(html: str, url: str | None) -> Dated | None:
    """The original publication date, from the most reliable place that states one."""
    if date := find_date(html, extensive_search=False, original_date=True):
        return Dated(date, "the page's date markup (its metadata or a dated element), read by htmldate")
    if url and (date := find_date("<html></html>", extensive_search=False, url=url)):
        return Dated(date, "the date in its address")
    if date := find_date(html, extensive_search=True, original_date=True):
        return Dated(date, None)
    return None
