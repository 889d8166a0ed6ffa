"""The user's settings: ``settings.toml`` in the config folder (``guide.paths.settings_path``).

::

    language = "ru"            # the interface language when --lang is not given
    theme = "high-contrast"    # a Textual theme name
    [keys]                     # binding id = keys, as Textual's App.set_keymap takes them
    search = "ctrl+k"
    quit = "q,ctrl+q"

Reading never fails: a file that can't be read or parsed, or a value of the wrong kind, is
described in ``Settings.problems`` (the caller says it once) and the defaults are used for
what is wrong. Writing (:func:`update_settings`) reads the file first and changes only the
given keys, keeping everything else the user wrote (comments are not kept: TOML writers
drop them); a file that can't be read or parsed is never overwritten. The write is atomic
(temp file, fsync, rename; 0600 file in a 0700 folder) under the same lock as plans.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, cast

from guide.i18n import LANGS, Lang, detect_lang
from guide.paths import settings_path
from guide.problems import Problem, os_problem, toml_problem


class Settings(NamedTuple):
    """What settings.toml says (a NamedTuple: dataclasses would cost start-up time)."""

    language: Lang | None = None
    theme: str | None = None
    keys: Mapping[str, str] = {}  # never changed in place
    problems: tuple[str, ...] = ()


class SettingsError(Exception):
    """The settings file can't be updated; the message names the file and the problem."""


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The file's table (None when there is no file), or the problem reading it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except OSError as e:
        return None, Problem("problem_settings_unreadable", path=path, reason=os_problem(e))
    except UnicodeDecodeError:
        return None, Problem("problem_settings_not_utf8", path=path)
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as e:
        return None, Problem("problem_settings_file", path=path, problem=toml_problem(e))


def load_settings(path: Path | None = None) -> Settings:
    """The settings from ``path`` (default: the user's settings file)."""
    path = path or settings_path()
    data, problem = _read(path)
    if problem is not None:
        return Settings(problems=(Problem("problem_settings_defaults", problem=problem),))
    data = data or {}
    problems: list[str] = []
    language = data.get("language")
    if language is not None and language not in LANGS:
        langs, value = ", ".join(LANGS), repr(language)
        problems.append(Problem("problem_settings_language", path=path, langs=langs, value=value))
        language = None
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme):
        problems.append(Problem("problem_settings_theme", path=path))
        theme = None
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in keys.items()
    ):
        problems.append(Problem("problem_settings_keys", path=path))
        keys = {}
    return Settings(cast(Lang | None, language), theme, dict(keys), tuple(problems))


def update_settings(path: Path | None = None, **changes: str) -> None:
    """Set top-level ``changes`` (``language="ru"``, ``theme="nord"``) in the settings file,
    keeping the rest. SettingsError, without writing, if the file can't be read or parsed."""
    import tomli_w

    from guide.storage import PlanError, plan_lock, write_atomic

    path = path or settings_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with plan_lock(path):
            data, problem = _read(path)
            if problem is not None:
                raise SettingsError(Problem("problem_settings_unchanged", problem=problem))
            merged = {**(data or {}), **changes}
            if merged != data:
                write_atomic(path, tomli_w.dumps(merged).encode("utf-8"))
    except OSError as e:
        reason = Problem("problem_settings_not_saved", path=path, reason=os_problem(e))
        raise SettingsError(reason) from None
    except PlanError as e:  # the lock file couldn't be made: its problem says why
        raise SettingsError(
            Problem("problem_settings_file", path=path, problem=e.problems[0])
        ) from None


def interface_lang(flag: Lang | None, settings: Settings, env: Mapping[str, str]) -> Lang:
    """The interface language: ``--lang``, else the settings file, else the locale."""
    return flag or settings.language or detect_lang(env)
