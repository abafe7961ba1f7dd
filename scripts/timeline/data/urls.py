"""Addresses that reach a page's attributes: checked and escaped before any template sees them.

The site's address, the repository's and the edit path are build-time settings. Theme
templates put them into attributes without escaping, so they are refused unless they
are http(s) with a plain host name, and every character a URL may not hold is
percent-encoded.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit


class UnsafeURL(ValueError):
    """A setting that is not an http(s) address with a plain host name."""


# Characters a URL may hold as they are (RFC 3986: the reserved ones, the unreserved
# punctuation, and % for escapes already made). The single quote is left out on purpose:
# it is valid in a URL but ends a single-quoted attribute. Letters and digits are always kept.
URL_SAFE = "!#$&()*+,-./:;=?@[]_~%"
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
HOST = re.compile(r"[a-z0-9.-]+|[0-9a-f:.]+")  # a name, or an IPv6 address without its brackets


def url_escaped(url: str) -> str:
    """The URL with every character that may not appear in a URL percent-encoded.

    Quotes, <, >, spaces, backticks, backslashes, control and non-ASCII characters
    become %XX, so the value cannot leave the attribute it is written into (the theme's
    templates do not autoescape). A % that does not start an escape becomes %25; a
    normal URL, with its escapes, comes back unchanged.
    """
    return quote(LONE_PERCENT.sub("%25", url), safe=URL_SAFE)


def hidden_character(url: str) -> str | None:
    """The first space or invisible format character (zero-width, bidirectional) in an
    address, which a URL cannot hold as it is: in text it ends the address or hides part
    of it, and tools disagree on what to send. (Control characters are refused in every
    text field already.)"""
    return next((c for c in url if unicodedata.category(c) in ("Zs", "Cf")), None)


def checked_url(setting: str, url: str, *, relative: bool = False) -> str:
    """A build setting's URL, escaped; refused unless it is http(s) with a plain host name.

    setting names it in the message. A relative URL is allowed only where relative is
    set (an edit path, relative to the repository's address).
    """
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError as err:
        raise UnsafeURL(f"{setting} is not a valid URL: {url!r} ({err})") from None
    if relative and not parts.scheme and not parts.netloc:
        return url_escaped(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURL(f"{setting} must be an http:// or https:// address, not {url!r}")
    if not parts.hostname or not HOST.fullmatch(parts.hostname) or not port_ok:
        raise UnsafeURL(f"{setting} must name a host in plain ASCII (e.g. github.com), not {url!r}")
    return url_escaped(url)


# The build settings that reach attributes, and the environment variables that set them.
ADDRESSES = {"site_url": "SITE_URL", "repo_url": "SITE_REPO_URL", "edit_uri": "SITE_EDIT_URI"}


def checked_setting(key: str, url: str) -> str:
    """One of ADDRESSES, checked and escaped; only the edit path may be relative."""
    return checked_url(f"{key} (set by {ADDRESSES[key]})", url, relative=key == "edit_uri")
