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
