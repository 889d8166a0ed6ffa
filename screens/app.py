"""The remote-guide Textual app: language, theme, the loaded guide, and app-wide keys."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from guide.content import ContentError, load_sections
from guide.history import HOME, Place
from guide.i18n import Lang, other_lang, t
from screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from guide.articles import Guide  # pydantic: kept off the start-up path


def _article_commands() -> type[Provider]:
    """Imported when the palette opens: textual.command costs 35 ms at start-up."""
    from screens.commands import ArticleCommands

    return ArticleCommands


class RemoteGuideApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "remote-guide"
    COMMANDS = App.COMMANDS | {_article_commands}
    BINDINGS = [
        Binding("q,ctrl+q", "quit", "Quit", id="quit", key_display="q"),
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("l", "switch_language", "Language", id="language"),
        Binding("t", "change_theme", "Theme", id="theme", show=False),
    ]

    lang: reactive[Lang] = reactive("en", init=False)

    def __init__(self, lang: Lang = "en", guide: Guide | None = None) -> None:
        super().__init__()
        self.set_reactive(RemoteGuideApp.lang, lang)
        # A guide can be passed in (tests); otherwise it loads in a thread after the first
        # screen is drawn, because pydantic's import alone costs about 100 ms.
        self.guide: Guide | None = guide
        self.sections = list(guide.sections) if guide else load_sections()

    def on_mount(self) -> None:
        self.sub_title = t(self.lang, "app_subtitle")
        self.push_screen(MainScreen(self.sections))
        self._localise_keys()
        if self.guide is None:
            # After the first frame, so that loading never delays the home screen.
            self.call_after_refresh(self._load_guide)

    @work(thread=True, exclusive=True)
    def _load_guide(self) -> None:
        from guide.articles import load_guide

        try:
            guide = load_guide()
        except ContentError as error:
            self.call_from_thread(self._guide_failed, error.problems)
        else:
            self.call_from_thread(self._guide_loaded, guide)

    def _guide_loaded(self, guide: Guide) -> None:
        self.guide = guide
        self.main_screen.refresh_language()

    def _guide_failed(self, problems: list[str]) -> None:
        self.main_screen.show_problems(problems)

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def open_place(self, place: Place) -> None:
        """Open a place in the guide from anywhere (command palette, search)."""
        while not isinstance(self.screen, MainScreen):
            self.pop_screen()
        self.main_screen.go(place)
        self.main_screen.focus_content()

    # Language -------------------------------------------------------------------------

    def watch_lang(self) -> None:
        self.sub_title = t(self.lang, "app_subtitle")
        self._localise_keys()
        self.main_screen.refresh_language()
        self.notify(t(self.lang, "language_switched"), timeout=2)

    def action_switch_language(self) -> None:
        self.lang = other_lang(self.lang)

    def _localise_keys(self) -> None:
        """Footer words follow the language: each binding's id names its words (key_<id>)."""
        for node in (self, *self.screen_stack):
            for key, bindings in node._bindings.key_to_bindings.items():
                node._bindings.key_to_bindings[key] = [
                    dataclasses.replace(b, description=t(self.lang, f"key_{b.id}"))
                    if b.id and b.description
                    else b
                    for b in bindings
                ]
        self.refresh_bindings()

    # Other actions --------------------------------------------------------------------

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def get_system_commands(self, screen: Screen[object]):  # type: ignore[no-untyped-def]
        lang = self.lang
        yield SystemCommand(t(lang, "cmd_home"), t(lang, "cmd_home"), lambda: self.open_place(HOME))
        yield SystemCommand(
            t(lang, "cmd_switch_language"),
            t(lang, "cmd_switch_language"),
            self.action_switch_language,
        )
        yield from super().get_system_commands(screen)


def run(lang: Lang) -> int:
    """Start the app; returns the process exit code."""
    RemoteGuideApp(lang=lang).run()
    return 0
