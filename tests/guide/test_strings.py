"""The interface's words: every key in both languages, no key defined twice, and every
counted string with proper plural forms."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from guide.i18n import (
    LANGS,
    PLURAL_FORMS,
    StringsError,
    counted_keys,
    date_text,
    datetime_text,
    load_strings,
    plural,
    t,
    tn,
)
from guide.paths import content_dir
from guide.rate import money_text

NUMBERS = (0, 1, 2, 5, 11, 21, 22, 25, 111)


def files() -> dict[str, dict[str, dict[str, object]]]:
    return {
        p.name: tomllib.loads(p.read_text(encoding="utf-8"))
        for p in sorted((content_dir() / "strings").rglob("*.toml"))
    }


def fields(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {name for text in texts for name in re.findall(r"{(\w+)}", str(text))}


def test_every_key_exists_in_both_languages_with_the_same_fields() -> None:
    for name, data in files().items():
        en, ru = data["en"], data["ru"]
        assert set(en) == set(ru), f"{name}: {set(en) ^ set(ru)}"
        for key in en:
            assert fields(en[key]) == fields(ru[key]), key


def test_no_key_is_defined_in_two_files() -> None:
    seen: dict[str, str] = {}
    for name, data in files().items():
        for key in data["en"]:
            assert key not in seen, f"{key} in {name} and {seen.get(key)}"
            seen[key] = name


def test_lookup_fills_fields() -> None:
    assert t("ru", "search_none") == "Ничего не найдено."
    assert set(LANGS) == {"en", "ru"}


# --- plurals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "form"),
    [
        *[(0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many")],
        *[(12, "many"), (14, "many"), (21, "one"), (22, "few"), (25, "many"), (101, "one")],
        *[(111, "many"), (112, "many"), (122, "few"), (1001, "one"), (-1, "one")],
    ],
)
def test_russian_plural_rule(n: int, form: str) -> None:
    assert plural("ru", n) == form


def test_english_plural_rule() -> None:
    assert [plural("en", n) for n in NUMBERS] == ["other", "one", *["other"] * 7]


def test_the_data_has_counted_strings() -> None:
    # Discovered from the files, so a new counted string is checked without listing it.
    assert {"search_count", "plan_review_in", "home_articles"} <= set(counted_keys())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", counted_keys())
def test_every_counted_string_for_every_number(lang: str, key: str) -> None:
    values = {name: f"<{name}>" for name in fields(files_entry(lang, key)) - {"count"}}
    texts = {n: tn(lang, key, n, **values) for n in NUMBERS}  # type: ignore[arg-type]
    for n, text in texts.items():
        assert re.search(rf"(?<!\d){n}(?!\d)", text), (key, n, text)
        assert "{" not in text and "}" not in text, text
    # Numbers of one category share a form and the categories differ from each other.
    by_form: dict[str, set[str]] = {}
    for n, text in texts.items():
        shape = re.sub(rf"(?<!\d){n}(?!\d)", "#", text)
        by_form.setdefault(plural(lang, n), set()).add(shape)  # type: ignore[arg-type]
    assert set(by_form) == set(PLURAL_FORMS[lang])  # type: ignore[index]
    assert all(len(shapes) == 1 for shapes in by_form.values()), by_form
    assert len({next(iter(s)) for s in by_form.values()}) == len(by_form), by_form


def files_entry(lang: str, key: str) -> object:
    for data in files().values():
        if key in data[lang]:
            return data[lang][key]
    raise KeyError(key)


def test_nouns_are_written_out() -> None:
    assert tn("ru", "when_in_days", 21) == "через 21 день"
    assert tn("ru", "when_in_days", 2) == "через 2 дня"
    assert tn("ru", "when_in_days", 5) == "через 5 дней"
    assert tn("ru", "home_articles", 1) == "1 статья"
    assert tn("ru", "milestones_left", 3, total=5).startswith("осталось 3 вехи")
    assert tn("en", "search_count", 1).startswith("1 article found")
    assert tn("en", "plan_review_in", 1, date="x") == "Review in 1 day (x)"


def test_counted_and_plain_lookups_are_not_mixed() -> None:
    with pytest.raises(TypeError, match="tn"):
        t("en", "search_count")
    with pytest.raises(TypeError, match="t\\("):
        tn("en", "search_none", 2)


def test_wrong_plural_forms_are_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[en]\nx = { one = "a", other = "b" }\n[ru]\nx = { one = "a", other = "b" }\n',
        encoding="utf-8",
    )
    with pytest.raises(StringsError, match=r"bad.toml: \[ru\] x: .*one, few, many"):
        load_strings(tmp_path)


# --- dates and money -------------------------------------------------------------------------


def test_dates_the_readers_way() -> None:
    day = dt.date(2026, 12, 14)
    assert date_text("en", day) == "14 Dec 2026"
    assert date_text("ru", day) == "14 декабря 2026"
    assert datetime_text("ru", dt.datetime(2026, 3, 1, 9, 5)) == "1 марта 2026, 09:05"


@pytest.mark.parametrize(
    ("value", "currency", "en", "ru"),
    [
        ("4.34", "USD", "$4.34", "4,34\u00a0$"),
        ("1234.5", "EUR", "€1,234.50", "1\u00a0234,50\u00a0€"),
        ("12.505", "CHF", "12.51\u00a0CHF", "12,51\u00a0CHF"),
        ("0", "RUB", "₽0.00", "0,00\u00a0₽"),
    ],
)
def test_money_the_readers_way(value: str, currency: str, en: str, ru: str) -> None:
    assert money_text(Decimal(value), currency, "en") == en
    assert money_text(Decimal(value), currency, "ru") == ru
    assert money_text(None, currency, "ru") == "—"


def test_every_literal_call_site_uses_the_right_lookup() -> None:
    # A counted string looked up with t() (or a plain one with tn()) fails only when shown.
    root = content_dir().parent
    plain_keys = {
        k for data in files().values() for k, v in data["en"].items() if isinstance(v, str)
    }
    counted = set(counted_keys())
    calls = re.compile(r"\b(tn?)\(\s*[\w.]+,\s*[\"'](\w+)[\"']")
    found = 0
    for source in [*root.glob("guide/*.py"), *root.glob("screens/**/*.py")]:
        for lookup, key in calls.findall(source.read_text(encoding="utf-8")):
            found += 1
            wanted = counted if lookup == "tn" else plain_keys
            assert key in wanted, f"{source.name}: {lookup}(…, {key!r})"
    assert found > 100


# --- read when asked for ---------------------------------------------------------------------

# In a fresh process, every key of every file in the reverse order (so each lookup reads a
# file the one before didn't need), in each language: the text is the file's own.
LAZY_LOOKUPS = """
import json, sys
from guide.i18n import LANGS, _entry, has_text
files = json.loads(sys.stdin.read())
wrong = []
for name, data in reversed(list(files.items())):
    for key in data["en"]:
        for lang in LANGS:
            if not has_text(key) or _entry(lang, key) != data[lang].get(key, data["en"][key]):
                wrong.append((name, lang, key))
print(json.dumps(wrong))
"""


def test_strings_read_as_they_are_asked_for_are_every_file_s_own() -> None:
    shown = json.dumps(files(), ensure_ascii=False)
    result = subprocess.run(
        [sys.executable, "-c", LAZY_LOOKUPS],
        input=shown,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout) == []


READ_BY = """
import sys
import guide.i18n
from guide.cli import main
main(sys.argv[1:])
print(sorted(set(guide.i18n._listed()) - set(guide.i18n._unread or ())))
"""


@pytest.mark.parametrize(
    ("args", "read"),
    [
        (["--lang", "en", "check", "PLAN"], ["cli"]),
        (["--lang", "ru", "check", "PLAN"], ["argparse", "cli"]),  # argparse's own words
        (["--lang", "en", "check", "NOTHING"], ["cli", "problems"]),
    ],
)
def test_a_command_reads_only_the_strings_it_shows(args: list[str], read: list[str]) -> None:
    plan = str(content_dir().parent / "examples" / "plan.toml")
    argv = [{"PLAN": plan, "NOTHING": plan + ".missing"}.get(arg, arg) for arg in args]
    result = subprocess.run(
        [sys.executable, "-c", READ_BY, *argv], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == repr(read), result.stderr


def test_the_file_every_run_reads_first_has_no_words_of_the_exports() -> None:
    # Every command reads cli.toml (its parser's words); the summary, Markdown and
    # iCalendar words are in export.toml, read only when an export shows them (check
    # parses about a third less TOML).
    strings = content_dir() / "strings"
    cli = tomllib.loads((strings / "cli.toml").read_text("utf-8"))
    export = tomllib.loads((strings / "export.toml").read_text("utf-8"))
    source = (Path(__file__).parents[2] / "guide" / "export.py").read_text("utf-8")
    for key in ("show_review", "md_profile", "ics_review_summary"):
        assert f'"{key}"' in source or f"'{key}'" in source
        assert all(key in export[lang] and key not in cli[lang] for lang in ("en", "ru"))
