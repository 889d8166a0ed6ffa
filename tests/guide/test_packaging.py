"""The wheel carries the content: an installed remote-guide finds every article."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import guide, guide.paths
from guide.articles import load_guide
g = load_guide()
print(guide.__file__)
print(guide.paths.content_dir())
print(len(g.articles))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=300,
    )
    return next(out.glob("remote_guide-*.whl"))


def test_the_wheel_ships_content_and_the_script(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "guide/_content/sections.toml" in names
    assert "guide/_content/strings/app.toml" in names
    assert sum(n.startswith("guide/_content/ru/") for n in names) >= 25
    assert {"screens/app.tcss", "screens/wizard.tcss", "screens/plan.tcss"} <= set(names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "remote-guide = guide.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_finds_every_article_from_elsewhere(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    module, content, count = result.stdout.split()
    assert module.startswith(str(site)) and content.startswith(str(site))
    assert int(count) == len(list((ROOT / "content").glob("*/*/*.md")))
