"""One article over another screen (from the wizard's links); Escape returns. Its sources
are links (screens/source_links.py)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from screens.base import GuideModal
from screens.source_links import COPY, OPEN, SourceLinks
from screens.widgets.article_view import ArticleView


class ReaderScreen(SourceLinks, GuideModal[None]):
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="close"),
        OPEN,
        COPY,
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

    def article_blocks(self) -> Sequence[str]:
        return self._blocks
