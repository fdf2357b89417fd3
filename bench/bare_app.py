"""Baseline for bench/read_bench.py: a bare async FastAPI endpoint returning fixed bytes."""

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
app = FastAPI()


@app.get("/bare")
async def bare() -> Response:
    """The same bytes the article endpoint serves, with no negotiation or lookup."""
    return Response(BODY, media_type="application/json")
