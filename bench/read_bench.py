"""Read-path benchmark: negotiated article GET and its 304 against a bare endpoint.

Both servers run as ``content-api serve`` does (uvicorn, one worker) on 127.0.0.1, and a third
instance runs with the fast path off (``READ_CACHE_ENTRIES=0``: every request is routed,
validated and negotiated, answered from the rendered-response cache); ``wrk``
(Debian package) drives each at 32 connections for ``--seconds`` per run, in three alternating
rounds; the medians and the ratios against the bare endpoint measured in the same run are
printed. Goals (issue 2): article GET >= 0.5x, 304 >= 0.8x.

    python bench/read_bench.py [--seconds 10] [--rounds 3]
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SLUG = "immunotherapy-breast-cancer"
BARE = "bare endpoint (same bytes)"
HEADERS = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5", "Accept-Encoding": "identity"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server at {url} did not become ready")


def start(cmd: list[str], env: dict[str, str], cwd: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wrk(url: str, headers: dict[str, str], seconds: int) -> dict[str, float]:
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url]
    for name, value in headers.items():
        args[1:1] = ["-H", f"{name}: {value}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return {"rps": rps, "p50": _latency(out, "50%"), "p99": _latency(out, "99%")}


def _latency(out: str, pct: str) -> float:
    value, unit = re.search(rf"\s{pct}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="content-bench-")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{work}/bench.db")
    api_port, routed_port, bare_port = free_port(), free_port(), free_port()
    bin_dir = Path(sys.executable).parent
    serve = [str(bin_dir / "content-api"), "serve", "--log-level", "warning", "--port"]
    procs = [start([*serve, str(api_port)], env, work)]
    try:
        article = f"http://127.0.0.1:{api_port}/v1/articles/{SLUG}"
        wait_ready(f"http://127.0.0.1:{api_port}/readyz")
        # the same service with the fast path off: every request routed and negotiated
        procs.append(start([*serve, str(routed_port)], dict(env, READ_CACHE_ENTRIES="0"), work))
        routed = f"http://127.0.0.1:{routed_port}/v1/articles/{SLUG}"
        wait_ready(f"http://127.0.0.1:{routed_port}/readyz")
        first = httpx.get(article, headers=HEADERS)
        first.raise_for_status()
        body_file = Path(work) / "body.json"
        body_file.write_bytes(first.content)
        bare_env = dict(
            env, BENCH_BODY_FILE=str(body_file), PYTHONPATH=str(Path(__file__).resolve().parent)
        )
        procs.append(
            start(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bare_app:app",
                    "--port",
                    str(bare_port),
                    "--log-level",
                    "warning",
                ],
                bare_env,
                work,
            )
        )
        bare = f"http://127.0.0.1:{bare_port}/bare"
        wait_ready(bare)
        not_modified = HEADERS | {"If-None-Match": first.headers["etag"]}
        cases = {
            BARE: (bare, HEADERS),
            "article GET, negotiated": (article, HEADERS),
            "article 304 (If-None-Match)": (article, not_modified),
            "GET, fast path off": (routed, HEADERS),
            "304, fast path off": (routed, not_modified),
        }
        report(run_rounds(cases, opts.rounds, opts.seconds), len(first.content))
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def run_rounds(cases: dict, rounds: int, seconds: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
    for url, headers in cases.values():  # warm-up, not recorded
        wrk(url, headers, 2)
    for round_no in range(rounds):
        for name, (url, headers) in cases.items():
            results[name].append(wrk(url, headers, seconds))
            print(f"round {round_no + 1} {name}: {results[name][-1]}", file=sys.stderr)
    return results


def report(results: dict[str, list[dict[str, float]]], body_bytes: int) -> None:
    medians = {
        name: {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p99")}
        for name, runs in results.items()
    }
    base = medians[BARE]["rps"]
    rounds = len(next(iter(results.values())))
    print(f"body: {body_bytes} bytes; wrk -t2 -c32; medians of {rounds} rounds")
    print(f"{'case':32s} {'req/s':>9s} {'p50 ms':>8s} {'p99 ms':>8s} {'ratio':>6s}")
    assert all(len(runs) == len(results[BARE]) for runs in results.values())
    for name, m in medians.items():
        print(f"{name:32s} {m['rps']:9.0f} {m['p50']:8.2f} {m['p99']:8.2f} {m['rps'] / base:6.2f}")
    get_ratio = medians["article GET, negotiated"]["rps"] / base
    nm_ratio = medians["article 304 (If-None-Match)"]["rps"] / base
    print(
        f"goal: GET >= 0.50x -> {get_ratio:.2f}x {'met' if get_ratio >= 0.5 else 'NOT met'}; "
        f"304 >= 0.80x -> {nm_ratio:.2f}x {'met' if nm_ratio >= 0.8 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
