"""A pop-up table of contents for the open article; returns the chosen block."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guide.content import Article
from guide.i18n import t
from screens.base import GuideModal


class ContentsScreen(GuideModal[int | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="close")]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        options = [
            Option(Content(("  " * (h.level - 2)) + h.text), id=str(h.block))
            for h in self.article.headings
        ]
        contents = OptionList(*options, id="contents-list")
        contents.border_title = Content(t(self.article.lang, "contents"))
        yield contents

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
