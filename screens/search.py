"""Search the whole guide as you type; Enter opens the article at the passage that matched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from guide.i18n import Lang, t, tn
from screens.base import GuideScreen

if TYPE_CHECKING:
    from guide.articles import Guide
    from guide.search import Hit, SearchIndex

LIMIT = 10  # the screen shows about six; fewer options keep each keystroke fast


class SearchScreen(GuideScreen["Hit | None"]):
    """Dismisses with the chosen hit, or None on Escape."""

    CSS_PATH = "search.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="back")]

    def __init__(self, lang: Lang, guide: Guide, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.lang, self.guide, self.index = lang, guide, index
        self.hits: list[Hit] = []
        self._query = query
        self._status_text = t(lang, "search_hint")  # what #search-status shows

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Vertical(id="search-box"):
            yield Input(self._query, placeholder=t(self.lang, "search_placeholder"), id="query")
            yield Static(Content(t(self.lang, "search_hint")), id="search-status", markup=False)
            yield OptionList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "search_title")
        if self._query:
            self._search(self._query)

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        lang = self.lang
        self.hits = self.index.search(query, lang, LIMIT) if query.strip() else []
        results = self.query_one("#results", OptionList)
        results.set_options(self._option(hit) for hit in self.hits)
        if self.hits:
            results.highlighted = 0
        self._show_status(self._status(query))

    def _status(self, query: str) -> str:
        lang = self.lang
        if not query.strip():
            return t(lang, "search_hint")
        if not self.hits:
            return t(lang, "search_none")
        words = tn(lang, "search_count", len(self.hits))
        fixed = self.index.suggestion(query, lang)
        if fixed:
            words = t(lang, "search_did_you_mean", query=fixed) + "\n" + words
        return words

    def _show_status(self, text: str) -> None:
        # Most keystrokes keep the same status ("10 articles"): redrawing it anyway, with a
        # layout of the whole screen, cost each keystroke more than the search.
        if text == self._status_text:
            return
        lines_changed = text.count("\n") != self._status_text.count("\n")
        self._status_text = text
        status = self.query_one("#search-status", Static)
        status.update(Content(text), layout=lines_changed)

    def _option(self, hit: Hit) -> Option:
        section = self.guide.section(hit.section_id).title(hit.lang)
        head: list[str | tuple[str, str]] = [(hit.title, "bold"), "  ", (section, "dim")]
        if hit.other_language:
            head += ["  ", (f"({t(self.lang, 'search_other_language')})", "italic $warning")]
        snippet = Content.assemble(
            *((text, "bold $accent underline") if found else text for text, found in hit.snippet)
        )
        # One line each: wrapping every snippet on every keystroke costs more than the search.
        width = max(20, self.query_one("#results").content_region.width - 2)
        lines = [
            Content.assemble(*head).truncate(width, ellipsis=True),
            snippet.truncate(width, ellipsis=True),
        ]
        return Option(Content("\n").join(lines), id=f"{hit.lang}:{hit.article_id}")

    @on(Input.Submitted, "#query")
    def _open_first(self) -> None:
        if self.hits:
            self.dismiss(self.hits[0])

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def key_down(self, event: events.Key) -> None:
        """↓ in the query box moves to the results, at the first one."""
        if self.focused is self.query_one("#query") and self.hits:
            event.stop()
            event.prevent_default()
            self.query_one("#results", OptionList).focus()
