"""The search engine (guide/search.py) and the ``search`` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.articles import Guide
from guide.cli import main
from guide.content import Article, Section, split_blocks
from guide.i18n import Lang
from guide.paths import content_dir
from guide.search import (
    SNIPPET_WORDS,
    Hit,
    SearchIndex,
    edits1,
    fold,
    load_stopwords,
    mask_link_targets,
    osa_distance_at_most_one,
)


@pytest.fixture(scope="module")
def index(shipped_guide: Guide) -> SearchIndex:
    return SearchIndex.build(shipped_guide)


def ids(hits: list[Hit]) -> list[str]:
    return [hit.article_id for hit in hits]


def flagged(hit: Hit) -> list[str]:
    return [text for text, matched in hit.snippet if matched]


def snippet_text(hit: Hit) -> str:
    return "".join(text for text, _ in hit.snippet)


# --- words ------------------------------------------------------------------------------


def test_fold_case_yo_and_apostrophe() -> None:
    assert fold("ЁЛКА") == "елка"
    assert fold("Удалённая") == "удаленная"
    assert fold("Don’t") == "don't"


def test_stopwords_are_data_for_both_languages() -> None:
    with (content_dir() / "search_stopwords.toml").open("rb") as f:
        data = tomllib.load(f)
    assert data["en"] and data["ru"]
    stop = load_stopwords()
    assert {"the", "how", "как", "на", "еще"} <= stop  # "ещё" is folded like the index
    assert "налог" not in stop and "tax" not in stop


def test_case_and_yo_do_not_matter(index: SearchIndex) -> None:
    expected = ids(index.search("удалёнка", "ru"))
    assert expected
    assert ids(index.search("УДАЛЕНКА", "ru")) == expected
    assert ids(index.search("Удаленка", "ru")) == expected


@pytest.mark.parametrize("query", ["налоги", "налогов", "налогами", "НАЛОГ"])
def test_russian_word_forms_find_the_taxes_article(index: SearchIndex, query: str) -> None:
    assert ids(index.search(query, "ru"))[0] == "taxes"


@pytest.mark.parametrize("query", ["negotiating", "negotiation", "negotiated", "negotiate"])
def test_english_word_forms_find_negotiations(index: SearchIndex, query: str) -> None:
    assert ids(index.search(query, "en"))[0] == "negotiations"


def test_stemming_follows_the_script_not_the_article_language(index: SearchIndex) -> None:
    # English articles quote Russian terms and Russian ones English names.
    assert "taxes" in ids(index.search("самозанятых", "en"))[:3]
    hits = index.search("payouts", "ru")
    assert "withdrawing-earnings" in ids(hits)[:3] and not hits[0].other_language


# --- prefix while typing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("налог", "ru", "taxes"),
        ("negoti", "en", "negotiations"),
        ("withdr", "en", "withdrawing-earnings"),
    ],
)
def test_the_word_being_typed_matches_as_a_prefix(
    index: SearchIndex, query: str, lang: Lang, expected: str
) -> None:
    assert expected in ids(index.search(query, lang))[:3]


def test_only_the_last_word_is_a_prefix(index: SearchIndex) -> None:
    assert index.search("withdr ", "en") == []  # finished with a space: not a prefix any more
    hits = index.search("withdr tax", "en")
    assert hits and not any(term.startswith("withdr") for hit in hits for term in hit.terms)


# --- typos ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lang", "expected", "suggestion"),
    [
        ("negotiatoin", "en", "negotiations", "negotiation"),  # two letters swapped
        ("negotaition", "en", "negotiations", "negotiation"),  # two letters swapped
        ("оборудываие", "ru", "equipment", "оборудование"),  # two typos in a long word
        ("mechancal turk", "en", "is-microtask-work-worth-it", "mechanical turk"),
        ("переговры", "ru", "negotiations", "переговоры"),
        ("эргономика монитра", "ru", "setting-up", "эргономика монитора"),
        ("налоку", "ru", "taxes", "налогу"),  # a wrong letter
    ],
)
def test_one_typo_in_a_long_word_still_finds_it(
    index: SearchIndex, query: str, lang: Lang, expected: str, suggestion: str
) -> None:
    assert expected in ids(index.search(query, lang))[:3]
    assert index.suggestion(query, lang) == suggestion


@pytest.mark.parametrize("query", ["negotiation", "налоги", "taks", "zzzzqqqq"])
def test_no_suggestion_for_known_short_or_hopeless_words(index: SearchIndex, query: str) -> None:
    assert index.suggestion(query, "en") is None


def test_a_different_word_with_a_near_stem_is_not_a_typo(index: SearchIndex) -> None:
    # "торговаться" stems to "торгова", one letter from "торгов" ("торговая"): not a typo.
    assert index.suggestion("торговаться", "ru") is None


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("negotiation", "negotiation", True),
        ("negotiation", "negotation", True),
        ("negotiation", "negotiatoin", True),
        ("negotiation", "negotiatian", True),
        ("negotiation", "negotiationx", True),
        ("negotiation", "negotaitoin", False),
        ("negotiation", "negotiat", False),
        ("налогу", "налоку", True),
        ("налоги", "налоку", False),
    ],
)
def test_distance_at_most_one(a: str, b: str, near: bool) -> None:
    assert osa_distance_at_most_one(a, b) is near
    assert osa_distance_at_most_one(b, a) is near


WORDS = st.text(alphabet="abcdefgh", min_size=1, max_size=10)


@settings(max_examples=200, deadline=None)
@given(word=WORDS, data=st.data())
def test_every_single_edit_is_generated_and_within_distance_one(
    word: str, data: st.DataObject
) -> None:
    edited = data.draw(st.sampled_from(sorted(edits1(word, "abcdefgh"))))
    assert osa_distance_at_most_one(word, edited)
    i = data.draw(st.integers(0, len(word) - 1))
    for variant in (word[:i] + word[i + 1 :], word[:i] + "z" + word[i:]):
        assert variant in edits1(word, "abcdefghz") or variant == word


# --- languages --------------------------------------------------------------------------


def test_other_language_hits_come_after_and_are_marked(index: SearchIndex) -> None:
    hits = index.search("нижняя", "en")  # only the Russian negotiations article says it
    assert hits and hits[0].article_id == "negotiations"
    assert all(hit.other_language and hit.lang == "ru" for hit in hits)


@pytest.mark.parametrize(
    ("query", "lang"), [("negotiation", "ru"), ("self-employed", "ru"), ("налог", "en")]
)
def test_current_language_first_and_no_article_twice(
    index: SearchIndex, query: str, lang: Lang
) -> None:
    hits = index.search(query, lang, limit=50)
    flags = [hit.other_language for hit in hits]
    assert flags == sorted(flags)  # False (this language) before True
    assert all((hit.lang != lang) == hit.other_language for hit in hits)
    assert len(ids(hits)) == len(set(ids(hits)))


# --- ranking ----------------------------------------------------------------------------


def make_guide(*articles: tuple[str, str, str, tuple[str, ...], str]) -> Guide:
    """A guide of English articles: (id, title, summary, tags, body)."""
    built = {}
    for order, (article_id, title, summary, tags, body) in enumerate(articles):
        blocks, headings = split_blocks(body)
        built[("en", article_id)] = Article(
            id=article_id,
            section="s",
            lang="en",
            title=title,
            summary=summary,
            tags=tags,
            related=(),
            reviewed=date(2026, 1, 1),
            order=order,
            body=body,
            path=Path(f"{article_id}.md"),
            blocks=blocks,
            headings=headings,
        )
    return Guide((Section("s", {"en": "S", "ru": "S"}),), built)


FILLER = "Plain words about desks and chairs and lamps. " * 20


def test_title_and_tags_rank_above_summary_above_body() -> None:
    guide = make_guide(
        ("in-body", "First", "About things.", (), f"{FILLER}\n\nA zebra.\n"),
        ("in-summary", "Second", "All about zebras.", (), FILLER),
        ("in-tags", "Third", "About things.", ("zebra",), FILLER),
        ("in-title", "The zebra", "About things.", (), FILLER),
    )
    hits = SearchIndex.build(guide, frozenset()).search("zebra", "en")
    assert ids(hits)[:2] in (["in-title", "in-tags"], ["in-tags", "in-title"])
    assert ids(hits)[2:] == ["in-summary", "in-body"]


def test_query_words_close_together_rank_higher() -> None:
    apart = f"Alpha comes first. {FILLER} Beta comes last.\n"
    close = f"{FILLER} Here alpha beta sit together.\n{FILLER}\n"
    guide = make_guide(("apart", "One", "Text.", (), apart), ("close", "Two", "Text.", (), close))
    assert ids(SearchIndex.build(guide, frozenset()).search("alpha beta", "en")) == [
        "close",
        "apart",
    ]


def test_matching_more_of_the_query_ranks_higher() -> None:
    guide = make_guide(
        ("one-word", "One", "Text.", (), "Gamma gamma gamma gamma.\n"),
        ("both-words", "Two", "Text.", (), "Gamma and delta.\n"),
    )
    assert ids(SearchIndex.build(guide, frozenset()).search("gamma delta", "en"))[0] == (
        "both-words"
    )


# --- hits, snippets ---------------------------------------------------------------------


def test_snippet_highlights_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("taxes for self-employed", "en")[0]
    assert hit.article_id == "taxes"
    words = {fold(w) for run in flagged(hit) for w in re.findall(r"\w+", run)}
    synonyms = {"нпд", "самозанятый", "professional"}  # search_synonyms.toml
    assert words and words <= {"tax", "taxes", "self", "employed", "employment", *synonyms}
    assert {"tax", "self"} <= words


def test_hit_points_at_the_block_with_the_match(index: SearchIndex, shipped_guide: Guide) -> None:
    hit = index.search("Schedule SE 1040-ES", "en")[0]
    article = shipped_guide.article("en", hit.article_id)
    block = article.blocks[hit.block]
    assert "Schedule SE" in block and "1040-ES" in block
    for word in flagged(hit):
        assert word.strip() in block


def test_title_only_match_shows_the_summary(index: SearchIndex, shipped_guide: Guide) -> None:
    hits = index.search("НАОС", "en")  # a tag of the English negotiations article only
    assert hits[0].article_id == "negotiations" and hits[0].block == 0
    assert snippet_text(hits[0]).startswith(
        shipped_guide.article("en", "negotiations").summary[:30]
    )


SNIPPET_QUERIES = [
    "fees tax hours",
    "Prolific PayPal minimum",
    "монитор расстояние см",
    "чек-лист",
    "payout threshold table",
    "Fairwork",
    "платформа способы минимум",
    "checklist this week",
    "Internet Wi-Fi router",
]


@pytest.mark.parametrize("query", SNIPPET_QUERIES)
def test_snippets_are_clean_and_short(index: SearchIndex, query: str) -> None:
    for lang in ("en", "ru"):
        for hit in index.search(query, lang):
            text = snippet_text(hit)
            assert not re.search(r"[|#*`]|\[ \]|\n", text), text
            assert len(re.findall(r"\w+(?:-\w+)*", text)) <= SNIPPET_WORDS + 2, text
            assert any(matched for _, matched in hit.snippet) or hit.block == 0


def test_the_snippet_spans_of_every_block_stay_small(shipped_guide: Guide) -> None:
    """Snippets keep each shown block's word spans: as tuples, every block of the guide
    took about 8 MB once a long session had shown most of them; in flat arrays, 1."""
    index = SearchIndex.build(shipped_guide)
    blocks = [
        (d, block, doc.article.blocks[block] if block is not None else doc.article.summary)
        for d, doc in enumerate(index._docs)
        for block in (None, *range(len(doc.article.blocks)))
    ]
    assert len(blocks) > 400
    tracemalloc.start()
    try:
        for d, block, text in blocks:
            index._parts(d, block, text)
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert kept < 2 * 2**20
    for d, block, text in blocks:  # the same spans as ever
        spans = index._parts(d, block, text)
        assert spans.window(0, len(spans)) == list(index._text_spans(text))
        tail = spans.window(max(0, len(spans) - 3), len(spans) + 20)
        assert tail == spans.window(0, 10**6)[-3:]


def test_a_word_indexed_as_written_keeps_one_string(index: SearchIndex) -> None:
    """The vocabulary shares the string of a token that is already folded (0.6 MB); the
    part of a hyphenated word or a word first met with ё has a string of its own."""
    tokens = {raw: raw for raw in index._memo}
    shared = [word for word in index._words if word in tokens]
    assert len(shared) > 5000
    assert sum(tokens[word] is word for word in shared) > 0.98 * len(shared)


def test_terms_are_words_of_the_article(index: SearchIndex, shipped_guide: Guide) -> None:
    for query, lang in [("налоги самозанятого", "ru"), ("wifi router", "en"), ("negoti", "en")]:
        for hit in index.search(query, lang):
            article = shipped_guide.article(hit.lang, hit.article_id)
            text = " ".join(
                (article.title, *article.tags, *article.questions, article.summary, article.body)
            )
            assert hit.terms
            for term in hit.terms:
                assert term in text.casefold(), (hit.article_id, term)


def test_wifi_finds_the_hyphenated_word_whole(index: SearchIndex) -> None:
    hit = index.search("wifi", "en")[0]
    assert "wi-fi" in hit.terms
    assert any(run.casefold() == "wi-fi" for run in flagged(hit))


@pytest.mark.parametrize("query", ["", "   ", "the and of", "как на", "!!!", "—"])
def test_empty_or_stop_word_queries_find_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query, "en") == []
    assert index.suggestion(query, "en") is None


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("work", "en", limit=3)) == 3
    assert index.search("work", "en", limit=0) == []
    assert len(index.search("work", "en")) == 20


@settings(max_examples=150, deadline=None)
@given(query=st.text(max_size=40), lang=st.sampled_from(["en", "ru"]))
def test_any_text_is_a_safe_query(index: SearchIndex, query: str, lang: Lang) -> None:
    hits = index.search(query, lang, limit=5)
    assert len(hits) <= 5
    assert [h.other_language for h in hits] == sorted(h.other_language for h in hits)
    suggestion = index.suggestion(query, lang)
    assert suggestion is None or isinstance(suggestion, str)


# --- the command ------------------------------------------------------------------------


def test_cli_prints_results(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "taxes", "for", "self-employed", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[1] == "taxes"
    assert "Taxes for a one-person business" in lines[0] and "(Your own business)" in lines[0]
    assert len(lines) == 10


def test_cli_marks_other_language_and_uses_the_app_lang(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "en", "search", "нижняя", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "negotiations" in out and "[ru] Переговоры" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "negotiatoin", "--lang", "ru", "--json", "--limit", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["suggestion"] == "negotiation" and data["lang"] == "ru"
    first = data["results"][0]
    assert first["id"] == "negotiations" and first["lang"] == "ru"
    assert first["other_language"] is False and first["section_title"] == "Удалённая работа"
    assert set(first) >= {"title", "section", "score", "block", "snippet", "terms"}
    assert len(data["results"]) == 2


def test_cli_nothing_found_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zzzzqqqq"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "No articles match “zzzzqqqq”" in captured.err
    assert main(["search", "zzzzqqqq", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["results"] == []


@pytest.mark.parametrize(
    "args", [["search"], ["search", "x", "--limit", "0"], ["search", "x", "--lang", "de"]]
)
def test_cli_usage_errors_exit_2(args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2


CHECK_IMPORTS = """
import json, sys
from guide.cli import main
code = main(sys.argv[1:])
heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'screens')]
print(json.dumps([code, sorted(heavy)]))
"""


def test_cli_search_does_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, "search", "налог", "--limit", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [0, []]


def test_link_addresses_are_not_searched_nor_shown(index: SearchIndex) -> None:
    # "ellieharmon" occurs only inside a Sources link's address, never in its text.
    assert index.search("ellieharmon", "en") == []
    hits = index.search("making per hour harmon", "en")
    assert hits
    shown = "".join(text for hit in hits for text, _ in hit.snippet)
    assert "http" not in shown and "](" not in shown


def test_masking_a_link_keeps_offsets() -> None:
    text = "See [Making £18 per hour](https://ellieharmon.net/x/), 2017."
    masked = mask_link_targets(text)
    assert len(masked) == len(text)
    assert "Making £18 per hour" in masked and "http" not in masked and "[" not in masked
