"""Finding an article's links in its rendered lines (guide/links.py)."""

from __future__ import annotations

from itertools import pairwise

from rich.console import Console
from rich.markdown import Markdown

from guide.links import block_links, find_links, links_between

BLOCKS = (
    "Some text with no link.",
    "- ILO, [World Employment and Social Outlook 2021: the role of digital labour "
    "platforms](https://www.ilo.org/global/research/global-reports/weso/2021/index.htm), 2021.\n"
    "- Buffer, [State of Remote Work 2023](https://buffer.com/state-of-remote-work/2023).\n"
    "- [Again](https://buffer.com/state-of-remote-work/2023) and [*emphasis*](https://e.org/x).",
)


def rendered(width: int) -> tuple[list[str], list[int]]:
    console = Console(width=width)
    lines: list[str] = []
    starts: list[int] = []
    for block in BLOCKS:
        if lines:
            lines.append("")
        starts.append(len(lines))
        for line in console.render_lines(Markdown(block, hyperlinks=False), pad=False):
            lines.append("".join(s.text for s in line))
    return lines, starts


def test_block_links_reads_web_links_only() -> None:
    assert block_links("[a](https://a.org) [b](file:///etc) [c](http://c.org/x?y=1)") == [
        ("a", "https://a.org"),
        ("c", "http://c.org/x?y=1"),
    ]


def test_links_are_found_where_they_are_drawn_at_any_width() -> None:
    for width in (30, 60, 120):
        lines, starts = rendered(width)
        links = find_links(BLOCKS, lines, starts)
        assert [link.text for link in links] == [
            "World Employment and Social Outlook 2021: the role of digital labour platforms",
            "State of Remote Work 2023",
            "Again",
            "*emphasis*",
        ]
        for link in links:
            drawn = "".join("".join(lines[link.first : link.last + 1]).split())
            assert "".join(link.url.split()) in drawn
        # in order, never overlapping the one before
        assert all(a.last <= b.first for a, b in pairwise(links))


def test_links_between_takes_those_partly_on_screen() -> None:
    lines, starts = rendered(30)
    links = find_links(BLOCKS, lines, starts)
    first = links[0]
    assert links_between(links, first.last, first.last + 1)[0] == first
    assert links_between(links, 0, first.first) == []
