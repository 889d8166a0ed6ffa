"""Parsing a big plan ahead in another process: the cache then holds what a load parses."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from guide import parse_ahead, parsed_cache, storage, toml_text
from guide.storage import load_plan
from tests.guide.plan_samples import example_plan


def no_parsing(text: str, **kwargs: object) -> object:
    raise AssertionError("parsed the file although its document was cached")


SPARE_CORE = parse_ahead._spare_core  # the real rule (the fixture below replaces it)


@pytest.fixture(autouse=True)
def spare_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test machines are busy: every test but one has a core to spare."""
    monkeypatch.setattr(parse_ahead, "_spare_core", lambda: True)


@pytest.fixture
def big_plan(tmp_path: Path) -> Path:
    """A plan file as big as the parse cache keeps (a comment pads it)."""
    path = tmp_path / "plan.toml"
    text = storage.plan_to_toml(example_plan())
    padding = "# " + "x" * 98 + "\n"
    path.write_text(text + padding * (parsed_cache.MIN_BYTES // len(padding) + 1), "utf-8")
    return path


def test_a_big_plan_parsed_ahead_loads_from_the_cache(
    big_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helper = parse_ahead.start(big_plan)
    assert helper is not None
    parse_ahead.wait(helper)
    assert helper.returncode == 0
    data = big_plan.read_bytes()
    assert parsed_cache.lookup(data) == toml_text.parse_toml(toml_text.decode(data))
    expected = example_plan()
    monkeypatch.setattr(tomllib, "loads", no_parsing)
    assert load_plan(big_plan).plan == expected


def test_nothing_is_started_without_a_core_to_spare(
    big_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_ahead, "_spare_core", lambda: False)
    assert parse_ahead.start(big_plan) is None


def test_a_core_is_spare_only_when_the_load_leaves_one_idle(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    for load, spare in ((0.2, True), (1.0, True), (1.5, False), (3.0, False)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        assert SPARE_CORE() is spare


def test_nothing_is_started_for_a_small_plan_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    small = tmp_path / "small.toml"
    small.write_text(storage.plan_to_toml(example_plan()), "utf-8")
    for path in (small, tmp_path / "missing.toml", tmp_path):
        assert parse_ahead.start(path) is None


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (toml_text.UTF8_BOM, "problem_bom"),  # a load refuses it: it must not be cached
        (b"[limits\n", "problem_toml"),
        (b"\xff\xfe", "problem_utf16"),
    ],
)
def test_a_file_a_load_refuses_is_not_cached_and_the_load_says_why(
    big_plan: Path, head: bytes, problem: str
) -> None:
    big_plan.write_bytes(head + big_plan.read_bytes())
    assert not parse_ahead.parse_into_cache(big_plan)
    assert parsed_cache.lookup(big_plan.read_bytes()) is None
    with pytest.raises(storage.PlanError) as raised:
        load_plan(big_plan)
    assert problem in {getattr(p, "key", p) for p in raised.value.problems}


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    assert not parse_ahead.parse_into_cache(fifo)  # returns at once: never waits for a writer


def test_a_plan_already_cached_is_not_parsed_again(
    big_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_ahead.parse_into_cache(big_plan)
    monkeypatch.setattr(tomllib, "loads", no_parsing)
    assert not parse_ahead.parse_into_cache(big_plan)
