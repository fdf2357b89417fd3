"""Read benchmark of this checkout against an earlier commit, in one run (issue 7's criterion:
"every read case >= 0.95x of the parent's median").

The earlier commit (``--against``, default ``57e33e6``: the parent of the architecture work's
first commit) is checked out in a temporary git worktree and served from it with this
environment's packages; this checkout is served beside it. Both run on the same server and
parser the parent's ``content-api serve`` used (uvicorn with httptools, one worker), so the
ratio is the application's; this checkout also runs as its own ``content-api serve`` does
(Granian). Each side has a second instance with the fast path off (``READ_CACHE_ENTRIES=0``).

The read cases (``bench/read_bench.py``): ``GET 1 header`` (one repeated Accept-Language),
``304`` (If-None-Match), ``GET distinct headers`` (20,000 real-world-shaped headers per round,
``bench/accept_language.lua``, a new seed each round), and the GET and 304 with the fast path
off. ``wrk -t2 -c32`` for ``--seconds`` per measurement; rounds alternate every case on every
side, the side order reversed every other round; medians, and each side's ratio to the parent.

    python bench/parent_bench.py [--against REF] [--seconds 5] [--rounds 5]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
from server_bench import HEADERS, SERVERS, SLUG, free_port, wait_ready, wrk

ROOT = Path(__file__).resolve().parent.parent
PARENT, CHANGE, SERVED = "parent (uvicorn)", "change (uvicorn)", "change (content-api serve)"
CASES = ("GET 1 header", "304", "GET distinct headers", "GET, fast path off", "304, fast path off")
UVICORN = next(s for s in SERVERS if s.name == "uvicorn-httptools")


class Side:
    """One build of the service: a fast-path instance and one with the fast path off."""

    def __init__(self, name: str, source: Path, work: Path, granian: bool) -> None:
        self.name, self.procs = name, []
        self.urls = [self._start(source, work / f"{n}-{i}", granian, i) for i, n in enumerate("ab")]
        self.etags = [httpx.get(u, headers=HEADERS).headers["etag"] for u in self.urls]
        self.body_bytes = len(httpx.get(self.urls[0], headers=HEADERS).content)

    def _start(self, source: Path, work: Path, granian: bool, fast_off: int) -> str:
        work.mkdir(parents=True)
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(source), "HOME": str(work)}
        env |= {"DATABASE_URL": f"sqlite:///{work}/content.db"}
        env |= {"READ_CACHE_ENTRIES": "0"} if fast_off else {}
        port = free_port()
        cli = str(Path(sys.executable).parent / "content-api")
        cmd = (
            [cli, "serve", "--port", str(port)]
            if granian
            else UVICORN.command("api.main:create_app", port, True)
        )
        log = (work / "server.log").open("wb")
        proc = subprocess.Popen(cmd, env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        wait_ready(f"http://127.0.0.1:{port}/readyz", proc)
        return f"http://127.0.0.1:{port}/v1/articles/{SLUG}"

    def measure(self, case: str, seconds: int, seed: int) -> float:
        """Requests per second of one case."""
        off = int("off" in case)
        url, headers = self.urls[off], dict(HEADERS)
        if case.startswith("304"):
            headers["If-None-Match"] = self.etags[off]
        if case == "GET distinct headers":
            return wrk(url, {}, seconds, seed)["rps"]
        return wrk(url, headers, seconds, None)["rps"]

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
            proc.wait(timeout=30)


def worktree(ref: str, where: Path) -> Path:
    """A detached checkout of ``ref`` (removed by ``remove_worktree``)."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), ref],
        check=True,
        capture_output=True,
    )
    return where


def remove_worktree(where: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)])


def run(sides: list[Side], rounds: int, seconds: int, seed: int) -> dict[tuple[str, str], list]:
    results: dict[tuple[str, str], list[float]] = {}
    for side in sides:  # warm-up, not recorded
        for case in CASES:
            side.measure(case, 1, seed - 1)
    for round_no in range(rounds):
        order = sides if round_no % 2 == 0 else sides[::-1]
        for case in CASES:
            for side in order:
                rps = side.measure(case, seconds, seed + round_no)
                results.setdefault((side.name, case), []).append(rps)
                print(f"round {round_no + 1} {side.name} {case}: {rps:.0f}", file=sys.stderr)
    return results


def report(results: dict[tuple[str, str], list[float]], sides: list[Side], against: str) -> bool:
    med = {key: statistics.median(values) for key, values in results.items()}
    rounds = len(next(iter(results.values())))
    print(f"against {against}; wrk -t2 -c32; medians of {rounds} alternating rounds")
    print("bodies: " + ", ".join(f"{s.name} {s.body_bytes} bytes" for s in sides))
    print(f"{'case':24s}" + "".join(f"{s.name:>30s}" for s in sides))
    met = True
    for case in CASES:
        base = med[(PARENT, case)]
        cells = []
        for side in sides:
            ratio = med[(side.name, case)] / base
            met &= side.name == PARENT or ratio >= 0.95
            cells.append(f"{med[(side.name, case)]:9.0f} req/s {ratio:5.2f}x")
        print(f"{case:24s}" + "".join(f"{c:>30s}" for c in cells))
    print(f"goal: every read case >= 0.95x of the parent: {'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="57e33e6")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=4242)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parent_src = worktree(args.against, Path(tmp) / "parent")
        sides: list[Side] = []
        try:
            sides.append(Side(PARENT, parent_src, Path(tmp) / "p", granian=False))
            sides.append(Side(CHANGE, ROOT, Path(tmp) / "c", granian=False))
            sides.append(Side(SERVED, ROOT, Path(tmp) / "s", granian=True))
            report(run(sides, args.rounds, args.seconds, args.seed), sides, args.against)
        finally:
            for side in sides:
                side.stop()
            remove_worktree(parent_src)


if __name__ == "__main__":
    main()
