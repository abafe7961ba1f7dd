"""Text that deceives the eye: invisible characters, and letters that look like others.

A name can hide behind a capital letter, an accent, a letter of another script that looks
the same (Cyrillic 'С' for Latin 'C'), a full-width form or a zero-width character; a
quote can fail to match for the same reasons, which no one can see. One fold, what a
text looks like, serves every rule that compares names and every message that has to
name the character a reader cannot see.
"""

from __future__ import annotations

import re

# Bidirectional overrides and isolates reorder what a reader sees; zero-width characters
# hide inside a word. None belongs in text that people read.
INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
INVISIBLE_SEARCH = re.compile("[" + "".join(map(re.escape, sorted(INVISIBLE))) + "]")
