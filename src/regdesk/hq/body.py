"""ASGI middleware: every request body is bounded in size and reading time, before parsing.

The whole body is received here, within the route's byte limit and the body timeout, before
the app sees any of it:

- a ``Content-Length`` above the limit is answered 413 at once, unread;
- a body that grows past the limit while streaming (chunked) is answered 413 there;
- a body not complete within the timeout (a slow client, or a ``Content-Length`` larger than
  what is sent) is answered 408;
- ``Content-Encoding: gzip`` is inflated, capped at the same limit (413), 400 if not gzip.

These answers close the connection, so the unread rest of a body is never read.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Mapping
from typing import Any

Scope = dict[str, Any]


class RequestBodyMiddleware:
    def __init__(self, app: Any, *, limits: Mapping[str, int], default_limit: int,
                 timeout: float) -> None:
        self.app = app
        self.limits = dict(limits)
        self.default_limit = default_limit
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope.get("path", ""), self.default_limit)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await reply(send, 400, "body.length", "Content-Length is not a number")
                return
            if int(declared) > limit:
                await reply(send, 413, "body.too_large", f"body above {limit} bytes")
                return
        try:
            async with asyncio.timeout(self.timeout):
                body = await _read(receive, limit)
        except TimeoutError:
            await reply(send, 408, "body.timeout",
                        f"body not received within {self.timeout:g} s")
            return
        if body is None:
            await reply(send, 413, "body.too_large", f"body above {limit} bytes")
            return
        if isinstance(body, _Gone):
            return
        if headers.get(b"content-encoding", b"").strip().lower() == b"gzip":
            body = await _inflate(body, limit, send)
            if body is None:
                return
            scope = {**scope, "headers": [
                *((k, v) for k, v in scope["headers"]
                  if k not in (b"content-encoding", b"content-length")),
                (b"content-length", str(len(body)).encode())]}
        await self.app(scope, _replay(body, receive), send)


class _Gone(bytes):
    """The client disconnected before its body was complete."""


async def _read(receive: Any, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return _Gone()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _inflate(body: bytes, limit: int, send: Any) -> bytes | None:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        await reply(send, 400, "body.gzip", "body is not valid gzip")
        return None
    if len(out) > limit or inflater.unconsumed_tail:
        await reply(send, 413, "body.too_large", f"inflated body above {limit} bytes")
        return None
    return out


def _replay(body: bytes, receive: Any) -> Any:
    sent = False

    async def replayed() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def reply(send: Any, status: int, code: str, detail: str,
                headers: Mapping[str, str] | None = None) -> None:
    """An ErrorResponse that closes the connection (what is left unread is dropped)."""
    data = json.dumps({"code": code, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()),
        (b"connection", b"close"),
        *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()),
    ]})
    await send({"type": "http.response.body", "body": data})
