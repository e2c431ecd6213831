"""Talking to a remote SPARQL server over HTTP: the SPARQL 1.1 Protocol and Graph Store Protocol.

An :class:`Endpoint` holds the query URL, the Graph Store URL and the credentials.
Authentication is that of ``requests``: HTTP basic (RFC 7617) or digest (RFC 7616),
the scheme the server asks for unless one is chosen. Credentials are kept out of every
message: URLs are shown without their user-info, and ``repr`` hides the password.
A server that cannot be reached, refuses the credentials or rejects the request
is a one-line :class:`EndpointError` (exit 2: the endpoint option is bad input).
"""

from __future__ import annotations

import re
import urllib.parse
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
    #: Seconds a request may take unless the request says otherwise; then a one-line error.
    timeout: float = field(default=TIMEOUT, repr=False)

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

    def _session(self, url: str, timeout: float):
        """A requests session that signs requests to ``url`` with the chosen scheme (or the one
        the server asks for there); a digest session reuses the server's nonce, so a body is
        sent once, already signed, after a ``HEAD`` has fetched the challenge."""
        import requests
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        if getattr(self, "_cached", None) is None:
            self._cached = requests.Session()
            self._cached.trust_env = False  # no .netrc or proxy settings from elsewhere
        session = self._cached
        if self.user is not None and session.auth is None:
            scheme = self.auth
            if scheme is None:
                asked = session.head(url, timeout=timeout).headers.get("WWW-Authenticate", "")
                scheme = "digest" if asked.lower().startswith("digest") else "basic"
            session.auth = (HTTPDigestAuth if scheme == "digest" else HTTPBasicAuth)(self.user, self.password)
        return session

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict | None = None, timeout: float | None = None) -> tuple[bytes, str]:
        """Send one request, allowed ``timeout`` seconds (None: :attr:`timeout`); the response
        body and its media type, or a one-line error."""
        import requests
        from requests.auth import HTTPDigestAuth

        timeout = timeout or self.timeout
        try:
            session = self._session(url, timeout)
            if body is not None and isinstance(session.auth, HTTPDigestAuth):
                session.head(url, timeout=timeout)  # the challenge first, then the signed body
            response = session.request(method, url, data=body, headers=headers or {}, timeout=timeout)
        except requests.Timeout:
            from .sandbox import LimitReached

            raise LimitReached(f"{shown(url)}: no answer within {timeout:g} s, the time limit "
                               "(raise --timeout or timeout=)") from None
        except requests.RequestException as exc:
            raise EndpointError(f"{shown(url)}: cannot reach the server ({_reason(exc)})") from None
        if response.status_code >= 400:
            raise _http_error(response.status_code, response.reason, response.text, url)
        return response.content, response.headers.get("Content-Type", "").split(";")[0].strip()

    def check_access(self, url: str) -> None:
        """A ``HEAD`` request to ``url`` before sending data there: an :class:`EndpointError` when
        the server cannot be reached or refuses the credentials; any other answer is fine (some
        servers close the connection on a large request they refuse, so this is asked first)."""
        try:
            self.request("HEAD", url)
        except EndpointError as exc:
            if "cannot reach" in str(exc) or "refused the credentials" in str(exc):
                raise
        except QueryError:
            pass


def _http_error(code: int, reason: str, text: str, url: str) -> DngraphError:
    """One line for an HTTP error answer: the status, and the server's first words when it gave some."""
    detail = " ".join(text[:2000].split())[:300]
    if code in (401, 403):
        return EndpointError(f"{shown(url)}: the server refused the credentials (HTTP {code})")
    if code == 400:
        return QueryError(f"{shown(url)}: the server rejected the query (HTTP 400){': ' + detail if detail else ''}")
    return EndpointError(f"{shown(url)}: HTTP {code} {reason}{': ' + detail if detail else ''}")


def _reason(exc: Exception) -> str:
    """Why a connection failed, in a few words (the operating system's, when it gave one);
    never the URL, which may carry user-info."""
    found = re.search(r"\[Errno -?\d+\] [^'\")\]]+", str(exc))
    return found.group().strip() if found else type(exc).__name__
