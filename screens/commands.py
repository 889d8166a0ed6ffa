"""Command palette entries: jump to any article by its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from guide.history import Place
from guide.i18n import t
from guide.search import Hit as SearchHit

if TYPE_CHECKING:
    from screens.app import RemoteGuideApp


class ArticleCommands(Provider):
    """One command per article of the current language: "Open article: <title>"."""

    @property
    def guide_app(self) -> RemoteGuideApp:
        """The app, typed (a provider is no widget: ``getters.app`` doesn't reach it)."""
        from screens.app import RemoteGuideApp

        assert isinstance(self.app, RemoteGuideApp)
        return self.app

    def _entries(self) -> list[tuple[str, str, str]]:
        app = self.guide_app
        guide = app.guide
        if guide is None:
            return []
        lang = app.lang
        verb = t(lang, "cmd_open_article")
        return [
            (f"{verb}: {a.title}", guide.section(a.section).title(lang), a.id)
            for a in guide.all(lang)
        ]

    def _open(self, article_id: str) -> None:
        self.guide_app.open_place(Place("article", article_id))

    async def discover(self) -> Hits:
        for title, section, article_id in self._entries():
            yield DiscoveryHit(Content(title), partial(self._open, article_id), help=section)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        shown = set()
        for title, section, article_id in self._entries():
            score = matcher.match(title)
            if score > 0:
                shown.add(article_id)
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._open, article_id),
                    text=title,
                    help=section,
                )
        for hit in self._found(query):
            if hit.article_id not in shown:
                text = f"{t(self.guide_app.lang, 'cmd_search_hit')}: {hit.title}"
                snippet = "".join(run for run, _ in hit.snippet)
                yield Hit(0.5, Content(text), partial(self._open_hit, hit), text=text, help=snippet)

    def _found(self, query: str) -> list[SearchHit]:
        """Articles whose text matches the words typed (the guide's full-text search)."""
        app = self.guide_app
        if app.guide is None or len(query.strip()) < 3:
            return []
        return app.search_index.search(query, app.lang, 5)

    def _open_hit(self, hit: SearchHit) -> None:
        self.guide_app.open_hit(hit)
