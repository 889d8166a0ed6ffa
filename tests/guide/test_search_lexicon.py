"""The search's word data (guide/lexicon.py): endings cut after Snowball, synonyms and
transliterations, light question words, and the boost for a covered title or question."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from guide.articles import FrontMatter, Guide
from guide.content import Article, ContentError, Section
from guide.lexicon import WORD, Lexicon, Stemmer, fold, load_lexicon, snowball
from guide.search import SearchIndex


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def stem(lexicon: Lexicon) -> Stemmer:
    return Stemmer(lexicon.endings)


@pytest.fixture(scope="module")
def index(shipped_guide: Guide) -> SearchIndex:
    return SearchIndex.build(shipped_guide)


def ids(index: SearchIndex, query: str, lang: str = "ru") -> list[str]:
    return [hit.article_id for hit in index.search(query, lang)]  # type: ignore[arg-type]


# --- endings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("налоговый", "налог"),
        ("налоговая", "налоги"),
        ("финансовый", "финансы"),
        ("программное", "программы"),
        ("удалёнка", "удалённая"),
        ("российский", "россии"),
        ("психическое", "психика"),
        ("financial", "finances"),
        ("taxable", "taxes"),
        ("loneliness", "lonely"),
    ],
)
def test_word_families_meet(stem: Stemmer, a: str, b: str) -> None:
    assert stem(a.replace("ё", "е")) == stem(b.replace("ё", "е"))


def test_snowball_alone_leaves_them_apart() -> None:
    plain = Stemmer()
    assert plain("налоговый") != plain("налог")
    assert plain("программное") != plain("программы")


SNOWBALL_PROBE = """
import json, sys
from guide.lexicon import Stemmer
stem = Stemmer()
stem("withdrawal"), stem("налоговый")
print(json.dumps(sorted(m.rsplit(".", 1)[-1] for m in sys.modules if m.endswith("_stemmer"))))
"""


def test_only_the_english_and_russian_stemmers_are_imported() -> None:
    """``import snowballstemmer`` imports all 36 of them (3.4 MB of the app's memory)."""
    result = subprocess.run(
        [sys.executable, "-c", SNOWBALL_PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == ["english_stemmer", "russian_stemmer"]


def test_the_stemmers_give_snowballstemmers_own_stems(shipped_guide: Guide) -> None:
    import snowballstemmer  # type: ignore[import-untyped]

    for lang, language in (("en", "english"), ("ru", "russian")):
        ours, theirs = snowball(language), snowballstemmer.stemmer(language)
        assert type(ours).__name__ == type(theirs).__name__
        words = {
            fold(word)
            for article in shipped_guide.all(lang)
            for word in WORD.findall(f"{article.title} {article.summary} {article.body}")
        }
        assert len(words) > 3000
        assert [ours.stemWord(w) for w in sorted(words)] == [
            theirs.stemWord(w) for w in sorted(words)
        ]


@pytest.mark.parametrize(
    ("a", "b"),
    [("налог", "наложить"), ("сторона", "стол"), ("час", "часть"), ("план", "плата")],
)
def test_different_words_stay_apart(stem: Stemmer, a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_a_stem_stays_a_prefix_of_its_russian_word(stem: Stemmer) -> None:
    for word in ("налоговый", "программный", "удаленка", "российский", "финансовый"):
        assert word.startswith(stem(word))


def test_налоговый_finds_the_taxes_article(index: SearchIndex) -> None:
    assert ids(index, "налоговый")[0] == "taxes"


def test_bad_endings_file_names_the_file(tmp_path: Path) -> None:
    for name in ("search_stopwords.toml", "search_synonyms.toml"):
        (tmp_path / name).write_text("")
    (tmp_path / "search_endings.toml").write_text('ru = [{ ending = "(", keep = 3 }]\n')
    with pytest.raises(ContentError, match=r"search_endings\.toml: ru rule 1"):
        load_lexicon(tmp_path)


def test_bad_synonym_group_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "search_stopwords.toml").write_text("")
    (tmp_path / "search_endings.toml").write_text("")
    (tmp_path / "search_synonyms.toml").write_text('[[same]]\nwords = ["alone"]\n')
    with pytest.raises(ContentError, match=r"search_synonyms\.toml: group 1"):
        load_lexicon(tmp_path)


# --- synonyms and transliterations --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("ПО для удалённой работы", "ru", "software"),
        ("софт", "ru", "software"),
        ("Толока", "en", "withdrawing-earnings"),
        ("Toloka", "ru", "withdrawing-earnings"),
        ("Воркзилла", "ru", "sites-that-pay"),
        ("мтурк", "ru", "withdrawing-earnings"),
        ("самозанятость", "ru", "taxes"),
        ("get my money out", "en", "withdrawing-earnings"),
    ],
)
def test_synonyms_and_transliterations(
    index: SearchIndex, query: str, lang: str, expected: str
) -> None:
    assert expected in ids(index, query, lang)[:3]


def test_an_abbreviation_in_capitals_is_not_the_stop_word(index: SearchIndex) -> None:
    assert ids(index, "ПО")[:1] == ["software"]
    assert ids(index, "по") == []  # a preposition: ignored


def test_capital_abbreviations_come_from_the_data(lexicon: Lexicon) -> None:
    assert "ПО" in lexicon.capitals
    assert ("mechanical", "turk") in {m for group in lexicon.synonyms for m in group}


# --- questions: light words, coverage, word order -----------------------------------------


def article(aid: str, title: str, body: str, questions: tuple[str, ...] = ()) -> Article:
    return Article(
        id=aid,
        section="s",
        lang="en",
        title=title,
        summary="About it.",
        tags=(),
        related=(),
        reviewed=date(2026, 1, 1),
        order=1,
        body=body,
        path=Path(f"{aid}.md"),
        blocks=(body,),
        headings=(),
        questions=questions,
    )


def guide_of(*articles: Article) -> Guide:
    section = Section("s", {"en": "S", "ru": "S"})
    return Guide((section,), {("en", a.id): a for a in articles})


def test_a_declared_question_ranks_its_article_first() -> None:
    busy = article("busy", "Hiring", "staff staff staff management management of staff")
    asked = article("asked", "People", "Text about people.", ("Management of staff",))
    index = SearchIndex.build(guide_of(busy, asked), frozenset({"of"}))
    assert [h.article_id for h in index.search("management of staff", "en")] == ["asked", "busy"]


def test_word_order_counts() -> None:
    order = article("order", "Alpha", "text", ("Money saving",))
    reverse = article("reverse", "Beta", "text", ("Saving money",))
    index = SearchIndex.build(guide_of(order, reverse), frozenset())
    assert index.search("saving money", "en")[0].article_id == "reverse"
    assert index.search("money saving", "en")[0].article_id == "order"


def test_question_words_weigh_little(index: SearchIndex) -> None:
    # "стоит" is a light word: a result need not contain it, and it does not decide.
    assert ids(index, "Стоит ли тратить время на микрозадачи?")[0] == ("is-microtask-work-worth-it")
    light = SearchIndex.build(guide_of(article("a", "Best chairs", "chairs")), frozenset())
    assert [h.article_id for h in light.search("best", "en")] == ["a"]  # still matches


def test_questions_are_searched_and_not_shown_as_snippet(shipped_guide: Guide) -> None:
    software = shipped_guide.article("ru", "software")
    assert "Программное обеспечение" in software.questions
    index = SearchIndex.build(shipped_guide)
    hit = index.search("Программное обеспечение", "ru")[0]
    assert hit.article_id == "software" and hit.snippet


# --- front matter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "questions",
    [["Two\nlines?"], ["Same?", "same?"], ["x" * 161], ["ok?"] * 17, ["\x1b[31mred?"]],
)
def test_bad_questions_are_refused(questions: list[str]) -> None:
    with pytest.raises(ValueError, match="questions"):
        FrontMatter(title="t", summary="s", reviewed=date(2026, 1, 1), questions=questions)


def test_every_article_declares_questions(shipped_guide: Guide) -> None:
    for article_ in shipped_guide.articles.values():
        assert 2 <= len(article_.questions) <= 16, article_.path


def test_a_phrase_in_the_query_order_counts_in_the_text() -> None:
    reverse = article("reverse", "One", "some management staff here")
    phrase = article("phrase", "Two", "some staff management here")
    index = SearchIndex.build(guide_of(reverse, phrase), frozenset())
    assert [h.article_id for h in index.search("staff management", "en")] == [
        "phrase",
        "reverse",
    ]
