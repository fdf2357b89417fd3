"""HTTP server benchmark: the same app and the same bare endpoint on each candidate ASGI server.

Each installed server runs the service from its factory (``api.main:create_app``, one worker,
SQLite with the seeded article, as ``content-api serve`` does) and ``bench/bare_app.py`` (a bare
FastAPI endpoint returning the same bytes) on 127.0.0.1. ``wrk`` (Debian package) drives each
case at 32 connections for ``--seconds``; the cases are

- ``bare``: the bare endpoint, same body bytes;
- ``GET 1 header``: the article with one repeated Accept-Language header (the cache's best case);
- ``GET distinct``: the article with 20,000 distinct real-world-shaped Accept-Language headers
  (``bench/accept_language.lua``, a new seed every round);
- ``304``: the article with ``If-None-Match`` of its ETag (reference.md section 4).

Rounds alternate: within a round every case runs on every server back to back, so load from the
other engineers on the machine spreads evenly. Medians of the rounds are printed with two ratios:
against the baseline measured in this run (``uvicorn-httptools`` bare: the server and parser
``content-api serve`` uses today) and against the same server's bare endpoint. A server whose
package is not installed is skipped with a note.

    python bench/server_bench.py [--seconds 8] [--rounds 3] [--servers granian,uvicorn-h11]
"""

import argparse
import importlib.util
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

SLUG = "immunotherapy-breast-cancer"
HEADERS = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5", "Accept-Encoding": "identity"}
BENCH = Path(__file__).resolve().parent
LUA = BENCH / "accept_language.lua"
BASELINE = "uvicorn-httptools"
CASES = ("bare", "GET 1 header", "GET distinct", "304")


@dataclass(frozen=True)
class Server:
    """How to start one candidate: the modules it needs and its command line for an app."""

    name: str
    modules: tuple[str, ...]

    def command(
        self, target: str, port: int, factory: bool, extra: tuple[str, ...] = ()
    ) -> list[str]:
        """Argv serving ``target`` ("module:attr") on 127.0.0.1:port, no access log.

        ``extra`` holds server-specific options (limits, timeouts, ``--workers``).
        """
        py, bin_dir = sys.executable, Path(sys.executable).parent
        if self.name.startswith("uvicorn"):
            parser = self.name.split("-")[1]
            return [
                *(py, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port)),
                *("--http", parser, "--loop", "uvloop", "--log-level", "warning"),
                "--no-access-log",
                *(["--factory"] if factory else []),
                *extra,
            ]
        if self.name == "granian":
            return [
                *(str(bin_dir / "granian"), "--interface", "asgi", "--host", "127.0.0.1"),
                *("--port", str(port), "--log-level", "warning", "--no-ws"),
                *(["--factory"] if factory else []),
                *extra,
                target,
            ]
        app = f"{target}()" if factory else target
        return [
            *(str(bin_dir / "hypercorn"), "-k", "uvloop", "-b", f"127.0.0.1:{port}"),
            *("--log-level", "warning", *extra, app),
        ]

    def installed(self) -> bool:
        """Every module this server needs can be imported."""
        return all(importlib.util.find_spec(m) is not None for m in self.modules)


SERVERS = (
    Server("uvicorn-httptools", ("uvicorn", "httptools", "uvloop")),
    Server("uvicorn-h11", ("uvicorn", "h11", "uvloop")),
    Server("granian", ("granian",)),
    Server("hypercorn", ("hypercorn", "uvloop")),
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {url} did not become ready")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (granian forks its workers), MB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total / 1024


def wrk(url: str, headers: dict[str, str], seconds: int, lua_seed: int | None) -> dict[str, float]:
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    if lua_seed is not None:
        args += ["-s", str(LUA), url, "--", str(lua_seed), "20000"]
    else:
        args.append(url)
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "p50": _latency(out, "50%"),
        "p99": _latency(out, "99%"),
        "errors": float(errors.group(1)) if errors else 0.0,
        "sock": float(sum(int(n) for n in sock.groups())) if sock else 0.0,
    }


def _latency(out: str, pct: str) -> float:
    value, unit = re.search(rf"\s{pct}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


@dataclass
class Running:
    """One server's two instances: the service and the bare endpoint."""

    server: Server
    app: subprocess.Popen[bytes]
    bare: subprocess.Popen[bytes]
    app_url: str
    bare_url: str
    etag: str = ""
    rss_start: float = 0.0


def start(server: Server, env: dict[str, str], work: str, body: Path | None) -> Running:
    """Start the service, then (once its body is known) the bare endpoint, and wait for both."""
    app_port, bare_port = free_port(), free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    app = subprocess.Popen(
        server.command("api.main:create_app", app_port, True), env=env, cwd=work, **quiet
    )
    app_url = f"http://127.0.0.1:{app_port}/v1/articles/{SLUG}"
    wait_ready(f"http://127.0.0.1:{app_port}/readyz", app)
    first = httpx.get(app_url, headers=HEADERS)
    first.raise_for_status()
    if body is not None and first.content != body.read_bytes():
        raise SystemExit(f"{server.name}: the article body differs from the first server's")
    body = Path(work) / "body.json"
    body.write_bytes(first.content)
    bare_env = dict(env, BENCH_BODY_FILE=str(body), PYTHONPATH=str(BENCH))
    bare = subprocess.Popen(
        server.command("bare_app:app", bare_port, False), env=bare_env, cwd=work, **quiet
    )
    bare_url = f"http://127.0.0.1:{bare_port}/bare"
    wait_ready(bare_url, bare)
    return Running(server, app, bare, app_url, bare_url, first.headers["etag"])


def run_case(run: Running, case: str, seconds: int, seed: int) -> dict[str, float]:
    if case == "bare":
        return wrk(run.bare_url, HEADERS, seconds, None)
    if case == "GET 1 header":
        return wrk(run.app_url, HEADERS, seconds, None)
    if case == "GET distinct":
        return wrk(run.app_url, {}, seconds, seed)
    return wrk(run.app_url, HEADERS | {"If-None-Match": run.etag}, seconds, None)


def run_rounds(runs: list[Running], opts: argparse.Namespace) -> dict[tuple[str, str], list]:
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    for run in runs:  # warm-up, not recorded: JIT-free but caches, CMU dictionary, page cache
        for case in CASES:
            run_case(run, case, 2, opts.seed - 1)
        run.rss_start = rss_mb(run.app.pid)
    for round_no in range(opts.rounds):
        seed = opts.seed + round_no
        for case in CASES:
            for run in runs:
                result = run_case(run, case, opts.seconds, seed)
                results.setdefault((run.server.name, case), []).append(result)
                print(f"round {round_no + 1} {run.server.name} {case}: {result}", file=sys.stderr)
    return results


def report(results: dict[tuple[str, str], list], runs: list[Running], body_bytes: int) -> None:
    med = {
        key: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for key, rs in results.items()
    }
    names = [run.server.name for run in runs]
    base_name = BASELINE if BASELINE in names else names[0]
    base = med[(base_name, "bare")]["rps"]
    rounds = len(next(iter(results.values())))
    print(f"body: {body_bytes} bytes; wrk -t2 -c32; medians of {rounds} rounds; 1 worker each")
    print(f"baseline: {base_name} bare endpoint, {base:.0f} req/s")
    head = f"{'server':18s} {'case':13s} {'req/s':>8s} {'p50 ms':>7s} {'p99 ms':>8s}"
    print(f"{head} {'x base':>6s} {'x bare':>6s} {'errors':>6s}")
    for name in names:
        own_bare = med[(name, "bare")]["rps"]
        for case in CASES:
            m = med[(name, case)]
            print(
                f"{name:18s} {case:13s} {m['rps']:8.0f} {m['p50']:7.2f} {m['p99']:8.2f} "
                f"{m['rps'] / base:6.2f} {m['rps'] / own_bare:6.2f} {m['errors'] + m['sock']:6.0f}"
            )
    print("resident memory of the service (all processes), MB: after warm-up -> at the end")
    for run in runs:
        end = rss_mb(run.app.pid)
        print(
            f"{run.server.name:18s} {run.rss_start:7.1f} -> {end:7.1f} ({end - run.rss_start:+.1f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--servers", default=",".join(s.name for s in SERVERS))
    parser.add_argument("--seed", type=int, default=random.randrange(1, 10**6))
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    wanted = opts.servers.split(",")
    chosen = []
    for server in SERVERS:
        if server.name not in wanted:
            continue
        if server.installed():
            chosen.append(server)
        else:
            print(f"skipped {server.name}: needs {', '.join(server.modules)}", file=sys.stderr)
    if not chosen:
        raise SystemExit("no server to benchmark is installed")
    print(f"seed {opts.seed} (rounds use seed, seed+1, ...)", file=sys.stderr)
    work = tempfile.mkdtemp(prefix="server-bench-")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{work}/bench.db")
    runs: list[Running] = []
    try:
        for server in chosen:
            body = Path(work) / "body.json" if runs else None
            runs.append(start(server, env, work, body))
        results = run_rounds(runs, opts)
        report(results, runs, len((Path(work) / "body.json").read_bytes()))
    finally:
        for run in runs:
            for proc in (run.app, run.bare):
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
