"""A section's overview: its articles with their summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from guide.i18n import Lang, tn

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path


class SectionView(VerticalScroll):
    """Options' ids are article ids; selecting one opens that article."""

    _shown = ""

    def compose(self) -> ComposeResult:
        # The title and the count stay above the list, which scrolls in what is left:
        # nothing else here is taller than the view, so it never opens scrolled past them.
        with Vertical(id="section-head"):
            yield Static(id="section-title", markup=False)
            yield Static(id="section-intro", markup=False)
        yield OptionList(id="section-articles")

    def show(self, lang: Lang, section_id: str, guide: Guide) -> None:
        articles = guide.in_section(section_id, lang)
        title = guide.section(section_id).title(lang)
        self.query_one("#section-title", Static).update(Content(title))
        intro = tn(lang, "section_intro", len(articles))
        self.query_one("#section-intro", Static).update(Content(intro))
        options = self.query_one("#section-articles", OptionList)
        # Coming back to the same section keeps the reader's place in its list.
        keep = options.highlighted if section_id == self._shown else None
        self._shown = section_id
        options.set_options(
            Option(
                Content.assemble((article.title, "bold"), "\n", (article.summary, "dim")),
                id=article.id,
            )
            for article in articles
        )
        options.highlighted = keep or 0
