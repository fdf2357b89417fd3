"""Text statistics benchmark (issue 8 points 3 and 9).

Prints, per language:
- gold-set accuracy of our counters (sentence cases exact, syllable counts exact);
- median time to count 500 words of text not counted before (each run a new text, so neither
  our code nor textstat's per-text lru_cache can reuse a result), ours beside textstat's
  counts on the same texts in the same run (textstat.backend.metrics-style stateless calls with
  an explicit language, reference.md section 2);
- the wall time and peak memory of a fresh process that counts one Spanish sentence.

Run: python bench/textstats_bench.py
"""

import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests/api/domain"))

from textstats_gold import LANGUAGES, sentence_gold, syllable_gold  # noqa: E402

from api.domain import textstat_offline  # noqa: E402, F401  (CMU for textstat, offline)
from api.domain.textstats import syllables, text_stats  # noqa: E402
from api.domain.textstats.segment import sentences  # noqa: E402

SEED = ROOT / "translations/content/immunotherapy-breast-cancer"
RUNS = 60


def accuracy(language: str) -> tuple[float, float]:
    cases = sentence_gold(language)
    exact = sum(
        [c["text"][s.start : s.end] for s in sentences(c["text"], language)] == c["sentences"]
        for c in cases
    )
    words = syllable_gold(language)
    right = sum(syllables.count(w, language) == n for w, n in words)
    return exact / len(cases), right / len(words)


def pool(language: str) -> list[str]:
    """Sentences of realistic text: the seed article where it exists, else the gold cases."""
    texts = [c["text"] for c in sentence_gold(language)]
    folder = SEED / language
    if folder.is_dir():
        po = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.po")))
        texts += [t for t in re.findall(r'^msgstr "(.+)"$', po, flags=re.M) if len(t) > 40]
    return texts


def sample(language: str, run: int) -> str:
    rng = random.Random(f"{language}-{run}")
    sentences_pool, out, words = pool(language), [], 0
    while words < 500:
        piece = rng.choice(sentences_pool)
        out.append(piece)
        words += len(piece.split())
    return " ".join(out) + f" Run {run}."


def textstat_counts(text: str, language: str) -> None:
    from textstat.backend import counts

    counts.count_sentences(text)
    counts.count_words(text)
    counts.count_syllables(text, language)
    counts.count_letters(text)


def timing(language: str) -> tuple[float, float]:
    text_stats(sample(language, -1), language)  # load the language's rules and data once
    textstat_counts(sample(language, -1), language)
    ours, theirs = [], []
    for run in range(RUNS):
        text = sample(language, run)
        start = time.perf_counter()
        text_stats(text, language)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        textstat_counts(text, language)
        theirs.append(time.perf_counter() - start)
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000


FRESH = r"""
import re, sys, time
start = time.perf_counter()
from api.domain.textstats import text_stats
stats = text_stats("El paciente recibe la dosis cada tres semanas.", "es")
elapsed = time.perf_counter() - start
status = open("/proc/self/status").read()  # VmHWM: this process's peak (ru_maxrss survives exec)
peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
english = "api.domain.textstats.syllables_en" in sys.modules or "textstat" in sys.modules
print(f"{elapsed:.3f} {peak:.1f} {english} {stats.syllable_count}")
"""


def fresh_process() -> str:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", FRESH], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    total = time.perf_counter() - start
    return (
        f"fresh process, one Spanish sentence: {total:.3f} s wall (interpreter included), "
        f"{out[0]} s import+count, peak RSS {out[1]} MB, English data loaded: {out[2]}, "
        f"syllables {out[3]}"
    )


def main() -> None:
    print(f"{'lang':5} {'sentences':>9} {'syllables':>9} {'ours ms':>8} {'textstat ms':>11}")
    for language in LANGUAGES:
        sentence_accuracy, syllable_accuracy = accuracy(language)
        ours, theirs = timing(language)
        print(
            f"{language:5} {sentence_accuracy:9.1%} {syllable_accuracy:9.1%} "
            f"{ours:8.2f} {theirs:11.2f}"
        )
    print("median of", RUNS, "texts of about 500 words, each counted once")
    print(fresh_process())


if __name__ == "__main__":
    main()
