"""``remote-guide merge``, ``remote-guide merge-driver`` in a real git repository, and the
conflict-copy notice of the other commands."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from guide.cli import main
from guide.plan import Language, LogEntry, Plan, Tombstone
from guide.storage import load_plan, save_plan

from .plan_samples import EXAMPLE, TZ

Capture = pytest.CaptureFixture[str]
SYNCTHING = "plan.sync-conflict-20261122-101010-ABCDEF7.toml"
DROPBOX = "plan (Jane's conflicted copy 2026-11-22).toml"


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=TZ)


def edit(path: Path, change: Callable[[Plan], None], saved: dt.datetime) -> None:
    plan = load_plan(path).plan
    change(plan)
    plan.updated = saved
    save_plan(plan, path, overwrite=True)


def log(platform: str, minutes: int, day: int = 21) -> Callable[[Plan], None]:
    def change(plan: Plan) -> None:
        plan.log.append(LogEntry(date=dt.date(2026, 11, day), platform=platform, minutes=minutes))

    return change


def delete_first(plan: Plan) -> None:
    gone = plan.log.pop(0)
    plan.deleted.append(Tombstone(id=gone.id, when=at(21)))


def set_daily(minutes: int) -> Callable[[Plan], None]:
    def change(plan: Plan) -> None:
        plan.limits.daily_minutes = minutes

    return change


def in_russian(plan: Plan) -> None:
    plan.language = Language.RU


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(EXAMPLE, path)
    return path


def conflict(plan: Path, name: str, *changes: Callable[[Plan], None]) -> Path:
    """A conflict copy of ``plan`` with ``changes``, saved later than the plan."""
    copy = plan.with_name(name)
    shutil.copy(plan, copy)
    for change in changes:
        edit(copy, change, at(22))
    return copy


def test_merge_takes_the_conflict_copies_and_moves_them_away(plan: Path, capsys: Capture) -> None:
    edit(plan, log("Prolific", 25), at(21))
    copy = conflict(plan, SYNCTHING, log("Clickworker", 40), delete_first, set_daily(80))
    edit(plan, set_daily(100), at(21, 13))
    assert main(["merge", str(plan)]) == 0
    out, err = capsys.readouterr()
    backups = plan.parent / ".plan.toml.backups"
    assert out.splitlines() == [
        f"Merged {copy} into {plan}:",
        "  1 log entry added",
        "  1 log entry removed (deleted in the other copy)",
        "  limits.daily_minutes: the copies differed; kept 80 (from the copy saved later), "
        "the other copy had 100",
        f"Saved {plan}.",
        f"{SYNCTHING} moved to {backups / SYNCTHING}",
    ]
    assert err == ""
    merged = load_plan(plan).plan
    assert len(merged.log) == 9 + 1 + 1 - 1 and merged.limits.daily_minutes == 80
    assert not copy.exists() and (backups / SYNCTHING).exists()
    assert main(["check", str(plan)]) == 0
    assert capsys.readouterr().err == ""  # no copies left to tell about


def test_merge_speaks_the_interface_language(plan: Path, capsys: Capture) -> None:
    edit(plan, in_russian, at(21))
    copy = conflict(plan, DROPBOX, log("Toloka", 15), log("Prolific", 5))
    assert main(["merge", str(plan), "--dry-run"]) == 0  # a Russian plan, English words
    assert capsys.readouterr().out.startswith(f"Would merge {copy} into {plan}:")
    assert main(["--lang", "ru", "merge", str(plan)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"Копия {copy} объединена с {plan}:", "  добавлены 2 записи журнала"]
    assert out[-2] == f"{plan} сохранён."


def test_a_copys_problems_are_said_in_the_interface_language(plan: Path, capsys: Capture) -> None:
    bad = plan.with_name(DROPBOX)
    bad.write_text("title = [", "utf-8")
    assert main(["--lang", "ru", "merge", str(plan)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{bad}: ") and "not a valid plan" not in lines[0]
    assert "TOML" in lines[1] and "is not valid" not in lines[1]
    theirs = plan.with_name("theirs.toml")
    theirs.write_text("not = [a plan", "utf-8")
    assert main(["--lang", "ru", "merge-driver", str(plan), str(plan), str(theirs)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "TOML" in lines[1] and "is not valid" not in lines[1]


def test_dry_run_changes_nothing(plan: Path, capsys: Capture) -> None:
    copy = conflict(plan, SYNCTHING, log("Clickworker", 40))
    before = plan.read_bytes()
    assert main(["merge", str(plan), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Would merge {copy} into {plan}:",
        "  1 log entry added",
        "Dry run: nothing was changed or moved.",
    ]
    assert plan.read_bytes() == before and copy.exists()
    assert not (plan.parent / ".plan.toml.backups").exists()


def test_a_copy_that_is_not_a_plan_is_reported_and_left_alone(plan: Path, capsys: Capture) -> None:
    good = conflict(plan, SYNCTHING, log("Clickworker", 40))
    bad = plan.with_name(DROPBOX)
    bad.write_text("title = [", "utf-8")
    assert main(["merge", str(plan)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        f"{bad}: not a valid plan; nothing merged from it, and it is left where it is:"
    )
    assert "is not valid TOML" in err.splitlines()[1]
    assert bad.read_text("utf-8") == "title = [" and not good.exists()
    assert len(load_plan(plan).plan.log) == 10


def test_a_copy_named_by_hand_elsewhere_stays_where_it_is(
    plan: Path, tmp_path: Path, capsys: Capture
) -> None:
    other = tmp_path / "usb" / "plan.toml"
    other.parent.mkdir()
    shutil.copy(plan, other)
    edit(other, log("Toloka", 15), at(22))
    assert main(["merge", str(plan), str(other)]) == 0
    out = capsys.readouterr().out
    assert f"{other} left where it is (it is not a conflict copy beside the plan)" in out
    assert other.exists() and len(load_plan(plan).plan.log) == 10
    assert main(["merge", str(plan), str(plan)]) == 1
    assert f"{plan} is the plan itself; skipped" in capsys.readouterr().out


def test_no_copies_nothing_to_merge(plan: Path, capsys: Capture) -> None:
    before = plan.read_bytes()
    assert main(["merge", str(plan)]) == 0
    assert capsys.readouterr().out == f"{plan}: no conflict copies beside it; nothing to merge.\n"
    assert plan.read_bytes() == before


def test_merging_again_adds_nothing(plan: Path, capsys: Capture) -> None:
    copy = conflict(plan, SYNCTHING, log("Clickworker", 40))
    saved = plan.with_name("saved.toml")
    shutil.copy(copy, saved)
    assert main(["merge", str(plan)]) == 0
    shutil.copy(saved, copy)
    capsys.readouterr()
    assert main(["merge", str(plan)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:3] == [
        "  nothing new: the plan already has everything in this copy",
        f"{plan} is unchanged.",
    ]
    assert out[3].endswith("plan.sync-conflict-20261122-101010-ABCDEF7-2.toml")


STARTS = [("en", "1 sync conflict copy"), ("ru", "рядом лежит 1")]


@pytest.mark.parametrize(("lang", "start"), STARTS)
def test_opening_a_plan_with_copies_beside_it_says_so(
    plan: Path, capsys: Capture, lang: str, start: str
) -> None:
    if lang == "ru":
        edit(plan, in_russian, at(21))
    conflict(plan, SYNCTHING)
    assert main(["--lang", lang, "show", str(plan), "--json"]) == 0
    out, err = capsys.readouterr()
    json.loads(out)  # stdout stays clean
    [line] = err.splitlines()
    assert line.startswith(f"{plan}: {start}") and line.endswith(f"remote-guide merge {plan}")
    plan.write_text("broken", "utf-8")
    assert main(["check", str(plan)]) == 1
    assert "remote-guide merge" in capsys.readouterr().err.splitlines()[-1]


def test_the_merge_driver_writes_the_result_to_ours(tmp_path: Path, capsys: Capture) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base.toml", "ours.toml", "theirs.toml"))
    for path in (base, ours, theirs):
        shutil.copy(EXAMPLE, path)
    ours.chmod(0o600)
    edit(ours, log("Prolific", 25), at(21))
    edit(theirs, log("Toloka", 30), at(22))
    assert main(["merge-driver", str(base), str(ours), str(theirs), "plan.toml"]) == 0
    assert len(load_plan(ours).plan.log) == 11
    assert capsys.readouterr().err.splitlines()[:2] == [
        "remote-guide merge-driver: merged plan.toml:",
        "  1 log entry added",
    ]
    base.write_text("")  # added on both branches: two-way
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 0
    theirs.write_text("not = [a plan", "utf-8")
    before = ours.read_bytes()
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 1
    assert ours.read_bytes() == before
    assert "could not be merged, resolve it by hand" in capsys.readouterr().err


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": str(EXAMPLE.parents[1]),
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_merge_with_the_driver_keeps_everything(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitattributes").write_text("*.toml merge=remote-guide\n")
    (repo / ".gitignore").write_text("*.toml.bak\n.*.lock\n.*.backups/\n")  # as README says
    driver = f"{sys.executable} -m guide merge-driver %O %A %B %P"
    git(repo, "config", "merge.remote-guide.driver", driver)
    plan = repo / "plan.toml"
    shutil.copy(EXAMPLE, plan)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "plan")
    first, second = (e.id for e in load_plan(plan).plan.log[:2])

    git(repo, "checkout", "-qb", "laptop")
    edit(plan, log("Prolific", 25), at(21))
    edit(plan, delete_first, at(21, 13))  # deleted in the app: a tombstone
    edit(plan, set_daily(80), at(22))  # saved later than the desktop

    def delete_by_hand(p: Plan) -> None:
        p.log = [e for e in p.log if e.id != second]

    edit(plan, delete_by_hand, at(22, 13))  # deleted by hand: no tombstone
    git(repo, "commit", "-qam", "laptop")

    git(repo, "checkout", "-q", "main")
    edit(plan, log("Clickworker", 40), at(21))
    edit(plan, set_daily(100), at(21, 14))
    git(repo, "commit", "-qam", "desktop")

    out = git(repo, "merge", "--no-edit", "laptop")
    assert "remote-guide merge-driver: merged plan.toml" in out
    text = plan.read_text("utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    merged = load_plan(plan).plan
    assert {e.minutes for e in merged.log if e.date == dt.date(2026, 11, 21)} == {25, 40}
    ids = {e.id for e in merged.log}
    assert first not in ids and second not in ids and len(merged.log) == 9
    assert {t.id for t in merged.deleted} == {first, second}
    assert merged.limits.daily_minutes == 80
    assert "limits.daily_minutes: the copies differed; kept 80" in out
    assert main(["check", str(plan)]) == 0
    assert git(repo, "status", "--porcelain") == ""
