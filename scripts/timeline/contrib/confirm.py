"""Whether a source is the article its address names: its quotes, found on the page.

The validator proves that every quote is in the archived text and that the text has not
changed since it was pinned; neither proves that the text is the article at its address.
A wholly invented text, pinned, with a real newspaper's address, validates. So this reads
the page at the record's url, extracts the article as add-source does, and looks for
every quote cited from the source in it, normalised and matched on whole words as the
validator matches them.

The published page is what counts: when it can be read and lacks a quote, the source
fails, whatever an archived copy holds. Only when the url cannot be read (or is not
known) is the archive_url read instead. A page that cannot be read at all leaves the
source unconfirmed: that says nothing either way, and a reviewer compares by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from ..data.load import Document, load_bytes
from ..data.model import Dataset, Source
from ..data.problems import Problem
from ..data.quotes import Archive, Found, normalise, quotes_digest
from ..data.records import ENTITY, EVENT, SOURCE, cited_by_source, quoted_passages
from ..rules.commands import CONFIRMED_NOT_REPRODUCED, NOT_CONFIRMED, QUOTE_NOT_ON_PAGE
from .add_source import archived_text
from .capture import HTML_TYPES, decoded
from .extract import ExtractionError, read_article
from .web import WebError, request

ADDRESSES = ("url", "archive_url")  # in the order they are read


class Outcome(Enum):
    CONFIRMED = "confirmed"  # every quote is in the article on the page read
    MISSING = "missing"  # the page was read and lacks a quote: the text may be invented
    UNREAD = "unread"  # no address could be read (or nothing quotes it): nothing known either way


@dataclass(frozen=True)
class Quote:
    """A passage cited from a source, and where it is written (where a problem points)."""

    text: str
    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Checked:
    """One source's outcome: the address read, if any, and a problem per quote not found
    on it (or one saying why no address could be read)."""

    source: str
    outcome: Outcome
    against: str | None  # 'url' or 'archive_url'
    address: str | None
    quotes: int
    problems: tuple[Problem, ...] = ()


def changed_sources(root: Path, base: Path, ids: Iterable[str]) -> list[str]:
    """The sources whose record or text is new or differs from the copy in base, or that
    are cited for a quote base does not cite from them: that quote was never looked for on
    the page, whatever base confirmed."""
    ours, theirs = _cited(root), _cited(base)
    return [
        source
        for source in ids
        if any(_differs(root / SOURCE.folder / name, base / SOURCE.folder / name) for name in _files(source))
        or not ours.get(source, set()) <= theirs.get(source, set())
    ]


def claimed_confirmations(root: Path, base: Path, ids: Iterable[str]) -> set[str]:
    """The sources with a confirmed field whose record or text is new or differs from
    base's: the field was written, or kept across a change of address or text, by the pull
    request, so this run must reproduce it (no one may write it by hand)."""
    return {
        source
        for source in ids
        if _confirmed_field(root, source) is not None
        and any(_differs(root / SOURCE.folder / name, base / SOURCE.folder / name) for name in _files(source))
    }


def _confirmed_field(root: Path, source: str) -> object:
    path = root / SOURCE.folder / f"{source}.yml"
    doc, _ = load_bytes(path.read_bytes(), f"{SOURCE.folder}/{source}.yml")
    return None if doc is None else doc.data.get("confirmed")


def _cited(root: Path) -> dict[str, set[str]]:
    """Every quote a checkout's events and entities cite, normalised, by source (a file that
    cannot be read cites nothing: the validator reports it)."""
    records = []
    for kind in (EVENT, ENTITY):
        folder = root / kind.folder
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
            if path.is_symlink() or not path.is_file():
                continue
            doc, _ = load_bytes(path.read_bytes(), f"{kind.folder}/{path.name}")
            if doc is not None:
                records.append(doc.data)
    return {source: {normalise(q) for q in quotes} for source, quotes in cited_by_source(records).items()}


def _files(source: str) -> tuple[str, str]:
    return f"{source}.yml", f"{source}.txt"


def _differs(ours: Path, theirs: Path) -> bool:
    if theirs.is_symlink() or not theirs.is_file():
        return True
    return ours.read_bytes() != theirs.read_bytes()


def cited_quotes(root: Path, dataset: Dataset, sources: Iterable[str]) -> dict[str, list[Quote]]:
    """Every quote that events and entities cite from each source (citations, figures,
    disagreements' accounts, as the validator reads them), with its file and line."""
    found: dict[str, list[Quote]] = {source: [] for source in sources}
    paths = {e.path for source in found for e in dataset.events_by_source.get(source, ())}
    paths |= {e.path for e in dataset.entities.values() if any(c.source in found for c in e.citations)}
    for path in sorted(paths):
        doc = document(root, path)
        for where, cited in quoted_passages(doc.data):
            source, quote = cited.get("source"), cited.get("quote")
            if isinstance(source, str) and source in found and isinstance(quote, str):
                line, col = doc.where((*where, "quote"))
                found[source].append(Quote(quote, path, line, col))
    return found


def document(root: Path, path: str) -> Document:
    """A record the validator has just read without a problem, read again with positions."""
    doc, problems = load_bytes((root / path).read_bytes(), path)
    if doc is None:  # not after a clean validation; a file changed since would say why
        raise ValueError(problems[0].text() if problems else f"{path} cannot be read")
    return doc


def page_text(url: str, timeout: float) -> str:
    """The article on the page at url, extracted and laid out as add-source archives it."""
    answer = request(url, timeout=timeout)
    if answer.content_type not in HTML_TYPES:
        raise WebError(f"it is not an HTML page (it is {answer.content_type})")
    return archived_text(read_article(decoded(answer.body, answer.charset), url).text)


def confirm(source: Source, quotes: list[Quote], doc: Document, timeout: float) -> Checked:
    """Read the source's url, or its archive_url when the url cannot be read, and look
    for every quote in the article there. A source nothing quotes is not read: finding no
    quote missing would confirm nothing."""
    if not quotes:
        return _unconfirmed(source, doc, "nothing quotes it yet; cite it from an event, then run this again")
    unread: list[str] = []
    for key in ADDRESSES:
        address = getattr(source, key)
        if address is None:
            continue
        try:
            archive = Archive.of(page_text(address, timeout))
        except (WebError, ExtractionError) as err:
            unread.append(f"{key} {address}: {_reason(err)}")
            continue
        missing = [q for q in quotes if archive.search(normalise(q.text)).found is not Found.MATCH]
        if not missing:
            return Checked(source.id, Outcome.CONFIRMED, key, address, len(quotes))
        problems = tuple(_not_on_page(q, source.id, key, address) for q in missing)
        return Checked(source.id, Outcome.MISSING, key, address, len(quotes), problems)
    why = "; ".join(unread) or "the record has neither a url nor an archive_url to read"
    return _unconfirmed(
        source,
        doc,
        f"{why}; the source stays unconfirmed until its page can be read (a reviewer can compare "
        "the text with the published article by hand)",
        len(quotes),
    )


def _unconfirmed(source: Source, doc: Document, why: str, quotes: int = 0) -> Checked:
    """Nothing known either way: a warning at the record's url, and the record left as it is."""
    problem = doc.problem(("url",), NOT_CONFIRMED, f"not confirmed: {why}")
    return Checked(source.id, Outcome.UNREAD, None, None, quotes, (problem,))


def _reason(err: Exception) -> str:
    if isinstance(err, ExtractionError):  # its own message tells how to add a source instead
        return "no article found on the page (a paywall, or a page that needs JavaScript)"
    return str(err)


def _not_on_page(quote: Quote, source: str, key: str, address: str) -> Problem:
    return QUOTE_NOT_ON_PAGE.problem(
        quote.path,
        quote.line,
        quote.col,
        f'the quote "{quote.text}" is not in the article at {source}\'s {key} ({address}); '
        f"sources/{source}.txt may not be that article's text: compare the two, and cite only what "
        "the published article says",
    )


_BLOCK = re.compile(r"(?m)^confirmed:[^\n]*\n(?:[ \t]+[^\n]*\n)*")


def write_confirmed(path: Path, confirmed: Mapping[str, str] | None) -> bool:
    """Set the record's confirmed block (its fields in the order given), or remove it,
    given None, leaving every other line as it was; whether the file changed."""
    text = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    block = ""
    if confirmed:
        block = newline.join(["confirmed:", *(f"  {key}: {value}" for key, value in confirmed.items()), ""])
    ended = text if text.endswith("\n") else text + newline
    if _BLOCK.search(ended):
        changed = _BLOCK.sub(lambda _: block, ended, count=1)
    elif confirmed:
        changed = ended + block
    else:
        return False
    if changed == ended:
        return False
    path.write_bytes(changed.encode("utf-8"))
    return True


def confirm_all(
    root: Path,
    dataset: Dataset,
    sources: list[str],
    today: dt.date,
    timeout: float,
    claimed: Iterable[str] = (),
) -> list[Checked]:
    """Check each source in turn and record the outcome in its record: confirmed, with the
    digest of the quotes found, when every quote was found; no longer confirmed when one
    is missing; unchanged when unread. A claimed source (see claimed_confirmations) that is
    not confirmed here is an error: its confirmed field is not the command's."""
    quotes: Mapping[str, list[Quote]] = cited_quotes(root, dataset, sources)
    results = []
    for source_id in sources:
        source = dataset.sources[source_id]
        doc = document(root, source.path)
        checked = confirm(source, quotes[source_id], doc, timeout)
        if checked.outcome is Outcome.CONFIRMED:
            pinned = quotes_digest(q.text for q in quotes[source_id])
            confirmed = {"date": today.isoformat(), "against": str(checked.against), "quotes_sha256": pinned}
            write_confirmed(root / source.path, confirmed)
        elif checked.outcome is Outcome.MISSING:
            write_confirmed(root / source.path, None)
        if source_id in claimed and checked.outcome is not Outcome.CONFIRMED:
            checked = replace(checked, problems=(*checked.problems, _not_reproduced(doc)))
        results.append(checked)
    return results


def _not_reproduced(doc: Document) -> Problem:
    return doc.problem(
        ("confirmed",),
        CONFIRMED_NOT_REPRODUCED,
        "confirmed is new here, or its record or text changed, but reading the page again did not "
        "confirm every quote (see above): confirmed cannot be set or kept by hand; remove it (a code "
        "owner can merge the source without it, and the site then shows it as not confirmed)",
    )
