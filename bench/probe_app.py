"""A minimal ASGI app for bench/server_limits.py: what the server let through, and a slow route.

Every answer is JSON ``{"pid", "target_bytes", "header_bytes", "header_count"}`` so a probe can
tell whether a request reached the application (where a guard could still answer problem+json).
``/slow?s=3`` sleeps that many seconds first (graceful shutdown test).
"""

import asyncio
import json
import os
from urllib.parse import parse_qs


async def app(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].rsplit(".", 1)[-1]
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    if scope["path"] == "/slow":
        query = parse_qs(scope["query_string"].decode())
        await asyncio.sleep(min(float(query.get("s", ["3"])[0]), 10.0))
    headers = scope["headers"]
    body = json.dumps(
        {
            "pid": os.getpid(),
            "target_bytes": len(scope["raw_path"]) + len(scope["query_string"]),
            "header_bytes": sum(len(n) + len(v) + 4 for n, v in headers),
            "header_count": len(headers),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", b"%d" % len(body)),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
