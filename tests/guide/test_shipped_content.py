"""The guide as shipped: complete in both languages and true to content/README.md."""

from __future__ import annotations

import re

import pytest

from guide.articles import Guide
from guide.content import SOURCES_HEADINGS, Article
from guide.i18n import LANGS

# Every topic the guide promises (issue: the whole guide), by section.
EXPECTED = {
    "remote-work": {"organising-work", "correspondence", "negotiations", "finding-remote-work"},
    "own-business": {
        "business-ideas",
        "business-plans",
        "marketing",
        "taxes",
        "finances",
        "managing-people",
        "growth-strategies",
    },
    "workplace": {"choosing-a-spot", "setting-up", "equipment", "software"},
    "career-paths": {
        "microtasks-vs-collaboration",
        "microtasks-vs-project-management",
        "microtasks-vs-soft-skills",
    },
    "questions": {
        "is-microtask-work-worth-it",
        "saving-from-microtasks",
        "withdrawing-earnings",
        "sites-that-pay",
        "mental-health-at-home",
        "recognising-task-scams",
        "real-hourly-rate",
    },
}
COMPARISON_ROWS = {
    "en": [
        "pay model",
        "skills needed",
        "income stability",
        "growth",
        "autonomy",
        "benefits",
        "who it suits",
    ],
}


def articles(guide: Guide) -> list[Article]:
    return [a for lang in LANGS for a in guide.all(lang)]


def test_every_topic_exists_in_both_languages(shipped_guide: Guide) -> None:
    for lang in LANGS:
        found = {s: {a.id for a in shipped_guide.in_section(s, lang)} for s in EXPECTED}
        assert found == EXPECTED, lang


def test_word_counts_are_within_bounds(shipped_guide: Guide) -> None:
    outside = [
        (a.path.name, a.lang, a.word_count)
        for a in articles(shipped_guide)
        if not 450 <= a.word_count <= 1500
    ]
    assert outside == []


def test_related_links_are_two_to_five(shipped_guide: Guide) -> None:
    wrong = [
        (a.id, a.lang, len(a.related))
        for a in articles(shipped_guide)
        if not 2 <= len(a.related) <= 5
    ]
    assert wrong == []


def test_articles_with_figures_list_their_sources(shipped_guide: Guide) -> None:
    for article in articles(shipped_guide):
        if not re.search(r"\d", article.body):
            continue
        heading = SOURCES_HEADINGS[article.lang]
        last = article.headings[-1] if article.headings else None
        assert last is not None and last.text == heading, article.path
        sources = article.blocks[last.block]
        assert re.search(r"^[-*] \S", sources, re.M), f"{article.path}: empty {heading}"


def test_language_versions_have_the_same_tables_and_checklists(shipped_guide: Guide) -> None:
    for article in shipped_guide.all("en"):
        twin = shipped_guide.article("ru", article.id)
        for pattern in (r"^\|", r"^\s*- \[ \]"):
            en = len(re.findall(pattern, article.body, re.M))
            ru = len(re.findall(pattern, twin.body, re.M))
            assert en == ru, f"{article.id}: {pattern!r} en={en} ru={ru}"


def test_each_article_has_something_to_act_on(shipped_guide: Guide) -> None:
    for article in articles(shipped_guide):
        assert re.search(r"^\||^\s*- \[ \]", article.body, re.M), article.path


@pytest.mark.parametrize("article_id", sorted(EXPECTED["career-paths"]))
def test_career_comparisons_have_the_full_table(shipped_guide: Guide, article_id: str) -> None:
    body = shipped_guide.article("en", article_id).body.lower()
    rows = [line for line in body.splitlines() if line.startswith("|")]
    for aspect in COMPARISON_ROWS["en"]:
        assert any(aspect in row for row in rows), f"{article_id}: no row for {aspect!r}"


def test_summaries_are_one_sentence_and_tags_are_bilingual(shipped_guide: Guide) -> None:
    for article in articles(shipped_guide):
        assert len(re.findall(r"[.!?](?:\s|$)", article.summary)) <= 1, article.path
        assert any(re.search("[а-яё]", tag, re.I) for tag in article.tags), article.path
        assert any(re.search("[a-z]", tag, re.I) for tag in article.tags), article.path


def test_no_top_level_headings_in_bodies(shipped_guide: Guide) -> None:
    for article in articles(shipped_guide):
        assert not re.search(r"^# ", article.body, re.M), article.path
