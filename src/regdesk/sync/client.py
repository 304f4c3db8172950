"""HTTP client for HQ's ``/api/v1``: timeouts on every call, gzip bodies, typed errors."""

from __future__ import annotations

import gzip
import json
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from regdesk.sync.backoff import parse_retry_after
from regdesk.sync.errors import Kind, SyncError
from regdesk.wire import API_PREFIX, ChangesResponse, EnrolRequest, EnrolResponse, PushResponse

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 30.0
PROBE_TIMEOUT = (2.0, 3.0)
USER_AGENT = "RegDesk-sync/1"
M = TypeVar("M", bound=BaseModel)


class HqClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        session: requests.Session | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

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
        except requests.Timeout as exc:
            raise SyncError(Kind.OFFLINE, type(exc).__name__) from exc
        except requests.ConnectionError as exc:
            raise SyncError(Kind.OFFLINE, type(exc).__name__) from exc
        except requests.RequestException as exc:
            raise SyncError(Kind.PROTOCOL, type(exc).__name__) from exc
        status = response.status_code
        if status == 401:
            raise SyncError(Kind.AUTH, "token refused")
        if status in (429, 503):
            raise SyncError(Kind.BUSY, f"HTTP {status}",
                            parse_retry_after(response.headers.get("Retry-After")))
        if status >= 500:
            raise SyncError(Kind.SERVER, f"HTTP {status}")
        if status >= 400:
            raise SyncError(Kind.CLIENT, f"HTTP {status} {_error_code(response)}")
        try:
            return response.content if raw else response.json()
        except (ValueError, requests.RequestException) as exc:  # truncated or garbled body
            raise SyncError(Kind.PROTOCOL, "unreadable answer") from exc

    def probe(self) -> bool:
        """Cheap connectivity check (no auth, tiny answer)."""
        try:
            self._request("GET", "/health", timeout=PROBE_TIMEOUT)
        except SyncError:
            return False
        return True

    def enrol(self, code: str, device_name: str) -> EnrolResponse:
        body = EnrolRequest(code=code, device_name=device_name).model_dump(mode="json")
        return _parse(EnrolResponse, self._request("POST", "/enrol", json=body))

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


def _error_code(response: requests.Response) -> str:
    try:
        return str(json.loads(response.content).get("code", ""))
    except (ValueError, AttributeError):
        return ""
