"""Loading and validating every article of the guide into a ``Guide``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from guide.content import (
    ID_PATTERN,
    Article,
    ContentError,
    Section,
    load_sections,
    split_blocks,
    split_front_matter,
)
from guide.i18n import LANGS, Lang
from guide.paths import content_dir

MAX_QUESTIONS = 16
# One line of plain text: shown as is in the article and searched with the title's weight.
Question = Annotated[str, Field(min_length=3, max_length=160)]
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class FrontMatter(BaseModel):
    """The TOML between the ``+++`` lines at the top of an article."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: str = Field(min_length=1, description="the article's title")
    summary: str = Field(min_length=1, description="one sentence shown under the title")
    tags: list[str] = Field(default_factory=list, description="search words, both languages")
    questions: list[Question] = Field(
        default_factory=list,
        max_length=MAX_QUESTIONS,
        description="questions the article answers, as readers ask them: shown and searched",
    )
    related: list[str] = Field(default_factory=list, description="ids of related articles")
    reviewed: date = Field(description="when the text and its facts were last checked")
    order: int = Field(default=100, ge=0, description="position within its section")

    @field_validator("questions")
    @classmethod
    def _distinct(cls, questions: list[str]) -> list[str]:
        for question in questions:
            if CONTROL.search(question):
                raise ValueError(
                    f"{question!r}: a question is one line, without control characters"
                )
        folded = [q.strip().casefold() for q in questions]
        if any(not q for q in folded) or len(set(folded)) != len(folded):
            raise ValueError("questions must be distinct and not blank")
        return [q.strip() for q in questions]


@dataclass(frozen=True)
class Guide:
    sections: tuple[Section, ...]
    articles: dict[tuple[Lang, str], Article]

    def article(self, lang: Lang, article_id: str) -> Article:
        return self.articles[(lang, article_id)]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def in_section(self, section_id: str, lang: Lang) -> list[Article]:
        found = [a for a in self.articles.values() if a.section == section_id and a.lang == lang]
        return sorted(found, key=lambda a: (a.order, a.title))

    def all(self, lang: Lang) -> Iterator[Article]:
        """Every article in ``lang``, in reading order."""
        for section in self.sections:
            yield from self.in_section(section.id, lang)


def load_guide(root: Path | None = None) -> Guide:
    """Load and check all the content; raise ``ContentError`` listing every problem."""
    root = root or content_dir()
    sections = load_sections(root)
    problems: list[str] = []
    articles: dict[tuple[Lang, str], Article] = {}
    for lang in LANGS:
        for path in sorted((root / lang).glob("*/*.md")):
            try:
                article = _load_article(path, lang, root)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            if (lang, article.id) in articles:
                other = articles[(lang, article.id)].path
                problems.append(f"{path}: id {article.id!r} is already used by {other}")
            articles[(lang, article.id)] = article
    problems += _check_sections(root, sections)
    problems += _check_pairs(articles)
    problems += _check_related(articles)
    if problems:
        raise ContentError(problems)
    return Guide(tuple(sections), articles)


def _load_article(path: Path, lang: Lang, root: Path) -> Article:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([f"{path}: cannot read: {error}"]) from error
    raw, body = split_front_matter(text, path)
    try:
        meta = FrontMatter.model_validate(raw)
    except ValidationError as error:
        raise ContentError([_describe(path, e) for e in error.errors()]) from error
    article_id = path.stem
    if not ID_PATTERN.match(article_id):
        raise ContentError([f"{path}: file name must be an id like 'real-hourly-rate'"])
    blocks, headings = split_blocks(body)
    return Article(
        id=article_id,
        section=path.parent.name,
        lang=lang,
        title=meta.title,
        summary=meta.summary,
        tags=tuple(meta.tags),
        questions=tuple(meta.questions),
        related=tuple(meta.related),
        reviewed=meta.reviewed,
        order=meta.order,
        body=body,
        path=path,
        blocks=blocks,
        headings=headings,
    )


def _describe(path: Path, error: ErrorDetails) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "front matter"
    return f"{path}: {where}: {error['msg']}"


def _check_sections(root: Path, sections: list[Section]) -> list[str]:
    known = {s.id for s in sections}
    return [
        f"{folder}: unknown section {folder.name!r} (not in sections.toml)"
        for lang in LANGS
        for folder in sorted((root / lang).glob("*"))
        if folder.is_dir() and folder.name not in known
    ]


def _check_pairs(articles: dict[tuple[Lang, str], Article]) -> list[str]:
    problems = []
    for (_, article_id), article in sorted(articles.items()):
        for other_lang in LANGS:
            twin = articles.get((other_lang, article_id))
            if twin is None:
                problems.append(f"{article.path}: no {other_lang} version of {article_id!r}")
            elif twin.section != article.section:
                problems.append(
                    f"{article.path}: section {article.section!r} differs from {twin.path}"
                )
    return problems


def _check_related(articles: dict[tuple[Lang, str], Article]) -> list[str]:
    problems = []
    for (lang, _), article in sorted(articles.items()):
        for rid in article.related:
            if rid == article.id:
                problems.append(f"{article.path}: related: lists the article itself")
            elif (lang, rid) not in articles:
                problems.append(f"{article.path}: related: no article with id {rid!r}")
    return problems
