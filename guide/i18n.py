"""Languages and the interface's own words, kept as data in ``content/strings/*.toml``
(one file per part of the app, with a table per language: ``[en]``, ``[ru]``).

The languages are the one list ``Lang`` below: every other list of languages (the CLI's
choices, the tables read, bilingual texts in data files, the language switch) comes from
it, so a new language is its data files plus its code in ``Lang``. English is first: the
fallback for a word not yet translated.

A plain string is looked up with :func:`t`. A string with a counted noun is a table of
plural forms, chosen with :func:`tn` by the CLDR rules for whole numbers::

    [en]
    when_in_days = { one = "in {count} day", other = "in {count} days" }
    [ru]
    when_in_days = { one = "через {count} день", few = "через {count} дня", many = "…" }

    tn("ru", "when_in_days", 21)  ->  "через 21 день"

English needs ``one`` and ``other``; Russian ``one`` (1, 21, 101…), ``few`` (2-4, 22-24…)
and ``many`` (0, 5-20, 25-30, 111…). The forms are checked when the strings are loaded.
A sentence with two counted nouns is built from two counted strings, one count each.
(An inline table stays on one line in TOML.)
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast, get_args

from guide.paths import content_dir

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = get_args(Lang)
FALLBACK: Lang = LANGS[0]
Plural = Literal["one", "few", "many", "other"]

# The plural categories each language uses for whole numbers (CLDR).
PLURAL_FORMS: dict[Lang, tuple[Plural, ...]] = {
    "en": ("one", "other"),
    "ru": ("one", "few", "many"),
}

Entry = str | dict[str, str]

NBSP = "\u00a0"  # keeps "4,34 $" and "1 234" on one line


class StringsError(ValueError):
    """A strings file is malformed: the message names the file and the key."""


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


def plural(lang: Lang, count: int) -> Plural:
    """The CLDR plural category of the whole number ``count`` in ``lang``."""
    n = abs(count)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


def _check_entry(path: Path, lang: Lang, key: str, value: object) -> Entry:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise StringsError(f"{path.name}: [{lang}] {key}: a string or a table of plural forms")
    wanted = set(PLURAL_FORMS[lang])
    if set(value) != wanted or not all(isinstance(v, str) for v in value.values()):
        raise StringsError(
            f"{path.name}: [{lang}] {key}: plural forms must be exactly "
            f"{', '.join(PLURAL_FORMS[lang])} (found {', '.join(sorted(value)) or 'none'})"
        )
    return cast(dict[str, str], value)


def _read_file(path: Path) -> dict[Lang, dict[str, Entry]]:
    """One strings file's tables, checked."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    tables: dict[Lang, dict[str, Entry]] = {
        lang: {
            key: _check_entry(path, lang, key, value) for key, value in data.get(lang, {}).items()
        }
        for lang in LANGS
    }
    for key, value in tables[FALLBACK].items():
        for lang in LANGS:
            other = tables[lang].get(key)
            if other is not None and isinstance(other, dict) != isinstance(value, dict):
                raise StringsError(f"{key}: counted in one language and not in the other")
    return tables


def load_strings(folder: Path) -> dict[Lang, dict[str, Entry]]:
    """Every strings file in ``folder``, merged per language and checked."""
    merged: dict[Lang, dict[str, Entry]] = {lang: {} for lang in LANGS}
    for path in sorted(folder.glob("*.toml")):
        for lang, table in _read_file(path).items():
            merged[lang].update(table)
    return merged


ON_DEMAND = "on_demand"
"""The subfolder of ``content/strings`` with texts most runs never show (a plan file's
problems, argparse's words in another language): read after all the others."""

# The strings files are read one at a time, when a key is asked for that none of the files
# read so far has (a key is in one file only: tests/guide/test_strings.py), so a command
# reads only the files of the texts it shows (``check``: cli.toml). They are tried in this
# order: cli.toml (every run builds the command line's parser from it), the others of
# ``content/strings`` by name, then those of ``on_demand``. A caller that knows which file
# a key is in names it (``has_text(key, table=...)``), and that file is read first.
FIRST_READ = "cli"
_read: dict[Lang, dict[str, Entry]] = {lang: {} for lang in LANGS}
_unread: dict[str, Path] | None = None  # the files not read yet, by name; None: not listed
_reading = threading.Lock()  # the app looks texts up from more than one thread


def _listed() -> dict[str, Path]:
    folder = content_dir() / "strings"
    paths = [*sorted(folder.glob("*.toml")), *sorted((folder / ON_DEMAND).glob("*.toml"))]
    paths.sort(key=lambda path: path.stem != FIRST_READ)  # stable: the rest keep their order
    return {path.stem: path for path in paths}


def _read_next(unread: dict[str, Path], name: str) -> None:
    tables = _read_file(unread.pop(name))
    # English last: a key is taken as read once it is in the English table (see _strings),
    # so every language of it must be there by then.
    for lang in sorted(LANGS, key=lambda code: code == FALLBACK):
        _read[lang].update(tables[lang])


def _strings(key: str | None = None, table: str | None = None) -> dict[Lang, dict[str, Entry]]:
    """The texts read so far, once they have ``key`` (every file when no key is given);
    ``table``, the name of the file ``key`` is expected in, is read first."""
    if key is not None and key in _read[FALLBACK]:
        return _read
    global _unread
    with _reading:
        if _unread is None:
            _unread = _listed()
        if table is not None and table in _unread:
            _read_next(_unread, table)
        while _unread and (key is None or key not in _read[FALLBACK]):
            _read_next(_unread, next(iter(_unread)))
    return _read


def _entry(lang: Lang, key: str) -> Entry:
    strings = _strings(key)
    return strings[lang].get(key) or strings[FALLBACK][key]


def is_counted(key: str, table: str | None = None) -> bool:
    """Whether ``key`` has plural forms (look it up with :func:`tn`); ``table`` as for
    :func:`has_text`."""
    return isinstance(_strings(key, table)[FALLBACK][key], dict)


def counted_keys() -> list[str]:
    """Every key with plural forms (the tests check each one)."""
    return sorted(k for k, v in _strings()[FALLBACK].items() if isinstance(v, dict))


def has_text(key: str, table: str | None = None) -> bool:
    """Whether ``key`` is one of the interface's texts; ``table`` is the name of the
    strings file it would be in (``argparse``), read before the others."""
    return key in _strings(key, table)[FALLBACK]


def counted_template(lang: Lang, key: str, count: int) -> str:
    """The plural form of ``key`` that ``count`` needs, its ``{count}`` not filled in
    (for texts another formatter fills, such as argparse's)."""
    if key not in _strings(key)[lang]:
        lang = FALLBACK
    forms = _entry(lang, key)
    if isinstance(forms, str):
        raise TypeError(f"{key} has no plural forms: use t(lang, {key!r})")
    return forms[plural(lang, count)]


def t(lang: Lang, key: str, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` fields filled in."""
    text = _entry(lang, key)
    if isinstance(text, dict):
        raise TypeError(f"{key} has plural forms: use tn(lang, {key!r}, count)")
    return text.format(**values) if values else text


def tn(lang: Lang, key: str, count: int, **values: object) -> str:
    """The counted text ``key`` in ``lang`` for ``count``: the plural form the number
    needs, with ``{count}`` and the other ``{name}`` fields filled in.

    ``tn("en", "plan_review_in", 1, date=...)`` -> "Review in 1 day (…)".
    """
    if key not in _strings(key)[lang]:
        lang = "en"  # the English forms, chosen by the English rule
    forms = _entry(lang, key)
    if isinstance(forms, str):
        raise TypeError(f"{key} has no plural forms: use t(lang, {key!r})")
    return forms[plural(lang, count)].format(count=count, **values)


def date_text(lang: Lang, day: dt.date) -> str:
    """A date written the reader's way: "14 Dec 2026", "14 декабря 2026" (files keep ISO)."""
    month = t(lang, f"month_{day.month}")
    return t(lang, "date_format", day=day.day, month=month, year=f"{day.year:04d}")


def datetime_text(lang: Lang, moment: dt.datetime) -> str:
    """A date and time of day: "14 Dec 2026, 09:30", "14 декабря 2026, 09:30"."""
    return t(lang, "datetime_format", date=date_text(lang, moment.date()), time=f"{moment:%H:%M}")


def number_text(lang: Lang, value: Decimal | int, places: int = 0) -> str:
    """A number with ``places`` decimals, grouped the reader's way: "1,234.50" in English,
    "1 234,50" in Russian (a no-break space between groups)."""
    text = f"{value:,.{places}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def duration_text(lang: Lang, minutes: int) -> str:
    """``95`` as "1 h 35 min" / "1 ч 35 мин" (units, so no plural forms)."""
    h, m = divmod(minutes, 60)
    if h:
        return t(lang, "duration_hours_minutes", hours=h, minutes=m)
    return t(lang, "duration_minutes", minutes=m)


def when_text(lang: Lang, days_left: int) -> str:
    """When, from the days left: "today", "in 3 days", "2 days ago" / "через 21 день"."""
    if days_left == 0:
        return t(lang, "when_today")
    if days_left > 0:
        return tn(lang, "when_in_days", days_left)
    return tn(lang, "when_days_ago", -days_left)
