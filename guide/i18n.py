"""Languages and the interface's own words, kept as data in ``content/strings/*.toml``
(one file per part of the app, each with an ``[en]`` and a ``[ru]`` table)."""

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
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for path in sorted((content_dir() / "strings").glob("*.toml")):
        with path.open("rb") as f:
            data = cast(dict[str, dict[str, str]], tomllib.load(f))
        for lang in LANGS:
            merged[lang].update(data.get(lang, {}))
    return merged


def t(lang: Lang, key: str, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` fields filled in."""
    strings = _strings()
    text = strings[lang].get(key) or strings["en"][key]
    return text.format(**values) if values else text


def plural_form(lang: Lang, count: int) -> str:
    """The plural form of ``count`` in ``lang``: ``one``, ``few`` or ``many`` (CLDR rules;
    English uses ``one`` and ``many``, Russian all three: 1, 21 одна; 2-4, 22 две; 5, 11 пять)."""
    n = abs(count)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "many"


def tn(lang: Lang, key: str, count: int, **values: object) -> str:
    """The text ``key_one``, ``key_few`` or ``key_many`` that fits ``count``, with
    ``{count}`` and the other fields filled in. Every language defines all three."""
    return t(lang, f"{key}_{plural_form(lang, count)}", count=count, **values)
