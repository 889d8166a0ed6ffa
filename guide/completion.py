"""Shell completion (argcomplete) for commands, options, plan paths and article ids.

argcomplete is imported only when the shell asks for completions (``_ARGCOMPLETE`` is set),
so it never costs start-up time. To turn it on in bash or zsh::

    eval "$(register-python-argcomplete remote-guide)"

The completers here are plain functions: they are attached to arguments when the parser is
built and only called while completing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from pathlib import Path
from typing import Any


def plan_completer(prefix: str, **kwargs: Any) -> list[str]:
    """Plan files (``*.toml``) and folders under ``prefix``, then plans in the data folder
    by name (``remote-guide show myplan``)."""
    folder, _, start = prefix.rpartition(os.sep)
    base = Path(folder or ".").expanduser()
    found: list[str] = []
    try:
        entries = sorted(base.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        if not entry.name.startswith(start) or entry.name.startswith("."):
            continue
        shown = f"{folder}{os.sep}{entry.name}" if folder else entry.name
        if entry.is_dir():
            found.append(shown + os.sep)
        elif entry.suffix == ".toml":
            found.append(shown)
    if not folder:
        from guide.paths import plans_dir

        with contextlib.suppress(OSError):
            found += sorted(p.stem for p in plans_dir().glob(f"{start}*.toml"))
    return found


def article_completer(prefix: str, **kwargs: Any) -> list[str]:
    """Article ids from the guide's content (the file names, without loading the guide)."""
    from guide.paths import content_dir

    ids = {p.stem for p in content_dir().glob("*/*/*.md")}
    return sorted(i for i in ids if i.startswith(prefix))


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit (argcomplete does both)."""
    import argcomplete

    argcomplete.autocomplete(parser, always_complete_options=False)
