"""What each candidate HTTP server enforces: size limits, timeouts, shutdown, workers, memory.

Raw sockets against 127.0.0.1 only; every loop is bounded in time. Each installed server (see
bench/server_bench.py) runs ``bench/probe_app.py`` (which reports what reached the application)
with the limits configured as docs/server.md recommends (``CONFIGURED``), and the service itself
for the memory test. Printed as tables:

1. sizes: request line and header sizes around the targets (8 kB line, 8 kB per header,
   32 kB in all: issue 11) -> the status the server answers, "app" when the request reached the
   application (so a guard there can answer problem+json), or how the connection ended;
2. timeouts: a slowloris client (one header line a second), a silent connection, an idle
   keep-alive connection -> seconds until the server closed it (or "open" at the bound);
3. SIGTERM with a request in flight; ``--workers 2``; resident memory over 300 requests with a
   1 MB header (probe app and the service).

    python bench/server_limits.py [--servers granian,uvicorn-httptools] [--bound 40]
"""

import argparse
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from server_bench import BENCH, SERVERS, Server, free_port, rss_mb, wait_ready

LIMIT = 64 * 1024  # server-level cap on the request head: above the app guard's 8 + 32 kB
CONFIGURED: dict[str, tuple[str, ...]] = {
    "uvicorn-httptools": (
        *("--timeout-keep-alive", "5", "--timeout-graceful-shutdown", "30"),
        *("--h11-max-incomplete-event-size", str(LIMIT)),  # to show httptools ignores it
    ),
    "uvicorn-h11": (
        *("--timeout-keep-alive", "5", "--timeout-graceful-shutdown", "30"),
        *("--h11-max-incomplete-event-size", str(LIMIT)),
    ),
    "granian": (
        *("--http", "1", "--http1-header-read-timeout", "30000"),
        *("--http1-buffer-size", str(LIMIT), "--workers-kill-timeout", "30"),
    ),
    "hypercorn": ("-c", "{work}/hypercorn.toml"),
}
HYPERCORN_TOML = f"""
h11_max_incomplete_size = {LIMIT}
keep_alive_timeout = 5
read_timeout = 30
graceful_timeout = 30
"""
KB = 1024


def start(server: Server, target: str, work: str, factory: bool = False, extra=()) -> tuple:
    port = free_port()
    options = tuple(o.format(work=work) for o in CONFIGURED[server.name]) + tuple(extra)
    env = dict(os.environ, PYTHONPATH=str(BENCH), DATABASE_URL=f"sqlite:///{work}/limits.db")
    proc = subprocess.Popen(
        server.command(target, port, factory, options),
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(f"http://127.0.0.1:{port}/readyz" if factory else f"http://127.0.0.1:{port}/", proc)
    return proc, port


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=35)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def exchange(port: int, data: bytes, timeout: float = 10) -> str:
    """Send one request; the status line's code (+ "app" if it reached the app), or how it ended."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        send_error = ""
        try:
            sock.sendall(data)
        except OSError as exc:
            send_error = f" (send: {exc.__class__.__name__})"
        reply = b""
        try:
            while b"\r\n\r\n" not in reply and len(reply) < 65536:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
            if b"\r\n\r\n" in reply and b'"pid"' not in reply:
                reply += sock.recv(4096)
        except TimeoutError:
            return "no answer" + send_error
        except OSError as exc:
            return f"{exc.__class__.__name__}" + send_error
    if not reply:
        return "closed" + send_error
    status = reply.split(b" ", 2)[1].decode()
    ctype = next(
        (
            line.split(b":", 1)[1].strip().decode()
            for line in reply.split(b"\r\n")
            if line.lower().startswith(b"content-type:")
        ),
        "-",
    )
    return (f"{status} app" if b'"pid"' in reply else f"{status} {ctype}") + send_error


def request(target: str = "/", headers: list[tuple[str, str]] = ()) -> bytes:
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", *(f"{n}: {v}" for n, v in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


SIZE_CASES = {
    "request line 7.9 kB": request("/?q=" + "a" * (8 * KB - 100)),
    "request line 9 kB": request("/?q=" + "a" * (9 * KB)),
    "request line 20 kB": request("/?q=" + "a" * (20 * KB)),
    "request line 60 kB": request("/?q=" + "a" * (60 * KB)),
    "request line 70 kB": request("/?q=" + "a" * (70 * KB)),
    "request line 105 kB": request("/?q=" + "a" * (105 * KB)),
    "1 header 7.9 kB": request(headers=[("X-Pad", "a" * (8 * KB - 100))]),
    "1 header 9 kB": request(headers=[("X-Pad", "a" * (9 * KB))]),
    "1 header 20 kB": request(headers=[("X-Pad", "a" * (20 * KB))]),
    "5 x 7 kB headers (35 kB)": request(headers=[(f"X-P{i}", "a" * 7 * KB) for i in range(5)]),
    "1 header 60 kB": request(headers=[("X-Pad", "a" * (60 * KB))]),
    "1 header 70 kB": request(headers=[("X-Pad", "a" * (70 * KB))]),
    "1 header 100 kB": request(headers=[("X-Pad", "a" * (100 * KB))]),
    "1 header 130 kB": request(headers=[("X-Pad", "a" * (130 * KB))]),
    "1 header 260 kB": request(headers=[("X-Pad", "a" * (260 * KB))]),
    "1 header 500 kB": request(headers=[("X-Pad", "a" * (500 * KB))]),
    "1 header 1 MB": request(headers=[("Accept-Language", "en," * (350 * KB))]),
    "99 headers x 100 B": request(headers=[(f"X-H{i}", "a" * 100) for i in range(98)]),
    "150 headers x 100 B": request(headers=[(f"X-H{i}", "a" * 100) for i in range(150)]),
}


def sizes(servers: list[Server], work: str) -> None:
    rows = {}
    for server in servers:
        proc, port = start(server, "probe_app:app", work)
        try:
            rows[server.name] = {name: exchange(port, data) for name, data in SIZE_CASES.items()}
        finally:
            stop(proc)
    table("sizes (server configured as in CONFIGURED)", rows, list(SIZE_CASES))


def table(title: str, rows: dict[str, dict[str, str]], cases: list[str]) -> None:
    print(f"\n## {title}\n")
    names = list(rows)
    print("| case | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for case in cases:
        print(f"| {case} | " + " | ".join(rows[n].get(case, "-") for n in names) + " |")
    sys.stdout.flush()


def held_for(port: int, opening: bytes, drip: bytes | None, bound: float) -> str:
    """Seconds until the server closes a connection sending ``opening``, then ``drip`` each 1 s."""
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=bound) as sock:
        sock.sendall(opening)
        got = b""
        while time.monotonic() - began < bound:
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                try:
                    chunk = sock.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                got += chunk
            elif drip is not None:
                try:
                    sock.sendall(drip)
                except OSError:
                    break
        else:
            return f"open at {bound:.0f} s"
    status = f" ({got.split(b' ', 2)[1].decode()})" if got.startswith(b"HTTP/") and drip else ""
    return f"closed at {time.monotonic() - began:.1f} s{status}"


TIMEOUT_CASES = {
    "slowloris (1 header line/s)": (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", b"X-a: b\r\n"),
    "slow request line (1 byte/s)": (b"GET /", b"a"),
    "silent connection": (b"", None),
    "idle keep-alive after 1 request": (request(), None),
}


def timeouts(servers: list[Server], work: str, bound: float) -> None:
    procs, rows = [], {s.name: {} for s in servers}
    try:
        ports = {}
        for server in servers:
            proc, ports[server.name] = start(server, "probe_app:app", work)
            procs.append(proc)

        def probe(name: str, case: str) -> None:
            opening, drip = TIMEOUT_CASES[case]
            rows[name][case] = held_for(ports[name], opening, drip, bound)

        threads = [
            threading.Thread(target=probe, args=(s.name, c)) for s in servers for c in TIMEOUT_CASES
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(bound + 15)
    finally:
        for proc in procs:
            stop(proc)
    table(f"timeouts (bound {bound:.0f} s)", rows, list(TIMEOUT_CASES))


def graceful(server: Server, work: str) -> dict[str, str]:
    proc, port = start(server, "probe_app:app", work)
    result: dict[str, str] = {}

    def slow() -> None:
        began = time.monotonic()
        try:
            answer = httpx.get(f"http://127.0.0.1:{port}/slow?s=3", timeout=15)
            result["in-flight 3 s request"] = (
                f"{answer.status_code} at {time.monotonic() - began:.1f} s"
            )
        except httpx.HTTPError as exc:
            result["in-flight 3 s request"] = f"{exc.__class__.__name__}"

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.7)
    began = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    time.sleep(0.5)
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
        result["new request after SIGTERM"] = "served"
    except httpx.HTTPError as exc:
        result["new request after SIGTERM"] = f"refused ({exc.__class__.__name__})"
    thread.join(20)
    try:
        proc.wait(timeout=35)
        result["exit after SIGTERM"] = f"{time.monotonic() - began:.1f} s, code {proc.returncode}"
    except subprocess.TimeoutExpired:
        result["exit after SIGTERM"] = "still running at 35 s"
        stop(proc)
    return result


def workers(server: Server, work: str) -> dict[str, str]:
    flag = ("-w", "2") if server.name == "hypercorn" else ("--workers", "2")
    proc, port = start(server, "probe_app:app", work, extra=flag)
    try:
        pids = set()
        deadline = time.monotonic() + 10
        while len(pids) < 2 and time.monotonic() < deadline:
            with httpx.Client() as client:  # a new connection each time
                pids.add(client.get(f"http://127.0.0.1:{port}/").json()["pid"])
        return {"--workers 2: processes answering": str(len(pids))}
    finally:
        stop(proc)


def idle_flood(server: Server, work: str, count: int = 1000) -> dict[str, str]:
    """``count`` silent connections held open: memory they cost, and whether others are served."""
    proc, port = start(server, "probe_app:app", work)
    socks: list[socket.socket] = []
    try:
        before = rss_mb(proc.pid)
        for _ in range(count):
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(2)
        began = time.monotonic()
        status = httpx.get(f"http://127.0.0.1:{port}/", timeout=10).status_code
        took = (time.monotonic() - began) * 1000
        grown = rss_mb(proc.pid) - before
        beside = f"{grown:+.1f} MB; a GET beside them {status} in {took:.0f} ms"
        return {f"{count} silent connections": beside}
    except (OSError, httpx.HTTPError) as exc:
        return {f"{count} silent connections": exc.__class__.__name__}
    finally:
        for sock in socks:
            sock.close()
        stop(proc)


def memory(server: Server, work: str, factory: bool) -> str:
    target = "api.main:create_app" if factory else "probe_app:app"
    proc, port = start(server, target, work, factory=factory)
    path = "/v1/articles/immunotherapy-breast-cancer" if factory else "/"
    try:
        for _ in range(20):  # warm-up with ordinary requests
            exchange(port, request(path, [("Accept-Language", "es")]))
        before = rss_mb(proc.pid)
        statuses: dict[str, int] = {}
        deadline = time.monotonic() + 120
        for i in range(300):
            if time.monotonic() > deadline:
                break
            value = f"es;q=0.{i % 9 + 1}," + "en-GB;q=0.5," * (1024 * 1024 // 12)
            status = exchange(port, request(path, [("Accept-Language", value)]), timeout=10)
            statuses[status] = statuses.get(status, 0) + 1
        time.sleep(1)
        grown = rss_mb(proc.pid) - before
        answered = ", ".join(f"{k} x{v}" for k, v in statuses.items())
        return f"{grown:+.1f} MB ({answered})"
    finally:
        stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default=",".join(s.name for s in SERVERS))
    parser.add_argument("--bound", type=float, default=40.0)
    parser.add_argument("--only", default="sizes,timeouts,lifecycle,memory")
    opts = parser.parse_args()
    servers = [s for s in SERVERS if s.name in opts.servers.split(",")]
    for server in servers:
        if not server.installed():
            print(f"skipped {server.name}: needs {', '.join(server.modules)}", file=sys.stderr)
    servers = [s for s in servers if s.installed()]
    work = tempfile.mkdtemp(prefix="server-limits-")
    Path(work, "hypercorn.toml").write_text(HYPERCORN_TOML)
    only = opts.only.split(",")
    print(f"head cap configured on each server: {LIMIT} bytes")
    if "sizes" in only:
        sizes(servers, work)
    if "timeouts" in only:
        timeouts(servers, work, opts.bound)
    if "lifecycle" in only:
        rows = {s.name: graceful(s, work) | workers(s, work) | idle_flood(s, work) for s in servers}
        table("SIGTERM and workers", rows, list(next(iter(rows.values()))))
    if "memory" in only:
        rows = {
            s.name: {
                "probe app": memory(s, work, False),
                "the service (article GET)": memory(s, work, True),
            }
            for s in servers
        }
        table(
            "resident memory growth over 300 requests with a 1 MB header",
            rows,
            list(rows[servers[0].name]),
        )


if __name__ == "__main__":
    main()
