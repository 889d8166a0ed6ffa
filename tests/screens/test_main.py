"""Pilot tests: a reader moving through the guide with the keyboard and the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, OptionList, Static

from guide.articles import Guide, load_guide
from guide.history import Place
from screens.app import RemoteGuideApp
from screens.help import HelpScreen
from screens.main import MainScreen
from screens.widgets.article_view import ArticleView
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.sidebar import GuideTree
from tests.screens.conftest import wait_until


def shown(app: RemoteGuideApp) -> str:
    return app.screen.query_one(ContentSwitcher).current or ""


def article_title(app: RemoteGuideApp) -> str:
    return str(app.screen.query_one("#article-title", Static).render())


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_every_article_opens_from_its_section(
    make_app, shipped_guide: Guide, lang: str
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        for s, section in enumerate(shipped_guide.sections):
            await pilot.press("h", "tab", "home", *["down"] * s, "enter")
            assert shown(app) == "section"
            for article in shipped_guide.in_section(section.id, lang):
                await pilot.press("enter")
                assert shown(app) == "article"
                assert article_title(app) == article.title
                assert app.screen.query_one(MarkdownView).text.strip(), article.id
                await pilot.press("b", "down")
                assert shown(app) == "section"


async def test_sidebar_opens_an_article_and_its_headings(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.screen.query_one(GuideTree)
        tree.focus()
        await pilot.press("down", "down", "enter")  # Home, Remote work, first article
        first = shipped_guide.in_section("remote-work", "en")[0]
        assert article_title(app) == first.title
        assert app.screen.history.current == Place("article", first.id)


async def test_related_link_back_and_forward(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go(Place("article", "real-hourly-rate"))
        await pilot.pause()
        related = screen.query_one("#related", OptionList)
        related.focus()
        await pilot.press("enter")
        target = shipped_guide.article("en", "real-hourly-rate").related[0]
        assert article_title(app) == shipped_guide.article("en", target).title
        await pilot.press("escape")  # leave the list; b is a key of the screen
        screen.query_one(ArticleView).focus()
        await pilot.press("b")
        assert article_title(app) == shipped_guide.article("en", "real-hourly-rate").title
        await pilot.press("f")
        assert article_title(app) == shipped_guide.article("en", target).title
        await pilot.press("b", "b")
        assert shown(app) == "home"


async def test_clicking_a_section_then_an_article(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#home-sections", offset=(2, 3))  # the fourth line: career paths
        assert shown(app) == "section"
        await pilot.click("#section-articles", offset=(2, 0))
        first = shipped_guide.in_section("career-paths", "en")[0]
        assert article_title(app) == first.title


async def test_switching_language_keeps_the_article(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.go(Place("article", "taxes"))
        await pilot.pause()
        app.screen.query_one(ArticleView).focus()
        await pilot.press("l")
        assert app.lang == "ru"
        assert article_title(app) == shipped_guide.article("ru", "taxes").title
        tree_labels = [str(n.label) for n in app.screen.query_one(GuideTree).root.children]
        assert "Своё дело" in tree_labels
        footer_words = [
            b.description
            for _, b, _, _ in [
                (k, b, e, t) for k, (_, b, e, t) in app.screen.active_bindings.items()
            ]
        ]
        assert "Выход" in footer_words


async def test_contents_jumps_to_a_heading(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.go(Place("article", "real-hourly-rate"))
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.press("c")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        heading = shipped_guide.article("en", "real-hourly-rate").headings[2]
        assert app.screen.history.current == Place("article", "real-hourly-rate", heading.block)
        assert view.scroll_y > 0


async def test_sidebar_hides_and_comes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.screen.query_one(GuideTree)
        await pilot.press("s")
        assert not tree.display
        await pilot.press("s")
        assert tree.display


async def test_help_opens_with_f1_and_question_mark_and_closes(make_app) -> None:
    app = make_app("ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Клавиши" in str(app.screen.query_one("#help-title").render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


def first_option_has(app: RemoteGuideApp, text: str) -> bool:
    lists = app.screen.query(OptionList)
    return (
        bool(lists)
        and lists.first().option_count > 0
        and (text in str(lists.first().get_option_at_index(0).prompt))
    )


async def test_command_palette_opens_an_article(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"withdraw")
        title = shipped_guide.article("en", "withdrawing-earnings").title
        await wait_until(pilot, lambda: first_option_has(app, title))
        await pilot.press("enter")
        await wait_until(pilot, lambda: article_title(app) == title)


async def test_q_quits(make_app) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_guide_loads_in_the_background() -> None:
    app = RemoteGuideApp(lang="en")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.guide is not None)
        assert "articles" in str(
            app.screen.query_one("#home-sections", OptionList).get_option_at_index(0).prompt
        )


MARKUP = "[/bold] list[int] [[/x]] [b"


async def test_brackets_in_content_show_literally(tmp_path: Path) -> None:
    (tmp_path / "sections.toml").write_text(
        f'[[section]]\nid = "s"\ntitle = {{ en = "{MARKUP}", ru = "{MARKUP}" }}\n'
    )
    for lang in ("en", "ru"):
        for aid, rel in (("a", "b"), ("b", "a")):
            path = tmp_path / lang / "s" / f"{aid}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f'+++\ntitle = "{MARKUP} {aid}"\nsummary = "{MARKUP}"\ntags = []\n'
                f'questions = ["{MARKUP}?"]\nrelated = ["{rel}"]\nreviewed = 2026-01-01\n'
                f"+++\n\n## {MARKUP}\n\n{MARKUP}\n"
            )
    app = RemoteGuideApp(lang="en", guide=load_guide(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "enter", "enter")
        assert article_title(app) == f"{MARKUP} a"
        assert MARKUP in app.screen.query_one(MarkdownView).text
        assert MARKUP in str(app.screen.query_one("#article-summary", Static).render())
        assert f"{MARKUP}?" in str(app.screen.query_one("#article-questions", Static).render())
        assert f"{MARKUP} b" in str(
            app.screen.query_one("#related", OptionList).get_option_at_index(0).prompt
        )


async def test_search_as_you_type_opens_the_article_at_the_match(
    make_app, shipped_guide: Guide
) -> None:
    from screens.search import SearchScreen

    app = make_app("ru")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"налог")
        first = [h.article_id for h in app.screen.hits]
        await pilot.press(*"ами для самозанятых")
        assert app.screen.hits and app.screen.hits[0].article_id == "taxes"
        assert first != [] and "taxes" in first[:3]  # results came while typing
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count == len(app.screen.hits)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert article_title(app) == shipped_guide.article("ru", "taxes").title
        view = app.screen.query_one(ArticleView)
        assert view.scroll_y > 0  # scrolled to the passage that matched


async def test_search_other_language_hits_come_after_and_switch_language(make_app) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+f", *"подушка безопасности налог")
        hits = app.screen.hits
        flags = [h.other_language for h in hits]
        assert True in flags and flags == sorted(flags), flags  # this language first
        other = flags.index(True)
        await pilot.press("down", *["down"] * other, "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.lang == "ru"
        assert article_title(app) == app.guide.article("ru", hits[other].article_id).title


async def test_hidden_views_are_mounted_on_first_use(make_app, shipped_guide: Guide) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.screen.query(ArticleView)  # not in the first frame's work
        first = shipped_guide.in_section("remote-work", "en")[0]
        app.screen.go(Place("article", first.id))
        app.screen.go(Place("section", "remote-work"))
        app.screen.go(Place("article", first.id))  # again, before the view is mounted
        await wait_until(pilot, lambda: shown(app) == "article" and bool(article_title(app)))
        assert article_title(app) == first.title
        assert len(app.screen.query(ArticleView)) == 1


async def test_the_guide_loading_leaves_the_focus_alone(shipped_guide: Guide) -> None:
    app = RemoteGuideApp(lang="en", guide=shipped_guide)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")  # from the plan actions to the sections
        sections = app.screen.query_one("#home-sections", OptionList)
        assert app.focused is sections
        app.main_screen.refresh_language()  # what happens when the guide has loaded
        await pilot.pause()
        assert app.focused is sections
