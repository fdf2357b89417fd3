"""Text statistics benchmark (issue 8 points 3 and 9).

Prints, per language:
- gold-set accuracy of our counters (sentence cases exact, syllable counts exact; en es fr de
  it, the languages with gold sets);
- median time to count 500 words of text not counted before (every run a new text, so neither
  our code nor textstat's per-text lru_cache can reuse a result), for every measurable language
  (en es fr de it nl ru):
  - ``cold``: our per-word memos emptied before the run (every word counted from scratch);
  - ``warm``: the memos hold the words of earlier texts (a running service), the text is new;
  - ``textstat``: textstat 0.7.13's own counts of the same warm text in the same run
    (stateless calls with an explicit language, reference.md section 2), the baseline;
  - ``sentencex``: that segmenter alone on the same text, which counter textstats-1.0 ran on
    every block and 1.1 no longer does (api/domain/textstats/segment.py says why);
  each as wall-clock and as this thread's CPU time (``time.thread_time``): on a shared, loaded
  machine the wall clock includes time the scheduler gave to other processes;
- the wall time and peak memory of a fresh process that counts one Spanish sentence.

Run: python bench/textstats_bench.py
"""

import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests/api/domain"))

from textstats_gold import LANGUAGES, sentence_gold, syllable_gold  # noqa: E402

from api.domain import textstat_offline  # noqa: E402, F401  (CMU for textstat, offline)
from api.domain.textstats import clear_memos, syllables, text_stats  # noqa: E402
from api.domain.textstats.segment import sentences  # noqa: E402

SEED = ROOT / "translations/content/immunotherapy-breast-cancer"
RUNS = 60
MEASURABLE = ("en", "es", "fr", "de", "it", "nl", "ru")
# No seed or gold text in Dutch and Russian yet: patient-information sentences written for
# this benchmark (plain register, numbers, a decimal, an abbreviation, a compound).
EXTRA = {
    "nl": (
        "Immunotherapie helpt uw afweersysteem om kankercellen te herkennen en aan te vallen.",
        "U krijgt het medicijn via een infuus, meestal eens per drie weken.",
        "De behandeling duurt ongeveer 1,5 uur per keer in het ziekenhuis.",
        "Veel mensen voelen zich moe na de eerste kuren, maar dat gaat vaak weer over.",
        "Bel uw arts direct als u koorts krijgt van meer dan 38,5 graden.",
        "Bijwerkingen kunnen huiduitslag, diarree of een ontstoken schildklier zijn.",
        "Vraag uw verpleegkundige welke klachten belangrijk zijn om te melden.",
        "Sommige patiënten krijgen immunotherapie samen met chemotherapie.",
        "Uw oncoloog bespreekt met u of deze behandeling bij u past.",
        "Het onderzoek liet zien dat meer vrouwen na twee jaar nog leefden.",
        "Neem een lijst mee met al uw medicijnen, ook vitaminen en kruiden.",
        "De arts controleert uw bloed voor elke nieuwe kuur.",
    ),
    "ru": (
        "Иммунотерапия помогает иммунной системе находить и уничтожать раковые клетки.",
        "Лекарство вводят через капельницу, обычно один раз в три недели.",
        "Одна процедура в больнице длится примерно 1,5 часа.",
        "После первых курсов многие люди чувствуют усталость, но она часто проходит.",
        "Сразу позвоните врачу, если температура поднялась выше 38,5 градуса.",
        "Побочные эффекты могут включать сыпь, диарею или воспаление щитовидной железы.",
        "Спросите медсестру, о каких симптомах нужно сообщать сразу.",
        "Некоторые пациенты получают иммунотерапию вместе с химиотерапией.",
        "Онколог обсудит с вами, подходит ли вам это лечение.",
        "Исследование показало, что через два года в живых осталось больше женщин.",
        "Возьмите с собой список всех лекарств, включая витамины и травы.",
        "Перед каждым новым курсом врач проверяет анализ крови.",
    ),
}


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
    """Sentences of realistic text: the seed article where it exists, the gold cases, and the
    sentences above for Dutch and Russian."""
    if language in EXTRA:
        return list(EXTRA[language])
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


def sentencex_alone(text: str, language: str) -> None:
    from sentencex import segment

    list(segment(language, text))


Timed = tuple[float, float]  # wall seconds, thread CPU seconds


def timed(call: Callable[[], object]) -> Timed:
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    return time.perf_counter() - wall, time.thread_time() - cpu


def medians(samples: list[Timed]) -> str:
    wall = statistics.median(s[0] for s in samples) * 1000
    cpu = statistics.median(s[1] for s in samples) * 1000
    return f"{wall:6.2f}/{cpu:5.2f}"


def timing(language: str) -> dict[str, list[Timed]]:
    """Per run: a cold count of one new text, then a warm count, textstat and sentencex on
    another new text."""
    text_stats(sample(language, -1), language)  # load the language's rules and data once
    textstat_counts(sample(language, -1), language)
    sentencex_alone(sample(language, -1), language)
    out: dict[str, list[Timed]] = {"cold": [], "warm": [], "textstat": [], "sentencex": []}
    for run in range(RUNS):
        cold_text, text = sample(language, 2 * run), sample(language, 2 * run + 1)
        clear_memos()
        out["cold"].append(timed(lambda t=cold_text: text_stats(t, language)))
        text_stats(sample(language, 1000 + run), language)  # the memo as a service has it
        out["warm"].append(timed(lambda t=text: text_stats(t, language)))
        out["textstat"].append(timed(lambda t=text: textstat_counts(t, language)))
        out["sentencex"].append(timed(lambda t=text: sentencex_alone(t, language)))
    return out


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
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("ms per text of about 500 words, median wall/CPU of", RUNS, "new texts")
    columns = ("cold", "warm", "textstat", "sentencex")
    print(f"{'lang':5} {'sentences':>9} {'syllables':>9} " + " ".join(f"{c:>12}" for c in columns))
    for language in MEASURABLE:
        if language in LANGUAGES:
            sentence_accuracy, syllable_accuracy = accuracy(language)
            acc = f"{sentence_accuracy:9.1%} {syllable_accuracy:9.1%}"
        else:
            acc = f"{'no gold':>9} {'no gold':>9}"
        times = timing(language)
        print(f"{language:5} {acc} " + " ".join(f"{medians(times[c]):>12}" for c in columns))
        warm = statistics.median(t[1] for t in times["warm"])
        base = statistics.median(t[1] for t in times["textstat"])
        print(f"{'':5} warm CPU time is {warm / base:.2f} x textstat's on the same texts")
    print(fresh_process())


if __name__ == "__main__":
    main()
