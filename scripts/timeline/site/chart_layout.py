"""What makes the overview chart readable: targets a finger can hit, the key events'
labels placed where they overlap nothing, and the stretch of the axis a narrow screen
opens on.

Pure geometry on numbers, so each rule is tested without drawing: charts.py calls these
with its marks' positions, and the templates only draw what they return.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

TARGET = 24  # px: the smallest tap target (WCAG 2.5.8), the least a mark's link covers
LABEL_CHARACTER = 7.6  # px: a generous width of a character of a bold 12 px label, so none collide
LABEL_CHARS = 44  # a label is the title cut on a word to about this many characters
LABEL_GAP = 6  # px: the least space between two labels on one row
PHONE_WIDTH = 358  # px: the chart's box on a 390 px phone: the width a phone's chart is fitted to


def hit_span(x: float, width: float) -> tuple[float, float]:
    """The left and right of a mark's tap target: the mark, widened about its middle to TARGET."""
    middle = x + width / 2
    half = max(width, TARGET) / 2
    return middle - half, middle + half


def short_title(title: str, limit: int = LABEL_CHARS) -> str:
    """The title, or its words up to `limit` characters and an ellipsis: a label, not a sentence."""
    if len(title) <= limit:
        return title
    cut = title[: limit + 1].rsplit(" ", 1)[0] if " " in title[:limit] else title[:limit]
    return cut.rstrip(" ,;:-–") + "…"


def label_width(text: str) -> float:
    return round(len(text) * LABEL_CHARACTER, 1)


def name_lines(name: str, width: float) -> int:
    """How many lines a storyline's name (bold, 12 px, 16 px of padding) takes in a box
    `width` wide: a phone wraps a long one, and its lane must leave room below it."""
    return max(1, math.ceil((len(name) * LABEL_CHARACTER + 16) / width))


def label_left(anchor: float, width: float, chart_width: float, edge: float) -> float:
    """Where a label starts: at its mark, moved left only as far as keeps it in the chart."""
    return round(max(edge, min(anchor, chart_width - edge - width)), 1)


def first_fit_rows(spans: Sequence[tuple[float, float]], gap: float) -> list[int]:
    """The row of each span (sorted by left): the first row where it starts at least `gap`
    after the last span placed there, so that nothing on a row overlaps."""
    ends: list[float] = []
    rows = []
    for left, right in spans:
        row = next((r for r, end in enumerate(ends) if end + gap <= left), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = right
        rows.append(row)
    return rows


def densest_middle(middles: Sequence[tuple[float, int]], window: float = PHONE_WIDTH) -> float:
    """The middle of the window of the axis that holds the most events (each middle
    weighted by its count): where a screen narrower than the chart opens. The earliest
    wins a tie, so the same data always opens on the same stretch."""
    ordered = sorted(middles)
    best, best_left, total, j = -1, 0.0, 0, 0
    for i, (left, _) in enumerate(ordered):
        while j < len(ordered) and ordered[j][0] <= left + window:
            total += ordered[j][1]
            j += 1
        if total > best:
            best, best_left = total, left
        total -= ordered[i][1]
    last = max((x for x, _ in ordered if x <= best_left + window), default=best_left)
    return round((best_left + last) / 2, 1)
