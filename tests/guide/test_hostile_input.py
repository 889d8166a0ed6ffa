"""Hostile numbers, names, folders and output streams: a clear message, never a crash."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from guide import storage
from guide.cli import main
from guide.paths import make_private_dir
from guide.plan import decimal_places
from guide.storage import PlanError, list_plans, load_plan, save_plan

from .plan_samples import EXAMPLE, example_plan

ROOT = Path(__file__).resolve().parents[2]
V0 = Path(__file__).parent / "broken_plans" / "v0_broken.toml"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return caught.value.problems


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("pay_per_task = 1.20", "pay_per_task = 1e1000000", "platforms[0].pay_per_task: must be"),
        ("min_hourly_rate = 5.0", "min_hourly_rate = -1e1000000", "min_hourly_rate: must be"),
        ("fee_percent = 0.0", "fee_percent = 1e-1000000", "fee_percent: must have at most 6"),
        (
            "pay_per_task = 1.20",
            "pay_per_task = 1.00000000000000000000000000001",
            "pay_per_task: must have at most 6 decimal places",
        ),
    ],
)
def test_huge_and_long_numbers_are_refused_before_any_arithmetic(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert old in text
    assert any(problem in p for p in problems_of(tmp_path, text.replace(old, new, 1)))


def test_decimal_places_are_counted_exactly() -> None:
    assert decimal_places(Decimal("1.00000000000000000000000000001")) == 29
    assert decimal_places(Decimal("0.300000")) == 1
    assert decimal_places(Decimal("1e1000000")) == 0
    assert decimal_places(Decimal("1E-7")) == 7
    assert decimal_places(Decimal("0E-10")) == 0


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'daily_hours = "one and a half"',
            "daily_hours = 1e1000000",
            "limits.daily_hours: must be",
        ),
        (
            'daily_hours = "one and a half"',
            "daily_hours = nan",
            "limits.daily_hours: must be a fin",
        ),
        ("weekly_hours = 6", "weekly_hours = inf", "limits.weekly_hours: must be a finite"),
    ],
)
def test_version_0_numbers_are_checked_with_their_old_path(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = V0.read_text("utf-8")
    problems = problems_of(tmp_path, text.replace(old, new))
    assert any(p.startswith(problem) for p in problems), problems
    assert "schema_version 0" in problems[0]


def test_version_0_fee_and_session_hours_out_of_range(tmp_path: Path) -> None:
    text = V0.read_text("utf-8").replace('"one and a half"', "1.5")
    text += '\n[[platforms]]\nname = "P"\nstatus = "active"\nfee = 1e1000000\n'
    text += '\n[[sessions]]\ndate = 2026-01-11\nplatform = "P"\nhours = -1\n'
    problems = problems_of(tmp_path, text)
    assert "platforms[0].fee: must be between 0 and 1 (found 1E+1000000)" in problems
    assert "sessions[0].hours: must be between 0 and 24 (found -1)" in problems


def test_a_long_note_is_too_many_characters(tmp_path: Path) -> None:
    old = 'note = "Balance in GBP or USD."'
    text = EXAMPLE.read_text("utf-8").replace(old, f'note = "{"x" * 5001}"')
    assert problems_of(tmp_path, text) == [
        "platforms[0].checklist[2].note: is too long: at most 5000 characters"
    ]


def test_a_huge_unknown_key_is_cut_when_named(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8").replace("[profile]", f"[profile]\n{'k' * 100_000} = 1")
    text = text.replace('item = "payment-guarantee"', f'item = "{"u" * 100_000}"')
    problems = problems_of(tmp_path, text)
    assert len(problems) == 2 and all(len(p) < 500 for p in problems), [len(p) for p in problems]
    key = next(p for p in problems if p.startswith("profile.kkkkkkkk"))
    assert "...: unknown key" in key


def test_today_near_year_one_does_not_overflow(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("show", "export"):
        assert main([command, str(EXAMPLE), "--today", "0001-01-07"]) == 0
    assert main(["show", "--json", str(EXAMPLE), "--today", "9999-12-31"]) == 0


def test_plans_in_an_unreadable_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(path: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(storage.os, "scandir", denied)
    with pytest.raises(PlanError, match="permission denied"):
        list_plans(tmp_path)
    assert main(["plans", "--dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"{tmp_path}: can't be read: permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_plans_in_a_folder_without_read_permission(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir(mode=0o300)
    try:
        with pytest.raises(PlanError, match="permission denied"):
            list_plans(folder)
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_data_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        save_plan(example_plan(), tmp_path / "a" / "b" / "plan.toml")
        make_private_dir(tmp_path / "c" / "d")
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "c", "c/d"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


def test_orphaned_temp_files_are_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    orphans = [".plan.toml.abcd1234.tmp", ".plan.toml.bak.zz_9x0yq.tmp"]
    others = [".plan.toml.x.toml.abcd1234.tmp", ".other.toml.abcd1234.tmp", "plan.toml.tmp"]
    for name in orphans + others:
        (tmp_path / name).write_text("half a save")
    plan = example_plan()
    plan.title = "Changed"
    save_plan(plan, path, expected=load_plan(path).fingerprint)
    left = {p.name for p in tmp_path.iterdir()}
    assert not left & set(orphans)
    assert set(others) <= left  # other files' temps, and names write_atomic never makes


def test_export_to_a_file_is_atomic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.md"
    out.write_text("the previous export")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", full)
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]  # no temp file left
    monkeypatch.undo()
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("# Side income")


# --- output streams (each in a process of its own) ---------------------------------------


def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run(
        [sys.executable, "-m", "guide", *args],
        cwd=ROOT,
        capture_output="stdout" not in kwargs,
        env=env,
        timeout=60,
        **kwargs,  # type: ignore[call-overload]
    )


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "guide", "show", str(EXAMPLE)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head` does once it has its lines
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = run(["show", str(EXAMPLE)], stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"remote-guide: can't write the output: No space left on device\n"
    with open("/dev/full", "wb") as full:
        result = run(["--lang", "ru", "show", str(EXAMPLE)], stdout=full, stderr=subprocess.PIPE)
    said = "remote-guide: не удаётся вывести результат: на диске не осталось места\n"
    assert result.returncode == 1 and result.stderr.decode() == said


def test_a_closed_stdout_is_one_line() -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "guide", "show", str(EXAMPLE)],
        cwd=ROOT,
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == b"remote-guide: can't write the output: standard output is closed\n"


def test_an_encoding_without_cyrillic_is_one_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    text = EXAMPLE.read_text("utf-8").replace("Side income while I retrain", "Подработка")
    plan.write_text(text, "utf-8")
    result = run(["show", str(plan)], env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "remote-guide: can't write the output as ascii; use UTF-8 (for example "
        "PYTHONIOENCODING=utf-8)"
    ]


def test_printable_text_is_escaped_once_and_for_all() -> None:
    from guide.printable import escape_text, shown_path

    hostile = "a\x1b]52;c;RVZJTA==\x07b\x9b2J\u202e\nc"
    once = escape_text(hostile)
    assert once == "a\\x1b]52;c;RVZJTA==\\x07b\\x9b2J\\u202e\\nc"
    assert escape_text(once) == once  # escaping twice changes nothing
    assert escape_text(hostile, multiline=True).endswith("\\u202e\nc")
    assert shown_path(Path("/tmp/x\x1b[2J.toml")) == "/tmp/x\\x1b[2J.toml"
