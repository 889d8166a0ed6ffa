"""Loading and validating content: every error names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.articles import load_guide
from guide.content import ContentError, count_words, split_blocks

SECTIONS = """
[[section]]
id = "basics"
title = { en = "Basics", ru = "Основы" }
"""

FRONT = """+++
title = "{title}"
summary = "One sentence."
tags = ["a"]
related = {related}
reviewed = 2026-11-21
+++

## Heading

Body text.
"""


def write(root: Path, lang: str, section: str, article_id: str, text: str) -> Path:
    path = root / lang / section / f"{article_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(title: str = "T", related: str = "[]") -> str:
    return FRONT.replace("{title}", title).replace("{related}", related)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "sections.toml").write_text(SECTIONS, encoding="utf-8")
    for lang in ("en", "ru"):
        write(tmp_path, lang, "basics", "first", article(related='["second"]'))
        write(tmp_path, lang, "basics", "second", article(related='["first"]'))
    return tmp_path


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_guide(root)
    return caught.value.problems


def test_a_good_tree_loads(root: Path) -> None:
    guide = load_guide(root)
    assert [a.id for a in guide.in_section("basics", "ru")] == ["first", "second"]
    assert guide.article("en", "first").related == ("second",)
    assert guide.section("basics").title("ru") == "Основы"


def test_bad_front_matter_names_file_and_field(root: Path) -> None:
    path = write(
        root,
        "en",
        "basics",
        "first",
        article().replace("reviewed = 2026-11-21", "reviewed = 'soon'"),
    )
    found = problems(root)
    assert any(str(path) in p and "reviewed" in p for p in found), found


def test_unknown_front_matter_key_is_an_error(root: Path) -> None:
    write(
        root,
        "en",
        "basics",
        "first",
        article().replace('tags = ["a"]', 'tags = ["a"]\nauthor = "x"'),
    )
    assert any("author" in p for p in problems(root))


def test_front_matter_that_is_not_toml_gives_its_line(root: Path) -> None:
    path = write(root, "en", "basics", "first", article().replace('tags = ["a"]', "tags = [a"))
    found = problems(root)
    # "tags = [a" is on the file's line 4 (line 3 of the front matter).
    assert any(str(path) in p and "line 4," in p for p in found), found


def test_missing_front_matter(root: Path) -> None:
    path = write(root, "en", "basics", "first", "## Just text\n")
    assert any(str(path) in p and "+++" in p for p in problems(root))


def test_related_id_that_does_not_exist(root: Path) -> None:
    path = write(root, "ru", "basics", "first", article(related='["nowhere"]'))
    found = problems(root)
    assert any(str(path) in p and "related" in p and "nowhere" in p for p in found), found


def test_related_listing_the_article_itself(root: Path) -> None:
    path = write(root, "en", "basics", "first", article(related='["first"]'))
    assert f"{path}: related: lists the article itself" in problems(root)


def test_article_missing_in_one_language(root: Path) -> None:
    (root / "ru" / "basics" / "second.md").unlink()
    found = problems(root)
    assert any("second" in p and "no ru version" in p for p in found), found


def test_unknown_section_folder(root: Path) -> None:
    write(root, "en", "elsewhere", "third", article())
    write(root, "ru", "elsewhere", "third", article())
    found = problems(root)
    assert any("elsewhere" in p and "unknown section" in p for p in found), found


def test_section_without_both_titles(root: Path) -> None:
    (root / "sections.toml").write_text('[[section]]\nid = "basics"\ntitle = { en = "B" }\n')
    found = problems(root)
    assert any("sections.toml" in p and "title" in p and "ru" in p for p in found), found


def test_sections_file_that_is_not_toml(root: Path) -> None:
    (root / "sections.toml").write_text("[[section]\n")
    assert any("sections.toml" in p and "TOML" in p for p in problems(root))


def test_blocks_start_at_headings_and_skip_code() -> None:
    blocks, headings = split_blocks(
        "Intro.\n\n## One\n\ntext\n\n```\n## not a heading\n```\n\n### Two\n"
    )
    assert len(blocks) == 3
    assert [(h.level, h.text, h.block) for h in headings] == [(2, "One", 1), (3, "Two", 2)]


def test_word_count_ignores_punctuation_and_table_rules() -> None:
    assert count_words("| a | b |\n|---|---|\n- [ ] well-known, 20 % off") == 5
