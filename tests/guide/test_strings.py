"""The interface's words: every key in both languages, no key defined twice."""

from __future__ import annotations

import re
import tomllib

from guide.i18n import LANGS, t
from guide.paths import content_dir


def files() -> dict[str, dict[str, dict[str, str]]]:
    return {
        p.name: tomllib.loads(p.read_text(encoding="utf-8"))
        for p in sorted((content_dir() / "strings").glob("*.toml"))
    }


def test_every_key_exists_in_both_languages_with_the_same_fields() -> None:
    for name, data in files().items():
        en, ru = data["en"], data["ru"]
        assert set(en) == set(ru), f"{name}: {set(en) ^ set(ru)}"
        for key in en:
            assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", ru[key])), key


def test_no_key_is_defined_in_two_files() -> None:
    seen: dict[str, str] = {}
    for name, data in files().items():
        for key in data["en"]:
            assert key not in seen, f"{key} in {name} and {seen.get(key)}"
            seen[key] = name


def test_lookup_fills_fields() -> None:
    assert t("ru", "home_articles", count=3) == "Статей: 3"
    assert set(LANGS) == {"en", "ru"}
