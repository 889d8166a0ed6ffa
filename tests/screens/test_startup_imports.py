"""What the app imports before its first screen: heavy modules are kept for later, since
start-up time is a target (bench/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import screens.app
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'markdown_it',
                        'argcomplete', 'textual_serve', 'tomli_w')
                        or m in ('guide.articles', 'guide.plan', 'guide.search'))))
"""


def test_starting_the_app_does_not_import_pydantic_markdown_or_search() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


FIRST_SCREEN_STRINGS = """
import asyncio
import guide.i18n
from screens.app import RemoteGuideApp


async def main() -> None:
    app = RemoteGuideApp(lang="{lang}")
    app._load_guide = lambda: None  # the guide loads after the first frame: not measured
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.screen.query("#home-plans-label"):
            await pilot.pause()
    print(sorted(set(guide.i18n._listed()) - set(guide.i18n._unread or ())))


asyncio.run(main())
"""


def test_the_home_screen_reads_only_the_strings_it_shows() -> None:
    # Each strings file read costs the first frame a millisecond or two (bench/README.md):
    # the home screen's texts are all in app.toml, and cli.toml is read by every run.
    for lang in ("en", "ru"):
        result = subprocess.run(
            [sys.executable, "-c", FIRST_SCREEN_STRINGS.replace("{lang}", lang)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "['app', 'cli']"
