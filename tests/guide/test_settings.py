"""settings.toml: read without failing, written without losing what the user wrote."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from guide.paths import settings_path
from guide.settings import Settings, SettingsError, interface_lang, load_settings, update_settings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_defaults() -> None:
    assert load_settings() == Settings()


def test_the_file_is_in_the_config_folder(_private_config_dir: Path) -> None:
    assert settings_path() == _private_config_dir / "settings.toml"


def test_a_valid_file() -> None:
    write(settings_path(), 'language = "ru"\ntheme = "nord"\n[keys]\nsearch = "ctrl+k"\n')
    assert load_settings() == Settings("ru", "nord", {"search": "ctrl+k"})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('language = "ru\n', "not valid TOML"),
        ('language = "de"\n', "language must be one of en, ru"),
        ("theme = 3\n", "theme must be"),
        ('keys = "ctrl+k"\n', "[keys] must map binding ids"),
    ],
)
def test_problems_are_described_and_defaults_used(text: str, problem: str) -> None:
    write(settings_path(), text)
    settings = load_settings()
    assert settings.language is None and settings.keys == {}
    assert len(settings.problems) == 1 and problem in settings.problems[0]
    assert str(settings_path()) in settings.problems[0]


def test_a_file_that_is_not_utf8() -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(b"theme = '\xff'\n")
    assert "is not UTF-8 text" in load_settings().problems[0]


def test_a_bad_value_keeps_the_good_ones() -> None:
    write(settings_path(), 'language = "de"\ntheme = "nord"\n')
    settings = load_settings()
    assert settings.theme == "nord" and settings.problems


def test_update_merges_with_what_is_there() -> None:
    path = write(settings_path(), 'theme = "nord"\nmine = 1\n[keys]\nquit = "ctrl+q"\n')
    update_settings(language="ru")
    assert load_settings() == Settings("ru", "nord", {"quit": "ctrl+q"})
    assert "mine = 1" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_update_creates_a_private_folder(_private_config_dir: Path) -> None:
    update_settings(theme="high-contrast")
    assert load_settings().theme == "high-contrast"
    assert stat.S_IMODE(_private_config_dir.stat().st_mode) == 0o700
    assert [p.name for p in _private_config_dir.iterdir() if not p.name.startswith(".")] == [
        "settings.toml"
    ]


def test_a_broken_file_is_never_overwritten() -> None:
    path = write(settings_path(), 'language = "ru\n')
    with pytest.raises(SettingsError, match=r"not valid TOML.*not changed"):
        update_settings(theme="nord")
    assert path.read_text(encoding="utf-8") == 'language = "ru\n'


def test_interface_language_order() -> None:
    ru, none = Settings(language="ru"), Settings()
    assert interface_lang("en", ru, {"LANG": "ru_RU"}) == "en"
    assert interface_lang(None, ru, {"LANG": "en_US"}) == "ru"
    assert interface_lang(None, none, {"LANG": "ru_RU"}) == "ru"
