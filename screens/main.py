"""The main screen: the sidebar tree and the home, section or article view beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static, Tree

from guide.content import Section
from guide.history import HOME, History, Place
from guide.i18n import Lang, t
from guide.printable import escape_text
from screens.base import GuideScreen
from screens.source_links import COPY, OPEN, SourceLinks
from screens.widgets.article_view import ArticleView
from screens.widgets.home_view import HomeView
from screens.widgets.section_view import SectionView
from screens.widgets.sidebar import GuideTree

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path


class MainScreen(SourceLinks, GuideScreen[None]):
    """Owns the reader's history; the app owns the language and the loaded guide."""

    AUTO_FOCUS = "#home-actions"
    BINDINGS = [
        Binding("alt+left,b", "back", "Back", id="back"),
        Binding("alt+right,f", "forward", "Forward", id="forward", show=False),
        Binding("h", "go_home", "Home", id="home", show=False),
        Binding("s", "toggle_sidebar", "Sidebar", id="sidebar"),
        Binding("c", "contents", "Contents", id="contents", show=False),
        # An article's sources (as in the reader); in help, the footer has no room.
        dataclasses.replace(OPEN, show=False),
        dataclasses.replace(COPY, show=False),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections
        self.history: History[Place] = History()
        self._mounting: dict[str, AwaitMount] = {}

    def compose(self) -> ComposeResult:
        # Built already filled: filling the views in on_mount, after the first layout,
        # cost the start-up a whole extra frame (bench/README.md).
        yield Header(icon="")
        with Horizontal(id="body"):
            yield GuideTree(id="sidebar")
            with ContentSwitcher(initial="home", id="views"):
                # The section and article views (and the problems text) are hidden at
                # start: they are mounted the first time they are shown (_view).
                yield HomeView(self.lang, self.sections, self.guide, id="home")
        yield Footer()

    def on_mount(self) -> None:
        self.history.visit(HOME)
        self.query_one(GuideTree).fill(self.lang, self.sections, self.guide)
        self._show(HOME)

    @property
    def lang(self) -> Lang:
        return self.app.lang

    @property
    def guide(self) -> Guide | None:
        return self.app.guide

    # Showing places -------------------------------------------------------------------

    def refresh_language(self) -> None:
        """Redraw everything in the app's current language, staying at the same place
        (also when the guide has loaded, after the first frame)."""
        self._prepare_views()
        self.query_one(GuideTree).fill(self.lang, self.sections, self.guide)
        self.query_one(HomeView).show(self.lang, self.sections, self.guide)
        # Focus stays where it is: the guide loads while the reader may already be moving.
        self._show(self.history.current or HOME, keep_focus=self.focused is not None)

    def go(self, place: Place, words: Sequence[str] = (), focus: bool = False) -> None:
        """Open ``place`` and remember it in the history; with ``words``, scroll to the
        first line that has one of them (a search hit). The content takes the focus unless
        the tree has it; with ``focus``, always (also once a view still mounting is up)."""
        if self.guide is None and place.kind != "home":
            return
        self.history.visit(place)
        self._show(place, words, focus=focus)

    def _mounting_view(self, place: Place) -> AwaitMount | None:
        """What to wait for before ``place`` can be shown: the section and article views
        are mounted the first time they are needed (mounting them hidden at start cost the
        first frame, bench/README.md)."""
        kinds: dict[str, Callable[[], Widget]] = {
            "article": lambda: ArticleView(id="article"),
            "section": lambda: SectionView(id="section"),
        }
        if place.kind not in kinds or self.guide is None:
            return None
        if place.kind in self._mounting:
            return self._mounting[place.kind]
        if _child(self.query_one(ContentSwitcher), place.kind) is not None:
            return None
        view = kinds[place.kind]()
        view.display = False  # until the switcher shows it
        mounted = self._mounting[place.kind] = self.query_one(ContentSwitcher).mount(view)
        return mounted

    def _prepare_views(self) -> None:
        """Mount the hidden views once the guide is there, so that the first section or
        article opened doesn't wait for them (a _show meanwhile waits for the mount)."""
        for kind in ("section", "article"):
            mounting = self._mounting_view(Place(kind, ""))
            if mounting is not None:
                self.call_later(self._mounted, kind, mounting)

    async def _mounted(self, kind: str, mounting: AwaitMount) -> None:
        await mounting
        self._mounting.pop(kind, None)

    def _show(
        self,
        place: Place,
        words: Sequence[str] = (),
        keep_focus: bool = False,
        focus: bool = False,
    ) -> None:
        mounting = self._mounting_view(place)
        if mounting is not None:

            async def show_when_mounted() -> None:
                await mounting
                self._mounting.pop(place.kind, None)
                self._show(place, words, keep_focus, focus)

            self.call_later(show_when_mounted)
            return
        switcher = self.query_one(ContentSwitcher)
        guide = self.guide
        if place.kind == "article" and guide is not None:
            view = self.query_one(ArticleView)
            view.show(guide.article(self.lang, place.id), guide)
            switcher.current = "article"
            if words:
                self.call_after_refresh(view.scroll_to_words, words, place.block)
            elif place.block:
                self.call_after_refresh(view.scroll_to_block, place.block)
        elif place.kind == "section" and guide is not None:
            self.query_one(SectionView).show(self.lang, place.id, guide)
            switcher.current = "section"
        else:
            switcher.current = "home"
        tree = self.query_one(GuideTree)
        tree.select_place(place)
        if focus or (self.focused is not tree and not keep_focus):
            self.focus_content()

    def article_blocks(self) -> Sequence[str]:
        place, guide = self.history.current, self.guide
        if place is None or place.kind != "article" or guide is None:
            return ()
        return guide.article(self.lang, place.id).blocks

    def refresh_plan_actions(self) -> None:
        """Offer "continue the draft" only while there is one."""
        self.query_one(HomeView).show_actions(self.lang)

    def show_problems(self, problems: list[str]) -> None:
        text = (
            t(self.lang, "content_error")
            + ":\n\n"
            + escape_text("\n".join(problems), multiline=True)
        )
        switcher = self.query_one(ContentSwitcher)
        view = _child(switcher, "problems")
        if isinstance(view, Static):
            view.update(Content(text))
            switcher.current = "problems"
        else:
            box = Static(Content(text), id="problems", markup=False)
            switcher.add_content(box, set_current=True)

    def focus_content(self) -> None:
        current = self.query_one(ContentSwitcher).current
        targets = {"home": "#home-actions", "section": "#section-articles", "article": "#article"}
        if current in targets:
            self.query_one(targets[current]).focus()

    # Events ---------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#sidebar")
    def _tree_selected(self, event: Tree.NodeSelected[Place]) -> None:
        if event.node.data is not None:
            self.go(event.node.data)

    @on(OptionList.OptionSelected, "#home-sections")
    def _section_chosen(self, event: OptionList.OptionSelected) -> None:
        self.go(Place("section", event.option.id or ""), focus=True)

    @on(OptionList.OptionSelected, "#home-actions")
    def _plan_action(self, event: OptionList.OptionSelected) -> None:
        app = self.app
        {"make": app.make_plan, "open": app.choose_plan, "draft": app.continue_draft}[
            event.option.id or "make"
        ]()

    @on(OptionList.OptionSelected, "#section-articles, #related")
    def _article_chosen(self, event: OptionList.OptionSelected) -> None:
        self.go(Place("article", event.option.id or ""), focus=True)

    # Actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        place = self.history.back()
        if place is None:
            self.notify(t(self.lang, "back_empty"), timeout=2)
        else:
            self._show(place)

    def action_forward(self) -> None:
        place = self.history.forward()
        if place is None:
            self.notify(t(self.lang, "forward_empty"), timeout=2)
        else:
            self._show(place)

    def action_go_home(self) -> None:
        self.go(HOME, focus=True)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(GuideTree)
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.focus_content()

    def action_contents(self) -> None:
        place = self.history.current
        if self.guide is None or place is None or place.kind != "article":
            return
        from screens.contents import ContentsScreen

        article = self.guide.article(self.lang, place.id)

        def jump(block: int | None) -> None:
            if block is not None:
                self.go(Place("article", place.id, block))

        self.app.push_screen(ContentsScreen(article), jump)


def _child(parent: Widget, id: str) -> Widget | None:
    """The child of ``parent`` with ``id``, or None if it is not mounted (yet)."""
    return next((child for child in parent.children if child.id == id), None)
