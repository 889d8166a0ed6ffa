"""The reader's sources are links: ``o`` and a click open them in the browser, ``y``
copies the selection or the address; the footer and help show the keys."""

from __future__ import annotations

import pytest

from guide.links import Link
from screens.app import RemoteGuideApp
from screens.reader import ReaderScreen
from screens.source_links import SourceLinks
from screens.widgets.article_view import ArticleView
from screens.widgets.markdown_view import MarkdownView
from tests.screens.conftest import wait_until

ARTICLE = "software"  # its sources are a list of links at the end


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(
        "screens.source_links.webbrowser.open", lambda url: urls.append(url) or True
    )
    return urls


async def reader(app: RemoteGuideApp, pilot) -> ReaderScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.push_screen(ReaderScreen(ARTICLE))
    screen = app.screen
    assert isinstance(screen, ReaderScreen)
    await wait_until(pilot, lambda: bool(screen.links()))
    return screen


async def scroll_to(pilot, screen: SourceLinks, link: Link) -> None:  # type: ignore[no-untyped-def]
    view, body = screen.query_one(ArticleView), screen.query_one(MarkdownView)
    view.scroll_to(y=body.virtual_region.y + link.first, animate=False)
    await wait_until(pilot, lambda: link in screen.links_on_screen())
    # The click aims by the body's region on the screen, which follows a frame later.
    height = screen.size.height
    await wait_until(pilot, lambda: 0 <= body.region.y + link.last < height)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_o_opens_the_source_on_the_screen(make_app, opened: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    from screens.dialogs import ChoiceDialog

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(app, pilot)
        await pilot.press("o")  # at the top: no source on the screen
        await pilot.pause()
        assert opened == []
        links = screen.links()
        await scroll_to(pilot, screen, links[0])
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog) or bool(opened))
        if isinstance(app.screen, ChoiceDialog):  # several on the screen: the first answer
            await pilot.press("enter")
        await wait_until(pilot, lambda: opened == [links[0].url])


async def test_a_click_opens_the_source_clicked(make_app, opened: list[str]) -> None:  # type: ignore[no-untyped-def]
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(app, pilot)
        link = screen.links()[1]
        await scroll_to(pilot, screen, link)
        await pilot.pause()
        await pilot.click(MarkdownView, offset=(4, link.last))
        await wait_until(pilot, lambda: opened == [link.url])


async def test_y_copies_the_selection_or_the_address(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app("en")
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(app, pilot)
        link = screen.links()[-1]
        await scroll_to(pilot, screen, link)
        await pilot.press("y")
        await wait_until(pilot, lambda: bool(copied))
        assert copied[0] in [s.url for s in screen.links_on_screen()]
        monkeypatch.setattr(screen, "get_selected_text", lambda: "a passage")
        await pilot.press("y")
        await wait_until(pilot, lambda: copied[-1] == "a passage")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Open source", "Copy"]), ("ru", ["Открыть источник", "Копировать"])],
)
async def test_the_footer_and_help_show_the_keys(make_app, lang: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    from screens.help import HelpScreen

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(app, pilot)
        shown = {k: b.binding.description for k, b in screen.active_bindings.items()}
        assert shown["o"] == words[0] and shown["y"] == words[1]

        def footer_words() -> list[str]:
            return [str(k.description) for k in screen.query("FooterKey")]  # type: ignore[attr-defined]

        await wait_until(pilot, lambda: set(words) <= set(footer_words()))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.keys is not None
        assert ("o", words[0]) in help_screen.keys and ("y", words[1]) in help_screen.keys


async def test_without_a_browser_the_address_is_shown(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app("en")
    said: list[str] = []
    monkeypatch.setattr("screens.source_links.webbrowser.open", lambda url: False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(app, pilot)
        monkeypatch.setattr(screen, "notify", lambda text, **_: said.append(text))
        link = screen.links()[0]
        screen.open_link(link)
        assert said and "No web browser" in said[0] and link.url in said[0]


async def test_the_guide_opens_sources_too(make_app, opened: list[str]) -> None:  # type: ignore[no-untyped-def]
    from guide.history import Place
    from screens.help import HELP_KEYS
    from screens.main import MainScreen

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.links_on_screen() == []  # the home view: no article
        main.go(Place("article", ARTICLE), focus=True)
        await wait_until(pilot, lambda: bool(main.links()))
        link = main.links()[-1]
        await scroll_to(pilot, main, link)
        await pilot.click(MarkdownView, offset=(4, link.last))
        await wait_until(pilot, lambda: opened == [link.url])
        assert ("o", "key_reader_open") in HELP_KEYS and ("y", "key_reader_copy") in HELP_KEYS
