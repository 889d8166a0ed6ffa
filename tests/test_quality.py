"""Lint and types are part of the test command, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "guide", "screens", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_guide_type_checks_strictly() -> None:
    result = run("mypy", "guide")
    assert result.returncode == 0, result.stdout + result.stderr
