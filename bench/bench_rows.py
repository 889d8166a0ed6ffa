"""Every row of the speed table (issue 14), each paired with its reference in the same run.

Run from the repository root: ``.venv/bin/python bench/bench_rows.py [ROW ...]``
(rows: startup, search, memory, article, plan, check; all by default).

- startup: launch until "Your plan" (a label of the home view only: the sidebar never
  shows it) is drawn, vs a bare Textual app until its text; alternating runs.
- search: keystroke until the new first result is drawn vs a bare Input echo app, with
  short queries (the last key makes a 2-3 letter query) and long ones (4+ letters).
- memory: peak RSS (VmHWM) after every article in both languages plus one search, vs a
  bare Textual app.
- article: Enter on the longest article until the screen's last line is drawn.
- plan: ``remote-guide PLAN`` with 10,000 log entries until its
  "Next milestones" label is drawn, vs
  the example plan; alternating runs.
- check: ``remote-guide check`` on the example vs ``python -c "from pydantic import
  BaseModel"``; alternating runs.

Each row prints medians, the median of the paired ratios, and the load average (1 min)
before and after the row: the machines are shared, so the ratios are the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_guide
from pty_timer import Session

from guide.plan import Plan, Review

PY = sys.executable
HERE = Path(__file__).parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "plan.toml"
APP = [PY, "-m", "guide", "--lang", "en"]
HOME_TEXT = bench_guide.HOME_TEXT
ENV = bench_guide.ENV


def load() -> float:
    return round(os.getloadavg()[0], 2)


def paired(app: Callable[[], float], ref: Callable[[], float], runs: int) -> dict[str, float | int]:
    """Alternate ``app`` and ``ref``; medians in ms and the median of the paired ratios."""
    a, r = [], []
    for _ in range(runs):
        a.append(app())
        r.append(ref())
    ratios = [x / y for x, y in zip(a, r, strict=True)]
    return {
        "app_ms": round(statistics.median(a) * 1000, 1),
        "ref_ms": round(statistics.median(r) * 1000, 1),
        "ratio_of_medians": round(statistics.median(a) / statistics.median(r), 2),
        "median_paired_ratio": round(statistics.median(ratios), 2),
        "runs": runs,
    }


def until(argv: list[str], text: str, cold: bool = False) -> Callable[[], float]:
    """Time ``argv`` until ``text`` is drawn; ``cold``: with an empty cache folder."""

    def run() -> float:
        env = {**ENV, "REMOTE_GUIDE_CACHE_DIR": tempfile.mkdtemp()} if cold else ENV
        session = Session(argv, env=env)
        try:
            return session.since_start(text)
        finally:
            session.close()

    return run


def startup() -> dict[str, object]:
    return paired(until(APP, HOME_TEXT), until(bench_guide.BARE, bench_guide.BARE_TEXT), 15)


# Search ------------------------------------------------------------------------------

SHORT = ["wi", "es", "ta", "pa", "ra", "sc", "ve", "ti", "fe", "ac", "mo", "in", "de"]
LONG = ["withdraw", "negotiate", "monitor", "escrow", "portfolio", "deposit", "invoice"]


def keystroke_queries(words: list[str], lengths: range) -> list[tuple[str, str, str]]:
    """(typed first, last key, new first title) where the last key changes the top hit."""
    from guide.articles import load_guide
    from guide.search import SearchIndex

    index = SearchIndex.build(load_guide())

    def top(query: str) -> str | None:
        hits = index.search(query, "en", 10)
        return hits[0].title if hits else None

    found = []
    for word in words:
        for k in lengths:
            if k + 1 > len(word):
                break
            before, after = top(word[:k]), top(word[: k + 1])
            if after and after != before:
                found.append((word[:k], word[k], after[:24]))
                break
    return found


def search_session(queries: list[tuple[str, str, str]], rounds: int, bare: bool) -> list[float]:
    argv = [PY, str(HERE / "bare_echo.py")] if bare else APP
    session = Session(argv, env=ENV)
    try:
        if bare:
            session.drain(1.0)
        else:
            session.since_start(HOME_TEXT)
            session.drain(1.0)  # the guide loads in the background
            session.type("/")
            session.wait_for("Search the guide")
            session.drain(0.5)
        times = []
        for i in range(rounds):
            first, last, title = queries[i % len(queries)]
            session.type("\x15")  # Ctrl+U: clear the box
            session.drain(0.3)
            session.type(first)
            session.drain(0.3)
            session.type(last)
            times.append(session.wait_for(f"echo:{first}{last}" if bare else title))
        return times
    finally:
        session.close()


def search() -> dict[str, object]:
    out: dict[str, object] = {}
    for name, queries in (
        ("short (2-3 letters)", keystroke_queries(SHORT, range(1, 3))),
        ("long (4+ letters)", keystroke_queries(LONG, range(3, 9))),
    ):
        app: list[float] = []
        bare: list[float] = []
        ratios = []
        for _ in range(3):  # alternate whole sessions
            a = search_session(queries, 12, bare=False)
            b = search_session(queries, 12, bare=True)
            app += a
            bare += b
            ratios.append(statistics.median(a) / statistics.median(b))
        out[name] = {
            "queries": [f + last for f, last, _ in queries],
            "app_ms": round(statistics.median(app) * 1000, 1),
            "bare_echo_ms": round(statistics.median(bare) * 1000, 1),
            "ratio_of_medians": round(statistics.median(app) / statistics.median(bare), 2),
            "median_session_ratio": round(statistics.median(ratios), 2),
            "rounds": len(app),
        }
    return out


# Memory ------------------------------------------------------------------------------

MEMORY_PROBE = bench_guide.MEMORY_PROBE.replace(
    "    print(peak_mb())\n\nasyncio.run(main())",
    """        from screens.search import SearchScreen
        app.push_screen(SearchScreen("en", app.guide, app.search_index))
        await pilot.pause()
        await pilot.press(*"withdraw")
        await pilot.pause(0.2)
    print(peak_mb())

asyncio.run(main())""",
)
assert "SearchScreen" in MEMORY_PROBE


def memory() -> dict[str, object]:
    def run(probe: str) -> list[float]:
        out = subprocess.run([PY, "-c", probe], capture_output=True, text=True, check=True)
        return [round(float(x), 1) for x in out.stdout.split()]

    loaded, after_all = run(MEMORY_PROBE)
    (bare,) = run(bench_guide.BARE_PROBE)
    return {
        "peak_mb_every_article_both_languages_and_one_search": after_all,
        "peak_mb_loaded": loaded,
        "bare_textual_app_mb": bare,
    }


# Article -----------------------------------------------------------------------------


def article() -> dict[str, object]:
    bench_guide.RUNS = 11
    return bench_guide.open_article()


# Plan --------------------------------------------------------------------------------


def reviewed_today(plan: Plan) -> Plan:
    """``plan`` with a review recorded today, so opening it starts no review.

    Both logs fire the stop rule; the review would cover the plan screen and its marker.
    """
    today = dt.date.today()
    review = Review(
        date=today,
        decision="keep_going",
        reason="bench",
        next_review=today + dt.timedelta(days=28),
    )
    limits = plan.limits.model_copy(update={"review_date": review.next_review})
    return plan.model_copy(update={"reviews": [*plan.reviews, review], "limits": limits})


def plan_files(folder: Path) -> tuple[Path, Path]:
    from bench_log import plan_with

    from guide.storage import load_plan, save_plan

    big, small = folder / "big.toml", folder / "small.toml"
    save_plan(reviewed_today(plan_with(10_000)), big)
    save_plan(reviewed_today(load_plan(EXAMPLE).plan), small)
    return big, small


def plan() -> dict[str, object]:
    title = "Next milestones"  # a label of the plan screen (the title is split by styles)
    with tempfile.TemporaryDirectory() as folder:
        big, small = plan_files(Path(folder))
        result = paired(until([*APP, str(big)], title), until([*APP, str(small)], title), 7)
        result["big_bytes"] = big.stat().st_size
        # A copy no save of this machine wrote (a sync brought it): its first open parses it.
        cold = until([*APP, str(big)], title, cold=True)
        result["not_cached"] = paired(cold, until([*APP, str(small)], title), 7)
    return result


# check -------------------------------------------------------------------------------


def timed(argv: list[str]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=False, capture_output=True)
        return time.perf_counter() - start

    return run


def check() -> dict[str, object]:
    script = Path(PY).with_name("remote-guide")
    command = [str(script)] if script.exists() else [PY, "-m", "guide"]
    return paired(
        timed([*command, "check", str(EXAMPLE)]),
        timed([PY, "-c", "from pydantic import BaseModel"]),
        21,
    )


ROWS = {
    "startup": startup,
    "search": search,
    "memory": memory,
    "article": article,
    "plan": plan,
    "check": check,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(ROWS)
    results = {}
    for name in chosen:
        before = load()
        result = ROWS[name]()
        results[name] = {"load_before": before, "load_after": load(), "result": result}
        print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
    print(json.dumps(results, indent=2, ensure_ascii=False))
