"""The remote-guide Textual app: language, theme, the loaded guide, and app-wide keys."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich.cells import cell_len
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from guide.content import ContentError, load_sections
from guide.history import HOME, Place
from guide.i18n import Lang, datetime_text, next_lang, t
from guide.printable import escape_text
from guide.problems import said_error, said_text
from screens.dialogs import ask
from screens.main import MainScreen

if TYPE_CHECKING:
    from textual.command import Provider

    from guide.articles import Guide  # pydantic: kept off the start-up path
    from guide.search import Hit, SearchIndex
    from guide.settings import Settings
    from guide.storage import Document, LoadedPlan
    from screens.wizard import WizardScreen


@runtime_checkable
class ConfirmsQuit(Protocol):
    """A screen with unsaved work: asked before the app quits."""

    async def confirm_quit(self) -> bool: ...


def _article_commands() -> type[Provider]:
    """Imported when the palette opens: it brings in the search engine."""
    from screens.commands import ArticleCommands

    return ArticleCommands


# Textual's own palette entries (title, help) -> the words ``sys_<name>`` and
# ``sys_<name>_help`` in the app's language.
SYSTEM_WORDS = {
    ("Theme", "Change the current theme"): "sys_theme",
    ("Quit", "Quit the application as soon as possible"): "sys_quit",
    (
        "Keys",
        "Show help for the focused widget and a summary of available keys",
    ): "sys_keys",
    ("Keys", "Hide the keys and widget help panel"): "sys_keys_hide",
    ("Minimize", "Minimize the widget and restore to normal size"): "sys_minimize",
    ("Maximize", "Maximize the focused widget"): "sys_maximize",
    ("Screenshot", "Save an SVG 'screenshot' of the current screen"): "sys_screenshot",
}


HEADER_SIDES = 18
"""Columns of the header beside its title: the icon's (8) and the clock's space (10)."""


class RemoteGuideApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "remote-guide"
    COMMANDS = App.COMMANDS | {_article_commands}
    BINDINGS = [
        Binding("q,ctrl+q", "quit", "Quit", id="quit", key_display="q"),
        Binding("f1,question_mark", "help", "Help", id="help"),
        Binding("l", "switch_language", "Language", id="language"),
        Binding("t", "change_theme", "Theme", id="theme", show=False),
        Binding("slash,ctrl+f", "search", "Search", id="search"),
        # Priority, so the focus moves before the next key is handed on: as the screen's
        # own (non-priority) binding, keys typed right after Tab by a fast typist or a
        # script went to the field being left ("45<Tab>3.15" put 453.15 in minutes).
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    lang: reactive[Lang] = reactive("en", init=False)

    def __init__(
        self,
        lang: Lang = "en",
        guide: Guide | None = None,
        plan_path: Path | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self._apply_settings(settings)
        self.plan_path = plan_path
        # What "today" is for limits, milestones and review dates (tests fix it).
        self.today: Callable[[], dt.date] = dt.date.today
        self.set_reactive(RemoteGuideApp.lang, lang)
        # A guide can be passed in (tests); otherwise it loads in a thread after the first
        # screen is drawn, because pydantic's import alone costs about 100 ms.
        self.guide: Guide | None = guide
        self.sections = list(guide.sections) if guide else load_sections()
        self._search_index: SearchIndex | None = None

    # Settings (guide/settings.py): theme and keys from settings.toml; the theme chosen with
    # `t` and the language chosen with `l` are written back.

    def _apply_settings(self, settings: Settings | None) -> None:
        from guide.settings import load_settings
        from screens.themes import THEMES

        for theme in THEMES:
            self.register_theme(theme)
        self.settings = settings or load_settings()
        self._settings_writable = not self.settings.problems
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(dict(self.settings.keys))

    def _remember(self, **changes: str) -> None:
        from guide.settings import SettingsError, update_settings

        if not self._settings_writable:
            return  # a broken file was reported on start-up; it is never overwritten
        try:
            update_settings(None, **changes)
        except SettingsError as error:
            self._settings_writable = False
            problem = escape_text(said_error(self.lang, error))  # names the settings file
            self.notify(problem, severity="error", markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's text. When the title and subtitle don't fit in the header (its
        icon and clock spaces take HEADER_SIDES columns), a file path keeps its end (the
        file's name) after an ellipsis, and any other subtitle is left out, rather than cut."""
        full = super().format_title(title, sub_title)
        room = self.size.width - HEADER_SIDES
        if full.cell_length <= room:
            return full
        left = room - cell_len(title) - 3  # " — "
        if "/" in sub_title and left >= 16:
            tail = sub_title
            while cell_len(tail) > left - 1:
                tail = tail[1:]
            return super().format_title(title, f"…{tail}")
        return super().format_title(title, "")

    def on_resize(self) -> None:
        # The header formats its title only when the title changes: again at the new width
        # (the app takes the new size after this handler).
        self.call_later(self._format_headers)

    def _format_headers(self) -> None:
        for screen in self.screen_stack:
            for header in screen.query(Header):
                for shown in header.query("HeaderTitle").results(Static):
                    shown.update(header.format_title())

    def get_default_screen(self) -> MainScreen:
        # The main screen is the app's own first screen, not pushed over Textual's default
        # one from on_mount: a screen pushed there is laid out and drawn while the app is
        # still mounting, that frame is thrown away, and the home view waited for a second
        # one (about 30 ms of start-up, bench/README.md).
        return MainScreen(self.sections)

    def on_mount(self) -> None:
        for problem in self.settings.problems:
            said = escape_text(said_text(self.lang, problem))
            self.notify(said, severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, lambda theme: self._remember(theme=theme.name))
        self.sub_title = t(self.lang, "app_subtitle")
        self.call_after_refresh(gc.enable)  # off during start-up (guide.cli)
        if self.guide is None:
            # After the first frame, so that loading never delays the home screen.
            self.call_after_refresh(self._load_guide)
        if self.plan_path is not None:
            self.open_plan(self.plan_path)
        else:
            self.call_after_refresh(self._offer_draft)

    @work(thread=True, exclusive=True)
    def _load_guide(self) -> None:
        from guide.articles import load_guide

        try:
            guide = load_guide()
        except ContentError as error:
            self.call_from_thread(self._guide_failed, error.problems)
            return
        self.call_from_thread(self._guide_loaded, guide)
        from screens.widgets.markdown_view import warm_up

        warm_up(next(guide.all(self.lang)).blocks)
        # Everything loaded so far lives as long as the app: move it out of the garbage
        # collector's sight, or a full collection (about 50 ms) lands on the first article.
        gc.collect()
        gc.freeze()

    @property
    def search_index(self) -> SearchIndex:
        """The search index, built on first use: about 45 ms once, when the search screen
        or the palette first needs it. Building it at start-up would keep 3.4 MB for every
        user, searching or not (bench/README.md)."""
        if self._search_index is None and self.guide is not None:
            from guide.search import SearchIndex

            self._search_index = SearchIndex.build(self.guide)
        assert self._search_index is not None
        return self._search_index

    def _guide_loaded(self, guide: Guide) -> None:
        self.guide = guide
        self.main_screen.refresh_language()

    def _guide_failed(self, problems: list[str]) -> None:
        self.main_screen.show_problems(problems)

    @property
    def main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def open_place(self, place: Place, words: Sequence[str] = ()) -> None:
        """Open a place in the guide from anywhere (command palette, search). Over the
        wizard or a plan, an article opens on top of it, so nothing there is lost."""
        if isinstance(self.screen, MainScreen):
            self.main_screen.go(place, words=words, focus=True)
        elif place.kind == "article":
            from screens.reader import ReaderScreen

            self.push_screen(ReaderScreen(place.id, words=words, block=place.block))

    # Language -------------------------------------------------------------------------

    def watch_lang(self) -> None:
        self.sub_title = t(self.lang, "app_subtitle")
        self.refresh_bindings()  # the footer's words (screens.base)
        self.main_screen.refresh_language()
        self.notify(t(self.lang, "language_switched"), timeout=2)

    def action_switch_language(self) -> None:
        self.lang = next_lang(self.lang)
        self._remember(language=self.lang)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The wizard and the plan screen are built in one language: switch in the guide.
        if action == "switch_language":
            return isinstance(self.screen, MainScreen)
        return True

    # Plans ------------------------------------------------------------------------------

    def make_plan(self, target: Path | None = None) -> None:
        """Start the wizard on a new plan (saved to ``target`` if given)."""
        from guide.plan import new_plan
        from screens.wizard import WizardScreen

        now = dt.datetime.now().astimezone()
        plan = new_plan(t(self.lang, "default_title"), self.lang, now)
        self._run_wizard(WizardScreen(self.lang, plan, target=target))

    def continue_draft(self) -> None:
        from guide.drafts import load_draft

        draft = load_draft()
        if draft is None:
            self.make_plan()
            return
        from screens.steps import KEYS as STEP_KEYS
        from screens.wizard import WizardScreen

        target = Path(draft.target) if draft.target else None
        wizard = WizardScreen(
            self.lang,
            draft.plan,
            step=draft.step or STEP_KEYS[0],
            target=target,
            fields=draft.fields,
            fresh=False,
        )
        self._run_wizard(wizard)

    def _run_wizard(self, wizard: WizardScreen) -> None:
        def finished(result: LoadedPlan | None) -> None:
            self.main_screen.refresh_plan_actions()
            if result is not None:
                self._show_plan(result)

        self.push_screen(wizard, finished)

    def choose_plan(self) -> None:
        from screens.open_plan import OpenPlanScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.open_plan(path)

        self.push_screen(OpenPlanScreen(self.lang), chosen)

    def open_plan(self, path: Path) -> None:
        """Open the plan at ``path``; a path that doesn't exist starts the wizard there."""
        from guide.storage import PlanError, load_plan

        try:  # a symlink (even a loop or a dangling one) is there: loading it says why
            missing = not path.exists() and not path.is_symlink()
        except OSError:  # a name too long, say: loading it says so
            missing = False
        if missing:
            self.make_plan(target=path)
            return
        parsed: list[tuple[bytes, Document]] = []
        try:
            loaded = load_plan(path, remember=lambda *item: parsed.append(item))
        except PlanError as error:
            from screens.plan_error import PlanErrorScreen

            self.push_screen(PlanErrorScreen(self.lang, error))
            return
        self._show_plan(loaded)
        for data, doc in parsed:  # pickling a big plan would delay its first frame
            self.call_after_refresh(self._remember_parsed, data, doc)

    @work(thread=True, group="parse-cache")
    def _remember_parsed(self, data: bytes, doc: Document) -> None:
        from guide import parsed_cache

        parsed_cache.store(data, doc)

    def _show_plan(self, loaded: LoadedPlan) -> None:
        from screens.plan_screen import PlanScreen

        self.push_screen(PlanScreen(self.lang, loaded))

    @work(exclusive=True, group="draft-offer")
    async def _offer_draft(self) -> None:
        from guide.paths import draft_path

        # Only over the guide: a wizard already open (the user was quick) has the draft.
        if not draft_path().exists() or not isinstance(self.screen, MainScreen):
            return
        from guide.drafts import load_draft

        draft = load_draft()
        if draft is None:
            return
        when = datetime_text(self.lang, dt.datetime.fromtimestamp(draft_path().stat().st_mtime))
        lang = self.lang
        answer = await ask(
            self,
            t(lang, "draft_title"),
            t(lang, "draft_body", when=when),
            [
                ("continue", t(lang, "draft_continue")),
                ("later", t(lang, "draft_later")),
                ("discard", t(lang, "draft_discard")),
            ],
        )
        if answer == "continue":
            self.continue_draft()
        elif answer == "discard":
            from guide.drafts import discard_draft

            discard_draft()
            self.main_screen.refresh_plan_actions()

    # Search -----------------------------------------------------------------------------

    def action_search(self) -> None:
        from screens.search import SearchScreen

        if self.guide is None or isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen(self.lang, self.guide, self.search_index), self.open_hit)

    def open_hit(self, hit: Hit | None) -> None:
        """Open a search hit at the passage that matched."""
        if hit is None:
            return
        if hit.lang != self.lang and isinstance(self.screen, MainScreen):
            self.lang = hit.lang
        self.open_place(Place("article", hit.article_id, hit.block), words=hit.terms)

    async def action_quit(self) -> None:
        """Quit, but let a screen with unsaved work (plan, wizard) ask first."""
        self._quit_asking()

    @work(exclusive=True, group="quit")
    async def _quit_asking(self) -> None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ConfirmsQuit) and not await screen.confirm_quit():
                return
        self.exit()

    # Other actions --------------------------------------------------------------------

    def action_help(self) -> None:
        from screens.help import HelpScreen, screen_keys

        screen = self.screen
        if not isinstance(screen, HelpScreen):
            # The guide's help lists its keys; elsewhere, the keys of the screen below.
            keys = None if isinstance(screen, MainScreen) else screen_keys(screen)
            self.push_screen(HelpScreen(self.lang, keys))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        lang = self.lang
        if isinstance(screen, MainScreen):
            home, switch = t(lang, "cmd_home"), t(lang, "cmd_switch_language")
            yield SystemCommand(home, home, lambda: self.open_place(HOME))
            yield SystemCommand(switch, switch, self.action_switch_language)
        for command in super().get_system_commands(screen):
            words = SYSTEM_WORDS.get((command.title, command.help))
            if words is None:  # one Textual added since: its own words rather than none
                yield command
            else:
                title, help_text = t(lang, words), t(lang, f"{words}_help")
                yield command._replace(title=title, help=help_text)


def run(lang: Lang, plan_path: Path | None = None, settings: Settings | None = None) -> int:
    """Start the app; returns the process exit code."""
    RemoteGuideApp(lang=lang, plan_path=plan_path, settings=settings).run()
    return 0
