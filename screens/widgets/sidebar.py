"""The sidebar: a tree of sections, their articles, and the headings of long articles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from guide.content import Article, Section
from guide.history import HOME, Place
from guide.i18n import Lang, t

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path

# Articles with at least this many headings show them in the tree as a table of contents.
TOC_MIN_HEADINGS = 3


class GuideTree(Tree[Place]):
    """Node data is the ``Place`` that selecting the node opens. Labels are ``Text`` so that
    brackets in titles are never read as markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("remote-guide"), data=HOME, id=id)
        self.show_root = False
        self.guide_depth = 2

    def fill(self, lang: Lang, sections: Sequence[Section], guide: Guide | None) -> None:
        self.clear()
        self.root.add_leaf(Text(t(lang, "sidebar_home")), data=HOME)
        for section in sections:
            node = self.root.add(Text(section.title(lang)), data=Place("section", section.id))
            for article in guide.in_section(section.id, lang) if guide else []:
                self._add_article(node, article)
            node.expand()

    def _add_article(self, parent: TreeNode[Place], article: Article) -> None:
        place = Place("article", article.id)
        headings = [h for h in article.headings if h.level == 2]
        if len(headings) < TOC_MIN_HEADINGS:
            parent.add_leaf(Text(article.title), data=place)
            return
        node = parent.add(Text(article.title), data=place)
        for heading in headings:
            node.add_leaf(Text(heading.text), data=Place("article", article.id, heading.block))

    def select_place(self, place: Place) -> None:
        """Move the cursor to ``place``'s node, expanding its parent, without opening it."""
        nodes = self._all_nodes()
        exact = [n for n in nodes if n.data == place]
        target = exact or [n for n in nodes if n.data == Place(place.kind, place.id)]
        if not target:
            return
        if target[0].parent is not None:
            target[0].parent.expand()
        self.move_cursor(target[0])

    def _all_nodes(self) -> list[TreeNode[Place]]:
        found: list[TreeNode[Place]] = []
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(node.children))
        return found
