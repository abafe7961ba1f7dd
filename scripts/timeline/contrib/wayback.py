"""Where an archived copy of a page can be read: the Internet Archive's closest snapshot.

A news page can move or vanish; an archived copy keeps the article readable for anyone
checking a quote. Asking is optional (the build never needs the network), and a page
the archive has no copy of is simply left without one.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from .web import TIMEOUT, WebError, request

AVAILABILITY_API = "https://archive.org/wayback/available"


def closest_copy(url: str, *, timeout: float = TIMEOUT) -> str | None:
    """The address of the archive's closest copy of url, or None when it has none.

    WebError when the archive cannot be asked or answers with something else than its JSON.
    """
    answer = request(f"{AVAILABILITY_API}?{urlencode({'url': url})}", timeout=timeout, limit=256 * 1024)
    try:
        closest = json.loads(answer.body)["archived_snapshots"].get("closest") or {}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise WebError("the archive's answer is not the JSON it documents") from None
    copy = closest.get("url") if isinstance(closest, dict) and closest.get("available") else None
    return copy if isinstance(copy, str) and copy.startswith(("https://", "http://")) else None
