"""One article: its title, summary and review date, the text, and links to related articles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from guide.content import Article
from guide.i18n import Lang, date_text, t
from screens.widgets.markdown_view import MarkdownView

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path


class ArticleView(VerticalScroll):
    """Scrolls as a whole; related articles are an ``OptionList`` whose options are ids."""

    def compose(self) -> ComposeResult:
        yield Static(id="article-title", markup=False)
        yield Static(id="article-meta", markup=False)
        yield Static(id="article-summary", markup=False)
        yield MarkdownView(id="article-body")
        yield Label(id="questions-label")
        yield Static(id="article-questions", markup=False)
        yield Label(id="related-label")
        yield OptionList(id="related", compact=True)

    def show(self, article: Article, guide: Guide) -> None:
        lang = article.lang
        section = guide.section(article.section).title(lang)
        self.query_one("#article-title", Static).update(Content(article.title))
        meta = f"{section} · {t(lang, 'reviewed', date=date_text(lang, article.reviewed))}"
        self.query_one("#article-meta", Static).update(Content(meta))
        self.query_one("#article-summary", Static).update(Content(article.summary))
        self.query_one(MarkdownView).update(article.blocks)
        self._show_questions(article)
        self.query_one("#related-label", Label).update(Content(t(lang, "related")))
        related = self.query_one("#related", OptionList)
        related.set_options(_related_options(article.related, lang, guide))
        related.highlighted = 0
        self.scroll_home(animate=False)

    def _show_questions(self, article: Article) -> None:
        """The readers' questions the article answers, one per line (hidden when none)."""
        label = self.query_one("#questions-label", Label)
        questions = self.query_one("#article-questions", Static)
        label.update(Content(t(article.lang, "questions_answered")))
        questions.update(Content("\n".join(f"• {q}" for q in article.questions)))
        label.display = questions.display = bool(article.questions)

    def scroll_to_block(self, block: int) -> None:
        body = self.query_one(MarkdownView)
        self.scroll_to(y=body.virtual_region.y + body.block_line(block), animate=False)

    def scroll_to_words(self, words: Sequence[str], block: int = 0) -> bool:
        """Scroll so the first line from ``block`` on with one of ``words`` is at the top."""
        body = self.query_one(MarkdownView)
        line = body.find_line(words, block)
        if line is None:
            return False
        self.scroll_to(y=body.virtual_region.y + line, animate=False)
        return True


def _related_options(ids: Sequence[str], lang: Lang, guide: Guide) -> list[Option]:
    return [Option(Content(f"→ {guide.article(lang, i).title}"), id=i) for i in ids]
