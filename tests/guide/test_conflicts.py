"""Sync tools' conflict copies: their names, finding them, the notice, the backup folder."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from guide.conflicts import (
    conflict_copies,
    conflict_notice,
    is_conflict_copy_of,
    keep_merged,
    merged_dir,
    original_name,
)
from guide.i18n import tn

COPIES = {
    "Syncthing": "plan.sync-conflict-20261120-214012-ABCDEF7.toml",
    "Syncthing before 0.14": "plan.sync-conflict-20261120-214012.toml",
    "Syncthing, a copy of a copy": (
        "plan.sync-conflict-20261120-214012-ABCDEF7.sync-conflict-20261121-080000-QRSTUV2.toml"
    ),
    "Dropbox": "plan (Jane Doe's conflicted copy 2026-11-20).toml",
    "Dropbox, a second one": "plan (Jane Doe's conflicted copy 2026-11-20 (1)).toml",
    "Dropbox, capitals": "plan (LAPTOP's Conflicted Copy 2026-11-20).toml",
    "Nextcloud": "plan (conflicted copy 2026-11-20 214012).toml",
    "Nextcloud with a user": "plan (conflicted copy jane 2026-11-20 214012).toml",
    "ownCloud before 2.5": "plan_conflict-20261120-214012.toml",
    "Seafile": "plan (SFConflict jane@example.com 2026-11-20-21-40-12).toml",
    "Resilio Sync": "plan.Conflict.toml",
    "Resilio Sync, numbered": "plan.Conflict2.toml",
}
NOT_COPIES = [
    "plan.toml",
    "plan (1).toml",  # Google Drive, browsers: any duplicate, not clearly a sync artefact
    "plan-LAPTOP.toml",  # OneDrive
    "plan copy.toml",
    "plan.sync-conflict-20261120-214012-ABCDEF7.txt",
    ".plan.sync-conflict-20261120-214012-ABCDEF7.toml",  # hidden: a temp or lock file
    "plan.sync-conflict-2026-11-20.toml",
    "plan (my notes on a conflicted copy.toml",
]


@pytest.mark.parametrize("tool", sorted(COPIES))
def test_each_tools_conflict_copy_is_recognised(tool: str) -> None:
    assert original_name(COPIES[tool]) == "plan.toml"


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_names_are_not(name: str) -> None:
    assert original_name(name) is None


def test_names_with_spaces_dots_and_cyrillic() -> None:
    assert (
        original_name("мой план.v2 (conflicted copy 2026-11-20 214012).toml") == "мой план.v2.toml"
    )
    assert original_name("a.b.sync-conflict-20261120-214012-ABCDEF7.toml") == "a.b.toml"


def test_conflict_copies_lists_only_copies_of_that_plan(tmp_path: Path) -> None:
    for name in [*COPIES.values(), *NOT_COPIES, "other.sync-conflict-20261120-214012-ABCDEF7.toml"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "plan.Conflict3.toml").mkdir()  # a folder is not a copy
    found = conflict_copies(tmp_path / "plan.toml")
    assert [p.name for p in found] == sorted(COPIES.values())
    assert conflict_copies(tmp_path / "missing" / "plan.toml") == []
    assert is_conflict_copy_of(found[0], tmp_path / "plan.toml")
    assert not is_conflict_copy_of(tmp_path / "x" / found[0].name, tmp_path / "plan.toml")


def test_the_notice_in_both_languages(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    assert conflict_notice(plan, "en") is None
    (tmp_path / COPIES["Syncthing"]).write_text("x")
    assert conflict_notice(plan, "en") == (
        f"{plan}: 1 sync conflict copy lies beside it ({COPIES['Syncthing']}); "
        f"merge it with: remote-guide merge {plan}"
    )
    (tmp_path / COPIES["Dropbox"]).write_text("x")
    ru = conflict_notice(plan, "ru")
    assert ru is not None and ru.startswith(f"{plan}: рядом лежат 2 конфликтные копии")
    assert ru.endswith(f"объединить: remote-guide merge {plan}")


def test_the_notice_quotes_the_command_and_escapes_names(tmp_path: Path) -> None:
    plan = tmp_path / "my plan.toml"
    (tmp_path / "my plan.sync-conflict-20261120-214012-ABCDEF7.toml").write_text("x")
    (tmp_path / "my plan (conflicted copy \u202e 2026-11-20 214012).toml").write_text("x")
    notice = conflict_notice(plan, "en")
    assert notice is not None
    assert notice.endswith(f"remote-guide merge '{plan}'")
    assert "\u202e" not in notice and "\\u202e" in notice


def test_keep_merged_moves_into_a_private_folder_and_never_overwrites(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    first = tmp_path / COPIES["Syncthing"]
    first.write_text("one")
    moved = keep_merged(first, plan)
    assert moved == merged_dir(plan) / first.name == tmp_path / ".plan.toml.backups" / first.name
    assert not first.exists() and moved.read_text() == "one"
    assert stat.S_IMODE(merged_dir(plan).stat().st_mode) == 0o700
    first.write_text("two")
    again = keep_merged(first, plan)
    assert again.name == first.stem + "-2.toml" and again.read_text() == "two"
    assert moved.read_text() == "one"


def test_plural_forms() -> None:
    assert tn("ru", "merge_entries_added", 3) == "добавлены 3 записи журнала"
    assert tn("ru", "merge_entries_added", 11) == "добавлено 11 записей журнала"
    assert tn("en", "merge_entries_added", 1) == "1 log entry added"
