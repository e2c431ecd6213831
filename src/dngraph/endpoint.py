"""Talking to a remote SPARQL server over HTTP: the SPARQL 1.1 Protocol and Graph Store Protocol.

An :class:`Endpoint` holds the query URL, the Graph Store URL and the credentials.
Authentication is the standard library's: ``urllib.request``'s basic and digest
handlers answer the server's 401 challenge (RFC 7617, RFC 7616), so a password
never travels unless the server asks for it. Credentials are kept out of every
message: URLs are shown without their user-info, and ``repr`` hides the password.
A server that cannot be reached, refuses the credentials or rejects the request
is a one-line :class:`EndpointError` (exit 2: the endpoint option is bad input).
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .errors import DngraphError, QueryError

AUTH_SCHEMES = ("basic", "digest")
TIMEOUT = 300.0


class EndpointError(DngraphError):
    """A remote SPARQL server that cannot be reached, refuses the credentials or fails a request."""


def shown(url: str) -> str:
    """``url`` without user-info (``https://user:pw@host/`` -> ``https://host/``), for messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def checked_url(url: str, what: str) -> str:
    """``url`` if it is an absolute http(s) URL; otherwise an :class:`EndpointError` naming ``what``."""
    parts = urllib.parse.urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{what} {shown(url or '')!r}: give an http:// or https:// URL")
    return url


@dataclass
class Endpoint:
    """Where a remote engine answers queries (``url``) and stores graphs (``graph_store``)."""

    url: str
    graph_store: str | None = None
    update_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str | None = None

    def __post_init__(self):
        checked_url(self.url, "--endpoint")
        for url, what in ((self.graph_store, "--graph-store"), (self.update_url, "--update-endpoint")):
            if url:
                checked_url(url, what)
        if self.auth is not None and self.auth not in AUTH_SCHEMES:
            raise EndpointError(f"--auth {self.auth!r}: use one of {', '.join(AUTH_SCHEMES)}")
        if (self.user is None) != (self.password is None):
            raise EndpointError("give both a user and a password, or neither")

    def __repr__(self) -> str:
        return f"Endpoint({shown(self.url)!r}, user={'set' if self.user else None})"

    def _opener(self) -> urllib.request.OpenerDirector:
        handlers = []
        if self.user is not None:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in filter(None, (self.url, self.graph_store, self.update_url)):
                parts = urllib.parse.urlsplit(url)  # the whole server: its Graph Store too
                manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", self.user, self.password)
            if self.auth in (None, "basic"):
                handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
            if self.auth in (None, "digest"):
                handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
        return urllib.request.build_opener(*handlers)

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[bytes, str]:
        """Send one request; the response body and its media type, or a one-line error."""
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self._opener().open(request, timeout=TIMEOUT) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            raise _http_error(exc, url) from None
        except ValueError as exc:  # urllib's basic handler meeting a scheme it does not know
            raise EndpointError(f"{shown(url)}: the server asks for an authentication dngraph "
                                f"was not told to use ({' '.join(str(exc).split())[:120]})") from None
        except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EndpointError(f"{shown(url)}: cannot reach the server ({reason})") from None


def _http_error(exc: urllib.error.HTTPError, url: str) -> DngraphError:
    """One line for an HTTP error answer: the status, and the server's first words when it gave some."""
    try:
        detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300]
    except OSError:
        detail = ""
    if exc.code in (401, 403):
        return EndpointError(f"{shown(url)}: the server refused the credentials (HTTP {exc.code})")
    if exc.code == 400:
        return QueryError(f"{shown(url)}: the server rejected the query (HTTP 400){': ' + detail if detail else ''}")
    return EndpointError(f"{shown(url)}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}")
