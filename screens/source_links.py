"""An article's sources as links, for the screens that show an article (the reader, the
guide): ``o`` opens the source on the screen in the browser (asking which when several
are), a click opens the one clicked, ``y`` copies the selected passage or the source's
address."""

from __future__ import annotations

import webbrowser
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events, work
from textual.binding import Binding
from textual.screen import Screen

from guide.i18n import t
from guide.links import Link, find_links, links_between
from guide.printable import escape_text
from screens.widgets.article_view import ArticleView
from screens.widgets.markdown_view import MarkdownView

if TYPE_CHECKING:
    from screens.app import RemoteGuideApp

OPEN = Binding("o", "open_source", "Open source", id="reader_open")
COPY = Binding("y", "copy", "Copy", id="reader_copy")


class SourceLinks(Screen[object]):
    """The keys and the click; a screen says which article it shows (``article_blocks``)
    and where (the ``ArticleView`` it holds)."""

    if TYPE_CHECKING:
        app: RemoteGuideApp

    def article_blocks(self) -> Sequence[str]:
        return ()

    def links(self) -> list[Link]:
        """The article's links, with the lines of the article body they are drawn on (none
        while the guide's article view is still being mounted)."""
        views = self.query(ArticleView)
        bodies = views.first().query(MarkdownView) if views else None
        if not bodies:
            return []
        body = bodies.first()
        blocks = self.article_blocks()
        lines = body.text.split("\n")
        starts = [body.block_line(i) for i in range(len(blocks))]
        return find_links(blocks, lines, starts)

    def links_on_screen(self) -> list[Link]:
        # The guide's article view is mounted the first time an article is opened.
        view = next(iter(self.query(ArticleView)), None)
        if view is None or not view.display or not view.region:
            return []
        body = view.query_one(MarkdownView)
        top = round(view.scroll_y) - body.virtual_region.y
        return links_between(self.links(), top, top + view.scrollable_content_region.height)

    @work(exclusive=True, group="source-open")
    async def action_open_source(self) -> None:
        from screens.dialogs import ask

        lang = self.app.lang
        shown = self.links_on_screen()
        if not shown:
            self.notify(t(lang, "reader_no_source"), markup=False)
            return
        link = shown[0]
        if len(shown) > 1:
            answer = await ask(
                self.app,
                t(lang, "reader_which_source"),
                "",
                [(str(i), escape_text(s.text)) for i, s in enumerate(shown)],
                cancel=t(lang, "btn_cancel"),
            )
            if not answer.isdigit():
                return
            link = shown[int(answer)]
        self.open_link(link)

    def open_link(self, link: Link) -> None:
        url = escape_text(link.url)
        if webbrowser.open(link.url):
            self.notify(t(self.app.lang, "reader_opening", url=url), markup=False)
        else:  # no browser here (a server, a container): the address at least
            self.notify(t(self.app.lang, "reader_no_browser", url=url), markup=False, timeout=10)

    def action_copy(self) -> None:
        """The selected passage, or else the address of the source on the screen."""
        lang = self.app.lang
        selected = self.get_selected_text()
        if selected:
            self.app.copy_to_clipboard(selected)
            self.notify(t(lang, "reader_copied_passage"), markup=False)
            return
        shown = self.links_on_screen()
        if not shown:
            self.notify(t(lang, "reader_no_source"), markup=False)
            return
        self.app.copy_to_clipboard(shown[0].url)
        self.notify(t(lang, "reader_copied", url=escape_text(shown[0].url)), markup=False)

    def on_click(self, event: events.Click) -> None:
        if not isinstance(event.widget, MarkdownView):
            return
        offset = event.get_content_offset(event.widget)
        if offset is None:
            return
        for link in self.links():
            if link.first <= offset.y <= link.last:
                self.open_link(link)
                return
