"""Request body size limit (pure ASGI, so reads stay cheap): 413 problem+json beyond it.

FastAPI's own ``max_body_size`` answers ``text/plain`` when ``Content-Length`` is over the
limit, so this middleware does the job itself: by ``Content-Length`` before anything is read,
and by counting a streamed body, in which case the app is told the client went away and
whatever it answers is dropped.
"""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import PROBLEM_JSON

DISCONNECT: Message = {"type": "http.disconnect"}


class BodyLimitMiddleware:
    """Refuse bodies over ``max_bytes`` by ``Content-Length`` or as they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._refuse(send)
                return
        await _Limited(self, scope, receive, send).run()

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "/problems/payload-too-large",
                "title": "Payload too large",
                "status": 413,
                "detail": f"request bodies are limited to {self.max_bytes} bytes",
                "errors": [
                    {"parameter": "body", "reason": f"must be at most {self.max_bytes} bytes"}
                ],
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _Limited:
    """One streamed request under the limit's watch."""

    def __init__(
        self, limit: BodyLimitMiddleware, scope: Scope, receive: Receive, send: Send
    ) -> None:
        self.limit, self.scope, self._receive, self._send = limit, scope, receive, send
        self.received = 0
        self.refused = False

    async def receive(self) -> Message:
        if self.refused:
            return DISCONNECT
        message = await self._receive()
        self.received += len(message.get("body", b""))
        if self.received > self.limit.max_bytes:
            self.refused = True
            await self.limit._refuse(self._send)
            return DISCONNECT
        return message

    async def send(self, message: Message) -> None:
        if not self.refused:
            await self._send(message)

    async def run(self) -> None:
        try:
            await self.limit.app(self.scope, self.receive, self.send)
        except Exception:
            if not self.refused:
                raise
