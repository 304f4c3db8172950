"""Typed sync failures: the engine and the UI decide by ``kind``, never by message text.

``cause`` says what actually went wrong (connection refused, name not found, TLS …) so the
clerk reads the real reason; the engine still decides by ``kind`` alone."""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator
from enum import StrEnum

import requests
from urllib3 import exceptions as u3


class Kind(StrEnum):
    OFFLINE = "offline"  # refused, DNS, connect/read timeout: try later
    SERVER = "server"  # 5xx: try later
    BUSY = "busy"  # 429/503 with Retry-After: try after that
    AUTH = "auth"  # 401: token revoked or unknown: re-enrol
    PROTOCOL = "protocol"  # truncated/garbled/unexpected answer: try later, same batch
    CLIENT = "client"  # other 4xx: a bug or a misconfiguration; don't hammer
    NOT_ENROLLED = "not_enrolled"


TRANSIENT = frozenset({Kind.OFFLINE, Kind.SERVER, Kind.BUSY, Kind.PROTOCOL})


class Cause(StrEnum):
    """The real reason behind a failure, for the sentence the clerk reads."""

    REFUSED = "refused"  # nothing listens at that host and port
    NAME_NOT_FOUND = "name_not_found"  # the host name does not resolve
    TLS = "tls"  # the https handshake failed (e.g. https to a plain http server)
    CERTIFICATE = "certificate"  # HQ's certificate is not trusted (self-signed, expired, name)
    PLAIN_HTTP = "plain_http"  # http:// to a host that is not this PC, not allowed
    TIMEOUT = "timeout"  # no answer in time
    UNREACHABLE = "unreachable"  # no route to the host / network down
    NOT_REGDESK_HQ = "not_regdesk_hq"  # something answered, but not RegDesk HQ's API
    MALFORMED_URL = "malformed_url"  # the HQ address is not a web address
    CODE_UNKNOWN = "code_unknown"  # HQ: enrol.invalid
    CODE_USED = "code_used"  # HQ: enrol.used
    CODE_EXPIRED = "code_expired"  # HQ: enrol.expired
    REVOKED = "revoked"  # HQ: auth.invalid (token unknown or revoked)
    SERVER_ERROR = "server_error"  # HQ answered 5xx


class SyncError(Exception):
    def __init__(self, kind: Kind, detail: str = "", retry_after: float | None = None,
                 *, cause: Cause | None = None):
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after
        self.cause = cause

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT


_MAX_LINKS = 32  # exception chains are short; this bounds a pathological cycle
_REFUSED_ERRNOS = frozenset({errno.ECONNREFUSED, 10061})  # 10061: WSAECONNREFUSED
_UNREACHABLE_ERRNOS = frozenset({errno.ENETUNREACH, errno.EHOSTUNREACH, 10051, 10065})


def _linked(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and everything it links to (cause, context, urllib3's ``reason``, args),
    breadth first, each once."""
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue and len(seen) < _MAX_LINKS:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        links = [current.__cause__, current.__context__, getattr(current, "reason", None),
                 *current.args]
        queue.extend(x for x in links if isinstance(x, BaseException))


def _url_cause(exc: BaseException) -> Cause | None:
    url_errors = (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                  requests.exceptions.InvalidSchema, u3.LocationParseError,
                  u3.LocationValueError)
    return Cause.MALFORMED_URL if isinstance(exc, url_errors) else None


def _certificate_cause(exc: BaseException) -> Cause | None:
    return Cause.CERTIFICATE if isinstance(exc, ssl.SSLCertVerificationError) else None


def _socket_cause(exc: BaseException) -> Cause | None:
    if isinstance(exc, (socket.gaierror, u3.NameResolutionError)):
        return Cause.NAME_NOT_FOUND
    if isinstance(exc, (ssl.SSLError, ssl.CertificateError, requests.exceptions.SSLError,
                        u3.SSLError)):
        return Cause.TLS
    if isinstance(exc, ConnectionRefusedError):
        return Cause.REFUSED
    if isinstance(exc, OSError) and exc.errno in _REFUSED_ERRNOS:
        return Cause.REFUSED
    if isinstance(exc, OSError) and exc.errno in _UNREACHABLE_ERRNOS:
        return Cause.UNREACHABLE
    return None


def _timeout_cause(exc: BaseException) -> Cause | None:
    if isinstance(exc, u3.NewConnectionError):  # urllib3 files it under timeouts: it is not
        return None
    timeouts = (requests.Timeout, u3.TimeoutError, TimeoutError, socket.timeout)
    return Cause.TIMEOUT if isinstance(exc, timeouts) else None


def cause_of(exc: BaseException) -> Cause | None:
    """The real reason behind a requests/urllib3/socket failure, or ``None`` when unknown.

    Walks the whole chain first for the most telling cause (a refused connection or a TLS
    failure inside a retry error), then for a timeout anywhere in it."""
    if isinstance(exc, SyncError) and exc.cause is not None:
        return exc.cause
    chain = list(_linked(exc))
    for classify in (_url_cause, _certificate_cause, _socket_cause, _timeout_cause):
        for link in chain:
            found = classify(link)
            if found is not None:
                return found
    return None
