"""Polite requests to other people's servers: one user agent, a timeout, a size limit.

Adding a source reads one page and checking the sources' addresses reads a few dozen,
so every request names the project, gives up after a timeout, and reads no more than
it needs. Only the standard library is used: one request at a time per call, redirects
followed as urllib does (at most ten), and every failure turned into a WebError whose
message says what happened in one line.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import quote, urlsplit, urlunsplit

from ..data.urls import URL_SAFE

USER_AGENT = (
    "myanmar-scam-crackdown-timeline "
    "(reads the news articles a sourced timeline cites; one request per address)"
)
TIMEOUT = 15.0  # seconds without an answer before a request is given up
MAX_PAGE_BYTES = 8 * 1024 * 1024  # a news page with its markup is a few hundred kilobytes

# http and https only, redirects included: urllib's default opener also follows a
# redirect to ftp:// and reads file:// addresses.
_OPENER = urllib.request.OpenerDirector()
for _handler in (
    urllib.request.ProxyHandler(),
    urllib.request.HTTPHandler(),
    urllib.request.HTTPSHandler(),
    urllib.request.HTTPRedirectHandler(),
    urllib.request.HTTPDefaultErrorHandler(),
    urllib.request.HTTPErrorProcessor(),
):
    _OPENER.add_handler(_handler)


class WebError(Exception):
    """A request that did not give a usable answer; the message says why, in one line."""

    def __init__(self, message: str, status: int | None = None, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status, when the server answered with an error
        self.timed_out = timed_out


@dataclass(frozen=True)
class Response:
    """What a server answered: the address after redirects, the status, the type and the body."""

    url: str
    status: int
    content_type: str  # the media type alone, lower case: 'text/html'
    charset: str | None
    body: bytes


def request(
    url: str, *, method: str = "GET", timeout: float = TIMEOUT, limit: int = MAX_PAGE_BYTES
) -> Response:
    """The server's answer to one request, following redirects; WebError for anything else.

    At most limit bytes of the body are read (0 reads none): a larger page is refused,
    since no article is that large.
    """
    try:
        req = urllib.request.Request(
            sendable(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        )
        with _OPENER.open(req, timeout=timeout) as answer:
            body = answer.read(limit + 1) if limit else b""
            headers: Message = answer.headers
            final, status = answer.geturl(), answer.status
    except urllib.error.HTTPError as err:
        raise WebError(f"the server answered {err.code} {err.reason}", err.code) from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise WebError(f"no answer within {timeout:g} seconds", timed_out=True) from None
        raise WebError(f"could not connect ({reason})") from None
    except TimeoutError:
        raise WebError(f"no answer within {timeout:g} seconds", timed_out=True) from None
    except (OSError, ValueError, OverflowError, http.client.HTTPException) as err:
        # a reset connection, a malformed address (a port out of range) or a malformed answer
        raise WebError(f"the request failed ({err})") from None
    if len(body) > limit:
        raise WebError(f"the answer is larger than {limit:,} bytes; this is not an article page")
    return Response(final, status, headers.get_content_type(), headers.get_content_charset(), body)


# What RFC 3986 allows in an address as it is (the single quote too: no attribute here).
_KEEP = URL_SAFE + "'"


def sendable(url: str) -> str:
    """The address as a request can carry it, as a browser sends it: an international host
    name in IDNA, every space or non-ASCII character of the rest percent-encoded, no
    fragment, and no user name (urllib would take it for part of the host name).

    ValueError (a UnicodeError for a host IDNA cannot write) when it is no http(s) address.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    hostport = parts.netloc.rpartition("@")[2]
    host, colon, port = hostport.rpartition(":") if hostport.count(":") == 1 else (hostport, "", "")
    netloc = (host if host.isascii() else host.encode("idna").decode("ascii")) + colon + port
    path, query = quote(parts.path, safe=_KEEP), quote(parts.query, safe=_KEEP)
    return urlunsplit((parts.scheme, netloc, path, query, ""))
