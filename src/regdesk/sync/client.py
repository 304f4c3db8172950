"""HTTP client for HQ's ``/api/v1``: timeouts on every call, gzip bodies, typed errors."""

from __future__ import annotations

import gzip
import ipaddress
import json
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ValidationError

from regdesk.sync.backoff import parse_retry_after
from regdesk.sync.errors import Cause, Kind, SyncError, cause_of
from regdesk.wire import API_PREFIX, ChangesResponse, EnrolRequest, EnrolResponse, PushResponse

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 30.0
PROBE_TIMEOUT = (2.0, 3.0)
USER_AGENT = "RegDesk-sync/1"
M = TypeVar("M", bound=BaseModel)
#: HQ's stable error codes (docs/protocol.md) and the cause each one names
CODE_CAUSES = {
    "enrol.invalid": Cause.CODE_UNKNOWN,
    "enrol.used": Cause.CODE_USED,
    "enrol.expired": Cause.CODE_EXPIRED,
    "auth.invalid": Cause.REVOKED,
}


def check_base_url(url: str, *, allow_plain_http: bool = False) -> str:
    """``url`` (HQ's address) without a trailing slash. A :class:`SyncError` when it is not
    an ``http(s)://host[:port][/path]`` address (``Cause.MALFORMED_URL``), so nothing is sent
    to a guessed place; or when it is plain ``http://`` to another machine and that was not
    explicitly allowed (``Cause.PLAIN_HTTP``): personal data travels only encrypted."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0  # .port raises on a bad port
    except ValueError:
        parts, port_ok = None, False
    if (parts is None or not port_ok or parts.scheme not in ("http", "https")
            or not parts.hostname or parts.query or parts.fragment
            or any(ch.isspace() for ch in text)):
        raise SyncError(Kind.CLIENT, "malformed HQ address", cause=Cause.MALFORMED_URL)
    if parts.scheme == "http" and not allow_plain_http and not is_loopback(parts.hostname):
        raise SyncError(Kind.CLIENT, "plain http to another machine", cause=Cause.PLAIN_HTTP)
    return text.rstrip("/")


def is_loopback(host: str) -> bool:
    """This PC itself: ``localhost``, 127.0.0.0/8 or ::1 (never leaves the machine)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HqClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        session: requests.Session | None = None,
        allow_plain_http: bool = False,
    ):
        self.base_url = check_base_url(base_url, allow_plain_http=allow_plain_http)
        self.token = token
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.last_error: SyncError | None = None  # the last failed probe's

    def close(self) -> None:
        self.session.close()

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _request(self, method: str, path: str, *, timeout: Any = None, raw: bool = False,
                 **kwargs: Any) -> Any:
        """The decoded JSON answer (``raw``: its bytes, for pydantic to parse directly)."""
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        try:
            response = self.session.request(method, self._url(path), headers=headers,
                                            timeout=timeout or self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise _transport_error(exc) from exc
        _raise_for_status(response)
        if _looks_like_html(response):
            raise SyncError(Kind.PROTOCOL, "HTML answer", cause=Cause.NOT_REGDESK_HQ)
        try:
            return response.content if raw else response.json()
        except (ValueError, requests.RequestException) as exc:  # truncated or garbled body
            raise SyncError(Kind.PROTOCOL, "unreadable answer", cause=cause_of(exc)) from exc

    def probe(self) -> bool:
        """Cheap connectivity check (no auth, tiny answer); why it failed is kept in
        ``last_error``."""
        try:
            self._request("GET", "/health", timeout=PROBE_TIMEOUT)
        except SyncError as exc:
            self.last_error = exc
            return False
        self.last_error = None
        return True

    def enrol(self, code: str, device_name: str) -> EnrolResponse:
        """Trade ``code`` for a device token. An answer that is not HQ's (a 404, HTML, JSON
        of another shape) is ``Cause.NOT_REGDESK_HQ``: a real HQ always serves /enrol."""
        body = EnrolRequest(code=code, device_name=device_name).model_dump(mode="json")
        try:
            return _parse(EnrolResponse, self._request("POST", "/enrol", json=body))
        except SyncError as exc:
            if exc.kind is Kind.PROTOCOL and exc.cause is None:
                raise SyncError(exc.kind, exc.detail, cause=Cause.NOT_REGDESK_HQ) from exc
            raise

    def push(self, body: bytes) -> PushResponse:
        """Send one frozen batch body (JSON bytes), gzip-compressed."""
        data = self._request(
            "POST", "/push", data=gzip.compress(body, compresslevel=5), raw=True,
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        )
        return _parse(PushResponse, data)

    def changes(self, since: int, limit: int = 500) -> ChangesResponse:
        data = self._request("GET", "/changes", params={"since": since, "limit": limit})
        return _parse(ChangesResponse, data)


def _parse(model: type[M], data: Any) -> M:
    """``data`` as ``model``: decoded JSON, or raw JSON bytes (garbled JSON fails here too)."""
    try:
        if isinstance(data, bytes):
            return model.model_validate_json(data)
        return model.model_validate(data)
    except ValidationError as exc:
        raise SyncError(Kind.PROTOCOL, f"unexpected {model.__name__}") from exc


def _transport_error(exc: requests.RequestException) -> SyncError:
    """A failure before any answer: offline (refused, DNS, TLS, timeout) or a bad URL."""
    cause = cause_of(exc)
    if cause is Cause.MALFORMED_URL:
        return SyncError(Kind.CLIENT, type(exc).__name__, cause=cause)
    if isinstance(exc, (requests.Timeout, requests.ConnectionError)):
        return SyncError(Kind.OFFLINE, type(exc).__name__, cause=cause)
    return SyncError(Kind.PROTOCOL, type(exc).__name__, cause=cause)


def _raise_for_status(response: requests.Response) -> None:
    status = response.status_code
    if status == 401:
        cause = CODE_CAUSES.get(_error_code(response))
        if cause is None and _looks_like_html(response):
            cause = Cause.NOT_REGDESK_HQ  # a web server's login page, not HQ
        raise SyncError(Kind.AUTH, "token refused", cause=cause)
    if status in (429, 503):
        raise SyncError(Kind.BUSY, f"HTTP {status}",
                        parse_retry_after(response.headers.get("Retry-After")))
    if status >= 500:
        raise SyncError(Kind.SERVER, f"HTTP {status}", cause=Cause.SERVER_ERROR)
    if status >= 400:
        code = _error_code(response)
        cause = CODE_CAUSES.get(code)
        if cause is None and (status in (404, 405) or _looks_like_html(response)):
            cause = Cause.NOT_REGDESK_HQ  # HQ serves every /api/v1 path; its errors are JSON
        raise SyncError(Kind.CLIENT, f"HTTP {status} {code}", cause=cause)


def _looks_like_html(response: requests.Response) -> bool:
    """A web page (a router's login, another site): never an answer of HQ's API."""
    content_type = response.headers.get("Content-Type", "").lower()
    return content_type.startswith(("text/html", "application/xhtml")) or \
        response.content[:64].lstrip().startswith(b"<")


def _error_code(response: requests.Response) -> str:
    try:
        return str(json.loads(response.content).get("code", ""))
    except (ValueError, AttributeError):
        return ""
