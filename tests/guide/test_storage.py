"""Plans on disk: round trips, atomic saves with a backup, conflicts, migrations, listing."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from decimal import Decimal as D
from pathlib import Path

import pytest

from guide.plan import SCHEMA_VERSION, LogEntry, Plan
from guide.storage import (
    MIGRATIONS,
    PlanError,
    SaveConflict,
    backup_path,
    default_plan_path,
    list_plans,
    load_plan,
    migrate,
    plan_from_toml,
    plan_to_toml,
    resolve_plan_path,
    save_plan,
)

from .plan_samples import EXAMPLE, example_plan, large_plan


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_save_then_load_gives_the_same_plan(tmp_path: Path) -> None:
    plan = example_plan()
    path = tmp_path / "plan.toml"
    fingerprint = save_plan(plan, path)
    loaded = load_plan(path)
    assert loaded.plan == plan
    assert loaded.fingerprint == fingerprint
    assert loaded.migrated_from is None


def test_saved_file_is_private_and_readable(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text("utf-8")
    assert text.startswith("# A remote-guide plan.")
    assert "\nreview_date = 2026-12-14\n" in text  # a TOML date, not a string
    assert "\nearned = 0.30\n" not in text and "\nearned = 5.40\n" in text  # exact decimals
    assert "\ncreated = 2026-11-02 10:15:00+03:00\n" in text
    keys = [line.split(" =")[0] for line in text.splitlines()[4:9]]
    assert keys == ["schema_version", "title", "language", "created", "updated"]
    assert text.index("[profile]") < text.index("[limits]") < text.index("[[platforms]]")
    assert text.index("[[goals]]") < text.index("[[log]]")


def test_the_example_file_is_exactly_what_saving_writes() -> None:
    assert plan_to_toml(example_plan()) == EXAMPLE.read_text("utf-8")


def test_saving_twice_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    plan = example_plan()
    first = save_plan(plan, path)
    first_text = path.read_bytes()
    assert not backup_path(path).exists()
    plan.title = "Second version"
    second = save_plan(plan, path, expected=first)
    assert backup_path(path) == tmp_path / "plan.toml.bak"
    assert backup_path(path).read_bytes() == first_text
    assert stat.S_IMODE(backup_path(path).stat().st_mode) == 0o600
    assert load_plan(path).plan.title == "Second version"
    assert second != first
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "plan.toml",
        "plan.toml.bak",
    ]


def test_saving_unchanged_plan_keeps_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    plan = example_plan()
    fp = save_plan(plan, path)
    plan.title = "Changed"
    fp = save_plan(plan, path, expected=fp)
    bak = backup_path(path).read_bytes()
    assert save_plan(plan, path, expected=fp) == fp
    assert backup_path(path).read_bytes() == bak


def test_loading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    before, mtime = snapshot(tmp_path), path.stat().st_mtime_ns
    for _ in range(3):
        load_plan(path)
    assert snapshot(tmp_path) == before
    assert path.stat().st_mtime_ns == mtime


def test_changed_on_disk_since_load_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    loaded = load_plan(path)
    other = path.read_text("utf-8").replace("Side income", "Edited elsewhere")
    path.write_text(other, "utf-8")
    plan = loaded.plan
    plan.title = "Mine"
    with pytest.raises(SaveConflict) as info:
        save_plan(plan, path, expected=loaded.fingerprint)
    assert str(info.value) == (
        f"{path}: changed on disk since it was loaded (another editor or window?); "
        "reload it, or save again choosing to overwrite"
    )
    assert path.read_text("utf-8") == other  # untouched
    save_plan(plan, path, expected=loaded.fingerprint, overwrite=True)
    assert load_plan(path).plan.title == "Mine"
    assert backup_path(path).read_text("utf-8") == other  # the other edit is not lost


def test_a_touch_without_changes_is_not_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    fp = save_plan(example_plan(), path)
    os.utime(path, ns=(fp.mtime_ns + 10**9, fp.mtime_ns + 10**9))
    plan = example_plan()
    plan.title = "After touch"
    save_plan(plan, path, expected=fp)
    assert load_plan(path).plan.title == "After touch"


def test_new_file_over_an_existing_one_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text("something else", "utf-8")
    with pytest.raises(SaveConflict, match="already exists"):
        save_plan(example_plan(), path)
    assert path.read_text("utf-8") == "something else"


def test_deleted_since_load_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    fp = save_plan(example_plan(), path)
    path.unlink()
    with pytest.raises(SaveConflict, match="deleted or moved"):
        save_plan(example_plan(), path, expected=fp)
    save_plan(example_plan(), path, expected=fp, overwrite=True)
    assert path.exists()


def test_chained_saves_use_the_returned_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "plan.toml"  # folders are created
    plan = example_plan()
    fp = save_plan(plan, path)
    for i in range(3):
        plan.log.append(LogEntry(date=dt.date(2026, 11, 20), platform="Toloka", minutes=10 + i))
        fp = save_plan(plan, path, expected=fp)
    assert len(load_plan(path).plan.log) == 12
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [
        "plan.toml",
        "plan.toml.bak",
    ]


def test_an_invalid_plan_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    plan = example_plan()
    fp = save_plan(plan, path)
    before = snapshot(tmp_path)
    plan.log.append(LogEntry(date=dt.date(2026, 11, 20), platform="Nowhere", minutes=5))
    plan.limits.review_date = dt.date(2020, 1, 1)  # only the whole plan knows this is wrong
    with pytest.raises(PlanError) as info:
        save_plan(plan, path, expected=fp)
    assert info.value.problems == [
        "limits.review_date: is before the plan was created (2026-11-02)",
        "log[9].platform: 'Nowhere' is not one of the plan's platforms",
    ]
    assert snapshot(tmp_path) == before


def test_disk_errors_become_plan_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.toml"
    fp = save_plan(example_plan(), path)
    before = snapshot(tmp_path)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("guide.storage.os.fsync", full_disk)
    plan = example_plan()
    plan.title = "Will not fit"
    with pytest.raises(PlanError) as info:
        save_plan(plan, path, expected=fp)
    assert str(info.value) == f"{path}: could not be saved: No space left on device"
    assert snapshot(tmp_path) == before  # no temp file left, nothing replaced


def test_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    with pytest.raises(PlanError, match="Not a directory"):
        save_plan(example_plan(), blocker / "plan.toml")


def test_plan_error_names_the_file_on_every_line() -> None:
    error = PlanError(Path("/x/plan.toml"), ["first: bad", "second: worse"])
    assert str(error) == "/x/plan.toml: first: bad\n/x/plan.toml: second: worse"


def test_large_plan_round_trips(tmp_path: Path) -> None:
    plan = large_plan(1000)
    path = tmp_path / "large.toml"
    save_plan(plan, path)
    loaded = load_plan(path).plan
    assert loaded == plan
    assert sum(e.earned for e in loaded.log) == sum(e.earned for e in plan.log)


def _with_entry(plan: Plan, index: int, entry: object) -> Plan:
    log: list[object] = list(plan.log)
    log[index] = entry
    return plan.model_copy(update={"log": log})


def test_bad_entry_deep_in_a_long_log_is_refused_with_its_path() -> None:
    # Saving validates the log in chunks: the path still counts from the start of the log.
    plan = large_plan(10_000)
    bad = LogEntry.model_construct(**{**dict(plan.log[9876]), "minutes": 0})
    with pytest.raises(PlanError) as caught:
        plan_to_toml(_with_entry(plan, 9876, bad))
    assert [str(p).split(":")[0] for p in caught.value.problems] == ["log[9876].minutes"]
    fine = plan_to_toml(_with_entry(plan, 9876, plan.log[9876]))
    assert plan_from_toml(fine) == plan


def test_anything_but_an_entry_in_the_log_is_refused_with_its_path() -> None:
    plan = large_plan(1200)
    table = {"date": dt.date(2026, 1, 1), "platform": "nowhere", "minutes": 5000}
    with pytest.raises(PlanError) as caught:
        plan_to_toml(_with_entry(plan, 1100, table))
    assert [str(p).split(":")[0] for p in caught.value.problems] == ["log[1100].minutes"]


def test_plan_wide_checks_still_see_the_whole_log() -> None:
    plan = large_plan(1200)
    stranger = plan.log[1001].model_copy(update={"platform": "Nowhere"})
    twin = plan.log[5].model_copy(update={"minutes": 20})
    with pytest.raises(PlanError) as caught:
        plan_to_toml(_with_entry(_with_entry(plan, 1001, stranger), 1150, twin))
    paths = [str(p).split(":")[0] for p in caught.value.problems]
    assert paths == ["log[1001].platform", "log[1150].id"]


def test_a_text_that_does_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomli_w

    plan = large_plan(600)
    real = tomli_w.dumps

    def dumps(table: dict[str, object]) -> str:
        text = real(table)
        return text.replace("minutes = 16\n", "minutes = 17\n")  # one entry's minutes

    monkeypatch.setattr(tomli_w, "dumps", dumps)
    with pytest.raises(PlanError) as caught:
        plan_to_toml(plan)
    assert [getattr(p, "key", p) for p in caught.value.problems] == ["problem_read_back"]


# --- migrations ----------------------------------------------------------------------------

V0 = """\
schema_version = 0
name = "Old plan"
language = "ru"
created = 2026-01-10T09:00:00+03:00
updated = 2026-01-12T20:00:00+03:00

[profile]
goal = "first_income"
hours_per_week = 10
target_hourly_rate = 300
currency = "RUB"
path = "microtasks_springboard"

[limits]
daily_hours = 1.5
weekly_hours = 6
working_days = ["monday", "wednesday", "friday"]
review_date = 2026-02-01

[[platforms]]
name = "Toloka"
status = "active"
pay_per_task = 2.5
minutes_per_task = 1
fee = 0.2

[[sessions]]
date = 2026-01-11
platform = "Toloka"
hours = 0.75
earned = 120
"""


def test_every_version_before_the_current_one_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_version_0_is_migrated_on_load_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(V0, "utf-8")
    loaded = load_plan(path)
    plan = loaded.plan
    assert loaded.migrated_from == 0
    assert plan.schema_version == SCHEMA_VERSION
    assert plan.title == "Old plan"
    assert (plan.limits.daily_minutes, plan.limits.weekly_minutes) == (90, 360)
    assert plan.platforms[0].fee_percent == D(20)
    assert [(e.minutes, e.earned) for e in plan.log] == [(45, D(120))]
    assert path.read_text("utf-8") == V0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "old.toml"
    ]
    # The next save writes the current version and keeps the version-0 text as the backup.
    save_plan(plan, path, expected=loaded.fingerprint)
    assert tomllib.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    assert backup_path(path).read_text("utf-8") == V0
    assert load_plan(path).migrated_from is None


def test_migration_leaves_keys_it_cannot_move_for_validation(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(V0.replace('name = "Old plan"', 'name = "Old plan"\ntitle = "New"'), "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert info.value.problems == [
        "(read as schema_version 0 and migrated to 2)",
        "name: unknown key: a plan has no such setting (check its spelling, or remove it)",
    ]


def test_migration_of_wrong_types_reports_them() -> None:
    doc = tomllib.loads(V0.replace("daily_hours = 1.5", 'daily_hours = "1.5"'))
    migrated, start = migrate(doc)
    assert start == 0
    assert migrated["limits"]["daily_minutes"] == "1.5"
    assert "daily_hours" not in migrated["limits"]
    assert "daily_hours" in doc["limits"]  # the input is not modified


def test_newer_schema_version_says_to_update(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    path.write_text(EXAMPLE.read_text("utf-8").replace("schema_version = 2", "schema_version = 3"))
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert str(info.value) == (
        f"{path}: schema_version 3 is newer than this remote-guide understands (up to 2); "
        "update remote-guide to open this plan"
    )


def test_negative_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(EXAMPLE.read_text("utf-8").replace("schema_version = 2", "schema_version = -3"))
    with pytest.raises(
        PlanError, match="schema_version -3 is not a version remote-guide ever wrote"
    ):
        load_plan(path)


# --- finding plans -------------------------------------------------------------------------


def test_list_plans_newest_first(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    for i, title in enumerate(["Oldest", "Newest", "Middle"]):
        plan = example_plan()
        plan.title = title
        path = plans / f"{title.lower()}.toml"
        save_plan(plan, path)
        os.utime(path, (1_700_000_000 + [0, 200, 100][i],) * 2)
    (plans / "broken.toml").write_text("not = [toml", "utf-8")
    os.utime(plans / "broken.toml", (1_600_000_000,) * 2)
    save_plan(example_plan(), plans / "oldest.toml", overwrite=True)  # leaves a .bak
    os.utime(plans / "oldest.toml", (1_700_000_000,) * 2)
    (plans / ".oldest.toml.abc.tmp").write_text("", "utf-8")
    infos = list_plans(plans)
    assert [i.path.name for i in infos] == [
        "newest.toml",
        "middle.toml",
        "oldest.toml",
        "broken.toml",
    ]
    assert [i.title for i in infos[:3]] == ["Newest", "Middle", "Side income while I retrain"]
    assert infos[3].title is None
    assert infos[3].problem is not None and "not valid TOML at line 1" in infos[3].problem
    assert infos[0].modified == dt.datetime.fromtimestamp(1_700_000_200, dt.UTC)


def test_list_plans_defaults_to_the_data_folder(_private_data_dir: Path) -> None:
    assert list_plans() == []
    save_plan(example_plan(), _private_data_dir / "plans" / "a.toml")
    assert [i.path.name for i in list_plans()] == ["a.toml"]


def test_default_plan_path_is_new_and_readable(tmp_path: Path) -> None:
    assert default_plan_path("My Plan: 2026!", tmp_path) == tmp_path / "my-plan-2026.toml"
    assert default_plan_path("Мой план", tmp_path) == tmp_path / "мой-план.toml"
    assert default_plan_path("???", tmp_path) == tmp_path / "plan.toml"
    (tmp_path / "plan.toml").write_text("", "utf-8")
    (tmp_path / "plan-2.toml").write_text("", "utf-8")
    assert default_plan_path("", tmp_path) == tmp_path / "plan-3.toml"


def test_resolve_plan_path_looks_in_the_data_folder(
    _private_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    save_plan(example_plan(), _private_data_dir / "plans" / "mine.toml")
    assert resolve_plan_path("mine") == _private_data_dir / "plans" / "mine.toml"
    assert resolve_plan_path("mine.toml") == _private_data_dir / "plans" / "mine.toml"
    assert resolve_plan_path("./mine") == Path("mine")
    assert resolve_plan_path("other") == Path("other")


def test_plan_model_equality_is_by_value() -> None:
    assert example_plan() == example_plan()
    assert isinstance(example_plan(), Plan)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)

    def denied(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("guide.storage.os.open", denied)  # chmod 000 doesn't stop root
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert str(info.value) == f"{path}: can't be read: permission denied"
