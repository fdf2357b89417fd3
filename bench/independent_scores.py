"""Print the seed article's whole-article readability by the independent check, in markdown.

The counts and formulas are tests/independent/ (imports nothing from api/): compare the table
with what the service serves (issue 8 done-criterion: within 1 point of reading ease or 0.3
grade). ``--sections`` prints one row per section as well.

    python bench/independent_scores.py [--sections]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from independent.readability import markdown_table, section_scores, seed_scores


def main() -> None:
    """Print the whole-article table, then per-section rows if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", action="store_true", help="also print every section")
    args = parser.parse_args()
    print(markdown_table(seed_scores()))
    if args.sections:
        print()
        print("| language | level | section | formula | score | words | sentences | syllables |")
        print("|---|---|---|---|---|---|---|---|")
        for (lang, level, key), r in section_scores().items():
            if r["score"] is None:
                continue
            print(
                f"| {lang} | {level} | {key} | {r['formula']} | {r['score']:.1f} | {r['words']} "
                f"| {r['sentences']} | {r['syllables']} |"
            )


if __name__ == "__main__":
    main()
