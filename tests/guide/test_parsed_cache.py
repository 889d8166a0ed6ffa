"""The parse cache of big plans: a hit is the plan its file holds, anything odd is a miss."""

from __future__ import annotations

import os
import pickle
import stat
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from guide import parsed_cache, storage
from guide.plan import Plan
from guide.storage import load_plan, save_plan, update_plan
from tests.guide.plan_samples import example_plan
from tests.guide.test_csvlog import plans_with_logs


def no_parsing(text: str, **kwargs: object) -> object:
    raise AssertionError("parsed the file although its document was cached")


@pytest.fixture
def every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache plans of any size, so small sample plans are cached too."""
    monkeypatch.setattr(parsed_cache, "MIN_BYTES", 0)


def entries() -> list[Path]:
    return sorted(parsed_cache.folder().glob("*" + parsed_cache.SUFFIX))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans_with_logs())
def test_a_saved_plan_opens_from_the_cache_as_from_its_file(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "plan.toml"
        patch.setattr(parsed_cache, "MIN_BYTES", 0)
        save_plan(plan, path)
        from_file = storage.plan_from_toml(path.read_text("utf-8"), path)
        patch.setattr(storage.tomllib, "loads", no_parsing)
        cached = load_plan(path)
    assert cached.plan == from_file == plan


@pytest.mark.usefixtures("every_size")
def test_a_plan_opened_once_opens_without_parsing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(storage.plan_to_toml(example_plan()).encode())  # written by another program
    for entry in entries():
        entry.unlink()
    first = load_plan(path)
    monkeypatch.setattr(storage.tomllib, "loads", no_parsing)
    assert load_plan(path).plan == first.plan
    assert len(entries()) == 1


@pytest.mark.usefixtures("every_size")
def test_other_bytes_miss(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    text = path.read_text("utf-8").replace('title = "', 'title = "Edited: ', 1)
    path.write_text(text, "utf-8")
    assert load_plan(path).plan.title.startswith("Edited: ")


@pytest.mark.usefixtures("every_size")
def test_a_log_command_stores_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    update_plan(path, lambda plan: plan.log.clear())
    monkeypatch.setattr(storage.tomllib, "loads", no_parsing)
    assert load_plan(path).plan.log == []


class Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo pwned > /dev/null",))


def corrupt(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "torn":
        path.write_bytes(data[: len(data) // 2])
    elif how == "foreign":
        path.write_bytes(pickle.dumps(Evil()) + pickle.dumps(0))
    elif how == "not a plan":
        path.write_bytes(pickle.dumps(["a list"]) + pickle.dumps(0))
    else:
        path.write_bytes(b"")


@pytest.mark.usefixtures("every_size")
@pytest.mark.parametrize("how", ["torn", "foreign", "not a plan", "empty"])
def test_a_bad_cache_entry_is_a_miss(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    (entry,) = entries()
    corrupt(entry, how)
    called: list[object] = []
    monkeypatch.setattr(os, "system", called.append)
    assert load_plan(path).plan == example_plan()
    assert called == []


@pytest.mark.usefixtures("every_size")
def test_entries_are_private_and_few(tmp_path: Path) -> None:
    plan = example_plan()
    for n in range(parsed_cache.KEEP + 3):
        save_plan(plan.model_copy(update={"title": f"Plan {n}"}), tmp_path / f"p{n}.toml")
    kept = entries()
    assert len(kept) == parsed_cache.KEEP
    assert stat.S_IMODE(parsed_cache.folder().stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in kept} == {0o600}
    assert not list(parsed_cache.folder().glob(".tmp-*"))


def test_small_plans_are_not_cached(tmp_path: Path) -> None:
    save_plan(example_plan(), tmp_path / "plan.toml")
    load_plan(tmp_path / "plan.toml")
    assert not parsed_cache.folder().exists()


@pytest.mark.usefixtures("every_size")
def test_a_cache_that_cannot_be_written_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REMOTE_GUIDE_CACHE_DIR", str(blocker))
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    assert load_plan(path).plan == example_plan()


def test_the_cache_holds_what_tomllib_makes(tmp_path: Path, every_size: None) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    data = path.read_bytes()
    assert parsed_cache.lookup(data) == tomllib.loads(data.decode(), parse_float=storage.Decimal)


@pytest.mark.usefixtures("every_size")
def test_a_log_command_keeps_only_what_it_wrote(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(storage.plan_to_toml(example_plan()), "utf-8")  # written by another program
    for entry in entries():
        entry.unlink()
    update_plan(path, lambda plan: plan.log.clear())
    (entry,) = entries()  # the file as written, not also the file as it was
    assert parsed_cache.lookup(path.read_bytes()) is not None


@pytest.mark.usefixtures("every_size")
def test_listing_plans_keeps_nothing(tmp_path: Path) -> None:
    plan = example_plan()  # loads the example, which the cache may keep
    (tmp_path / "plan.toml").write_text(storage.plan_to_toml(plan), "utf-8")
    for entry in entries():
        entry.unlink()
    assert [info.title for info in storage.list_plans(tmp_path)] == [plan.title]
    assert entries() == []
