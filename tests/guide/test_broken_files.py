"""A corpus of broken plan files: each gives exit 1 from ``remote-guide check`` with a
clear message naming the file, and stays byte-for-byte unchanged (no backup, no temp file)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide.cli import main
from guide.storage import MAX_BYTES

from .plan_samples import EXAMPLE

CORPUS = Path(__file__).parent / "broken_plans"

# file -> a fragment every run must print (the whole of one problem line after "PATH: ")
EXPECTED = {
    "binary.toml": "is not UTF-8 text (byte 0x89 at line 1, column 1); is it a plan file?",
    "bom.toml": "starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    "control_character.toml": "title: must not contain control characters (U+001B at 11)",
    "cross_field.toml": "limits.weekly_minutes: can't exceed 7 x daily_minutes (630)",
    "deeply_nested.toml": "is not valid TOML: nested too deeply",
    "duplicate_key.toml": "is not valid TOML at line 7, column 16: cannot overwrite a value "
    "(the same key or table appears twice)",
    "duplicate_table.toml": "is not valid TOML at line 23, column 9: cannot declare profile twice "
    "(the same key or table appears twice)",
    "empty.toml": "is empty; a plan needs at least schema_version, title and language",
    "huge_number.toml": "is not valid TOML: a number is too long",
    "missing_profile.toml": "profile: missing; this setting is required",
    "nan.toml": "platforms[0].pay_per_task: must be a finite number",
    "newer_schema.toml": "schema_version 7 is newer than this remote-guide understands (up to 2); "
    "update remote-guide to open this plan",
    "no_timezone.toml": "created: must have a time-zone offset, like 2025-03-01T09:00:00+03:00 "
    "(found 2026-11-02T10:15:00)",
    "not_a_plan.toml": "project: unknown key: a plan has no such setting "
    "(check its spelling, or remove it)",
    "nul_bytes.toml": "is not valid TOML at line 7, column 15: illegal character '\\x00'",
    "out_of_range.toml": "platforms[2].fee_percent: must be between 0 and 100",
    "schema_version_text.toml": "schema_version: must be a whole number (found '1')",
    "truncated.toml": "is not valid TOML at the end of the file: unterminated string",
    "unknown_checklist_item.toml": "platforms[0].checklist[13].item: "
    "unknown checklist item 'union'; known items: payment-guarantee, rejection-appeal, "
    "national-currency, payout-schedule, "
    "payout-method, fees-known, time-estimate, minimum-wage, harmful-content, data-privacy, "
    "public-terms, deactivation-process, worker-voice, no-upfront-payment, no-messenger-recruiting",
    "unknown_key.toml": "platforms[0].fee_percnt: unknown key: a plan has no such setting "
    "(check its spelling, or remove it)",
    "utf16.toml": "is UTF-16 text; save it as UTF-8",
    "v0_broken.toml": "limits.daily_minutes: must be a whole number (found 'one and a half')",
    "wrong_shape.toml": "limits.stop_rule: must be a table (found a list)",
    "wrong_types.toml": "platforms[0].fee_percent: must be a number (found '20%')",
}


def generated(folder: Path) -> dict[str, str]:
    """Broken files too big or too odd to keep in the repository."""
    huge = folder / "huge.toml"
    with huge.open("wb") as f:
        f.write(EXAMPLE.read_bytes())
        padding = b"# padding padding padding padding padding padding padding padding padding\n"
        f.write(padding * (MAX_BYTES // len(padding) + 1))
    text = EXAMPLE.read_bytes()
    (folder / "latin1.toml").write_bytes(text.replace(b"Prolific", b"Pr\xf6lific", 1))
    line = text[: text.index(b"Prolific")].count(b"\n") + 1
    column = text.index(b"Prolific") - text.rindex(b"\n", 0, text.index(b"Prolific")) + 2
    return {
        "huge.toml": "is too large for a plan (over 8 MiB)",
        "latin1.toml": f"is not UTF-8 text (byte 0xf6 at line {line}, column {column}); "
        "is it a plan file?",
    }


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 15


def check_unchanged(
    folder: Path, name: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / name
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{path}: ") for line in lines), err
    assert f"{path}: {expected}" in lines
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(CORPUS / name, tmp_path / name)
    check_unchanged(tmp_path, name, EXPECTED[name], capsys)


def test_generated_broken_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, expected in generated(tmp_path).items():
        check_unchanged(tmp_path, name, expected, capsys)


def test_corpus_files_in_place_are_unchanged_by_a_real_process() -> None:
    before = {p.name: p.read_bytes() for p in CORPUS.iterdir()}
    result = subprocess.run(
        [sys.executable, "-m", "guide", "check", *(str(CORPUS / n) for n in ["bom.toml"])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"{CORPUS / 'bom.toml'}: {EXPECTED['bom.toml']}\n"
    assert {p.name: p.read_bytes() for p in CORPUS.iterdir()} == before


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "guide", "check", str(fifo)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (result.returncode, result.stderr) == (1, f"{fifo}: is not a regular file\n")
