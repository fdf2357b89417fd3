"""``content-api score`` in a fresh process: this checkout beside a baseline, same run.

Issue 8 point 9: a Spanish sentence must answer in under 0.5 s, each language's data loaded
lazily (the English CMU dictionary is not loaded for Spanish). The baseline is another git
revision (default ``main``: textstat with the CMU dictionary loaded at import, the CLI importing
SQLModel, Alembic and the settings first), extracted with ``git archive`` and run from that
tree with the same interpreter. Each case runs ``--runs`` times under ``/usr/bin/time``; the
median wall time, the median CPU time (user + sys: what the process itself needs, less
sensitive to a busy machine than wall time) and the largest peak RSS are printed, each with
the ratio baseline / ours. Print the load average beside: on a shared machine wall time grows.

    python bench/score_cli_bench.py [--baseline main] [--runs 7]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = {
    "es sentence": ["--locale", "es", "El cáncer de mama afecta al tejido del seno. Hay ayuda."],
    "en sentence": ["--locale", "en", "Breast cancer affects the breast. Help is available."],
}
CODE = (
    "import sys; sys.path.insert(0, {root!r}); from api.cli import main; sys.exit(main({argv!r}))"
)


def run_once(root: Path, argv: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s = user + sys, peak RSS KB) of one fresh process scoring ``argv``."""
    code = CODE.format(root=str(root), argv=["score", *argv])
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss)


def measure(root: Path, argv: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall and CPU time and largest peak RSS over ``runs`` fresh processes."""
    results = [run_once(root, argv) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


def main() -> None:
    """Print one row per case: baseline and ours, wall time and memory, and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", args.baseline], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        print(f"content-api score, fresh process, median of {args.runs}; baseline {args.baseline}")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"{'case':12} {'wall base':>9} {'ours':>6} {'ratio':>6} {'cpu base':>9} {'ours':>6}"
              f" {'ratio':>6} {'MB base':>8} {'ours':>6} {'ratio':>6}")  # fmt: skip
        for name, argv in CASES.items():
            base = measure(Path(tmp), argv, args.runs)
            ours = measure(REPO, argv, args.runs)
            print(
                f"{name:12} {base[0]:9.2f} {ours[0]:6.2f} {base[0] / ours[0]:6.1f}"
                f" {base[1]:9.2f} {ours[1]:6.2f} {base[1] / ours[1]:6.1f}"
                f" {base[2] / 1024:8.0f} {ours[2] / 1024:6.0f} {base[2] / ours[2]:6.1f}"
            )


if __name__ == "__main__":
    main()
