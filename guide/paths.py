"""Where remote-guide finds its content and keeps the user's files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "remote-guide"
DATA_DIR_ENV = "REMOTE_GUIDE_DATA_DIR"


def content_dir() -> Path:
    """The folder with sections.toml and the articles.

    In a wheel the content is packaged as ``guide/_content``; in a source checkout
    (editable install, tests) it is the repository's top-level ``content/``.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent / "content"


def data_dir() -> Path:
    """The user's data folder; ``$REMOTE_GUIDE_DATA_DIR`` overrides it (tests use that)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def plans_dir() -> Path:
    """Where plans are saved by default."""
    return data_dir() / "plans"


def draft_path() -> Path:
    """The wizard's draft (see ``guide.drafts``); here so that checking for one is cheap."""
    return data_dir() / "drafts" / "wizard.toml"


CONFIG_DIR_ENV = "REMOTE_GUIDE_CONFIG_DIR"


def config_dir() -> Path:
    """The user's config folder; ``$REMOTE_GUIDE_CONFIG_DIR`` overrides it (tests use that)."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


CACHE_DIR_ENV = "REMOTE_GUIDE_CACHE_DIR"


def cache_dir() -> Path:
    """The user's cache folder; ``$REMOTE_GUIDE_CACHE_DIR`` overrides it (tests use that).
    Whatever is in it can be deleted at any time."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    """``settings.toml``: language, theme and key remapping (see ``guide.settings``)."""
    return config_dir() / "settings.toml"


DIR_MODE = 0o700


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700, whatever the umask (plans, logs
    and drafts are nobody else's business). Folders that exist are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another program: not ours to change
        os.chmod(path, DIR_MODE)  # mkdir's mode is masked by the umask
