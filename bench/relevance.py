"""Relevance figures of the search on the shipped guide (issue 15). Run from the root:

    .venv/bin/python bench/relevance.py [-v]

For the relevance set (tests/guide/search_queries.toml) and the portal queries
(tests/guide/search_portal_queries.toml), per language: how often the wanted article is
first (top 1), in the first three (top 3), and the mean reciprocal rank (MRR: 1 for first,
1/2 for second, ..., 0 when it is not in the 20 results). ``-v`` lists every miss.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide.articles import load_guide  # noqa: E402
from guide.search import SearchIndex  # noqa: E402

SETS = {
    "relevance set": ROOT / "tests" / "guide" / "search_queries.toml",
    "portal queries": ROOT / "tests" / "guide" / "search_portal_queries.toml",
}


def main(verbose: bool) -> None:
    index = SearchIndex.build(load_guide())
    for name, path in SETS.items():
        with path.open("rb") as f:
            data = tomllib.load(f)
        for lang, cases in data.items():
            ranks = []
            for case in cases:
                found = [hit.article_id for hit in index.search(case["q"], lang)]
                rank = found.index(case["want"]) + 1 if case["want"] in found else None
                ranks.append(rank)
                if verbose and rank != 1:
                    print(f"  {lang} {case['q']!r}: {case['want']} at {rank}; first {found[:3]}")
            n = len(ranks)
            top1 = sum(r == 1 for r in ranks)
            top3 = sum(r is not None and r <= 3 for r in ranks)
            mrr = sum(1 / r for r in ranks if r) / n
            print(
                f"{name} [{lang}]: {n} queries, top 1 {top1}/{n} ({top1 / n:.1%}), "
                f"top 3 {top3}/{n} ({top3 / n:.1%}), MRR {mrr:.3f}"
            )


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
