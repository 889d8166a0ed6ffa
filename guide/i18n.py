"""Languages and the interface's own words (kept as data in content/strings.toml)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from typing import Literal, cast

from guide.paths import content_dir

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")


def detect_lang(env: Mapping[str, str]) -> Lang:
    """Russian when the first locale variable that is set starts with ``ru``, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


def other_lang(lang: Lang) -> Lang:
    return "ru" if lang == "en" else "en"


@cache
def _strings() -> dict[str, dict[str, str]]:
    with (content_dir() / "strings.toml").open("rb") as f:
        return cast(dict[str, dict[str, str]], tomllib.load(f))


def t(lang: Lang, key: str, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` fields filled in."""
    strings = _strings()
    text = strings[lang].get(key) or strings["en"][key]
    return text.format(**values) if values else text
