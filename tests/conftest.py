from __future__ import annotations

from pathlib import Path

import pytest

from guide.articles import Guide, load_guide


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real plans."""
    data = tmp_path / "data"
    monkeypatch.setenv("REMOTE_GUIDE_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="session")
def shipped_guide() -> Guide:
    return load_guide()


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's settings.toml."""
    config = tmp_path / "config"
    monkeypatch.setenv("REMOTE_GUIDE_CONFIG_DIR", str(config))
    return config


@pytest.fixture(autouse=True)
def _private_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's cache (parsed big plans)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("REMOTE_GUIDE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks the locale's language: tests start from English."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
