"""The guide's content: sections from ``sections.toml`` and Markdown articles with TOML
front matter, validated on load.

Sections are read with plain ``tomllib`` (no pydantic) so that the home screen can show them
before the heavier article loading has finished; articles are validated with pydantic.
Every problem is reported as ``ContentError`` naming the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from guide.i18n import LANGS, Lang
from guide.paths import content_dir

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER = "+++"
SOURCES_HEADINGS = {"en": "Sources", "ru": "Источники"}


class ContentError(Exception):
    """One or more problems in the content folder; each names a file and a field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Section:
    id: str
    titles: dict[Lang, str]

    def title(self, lang: Lang) -> str:
        return self.titles[lang]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    block: int  # index of the block (see Article.blocks) that this heading starts


@dataclass(frozen=True)
class Article:
    id: str
    section: str
    lang: Lang
    title: str
    summary: str
    tags: tuple[str, ...]
    related: tuple[str, ...]
    reviewed: date
    order: int
    body: str
    path: Path
    blocks: tuple[str, ...] = field(repr=False)
    headings: tuple[Heading, ...] = field(repr=False)
    questions: tuple[str, ...] = ()  # the readers' questions the article answers

    @property
    def word_count(self) -> int:
        return count_words(self.body)


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits (punctuation and table
    rules are not words)."""
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def load_sections(root: Path | None = None) -> list[Section]:
    """The sections in display order, from ``sections.toml``."""
    path = (root or content_dir()) / "sections.toml"
    data = read_toml(path)
    problems: list[str] = []
    sections: list[Section] = []
    for i, raw in enumerate(data.get("section", [])):
        where = f"{path}: section[{i}]"
        sid = raw.get("id")
        titles = raw.get("title", {})
        if not isinstance(sid, str) or not ID_PATTERN.match(sid):
            problems.append(f"{where}.id: must be lowercase words joined by '-', got {sid!r}")
            continue
        missing = [lang for lang in LANGS if not isinstance(titles.get(lang), str)]
        if missing:
            problems.append(f"{where}.title: missing {', '.join(missing)}")
            continue
        sections.append(Section(sid, {lang: titles[lang] for lang in LANGS}))
    if not sections and not problems:
        problems.append(f"{path}: no [[section]] entries")
    if problems:
        raise ContentError(problems)
    return sections


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML data file; ``ContentError`` names the file when it can't be read or parsed."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as error:
        raise ContentError([f"{path}: cannot read: {error.strerror}"]) from error
    except tomllib.TOMLDecodeError as error:
        raise ContentError([f"{path}: not valid TOML: {error}"]) from error


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """The front matter (parsed) and the Markdown body of an article file."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise ContentError([f"{path}: must start with a '+++' front matter line"])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        raise ContentError([f"{path}: front matter has no closing '+++' line"]) from None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        # tomllib counts lines of the front matter, which starts on the file's line 2.
        where = re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) + 1}", str(error))
        raise ContentError([f"{path}: front matter is not valid TOML: {where}"]) from error
    return meta, "\n".join(lines[end + 1 :]).strip() + "\n"


def split_blocks(body: str) -> tuple[tuple[str, ...], tuple[Heading, ...]]:
    """Cut the body at its ``##``/``###`` headings: each block starts with one heading
    (the first may have none). The UI renders one widget per block, and the table of
    contents and search jump to a block."""
    blocks: list[list[str]] = [[]]
    headings: list[Heading] = []
    in_code = False
    for line in body.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        match = None if in_code else re.match(r"^(#{2,3})\s+(.*?)\s*#*\s*$", line)
        if match:
            if any(part.strip() for part in blocks[-1]):
                blocks.append([])
            headings.append(Heading(len(match.group(1)), match.group(2), len(blocks) - 1))
        blocks[-1].append(line)
    texts = tuple("\n".join(b).strip() + "\n" for b in blocks if any(p.strip() for p in b))
    return texts, tuple(headings)
