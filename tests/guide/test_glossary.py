"""The guide's glossary (content/glossary.toml): every article, in both languages, keeps to
one spelling of each name and term, so a variant the glossary lists fails here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

import pytest

from guide.articles import Guide
from guide.i18n import LANGS, Lang
from guide.paths import content_dir

LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
CODE = re.compile(r"`[^`]*`")


@dataclass(frozen=True)
class Rule:
    term: str
    lang: Lang
    pattern: re.Pattern[str]


def load_rules() -> list[Rule]:
    with (content_dir() / "glossary.toml").open("rb") as f:
        data = tomllib.load(f)
    rules: list[Rule] = []
    for term in data["term"]:
        for lang in LANGS:
            entry = term.get(lang, {})
            rules += [Rule(term["id"], lang, re.compile(p)) for p in entry.get("avoid", [])]
    return rules


def variants(text: str, rules: list[Rule], lang: Lang) -> list[tuple[str, str]]:
    """(term id, the variant found) for every listed variant in ``text``; link targets and
    inline code are not prose, so they are skipped."""
    prose = CODE.sub("", LINK_TARGET.sub("]", text))
    return [
        (rule.term, match.group(0))
        for rule in rules
        if rule.lang == lang
        for match in rule.pattern.finditer(prose)
    ]


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return load_rules()


def test_every_term_says_what_to_write_in_both_languages() -> None:
    with (content_dir() / "glossary.toml").open("rb") as f:
        terms = tomllib.load(f)["term"]
    ids = [t["id"] for t in terms]
    assert len(ids) == len(set(ids)), "repeated term id"
    for term in terms:
        assert all(term.get(lang, {}).get("use", "").strip() for lang in LANGS), term["id"]


@pytest.mark.parametrize(
    ("lang", "text", "term"),
    [
        ("ru", "Галински и Мусвайлер (2001) показали", "mussweiler"),
        ("ru", "медиана $2,16 в час", "currency-style"),
        ("ru", "жалобы на «таск-скам»", "task-scam"),
        ("ru", "пользователи Толоки перешли", "toloka"),
        ("ru", "работа в Яндекс Заданиях", "yandex-tasks"),
        ("ru", "медианный исполнитель зарабатывал", "russian-calques"),
        ("ru", "Есть и другая наводка", "russian-calques"),
        ("en", "a median of 2.16 $ an hour", "currency-style"),
        ("en", "Fairwork's principle of fair conditions", "fairwork-fair-conditions"),
    ],
)
def test_a_listed_variant_is_flagged(rules: list[Rule], lang: Lang, text: str, term: str) -> None:
    assert term in {found for found, _ in variants(text, rules, lang)}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Галински и Муссвайлер (2001): медиана 2,16 $ в час, бывшая «Яндекс.Толока»"),
        ("ru", "Toloka и «Яндекс Задания»; [МОТ](https://www.ilo.org/ILO/x)"),
        ("en", "a median of $2.16 an hour on Amazon Mechanical Turk, Fair Conditions"),
    ],
)
def test_the_preferred_forms_pass(rules: list[Rule], lang: Lang, text: str) -> None:
    assert variants(text, rules, lang) == []


def test_no_article_uses_a_listed_variant(shipped_guide: Guide, rules: list[Rule]) -> None:
    found = [
        (article.lang, article.id, term, variant)
        for lang in LANGS
        for article in shipped_guide.all(lang)
        for term, variant in variants(article.body, rules, lang)
    ]
    assert found == []
