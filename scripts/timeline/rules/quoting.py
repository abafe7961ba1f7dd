"""Quotes against the archived texts: each is found in its source (or the problem says
where it differs), a confirmation covers every quote, every body line of an archive is
cited or listed, and a disagreement compares accounts of one measure."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..data.archives import listed_lines
from ..data.lookalike import disguise
from ..data.problems import Example, Problem, Rule, shown
from ..data.quotes import Archive, Found, normalise, quotes_digest
from ..data.records import SOURCE, Record, is_placeholder, quoted_passages, values_at
from ..data.schema_errors import EMPTY_QUOTE
from .figures import figure_against_quote

QUOTE_NOT_FOUND = Rule(
    "quote-not-found",
    "error",
    "a quote is word for word in its source's archived text (shown where it stops matching)",
    "copy the passage exactly from sources/<id>.txt",
    fails=(
        Example("bad/quote-not-found"),
        Example("bad/quote-not-found-across-lines"),
    ),
)

QUOTE_CUTS_WORD = Rule(
    "quote-cuts-word",
    "error",
    "a quote starts and ends on whole words and whole numbers",
    "extend the quote to the whole word or number",
    fails=(
        Example("fabricated/cut-word-at-end"),
        Example("fabricated/cut-number-at-start"),
    ),
)

QUOTE_OUTSIDE_ARTICLE = Rule(
    "quote-outside-article",
    "error",
    "no quote comes from, or runs across, the lines a source lists under not_article",
    "quote the article itself",
    fails=(
        Example("fabricated/quote-from-photo-caption"),
        Example("fabricated/quote-runs-into-advertisement"),
    ),
)

ONE_SIDED_DISAGREEMENT = Rule(
    "one-sided-disagreement",
    "error",
    "a disagreement has accounts from at least two sources, unless it is a conflict within one "
    "article (conflict: true: the article gives two accounts that cannot both be right)",
    "add the other source's account, or drop the disagreement",
    fails=(Example("bad/one-sided-disagreement"),),
)

CONFIRMED_QUOTES_CHANGED = Rule(
    "confirmed-quotes-changed",
    "warning",
    "the quotes cited from a confirmed source are the ones its quotes_sha256 pins",
    "run `./dev.sh confirm-source <id>` again",
    fails=(Example("fabricated/quote-added-after-confirmation"),),
)

UNCITED_LINE = Rule(
    "uncited-line",
    "warning",
    "every line of an article's body is cited by a quote or listed under not_carried with why "
    "(checked once every file is right)",
    "cite the line, or list it under not_carried with why",
    fails=(
        Example("fabricated/paragraph-left-out-unlisted"),
        Example("fabricated/source-with-no-not-carried-list"),
    ),
)


def check_confirmed_quotes(records: list[Record], cited: Mapping[str, set[str]]) -> Iterator[Problem]:
    """A confirmation covers the quotes it found on the page, pinned by their digest: a quote
    cited from the source since (or changed) was never looked for there, so the site shows
    the source as not confirmed until confirm-source runs again. cited is every quote the
    records cite, by source (Context.cited)."""
    for record in records:
        confirmed = record.data.get("confirmed") if record.kind is SOURCE else None
        pinned = confirmed.get("quotes_sha256") if isinstance(confirmed, dict) else None
        quotes = cited.get(record.id, set()) if isinstance(record.id, str) else set()
        if isinstance(pinned, str) and pinned != quotes_digest(quotes):
            yield record.doc.problem(
                ("confirmed", "quotes_sha256"),
                CONFIRMED_QUOTES_CHANGED,
                f"the quotes now cited from this source ({len(quotes)}) are not the ones confirmed on its "
                "page: one was added or changed since, so the site shows the source as not confirmed; "
                f"run ./dev.sh confirm-source {record.id} again",
            )


def check_uncited_lines(
    records: list[Record], archives: Mapping[str, Archive], cited: Mapping[str, set[str]]
) -> Iterator[Problem]:
    """Every line of an article's body is carried (some quote cites it) or listed under
    not_carried with why: a paragraph is never dropped by oversight. A listed line that a
    quote cites later is accounted for either way, so citing it needs no change to the
    source record (which a code owner reviews). Run only on data with no errors, where a
    quote that is not found would only echo as its lines uncited."""
    for record in records:
        archive = archives.get(record.id) if record.kind is SOURCE and isinstance(record.id, str) else None
        if archive is None or record.stem not in cited:
            continue  # a source nothing cites yet is still being added
        items = record.data.get("not_carried")
        listed = (
            listed_lines(i.get("lines") for i in items if isinstance(i, dict))
            if isinstance(items, list)
            else set()
        )
        carried = archive.cited_lines(normalise(q) for q in cited.get(record.stem, set()))
        body = {n for n, _ in archive.body_lines}
        for first, last in _runs(body - carried - listed):
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            yield record.doc.problem(
                ("not_carried",) if isinstance(items, list) else ("id",),
                UNCITED_LINE,
                f"{lines} of sources/{record.stem}.txt: article body that no quote cites; cite it, "
                "or list it under not_carried with why the site leaves it out",
            )


def _runs(numbers: set[int]) -> Iterator[tuple[int, int]]:
    """Numbers as runs of consecutive ones, in order: {3, 4, 5, 9} -> (3, 5), (9, 9)."""
    for n in sorted(numbers):
        if n - 1 not in numbers:
            last = n
            while last + 1 in numbers:
                last += 1
            yield n, last


def check_quotes(record: Record, archives: Mapping[str, Archive]) -> Iterator[Problem]:
    """Every quote is in its source's article body, on whole words; every figure's quote
    holds the figure's value as a whole number at the place where it matched."""
    for path, citation in quoted_passages(record.data):
        source, quote = citation.get("source"), citation.get("quote")
        if not isinstance(quote, str) or not isinstance(source, str) or source not in archives:
            continue
        if is_placeholder(quote) or record.has_failed((*path, "quote")):
            continue
        wanted, archive = normalise(quote), archives[source]
        if not wanted and quote:  # an empty string is the schema's to report
            yield record.doc.problem(
                (*path, "quote"), EMPTY_QUOTE, "the quote is blank; copy a passage from the source"
            )
            continue
        search = archive.search(wanted)
        if search.found is not Found.MATCH:
            yield record.doc.problem(
                (*path, "quote"), *not_matched(search.found, search.cut, wanted, source, archive)
            )
        elif path[0] == "figures":
            yield from figure_against_quote(record, int(path[1]), wanted)


def not_matched(found: Found, cut: str | None, quote: str, source: str, archive: Archive) -> tuple[Rule, str]:
    """The rule and message for a quote that is not a whole-word passage of the article."""
    text = f"sources/{source}.txt"
    if found is Found.CUT:
        return (
            QUOTE_CUTS_WORD,
            f"the quote is in {text} only as part of a longer word or number ('{shown(cut or quote)}'); "
            "start and end it on whole words and whole numbers",
        )
    if found is Found.OUTSIDE_BODY:
        return (
            QUOTE_OUTSIDE_ARTICLE,
            f"the quote is in {text} only in, or across, lines that sources/{source}.yml marks as "
            "not part of the article (not_article); quote the article itself",
        )
    if hidden := disguise(quote, archive.folded_body):
        return QUOTE_NOT_FOUND, f"quote not found in {text}: {hidden}; copy the passage exactly"
    return (
        QUOTE_NOT_FOUND,
        f"quote not found in {text}{_where_it_differs(quote, archive, text)}",
    )


def _where_it_differs(quote: str, archive: Archive, name: str) -> str:
    """Point at the first words where the quote stops matching, and at what the article says
    there and on which line, to speed up the fix; with the fix.

    A prefix that is in the text has all its shorter prefixes in it too, so the longest
    matching prefix is found by bisection: a handful of searches even in a long text.
    """
    words, padded = quote.split(" "), f" {archive.body_text()} "
    stitched = padded.find(quote)
    if stitched > 0:  # not in one passage: only with a line that is not_article left out
        first, last = archive.line_at(stitched - 1), archive.line_at(stitched + len(quote) - 1)
        return (
            f": its words run from line {first} to line {last} only by leaving out lines that are "
            "not part of the article (not_article); quote one passage"
        )
    low, high = 0, len(words)  # the first `low` words match; more than `high` do not
    while low < high:
        middle = (low + high + 1) // 2
        if f" {' '.join(words[:middle])} " in padded:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return "; copy the passage exactly"
    matched = " ".join(words[:low])
    end = padded.find(f" {matched} ") + len(matched) + 1  # the space after it, or the text's end
    after = padded[end : end + 200].split()[:3]
    article = (
        f"where {name} line {archive.line_at(end)} has '{shown(' '.join(after))}'"
        if after
        else f"where {name} ends"
    )
    return (
        f": it matches up to '{shown(' '.join(words[max(0, low - 3) : low]))}', then the quote has "
        f"'{shown(' '.join(words[low : low + 3]))}' {article}; copy the passage exactly"
    )


def check_disagreements(record: Record) -> Iterator[Problem]:
    for (_, i), disagreement in values_at(record.data, "disagreements.*", dict):
        accounts = disagreement.get("accounts")
        if not isinstance(accounts, list):
            continue
        sources = {str(a.get("source")) for a in accounts if isinstance(a, dict)}
        if len(accounts) >= 2 and len(sources) < 2 and disagreement.get("conflict") is False:
            yield record.doc.problem(
                ("disagreements", i, "accounts"),
                ONE_SIDED_DISAGREEMENT,
                "a disagreement needs accounts from at least two different sources, unless one "
                "article contradicts itself (then set conflict: true); add the other source's account",
            )
