"""Conflict copies that sync tools leave beside a plan, and where merged copies are kept.

When a plan in a synced folder is edited on two machines before they sync, the sync tool
keeps both versions: one under the plan's name, the other under a name of its own. The
names recognised here (``plan.toml`` as the example):

- Syncthing: ``plan.sync-conflict-20261120-214012-ABCDEF7.toml`` (date, time and the
  first seven characters of the device id; versions before 0.14 left out the device);
- Dropbox: ``plan (Jane Doe's conflicted copy 2026-11-20).toml``, also with a counter
  ``... 2026-11-20 (1))``;
- Nextcloud and ownCloud desktop clients 2.5 and later:
  ``plan (conflicted copy 2026-11-20 214012).toml``, also with a user name before the date;
  ownCloud before 2.5: ``plan_conflict-20261120-214012.toml``;
- Seafile: ``plan (SFConflict jane@example.com 2026-11-20-21-40-12).toml``;
- Resilio Sync: ``plan.Conflict.toml`` (and ``plan.Conflict2.toml``).

A conflict copy of a conflict copy (Syncthing does that) is a copy of the same plan.

Names that other tools give duplicates are *not* recognised, because they are not clearly
sync artefacts: ``plan (1).toml`` (Google Drive, browsers, file managers), ``plan-LAPTOP.toml``
(OneDrive's computer name), ``plan copy.toml``. Pass such a file to ``remote-guide merge
PLAN FILE`` by hand.

Finding copies reads one folder listing, so every command can afford
:func:`conflict_notice` when it opens a plan; only :func:`load_copies` reads plans (and
imports pydantic, when called).

For the app: :func:`conflict_copies` says whether to offer a merge, :func:`load_copies`
reads them, ``guide.merge.merge_all`` merges them into the plan in memory (its summaries
shown with ``guide.merge_text.summary_lines`` before saving), and after the save
:func:`keep_merged` moves each merged copy into :func:`merged_dir`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from guide.i18n import Lang, tn

if TYPE_CHECKING:
    from guide.plan import Plan

SUFFIX = ".toml"

_PATTERNS = [
    # Syncthing: NAME.sync-conflict-YYYYMMDD-HHMMSS[-DEVICE]
    re.compile(r"^(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?$"),
    # Dropbox, Nextcloud, ownCloud: NAME (... conflicted copy ...[ (N)])
    re.compile(r"^(?P<stem>.+?) \([^()]*\bconflicted copy\b[^()]*(?: \(\d+\))?\)$", re.I),
    # Seafile: NAME (SFConflict EMAIL YYYY-MM-DD-HH-MM-SS)
    re.compile(r"^(?P<stem>.+?) \(SFConflict [^()]*\)$"),
    # ownCloud before 2.5: NAME_conflict-YYYYMMDD-HHMMSS
    re.compile(r"^(?P<stem>.+)_conflict-\d{8}-\d{6}$"),
    # Resilio Sync: NAME.Conflict[N]
    re.compile(r"^(?P<stem>.+)\.Conflict\d*$"),
]


def original_name(name: str) -> str | None:
    """The plan file name that ``name`` is a sync tool's conflict copy of, or None.

    ``original_name("plan.sync-conflict-20261120-214012-ABCDEF7.toml") == "plan.toml"``.
    """
    if not name.endswith(SUFFIX) or name.startswith("."):
        return None
    stem, found = name[: -len(SUFFIX)], False
    while True:
        match = next((m for p in _PATTERNS if (m := p.match(stem))), None)
        if match is None:
            break
        stem, found = match["stem"], True
    return stem + SUFFIX if found else None


def conflict_copies(path: Path | str) -> list[Path]:
    """The conflict copies of the plan at ``path`` in its folder, sorted by name.

    Only regular files count; a folder that can't be listed has none.
    """
    path = Path(path)
    folder = path.parent
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [
        folder / name
        for name in names
        if original_name(name) == path.name and (folder / name).is_file()
    ]


def is_conflict_copy_of(copy: Path | str, path: Path | str) -> bool:
    """Whether ``copy`` is a conflict copy of ``path`` in the same folder."""
    copy, path = Path(copy), Path(path)
    same_folder = os.path.abspath(copy.parent) == os.path.abspath(path.parent)
    return same_folder and original_name(copy.name) == path.name


@dataclass
class Copies:
    """Copies of a plan read for a merge (see :func:`load_copies`)."""

    valid: list[tuple[Path, Plan]] = field(default_factory=list)
    """The copies that are valid plans, with their plans, in the order given."""
    invalid: list[tuple[Path, list[str]]] = field(default_factory=list)
    """The copies that are not, with every problem; nothing is merged from them."""
    skipped: list[Path] = field(default_factory=list)
    """Paths that are the plan itself."""


def load_copies(path: Path | str, copies: list[Path]) -> Copies:
    """Read ``copies`` of the plan at ``path`` (e.g. :func:`conflict_copies`) for
    ``guide.merge.merge_all``; a copy that isn't a valid plan is listed, not raised."""
    from guide.storage import PlanError, load_plan

    out = Copies()
    for copy in copies:
        if _same_file(copy, Path(path)):
            out.skipped.append(copy)
            continue
        try:
            out.valid.append((copy, load_plan(copy).plan))
        except PlanError as e:
            out.invalid.append((copy, e.problems))
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def merged_dir(path: Path | str) -> Path:
    """Where copies merged into the plan at ``path`` are kept: ``.NAME.toml.backups/``
    beside it (hidden, mode 0700). Nothing there is ever deleted by remote-guide."""
    path = Path(path)
    return path.with_name(f".{path.name}.backups")


def keep_merged(copy: Path, path: Path) -> Path:
    """Move ``copy`` into the backup folder of the plan at ``path`` and return its new
    path; a name already taken there gets ``-2``, ``-3``... before ``.toml``.

    Raises OSError if it can't be moved (the copy is then where it was).
    """
    folder = merged_dir(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask
    target, n = folder / copy.name, 2
    while target.exists():
        target = folder / f"{copy.stem}-{n}{copy.suffix}"
        n += 1
    shutil.move(copy, target)
    return target


def _shown(path: Path) -> str:
    from guide.printable import escape_text

    return escape_text(str(path))


def conflict_notice(path: Path | str, lang: Lang) -> str | None:
    """One line for a command that opens the plan at ``path``: the conflict copies beside
    it and the command that merges them; None when there are none."""
    path = Path(path)
    copies = conflict_copies(path)
    if not copies:
        return None
    names = ", ".join(_shown(Path(c.name)) for c in copies)
    command = f"remote-guide merge {_shown(Path(shlex.quote(str(path))))}"
    return tn(lang, "merge_notice", len(copies), plan=_shown(path), copies=names, command=command)
