"""Relevance of the search on the shipped guide: queries as readers type them
(tests/guide/search_queries.toml), each with the article that must be in the top 3, and
the headings and questions of the Russian remote-work portal the guide's sections follow
(tests/guide/search_portal_queries.toml), each of which must open its article first.

Run with ``-s`` to see the top-1 and top-3 shares and the mean reciprocal rank per
language; ``bench/relevance.py -v`` lists every query that is not first.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from guide.articles import Guide
from guide.i18n import LANGS, Lang
from guide.search import SearchIndex

QUERIES_FILE = Path(__file__).with_name("search_queries.toml")
PORTAL_FILE = Path(__file__).with_name("search_portal_queries.toml")
MIN_QUERIES = 100
PORTAL_QUERIES = 24
TOP1_TARGET = 0.95

with QUERIES_FILE.open("rb") as f:
    QUERIES: dict[str, list[dict[str, Any]]] = tomllib.load(f)
with PORTAL_FILE.open("rb") as f:
    PORTAL: list[dict[str, Any]] = tomllib.load(f)["ru"]

CASES = [(lang, case) for lang in LANGS for case in QUERIES[lang]]


@pytest.fixture(scope="module")
def index(shipped_guide: Guide) -> SearchIndex:
    return SearchIndex.build(shipped_guide)


def rank(index: SearchIndex, lang: Lang, case: dict[str, Any]) -> int | None:
    """1-based position of the wanted article in the results, None when it is missing."""
    found = [hit.article_id for hit in index.search(case["q"], lang)]
    return found.index(case["want"]) + 1 if case["want"] in found else None


@pytest.mark.parametrize("lang", LANGS)
def test_the_query_set_is_sound(lang: Lang, shipped_guide: Guide) -> None:
    cases = QUERIES[lang]
    assert len(cases) >= MIN_QUERIES
    assert len({c["q"] for c in cases}) == len(cases), "a query is listed twice"
    for case in cases:
        assert (lang, case["want"]) in shipped_guide.articles, case
        assert set(case) <= {"q", "want", "gap"}, case


@pytest.mark.parametrize(("lang", "case"), CASES, ids=[f"{lang}:{c['q']}" for lang, c in CASES])
def test_wanted_article_is_in_the_top_3(
    index: SearchIndex, lang: Lang, case: dict[str, Any]
) -> None:
    position = rank(index, lang, case)
    found = position is not None and position <= 3
    if "gap" in case:
        assert not found, f"now found at {position}: remove the gap marker ({case['gap']})"
    else:
        assert found, f"{case['q']!r}: {case['want']} at {position}"


@pytest.mark.parametrize("lang", LANGS)
def test_top_1_share(index: SearchIndex, lang: Lang) -> None:
    ranks = [rank(index, lang, case) for case in QUERIES[lang]]
    top1 = sum(r == 1 for r in ranks) / len(ranks)
    top3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    gaps = sum("gap" in case for case in QUERIES[lang])
    print(
        f"\nsearch relevance [{lang}]: {len(ranks)} queries, top 1 {top1:.1%}, "
        f"top 3 {top3:.1%}, MRR {mrr:.3f} ({gaps} known content gaps)"
    )
    assert top1 >= TOP1_TARGET


def test_the_portal_set_is_sound(shipped_guide: Guide) -> None:
    assert len(PORTAL) == PORTAL_QUERIES
    assert len({c["q"] for c in PORTAL}) == len(PORTAL), "a query is listed twice"
    for case in PORTAL:
        assert ("ru", case["want"]) in shipped_guide.articles, case


@pytest.mark.parametrize("case", PORTAL, ids=[c["q"] for c in PORTAL])
def test_portal_query_is_first(index: SearchIndex, case: dict[str, Any]) -> None:
    assert rank(index, "ru", case) == 1, [h.article_id for h in index.search(case["q"], "ru")[:3]]
