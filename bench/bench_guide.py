"""Benchmarks of the guide app (issue: foundation). Run: .venv/bin/python bench/bench_guide.py

1. Start-up: launch until the home screen's text shows, on a 120x40 pseudo-terminal,
   alternating with a bare Textual app; medians of RUNS runs and their ratio.
2. Opening the longest article: from the Enter that opens it until the last line of the
   screen is drawn, measured from outside on the pty; median of RUNS.
3. Peak memory (RSS) after opening every article once in both languages.
"""

from __future__ import annotations

import asyncio
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pty_timer import Session

RUNS = 15
HERE = Path(__file__).parent
PY = sys.executable
APP = [PY, "-m", "guide", "--lang", "en"]
BARE = [PY, str(HERE / "bare_app.py")]
# "Your plan" is a label of the home view only (the sidebar also lists "Questions and
# answers", so that text showed one frame before the home view was drawn).
HOME_TEXT = "Your plan"
BARE_TEXT = "Hello from a bare"
DOWN, ENTER, TAB = "\x1b[B", "\r", "\t"
# Data and config folders of their own: no saved draft may pop up a question during the
# runs, and no settings.toml of the user changes the theme or the keys.
ENV = {
    "REMOTE_GUIDE_DATA_DIR": tempfile.mkdtemp(prefix="rg-bench-"),
    "REMOTE_GUIDE_CONFIG_DIR": tempfile.mkdtemp(prefix="rg-bench-config-"),
    "REMOTE_GUIDE_CACHE_DIR": tempfile.mkdtemp(prefix="rg-bench-cache-"),
}
os.environ.update(ENV)

# As installed: pip writes bytecode for an installed package, but this container sets
# PYTHONDONTWRITEBYTECODE, so without this every run would compile guide/ and screens/
# from source (about 35 ms for `check`, more for the app) while the references (Textual,
# pydantic) load their installed bytecode. compileall writes only what is out of date.
compileall.compile_dir(str(HERE.parent / "guide"), quiet=1)
compileall.compile_dir(str(HERE.parent / "screens"), quiet=1)


def startup() -> dict[str, float]:
    app_times, bare_times = [], []
    for _ in range(RUNS):
        for argv, text, times in ((APP, HOME_TEXT, app_times), (BARE, BARE_TEXT, bare_times)):
            session = Session(argv, env=ENV)
            try:
                times.append(session.since_start(text))
            finally:
                session.close()
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    return {"app_s": round(app, 3), "bare_s": round(bare, 3), "ratio": round(app / bare, 2)}


def longest_article() -> tuple[int, int, str, str]:
    """Section index, article index, title, and the last line the 120x40 screen shows."""
    from guide.articles import load_guide
    from guide.history import Place
    from screens.app import RemoteGuideApp
    from screens.widgets.article_view import ArticleView
    from screens.widgets.markdown_view import MarkdownView

    guide = load_guide()
    article = max(guide.all("en"), key=lambda a: a.word_count)
    s = [x.id for x in guide.sections].index(article.section)
    a = [x.id for x in guide.in_section(article.section, "en")].index(article.id)

    async def last_line() -> str:
        app = RemoteGuideApp(lang="en", guide=guide)
        async with app.run_test(size=(120, 40)) as pilot:
            app.screen.go(Place("article", article.id))
            while not app.screen.query(MarkdownView) or not app.screen.query_one(MarkdownView).text:
                await pilot.pause()  # the article view is mounted on first use
            view = app.screen.query_one(ArticleView)
            body = app.screen.query_one(MarkdownView)
            bottom = view.scrollable_content_region.height - body.virtual_region.y
            lines = body.text.splitlines()[:bottom]
            return next(line.strip() for line in reversed(lines) if len(line.strip()) > 12)

    return s, a, article.title, asyncio.run(last_line())


def open_article() -> dict[str, float | str]:
    s, a, title, last = longest_article()
    fragment = last.lstrip("•-☐ ").split("  ")[0][:24]
    times = []
    for _ in range(RUNS):
        session = Session(APP, env=ENV)
        try:
            session.since_start(HOME_TEXT)
            session.wait_for(title[:20])  # the guide has loaded: the sidebar lists it
            session.drain(0.3)
            session.type(TAB)  # from "Your plan" to the sections
            session.drain(0.3)
            session.type(DOWN * s)
            session.drain(0.3)
            session.type(ENTER)
            session.drain(0.4)
            session.type(DOWN * a)
            session.drain(0.3)
            session.type(ENTER)
            times.append(session.wait_for(fragment))
        finally:
            session.close()
    return {
        "article": title,
        "last_line": fragment,
        "median_ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
    }


# Peak resident memory from /proc (VmHWM): ru_maxrss would carry over the parent's peak
# into a child process, across exec.
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

MEMORY_PROBE = (
    PEAK
    + """
import asyncio
from guide.history import Place
from screens.app import RemoteGuideApp

async def main():
    app = RemoteGuideApp(lang="en")  # as a user starts it: the guide loads in the background
    async with app.run_test(size=(120, 40)) as pilot:
        while app.guide is None:
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        print(peak_mb())
        for lang in ("en", "ru"):
            app.lang = lang
            for article in app.guide.all(lang):
                app.screen.go(Place("article", article.id))
                await pilot.pause()
    print(peak_mb())

asyncio.run(main())
"""
)
BARE_PROBE = (
    PEAK
    + """
import asyncio
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello")

async def main():
    async with Hello().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    print(peak_mb())

asyncio.run(main())
"""
)


def memory() -> dict[str, float]:
    def run(probe: str) -> list[float]:
        out = subprocess.run([PY, "-c", probe], capture_output=True, text=True, check=True)
        return [round(float(x), 1) for x in out.stdout.split()]

    loaded, after_all = run(MEMORY_PROBE)
    (bare,) = run(BARE_PROBE)
    return {
        "peak_mb_after_every_article": after_all,
        "peak_mb_loaded": loaded,
        "bare_textual_app_mb": bare,
    }


if __name__ == "__main__":
    results = {"startup": startup(), "open_longest_article": open_article(), "memory": memory()}
    print(json.dumps(results, indent=2, ensure_ascii=False))
