"""The log commands from the shell: log, start/stop/status, history, import/export csv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guide.cli import main
from guide.storage import load_plan
from tests.guide.plan_samples import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-19T10:00:00+03:00"  # a Thursday, a working day in the example
GOAL = "Project coordination"


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(EXAMPLE, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--now", NOW] if args[0] not in ("export", "show", "check") else [*args])
    out, err = capsys.readouterr()
    return code, out, err


def test_log_work_and_study(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "log",
        str(plan_path),
        "--minutes",
        "45",
        "--platform",
        "Prolific",
        "--earned",
        "3.30",
        "--tasks",
        "4",
        "--note",
        "quick",
    )
    assert code == 0
    entry = load_plan(plan_path).plan.log[-1]
    assert out == f"Logged 45 min on Prolific for 19 Nov 2026, earned $3.30 (id {entry.id}).\n"
    assert (entry.tasks, entry.note) == (4, "quick")
    code, out, _ = run(
        capsys, "log", str(plan_path), "--minutes", "90", "--goal", GOAL, "--date", "2026-11-17"
    )
    assert code == 0
    assert out.startswith(
        "Logged 1 h 30 min of study toward Project coordination for 17 Nov 2026: "
        "1 h 30 min of 10 h this week"
    )


def test_log_in_russian(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--lang",
        "ru",
        "log",
        str(plan_path),
        "--minutes",
        "5",
        "--platform",
        "Toloka",
        "--earned",
        "0.5",
    )
    assert code == 0 and out.startswith(
        "Записано 5 мин на Toloka за 19 ноября 2026, заработано 0,50\xa0$"
    )


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--minutes", "5", "--platform", "Nowhere"], "platform: 'Nowhere' is not one of"),
        (["--minutes", "5", "--goal", "Knitting"], "goal: 'Knitting' is not one of"),
        (["--minutes", "abc", "--platform", "Prolific"], "--minutes: not a whole number: 'abc'"),
        (["--minutes", "0", "--platform", "Prolific"], "minutes: must be between 1 and 1440"),
        (["--minutes", "5", "--platform", "Prolific", "--earned", "1,5"], "--earned: not a number"),
        (
            ["--minutes", "5", "--platform", "Prolific", "--date", "2026-02-30"],
            "--date: not a date",
        ),
        (["--minutes", "5", "--goal", GOAL, "--earned", "2"], "earned: a study entry earns"),
    ],
)
def test_log_problems_exit_1_and_leave_the_file(
    plan_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], problem: str
) -> None:
    before = plan_path.read_bytes()
    code, out, err = run(capsys, "log", str(plan_path), *args)
    assert (code, out) == (1, "")
    assert err.startswith(f"{plan_path}: ") and problem in err and "not changed" in err
    assert plan_path.read_bytes() == before


def test_usage_errors_exit_2(plan_path: Path) -> None:
    for args in (
        ["log", str(plan_path), "--minutes", "5"],
        ["log", str(plan_path), "--platform", "A", "--goal", "B", "--minutes", "5"],
        ["history", str(plan_path), "--weeks", "0"],
    ):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 2


def test_missing_plan_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "log", str(tmp_path / "none.toml"), "--minutes", "5", "--platform", "X"
    )
    assert code == 1 and "file not found" in err
    assert list(tmp_path.iterdir()) == []


def test_timer_from_the_shell(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "start", str(plan_path), "--platform", "Prolific", "--since", "09:30"
    )
    assert (code, out) == (0, "Timer started for Prolific at 09:30.\n")
    assert load_plan(plan_path).plan.timer is not None
    code, _, err = run(capsys, "start", str(plan_path), "--goal", GOAL)
    assert code == 1 and "already running for Prolific since 09:30" in err
    code, out, _ = run(capsys, "status", str(plan_path))
    assert out.splitlines() == [
        "Running: Prolific since 09:30, 30 min so far.",
        "Today: 1 h 10 min of 1 h 30 min of microtasks, 20 min left.",
        "This week: 3 h 40 min of 7 h 30 min, 3 h 50 min left.",
    ]
    code, out, _ = run(capsys, "stop", str(plan_path), "--earned", "2.75", "--tasks", "3")
    entry = load_plan(plan_path).plan.log[-1]
    assert code == 0 and out.startswith("Logged 30 min on Prolific for 19 Nov 2026")
    assert (entry.minutes, entry.tasks, str(entry.earned)) == (30, 3, "2.75")
    assert load_plan(plan_path).plan.timer is None
    code, _, err = run(capsys, "stop", str(plan_path))
    assert code == 1 and "No timer is running" in err


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "later than now"), ("ru", "позже, чем сейчас")],
)
def test_since_later_than_now_is_refused(
    plan_path: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    before = plan_path.read_bytes()
    args = ["--lang", lang, "start", str(plan_path), "--platform", "Prolific", "--since", "23:50"]
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert words in err and "--since '2026-11-18 23:50'" in err
    assert plan_path.read_bytes() == before
    # With the date given, yesterday evening is fine (under a day ago).
    code, out, _ = run(
        capsys, "start", str(plan_path), "--platform", "Prolific", "--since", "2026-11-18 23:50"
    )
    assert code == 0 and "2026-11-18 23:50" in out
    assert load_plan(plan_path).plan.timer is not None


def test_status_says_when_the_limit_is_reached(
    plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "start", str(plan_path), "--platform", "Prolific", "--since", "08:00")
    code, out, _ = run(capsys, "status", str(plan_path))
    assert code == 0 and out.splitlines()[-1] == "Today's limit is reached: time to stop."


def test_stop_discard(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "start", str(plan_path), "--goal", GOAL)
    code, _, err = run(capsys, "stop", str(plan_path), "--minutes", "20", "--earned", "1")
    assert code == 1 and "earned: a study entry earns nothing" in err
    assert load_plan(plan_path).plan.timer is not None  # still running
    code, out, _ = run(capsys, "stop", str(plan_path), "--discard")
    assert code == 0 and "nothing was logged" in out
    assert len(load_plan(plan_path).plan.log) == 9


def test_history_json_shape(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", str(plan_path), "--weeks", "2", "--json")
    weeks = json.loads(out)["weeks"]
    assert code == 0 and [w["week"] for w in weeks] == ["2026-W47", "2026-W46"]
    assert set(weeks[0]) == {
        "week",
        "start",
        "work_minutes",
        "study_minutes",
        "earned",
        "real_rate",
        "platforms",
        "goals",
    }
    assert weeks[0]["platforms"]["Prolific"] == {"minutes": 130, "earned": "11.25"}
    code, out, _ = run(capsys, "history", str(plan_path))
    assert out.splitlines()[0].split() == ["Week", "Work", "Study", "Earned", "Real", "rate"]
    assert "This year: earned 46.20 USD" not in out and "This year: earned" in out


def test_show_json_includes_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(EXAMPLE), "--json", "--today", "2026-11-20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["log"]) == 9 and data["log"][0]["earned"] == "5.40"
    assert data["reviews"] == [] and data["timer"] is None


def test_csv_export_import_round_trip(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "log.csv"
    assert main(["export", str(plan_path), "--format", "csv", "-o", str(csv_path)]) == 0
    empty = tmp_path / "empty.toml"
    text = plan_path.read_text("utf-8")
    empty.write_text(text[: text.index("[[log]]")], "utf-8")
    code, out, _ = run(capsys, "import", str(empty), str(csv_path))
    assert code == 0 and out == f"{csv_path}: new entries added: 9; already in the plan: 0.\n"
    assert load_plan(empty).plan.log == load_plan(plan_path).plan.log
    code, out, _ = run(capsys, "import", str(empty), str(csv_path))
    assert out.endswith("new entries added: 0; already in the plan: 9.\n")


def test_import_with_map_and_a_bad_row(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "foreign.csv"
    csv_path.write_text("When,Where,Mins,$\n2026-11-20,Toloka,20,0.50\n2026-11-21,Toloka,x,1\n")
    before = plan_path.read_bytes()
    args = [
        "import",
        str(plan_path),
        str(csv_path),
        "--map",
        "When=date,Where=platform,Mins=minutes,$=earned",
    ]
    code, _, err = run(capsys, *args)
    assert code == 1 and "line 3, column Mins: must be a whole number (found 'x')" in err
    assert "Nothing was imported" in err and plan_path.read_bytes() == before
    csv_path.write_text("When,Where,Mins,$\n2026-11-20,Toloka,20,0.50\n")
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args)[1].endswith("new entries added: 0; already in the plan: 1.\n")
    with pytest.raises(SystemExit):
        main(["import", str(plan_path), str(csv_path), "--map", "When=wann"])


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from guide.cli import main

    plan, me, other, platform = sys.argv[1:]
    Path(me).touch()
    while not Path(other).exists():  # start logging together
        pass
    for i in range(40):
        code = main(["log", plan, "--minutes", str(i + 1), "--platform", platform,
                     "--note", f"{platform} {i}"])
        assert code == 0, code
    """
)


def test_two_processes_logging_at_once_lose_nothing(plan_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ready = [tmp_path / "a.ready", tmp_path / "b.ready"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(plan_path), str(ready[i]), str(ready[1 - i]), name],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i, name in enumerate(("Prolific", "Toloka"))
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    log = load_plan(plan_path).plan.log
    assert len(log) == 9 + 80
    notes = {e.note for e in log[9:]}
    assert notes == {f"{p} {i}" for p in ("Prolific", "Toloka") for i in range(40)}


def test_review_from_the_shell(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "review", str(plan_path), "--today", "2026-12-14")
    assert code == 0
    assert out.startswith("A review is due: its date, 14 Dec 2026, has come.\nSince 2 Nov 2026:")
    assert "  drop_platform        Drop a platform (real-hourly-rate," in out
    before = plan_path.read_bytes()
    args = ["review", str(plan_path), "--today", "2026-12-14", "--decision", "drop_platform"]
    code, _, err = run(capsys, *args, "--reason", "Pays little")
    assert code == 1 and "platform: missing" in err and plan_path.read_bytes() == before
    code, out, _ = run(capsys, *args, "--reason", "Pays little", "--platform", "Toloka")
    assert (code, out) == (0, "Review recorded: Drop a platform. Next review on 11 Jan 2027.\n")
    plan = load_plan(plan_path).plan
    assert plan.reviews[0].reason == "Pays little" and plan.limits.review_date.isoformat() == (
        "2027-01-11"
    )
    code, out, _ = run(capsys, "review", str(plan_path), "--today", "2026-12-15")
    assert out.startswith("No review is due; the next one is on 11 Jan 2027.")


def test_entries_edit_and_delete(plan_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "entries", str(plan_path), "--platform", "Clickworker")
    first = load_plan(plan_path).plan.log[7]  # 2026-11-18, Clickworker
    assert code == 0 and out.splitlines()[0] == f"{first.id}  18 Nov 2026  Clickworker  1 h  $2.60"
    code, out, _ = run(capsys, "edit", str(plan_path), first.id, "--minutes", "65", "--note", "ok")
    assert (code, out) == (
        0,
        f"Changed: {first.id}  18 Nov 2026  Clickworker  1 h 5 min  $2.60  ok\n",
    )
    entry = load_plan(plan_path).plan.log[7]
    assert (entry.minutes, entry.note, entry.id) == (65, "ok", first.id)
    code, out, _ = run(capsys, "delete", str(plan_path), first.id)
    plan = load_plan(plan_path).plan
    assert code == 0 and out.startswith("Deleted: ") and len(plan.log) == 8
    assert [d.id for d in plan.deleted] == [first.id]
    before = plan_path.read_bytes()
    code, _, err = run(capsys, "edit", str(plan_path), first.id, "--minutes", "5")
    assert code == 1 and f"no entry '{first.id}'" in err and plan_path.read_bytes() == before
    code, out, _ = run(capsys, "entries", str(plan_path), "--weeks", "1", "--json")
    assert [e["date"] for e in json.loads(out)["log"]] == ["2026-11-19", "2026-11-17"]


def test_import_a_platforms_own_export_with_platform(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "prolific.csv"
    csv_path.write_text("\ufeffDate,Minutes,Reward\n2026-11-20,12,1.80\n2026-11-21,8,0.90\n")
    args = ["import", str(plan_path), str(csv_path), "--map", "Reward=earned"]
    code, _, err = run(capsys, *args)
    assert code == 1 and "no platform or goal column" in err
    code, out, _ = run(capsys, *args, "--platform", "Prolific")
    assert code == 0 and "new entries added: 2" in out
    assert {e.platform for e in load_plan(plan_path).plan.log[-2:]} == {"Prolific"}
