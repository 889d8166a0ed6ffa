"""Languages and the interface's own words, kept as data in ``content/strings/*.toml``
(one file per part of the app, with a table per language: ``[en]``, ``[ru]``).

The languages are the one list ``Lang`` below: every other list of languages (the CLI's
choices, the tables read, bilingual texts in data files, the language switch) comes from
it, so a new language is its data files plus its code in ``Lang``. English is first: the
fallback for a word not yet translated."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from typing import Literal, cast, get_args

from guide.paths import content_dir

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = get_args(Lang)
FALLBACK: Lang = LANGS[0]


def detect_lang(env: Mapping[str, str]) -> Lang:
    """The language the first locale variable that is set starts with (``ru_RU.UTF-8``:
    Russian), English when it is none of ours."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").lower()
        if value:
            return next((lang for lang in LANGS if value.startswith(lang)), FALLBACK)
    return FALLBACK


def next_lang(lang: Lang) -> Lang:
    """The language after ``lang`` in the list, round again after the last one."""
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)]


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
    text = strings[lang].get(key) or strings[FALLBACK][key]
    return text.format(**values) if values else text
