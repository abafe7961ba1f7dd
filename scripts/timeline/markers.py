"""The home page's data markers: what docs/index.md may ask the build to fill in.

Its own module, without the renderers, so that the validator (also run with only its
own dependencies, by the pre-commit hook) checks the same markers the home page fills.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"<!--\s*data:(\w+)((?:\s+[a-z0-9-]+)*)\s*-->")
MARKERS = ("storylines", "numbers", "overview", "reports", "figures", "count", "map")  # home_page fills these
