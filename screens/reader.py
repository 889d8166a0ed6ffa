"""One article over another screen (from the wizard's links); Escape returns.

Its sources are links: ``o`` opens the one on the screen in the browser (asking which when
several are), a click opens the one clicked, ``y`` copies the selected passage or the
source's address."""

from __future__ import annotations

import webbrowser
from collections.abc import Sequence

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from guide.i18n import t
from guide.links import Link, find_links, links_between
from guide.printable import escape_text
from screens.base import GuideModal
from screens.widgets.article_view import ArticleView
from screens.widgets.markdown_view import MarkdownView


class ReaderScreen(GuideModal[None]):
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="close"),
        Binding("o", "open_source", "Open source", id="reader_open"),
        Binding("y", "copy", "Copy", id="reader_copy"),
        # A modal screen blocks the app's keys: help, with this screen's keys, is its own.
        Binding("f1,question_mark", "app.help", "Help", id="help"),
    ]

    def __init__(self, article_id: str, words: Sequence[str] = (), block: int = 0) -> None:
        super().__init__(classes="dialog")
        self.article_id = article_id
        self.words, self.block = words, block
        self._blocks: Sequence[str] = ()

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader", classes="dialog-box wide tall")
        yield Footer()

    def on_mount(self) -> None:
        guide = self.app.guide
        view = self.query_one(ArticleView)
        if guide is not None:
            article = guide.article(self.app.lang, self.article_id)
            self._blocks = article.blocks
            view.show(article, guide)
            if self.block:
                self.call_after_refresh(view.scroll_to_block, self.block)
        view.focus()
        if self.words:
            self.call_after_refresh(view.scroll_to_words, self.words, self.block)

    # Sources ------------------------------------------------------------------------------

    def links(self) -> list[Link]:
        """The article's links, with the lines of the article body they are drawn on."""
        body = self.query_one(MarkdownView)
        lines = body.text.split("\n")
        starts = [body.block_line(i) for i in range(len(self._blocks))]
        return find_links(self._blocks, lines, starts)

    def links_on_screen(self) -> list[Link]:
        view, body = self.query_one(ArticleView), self.query_one(MarkdownView)
        top = round(view.scroll_y) - body.virtual_region.y
        return links_between(self.links(), top, top + view.scrollable_content_region.height)

    @work(exclusive=True, group="reader-open")
    async def action_open_source(self) -> None:
        from screens.dialogs import ask

        shown = self.links_on_screen()
        if not shown:
            self.notify(t(self.app.lang, "reader_no_source"), markup=False)
            return
        link = shown[0]
        if len(shown) > 1:
            lang = self.app.lang
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
        body = self.query_one(MarkdownView)
        offset = event.get_content_offset(body) if event.widget is body else None
        if offset is None:
            return
        for link in self.links():
            if link.first <= offset.y <= link.last:
                self.open_link(link)
                return
