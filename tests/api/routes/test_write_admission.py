"""Writes the unauthenticated cannot stall (issue 11, point 2), against a live server on its
own database (PostgreSQL with TEST_DATABASE_URL, else a SQLite file), with real threads:
100 concurrent publishes of one slot end with one 200 and 409/412 for the rest, never 503;
a real write stays fast during a flood of unauthenticated POSTs; a full queue is a 503 at once.
"""

import json
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import anyio
import httpx
import pytest

from api.db import WriteGate, WriteQueueFull
from tests.api.live_process import live_process, prepare
from tests.api.routes.test_concurrent_publish import PLAIN, SEC, live, own_database  # noqa: F401

SLOT = {"locale": "de", "level": "plain"}


def _submit(http: httpx.Client, who: dict[str, str], source_hash: str, extra: str) -> int:
    body = {**SLOT, "text": PLAIN + extra, "base_source_hash": source_hash}
    r = http.post(f"{SEC}/versions", headers=who, json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_a_hundred_concurrent_publishes_end_with_one_200_and_never_503(live):  # noqa: F811
    base, people = live
    with httpx.Client(base_url=base, timeout=60) as http:
        source = http.get(f"{SEC}/versions", params=SLOT, headers=people["r1"]).json()["source"]
        version = _submit(http, people["t1"], source["source_hash"], "")
        etag = http.get(f"{SEC}/versions", params=SLOT, headers=people["r1"]).headers["etag"]
    barrier = threading.Barrier(100)

    def publish(i: int) -> int:
        with httpx.Client(base_url=base, timeout=60) as http:
            barrier.wait()
            who = people["r1" if i % 2 else "r2"] | {"If-Match": etag}
            return http.post(f"{SEC}/versions/{version}/publish", headers=who).status_code

    with ThreadPoolExecutor(100) as pool:
        statuses = list(pool.map(publish, range(100)))
    assert statuses.count(200) == 1, sorted(statuses)
    assert set(statuses) <= {200, 409, 412}, sorted(statuses)


def test_a_real_write_stays_fast_during_an_unauthenticated_flood(own_database):  # noqa: F811
    with live_process(own_database, prepare(own_database)) as server:
        _flood_and_measure(server.base, server.people)


# The flood runs in a process of its own: 50 client threads in the test's process would
# measure their own contention for the GIL, not the server's latency.
FLOOD = """
import json, sys, threading, collections, httpx
base, url, body = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
clients = [httpx.Client(base_url=base, timeout=60) for _ in range(50)]
for c in clients:
    c.get("/healthz")
statuses = collections.Counter()
def flood(c):
    for _ in range(10):  # 50 clients x 10 = 500 POSTs
        statuses[c.post(url, json=body).status_code] += 1
threads = [threading.Thread(target=flood, args=(c,)) for c in clients]
print("flooding", flush=True)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(statuses), flush=True)
"""


def _flood_and_measure(base: str, people: dict[str, dict[str, str]]) -> None:
    """Real writes, one after another, for as long as the flood of 500 POSTs lasts."""
    with httpx.Client(base_url=base, timeout=60) as http:
        source_hash = _source_hash(http, people)
        _submit(http, people["t1"], source_hash, " Warm.")  # first scoring loads dictionaries
        body = json.dumps({**SLOT, "text": PLAIN, "base_source_hash": source_hash})
        flood = subprocess.Popen(
            [sys.executable, "-c", FLOOD, base, f"{SEC}/versions", body],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert flood.stdout is not None
        assert flood.stdout.readline().strip() == "flooding"
        latencies: list[float] = []
        while flood.poll() is None or len(latencies) < 10:
            start = time.perf_counter()
            _submit(http, people["t1"], source_hash, f" Frage {len(latencies)}.")
            latencies.append(time.perf_counter() - start)
        statuses = json.loads(flood.stdout.readline())
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98]
    assert p99 < 1.0, str([round(x, 3) for x in latencies])
    assert statuses == {"401": 500}


def _source_hash(http: httpx.Client, people: dict[str, dict[str, str]]) -> str:
    r = http.get(f"{SEC}/versions", params=SLOT, headers=people["r1"])
    return str(r.json()["source"]["source_hash"])


def test_a_full_write_queue_answers_503_at_once():
    async def scenario() -> list[str]:
        gate = WriteGate(1, 2, 10.0)
        outcomes: list[str] = []
        release = anyio.Event()

        async def writer(name: str) -> None:
            try:
                async with gate.turn():
                    await release.wait()
                outcomes.append(name)
            except WriteQueueFull:
                outcomes.append(f"{name}: full")

        async with anyio.create_task_group() as tg:
            for name in ("holder", "w1", "w2"):
                tg.start_soon(writer, name)
                await anyio.sleep(0.01)
            start = time.perf_counter()
            await writer("w3")
            assert time.perf_counter() - start < 0.1
            release.set()
        return outcomes

    assert anyio.run(scenario) == ["w3: full", "holder", "w1", "w2"]


@pytest.mark.parametrize("capacity", [1, 3])
def test_the_gate_admits_capacity_writers_at_once(capacity):
    async def scenario() -> int:
        gate, inside, most = WriteGate(capacity, 100, 10.0), 0, 0

        async def writer() -> None:
            nonlocal inside, most
            async with gate.turn():
                inside += 1
                most = max(most, inside)
                await anyio.sleep(0.01)
                inside -= 1

        async with anyio.create_task_group() as tg:
            for _ in range(10):
                tg.start_soon(writer)
        return most

    assert anyio.run(scenario) == capacity
