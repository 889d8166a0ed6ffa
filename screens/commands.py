"""Command palette entries: jump to any article by its title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from guide.history import Place
from guide.i18n import t
from guide.search import Hit as SearchHit


class ArticleCommands(Provider):
    """One command per article of the current language: "Open article: <title>"."""

    def _entries(self) -> list[tuple[str, str, str]]:
        app = self.app
        guide = app.guide  # type: ignore[attr-defined]
        if guide is None:
            return []
        lang = app.lang  # type: ignore[attr-defined]
        verb = t(lang, "cmd_open_article")
        return [
            (f"{verb}: {a.title}", guide.section(a.section).title(lang), a.id)
            for a in guide.all(lang)
        ]

    def _open(self, article_id: str) -> None:
        self.app.open_place(Place("article", article_id))  # type: ignore[attr-defined]

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
                text = f"{t(self.app.lang, 'cmd_search_hit')}: {hit.title}"  # type: ignore[attr-defined]
                snippet = "".join(run for run, _ in hit.snippet)
                yield Hit(0.5, Content(text), partial(self._open_hit, hit), text=text, help=snippet)

    def _found(self, query: str) -> list[SearchHit]:
        """Articles whose text matches the words typed (the guide's full-text search)."""
        app = self.app
        if app.guide is None or len(query.strip()) < 3:  # type: ignore[attr-defined]
            return []
        return app.search_index.search(query, app.lang, 5)  # type: ignore[attr-defined, no-any-return]

    def _open_hit(self, hit: SearchHit) -> None:
        self.app.open_hit(hit)  # type: ignore[attr-defined]
