"""One article over another screen (from the wizard's links); Escape returns."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding

from screens.base import GuideModal
from screens.widgets.article_view import ArticleView


class ReaderScreen(GuideModal[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="close")]

    def __init__(self, article_id: str, words: Sequence[str] = (), block: int = 0) -> None:
        super().__init__(classes="dialog")
        self.article_id = article_id
        self.words, self.block = words, block

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader", classes="dialog-box wide tall")

    def on_mount(self) -> None:
        guide = self.app.guide
        view = self.query_one(ArticleView)
        if guide is not None:
            view.show(guide.article(self.app.lang, self.article_id), guide)
            if self.block:
                self.call_after_refresh(view.scroll_to_block, self.block)
        view.focus()
        if self.words:
            self.call_after_refresh(view.scroll_to_words, self.words, self.block)
