"""ASGI middleware: accept ``Content-Encoding: gzip`` request bodies (bounded size)."""

from __future__ import annotations

import json
import zlib
from typing import Any

Scope = dict[str, Any]
MAX_INFLATED = 32 * 1024 * 1024


class GzipRequestMiddleware:
    """Inflates gzip request bodies before the app sees them; 400/413 on bad input."""

    def __init__(self, app: Any, max_inflated: int = MAX_INFLATED) -> None:
        self.app = app
        self.max_inflated = max_inflated

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-encoding", b"").strip().lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        chunks = []
        more = True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(b"".join(chunks), self.max_inflated + 1)
            if len(body) > self.max_inflated or inflater.unconsumed_tail:
                await _reply(send, 413, "body.too_large", "inflated body too large")
                return
        except zlib.error:
            await _reply(send, 400, "body.gzip", "body is not valid gzip")
            return
        new_headers = [(k, v) for k, v in scope["headers"]
                       if k not in (b"content-encoding", b"content-length")]
        new_headers.append((b"content-length", str(len(body)).encode()))
        scope = {**scope, "headers": new_headers}
        sent = False

        async def inflated_receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, inflated_receive, send)


async def _reply(send: Any, status: int, code: str, detail: str) -> None:
    data = json.dumps({"code": code, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})
