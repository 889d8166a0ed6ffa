"""Sources are links the reader can open: every item of every article's Sources list, in
both languages, carries a Markdown link, and no URL anywhere in an article is malformed."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from guide.articles import Guide
from guide.content import SOURCES_HEADINGS, Article
from guide.i18n import LANGS

# [text](url): the text may hold anything but a closing bracket; the URL runs to the
# first closing parenthesis or space (our URLs contain neither).
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
# A bare address outside a link, e.g. "see ilo.org/..." or "https://x.y" without brackets.
BARE_URL = re.compile(r"(?<![(\w/.-])(?:https?://|www\.)\S+")
DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a well-formed web address, or None when it is."""
    if not url:
        return "empty"
    if re.search(r"[\s<>\"{}|\\^`]", url):
        return "contains a character that must be escaped"
    parts = urlsplit(url)
    if parts.scheme != "https" and parts.scheme != "http":
        return f"scheme must be https or http, not {parts.scheme!r}"
    host = (parts.hostname or "").lower()
    if not DOMAIN.match(host):
        return f"host {host!r} is not a domain name"
    if parts.port is not None:
        return "has a port"
    return None


def sources_items(article: Article) -> list[str]:
    heading = SOURCES_HEADINGS[article.lang]
    last = article.headings[-1] if article.headings else None
    assert last is not None and last.text == heading, f"{article.path}: no {heading} last"
    block = article.blocks[last.block]
    return [line[2:] for line in block.splitlines() if line.startswith("- ")]


def every_article(guide: Guide) -> list[Article]:
    return [a for lang in LANGS for a in guide.all(lang)]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.ilo.org/global/WCMS_771749/lang--en/index.htm", None),
        ("https://doi.org/10.1145/3476060", None),
        ("ilo.org/WCMS_771749", "scheme"),
        ("https:/ilo.org", "host"),
        ("https://ilo", "host"),
        ("https://ilo.org/a b", "escaped"),
        ("", "empty"),
    ],
)
def test_url_check(url: str, problem: str | None) -> None:
    found = url_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_every_sources_item_is_a_link(shipped_guide: Guide) -> None:
    unlinked = [
        (a.lang, a.id, item[:60])
        for a in every_article(shipped_guide)
        for item in sources_items(a)
        if not LINK.search(item)
    ]
    assert unlinked == []


def test_every_article_has_linked_sources(shipped_guide: Guide) -> None:
    for article in every_article(shipped_guide):
        assert sources_items(article), f"{article.path}: empty sources"


def test_no_url_is_malformed(shipped_guide: Guide) -> None:
    bad = [
        (a.lang, a.id, url, problem)
        for a in every_article(shipped_guide)
        for _text, url in LINK.findall(a.body)
        if (problem := url_problem(url)) is not None
    ]
    assert bad == []


def test_no_bare_addresses_outside_links(shipped_guide: Guide) -> None:
    # A bare address can't be opened from the app; it belongs inside a link.
    bare = [
        (a.lang, a.id, match)
        for a in every_article(shipped_guide)
        for match in BARE_URL.findall(LINK.sub("", a.body))
    ]
    assert bare == []


def test_both_languages_cite_the_same_addresses(shipped_guide: Guide) -> None:
    for article in shipped_guide.all("en"):
        twin = shipped_guide.article("ru", article.id)
        en = {url for _t, url in LINK.findall(article.body)}
        ru = {url for _t, url in LINK.findall(twin.body)}
        assert en == ru, f"{article.id}: only en {en - ru}, only ru {ru - en}"
