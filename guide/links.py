"""The sources an article links to, and where they fall in its rendered text, so the
reader can open the one under the pointer or on the screen.

Markdown links are ``[text](https://...)``; Rich draws them (without terminal hyperlinks)
as ``text (https://...)``, wrapped like any text. A link is found in the rendered lines by
the start of its text and the end of its address, in order, so two links to one page are
told apart by where they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s)]+)\)")
_EMPHASIS = re.compile(r"[*_`\\]")  # Markdown marks Rich draws as styles, not as text


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    first: int  # the first and last rendered line (0-based) the link is drawn on
    last: int


def block_links(block: str) -> list[tuple[str, str]]:
    """The (text, address) of each web link in a Markdown block, in order."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(block)]


def _squeezed(lines: Sequence[str], start: int, end: int) -> tuple[str, list[int]]:
    """Lines ``start..end`` joined without spaces, and the line each character is on
    (Rich breaks long addresses anywhere, and words at spaces)."""
    chars: list[str] = []
    where: list[int] = []
    for y in range(start, end):
        for ch in lines[y]:
            if not ch.isspace():
                chars.append(ch)
                where.append(y)
    return "".join(chars), where


def find_links(blocks: Sequence[str], lines: Sequence[str], starts: Sequence[int]) -> list[Link]:
    """Each link of ``blocks`` with the rendered lines it is on; ``starts[i]`` is the first
    line of block ``i`` in ``lines``. A link that can't be found (a table cell Rich cut)
    is left out."""
    found: list[Link] = []
    for i, block in enumerate(blocks):
        links = block_links(block)
        if not links or i >= len(starts):
            continue
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        text, where = _squeezed(lines, starts[i], end)
        at = 0
        for words, url in links:
            label = "".join(_EMPHASIS.sub("", words).split())
            begin = text.find(label, at)
            tail = text.find(f"({url})", max(begin, at))
            if begin < 0 or tail < 0:
                continue
            stop = tail + len(url) + 1
            found.append(Link(words, url, where[begin], where[stop]))
            at = stop + 1
    return found


def links_between(links: Sequence[Link], top: int, bottom: int) -> list[Link]:
    """The links drawn, at least in part, on lines ``top..bottom`` (exclusive)."""
    return [link for link in links if link.first < bottom and link.last >= top]
