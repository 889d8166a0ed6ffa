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


def test_guide_and_screens_type_check_strictly() -> None:
    result = run("mypy", "guide", "screens")  # strict, from pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_few_type_ignores_and_each_justified() -> None:
    """At most three in screens/, each with its reason after it: the app is reached
    through its typed accessor, never through ignores."""
    found = [
        (path, line)
        for path in sorted((ROOT / "screens").rglob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "# type: ignore" in line
    ]
    assert len(found) <= 3, found
    for path, line in found:
        reason = line.split("# type: ignore", 1)[1].split("]", 1)[-1]
        assert reason.strip().startswith("#"), f"{path}: {line.strip()} (say why)"


def test_layers_keep_their_import_contracts() -> None:
    """guide never imports screens, Textual or Rich; screens never import the CLI
    (the contracts are in pyproject.toml)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else ["lint-imports"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = [line for line in result.stdout.splitlines() if line.startswith("Contracts:")]
    assert kept and int(kept[0].split()[1]) >= 2, result.stdout
