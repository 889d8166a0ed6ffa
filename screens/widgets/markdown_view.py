"""Markdown drawn as pre-rendered lines.

Textual's own ``Markdown`` widget mounts a widget per block, which costs about 600 ms for a
1,700-word article on these machines; rendering the text once with Rich and drawing only the
visible lines (the Line API) costs about 25 ms. The Markdown parser is imported in the
background after start-up (``warm_up``: 40 ms that would otherwise fall on the first
article opened), and the most recent blocks stay parsed. The rendered lines are kept until
the width, the theme or the article changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.theme import Theme
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from rich.markdown import Markdown


class MarkdownView(Widget):
    """Shows Markdown blocks one after another; its height is the rendered text's height."""

    DEFAULT_CSS = """
    MarkdownView { height: auto; }
    """

    def __init__(self, blocks: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks = tuple(blocks)
        self._lines: list[Strip] = []
        self._block_starts: list[int] = []
        self._rendered_for: tuple[int, str] | None = None

    def update(self, blocks: Sequence[str]) -> None:
        self._blocks = tuple(blocks)
        self._rendered_for = None
        self.refresh(layout=True)

    def block_line(self, block: int) -> int:
        """The first line of ``block`` within this widget (for scrolling to a heading)."""
        self._render_at(self.content_region.width or self.size.width)
        return self._block_starts[block] if block < len(self._block_starts) else 0

    def find_line(self, words: Sequence[str], block: int = 0) -> int | None:
        """The first rendered line from ``block`` on that contains any of ``words``
        (case-insensitive), or from the top when that block has none."""
        start = self.block_line(block)
        lowered = [w.casefold() for w in words if w]
        for first in (start, 0):
            for y in range(first, len(self._lines)):
                if any(w in self._lines[y].text.casefold() for w in lowered):
                    return y
        return None

    @property
    def text(self) -> str:
        """The rendered text, line by line (used by tests)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._render_at(width)
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        self._render_at(self.content_region.width)
        if y < len(self._lines):
            return self._lines[y]
        return Strip.blank(self.content_region.width, self.rich_style)

    def _render_at(self, width: int) -> None:
        key = (max(width, 10), self.app.theme)
        if key == self._rendered_for:
            return
        self._rendered_for = key
        console = self.app.console
        options = console.options.update_width(key[0])
        base = self.rich_style
        lines: list[Strip] = []
        starts: list[int] = []
        console.push_theme(self._markdown_theme())
        try:
            for block in self._blocks:
                if lines:
                    lines.append(Strip.blank(key[0], base))
                starts.append(len(lines))
                rendered = console.render_lines(parsed(block), options, style=base)
                lines.extend(Strip(Segment.apply_style(line, base), key[0]) for line in rendered)
        finally:
            console.pop_theme()
        self._lines, self._block_starts = lines, starts

    def _markdown_theme(self) -> Theme:
        """Rich's Markdown styles, coloured from the current Textual theme."""
        theme = self.app.current_theme
        primary = theme.primary
        accent = theme.accent or theme.secondary or primary
        return Theme(
            {
                "markdown.h1": f"bold {primary}",
                "markdown.h2": f"bold {primary}",
                "markdown.h3": f"bold {accent}",
                "markdown.h4": f"italic {accent}",
                "markdown.item.bullet": f"bold {accent}",
                "markdown.item.number": f"bold {accent}",
                "markdown.link": f"underline {accent}",
                "markdown.link_url": f"{accent}",
                "markdown.code": f"bold {accent}",
                "markdown.block_quote": "italic",
                "markdown.hr": f"{primary}",
            }
        )


@lru_cache(maxsize=16)  # about one article: every block of the guide would cost about 7 MB
def parsed(block: str) -> Markdown:
    """A block of Markdown, parsed (about a third of the cost of showing it)."""
    from rich.markdown import Markdown  # 40 ms to import: not needed for the home screen

    return Markdown(_checkboxes(block), hyperlinks=False)


def warm_up(blocks: Iterable[str]) -> None:
    """Import the parser and parse ``blocks`` (from a worker thread, after start-up)."""
    for block in blocks:
        parsed(block)


def _checkboxes(block: str) -> str:
    """Show ``- [ ]`` checklist items as boxes (Rich's Markdown has no task lists)."""
    return block.replace("- [ ] ", "- ☐ ").replace("- [x] ", "- ☑ ")
