"""The conflict-copy notice on the log commands (one line on stderr, stdout untouched), and
``plans`` counting conflict copies with their plan instead of listing them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guide.cli import main
from guide.storage import list_plans, load_plan

from .plan_samples import EXAMPLE

Capture = pytest.CaptureFixture[str]
SYNCTHING = "plan.sync-conflict-20261122-101010-ABCDEF7.toml"
DROPBOX = "plan (Jane's conflicted copy 2026-11-22).toml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(EXAMPLE, path)
    shutil.copy(EXAMPLE, tmp_path / SYNCTHING)
    return path


def commands(plan: Path) -> list[list[str]]:
    first = load_plan(plan).plan.log[0].id
    csv = plan.with_name("log.csv")
    p = str(plan)
    return [
        ["log", p, "--minutes", "20", "--platform", "Prolific"],
        ["entries", p, "--json"],
        ["edit", p, first, "--minutes", "21"],
        ["start", p, "--platform", "Prolific"],
        ["status", p],
        ["stop", p, "--minutes", "5"],
        ["history", p, "--json"],
        ["review", p],
        ["export", p, "--format", "csv", "-o", str(csv)],
        ["import", p, str(csv)],
        ["delete", p, first],
    ]


def test_every_log_command_names_the_copies_on_stderr(plan: Path, capsys: Capture) -> None:
    for args in commands(plan):
        assert main(args) == 0, args
        out, err = capsys.readouterr()
        assert err.splitlines()[-1].endswith(f"remote-guide merge {plan}"), args
        assert "conflict" not in out, args
        if "--json" in args:
            json.loads(out)  # stdout stays valid JSON


def test_the_notice_speaks_the_interface_language_and_shows_on_a_refusal(
    plan: Path, capsys: Capture
) -> None:
    args = ["log", str(plan), "--minutes", "20", "--platform", "Nowhere"]
    assert main(["--lang", "ru", *args]) == 1
    assert "рядом лежит 1 конфликтная копия" in capsys.readouterr().err.splitlines()[-1]
    plan.write_text("broken", "utf-8")
    assert main(["--lang", "ru", "entries", str(plan)]) == 1
    assert "remote-guide merge" in capsys.readouterr().err.splitlines()[-1]


def test_no_copies_no_notice(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(EXAMPLE, path)
    assert main(["status", str(path)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "2 conflict copies"), ("ru", "2 конфликтные копии")]
)
def test_plans_counts_copies_with_their_plan(
    plan: Path, capsys: Capture, lang: str, words: str
) -> None:
    shutil.copy(EXAMPLE, plan.with_name(DROPBOX))
    shutil.copy(EXAMPLE, plan.with_name("other.sync-conflict-20261122-101010-ABCDEF7.toml"))
    assert main(["--lang", lang, "plans", "--dir", str(plan.parent)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2  # the plan, and a copy whose plan is gone
    [mine] = [line for line in lines if f"{plan} " in line]
    assert mine.endswith(f"({words})")
    assert [i.copies for i in list_plans(plan.parent) if i.path == plan] == [2]
