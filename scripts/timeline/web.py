"""Polite requests to other people's servers: one user agent, a timeout, a size limit.

Adding a source reads one page and checking the sources' addresses reads a few dozen,
so every request names the project, gives up after a timeout, and reads no more than
it needs. Only the standard library is used: one request at a time per call, redirects
followed as urllib does (at most ten), and every failure turned into a WebError whose
message says what happened in one line.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

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
    if urlsplit(url).scheme not in ("http", "https"):
        raise WebError(f"{url!r} is not an http:// or https:// address")
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
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
    except (OSError, ValueError) as err:  # a reset connection, a malformed address or answer
        raise WebError(f"the request failed ({err})") from None
    if len(body) > limit:
        raise WebError(f"the answer is larger than {limit:,} bytes; this is not an article page")
    return Response(final, status, headers.get_content_type(), headers.get_content_charset(), body)
