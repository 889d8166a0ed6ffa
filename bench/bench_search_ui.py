"""One keystroke to results drawn, on a pseudo-terminal (issue: search).

The app's search screen against a bare Textual app that echoes the typed text, in the same
run, alternating. Each round clears the query box (Ctrl+U), types all but the last letter
of a query, waits, then types the last letter: the clock runs from that keystroke until
the new first result's title (or the new echo) is on screen. The queries are chosen so
that the last letter changes the first result.
Run: .venv/bin/python bench/bench_search_ui.py
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pty_timer import Session

PY = sys.executable
HERE = Path(__file__).parent
ROUNDS = 20
CANDIDATES = [
    "withdraw",
    "negotiate",
    "monitor",
    "loneliness",
    "escrow",
    "certificate",
    "portfolio",
    "transcription",
    "deposit",
    "lighting",
    "budget",
    "invoice",
]


def keystroke_queries() -> list[tuple[str, str, str]]:
    """(typed first, last letter, the new first title) where the last letter changes it."""
    from guide.articles import load_guide
    from guide.search import SearchIndex

    index = SearchIndex.build(load_guide())

    def top(query: str) -> str | None:
        hits = index.search(query, "en", 20)
        return hits[0].title if hits else None

    found = []
    for word in CANDIDATES:
        for k in range(3, len(word)):
            before, after = top(word[:k]), top(word[: k + 1])
            if after and after != before:
                found.append((word[:k], word[k], after[:24]))
                break
    return found


QUERIES = keystroke_queries()


def time_app() -> list[float]:
    session = Session(
        [PY, "-m", "guide", "--lang", "en"], env={"REMOTE_GUIDE_DATA_DIR": "/tmp/rg-bench"}
    )
    try:
        session.since_start("Your plan")  # the home view is drawn
        session.drain(1.0)  # the guide and the search index load in the background
        session.type("/")
        session.wait_for("Search the guide")
        times = []
        for i in range(ROUNDS):
            first, last, title = QUERIES[i % len(QUERIES)]
            session.type("\x15")  # Ctrl+U: clear the box
            session.drain(0.3)
            session.type(first)
            session.drain(0.3)
            session.type(last)
            times.append(session.wait_for(title))
        return times
    finally:
        session.close()


def time_bare() -> list[float]:
    session = Session([PY, str(HERE / "bare_echo.py")])
    try:
        session.drain(1.0)
        times = []
        for i in range(ROUNDS):
            first, last, _ = QUERIES[i % len(QUERIES)]
            session.type("\x15")
            session.drain(0.3)
            session.type(first)
            session.drain(0.3)
            session.type(last)
            times.append(session.wait_for(f"echo:{first}{last}"))
        return times
    finally:
        session.close()


if __name__ == "__main__":
    app, bare = [], []
    for _ in range(3):  # alternate whole sessions
        app += time_app()
        bare += time_bare()
    a, b = statistics.median(app), statistics.median(bare)
    print("queries:", QUERIES)
    print(
        json.dumps(
            {
                "app_ms": round(a * 1000, 1),
                "bare_echo_ms": round(b * 1000, 1),
                "ratio": round(a / b, 2),
                "rounds": len(app),
            },
            indent=2,
        )
    )
