"""The search's knowledge of words, kept as data in ``content/``: stop words and light
(question) words, synonyms with abbreviations and transliterations, and the endings cut
after the Snowball stemmer so that word families meet.

- ``search_stopwords.toml``: words never indexed nor searched (top level), and ``[light]``
  words that match but weigh little and that a result need not contain.
- ``search_synonyms.toml``: ``[[same]]`` groups of words and phrases for one thing.
- ``search_endings.toml``: per script, endings cut from a Snowball stem.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guide.content import ContentError, read_toml
from guide.i18n import LANGS
from guide.paths import content_dir

STOPWORDS_FILE = "search_stopwords.toml"
SYNONYMS_FILE = "search_synonyms.toml"
ENDINGS_FILE = "search_endings.toml"
WORD = re.compile(r"[^\W_]+")
CYRILLIC = re.compile(r"[а-яё]")
LATIN = re.compile(r"[a-z]")
MIN_STEMMED = 3  # shorter words are their own stem


def fold(word: str) -> str:
    """The form the index keys a word by: case-folded, ё→е, typographic apostrophe plain."""
    return word.casefold().replace("ё", "е").replace("’", "'")


def script(key: str) -> str | None:
    """``ru`` for a Cyrillic word, ``en`` for a Latin one, None for numbers."""
    if CYRILLIC.search(key):
        return "ru"
    if LATIN.search(key):
        return "en"
    return None


@dataclass(frozen=True)
class Ending:
    """Cut ``pattern`` from the end of a stem when at least ``keep`` letters stay."""

    pattern: re.Pattern[str]
    keep: int


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    # Each group: its members, each a tuple of folded words ("mechanical", "turk").
    synonyms: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # Members written in capitals that fold to a stop word ("ПО"): matched as typed.
    capitals: frozenset[str] = frozenset()
    endings: dict[str, tuple[Ending, ...]] = field(default_factory=dict)


def load_stopwords(root: Path | None = None) -> frozenset[str]:
    """The stop words of both languages from ``search_stopwords.toml``, folded."""
    data = read_toml((root or content_dir()) / STOPWORDS_FILE)
    return frozenset(fold(word) for lang in LANGS for word in data.get(lang, []))


def load_lexicon(root: Path | None = None) -> Lexicon:
    """Everything the search knows about words, from the three data files."""
    root = root or content_dir()
    stop_data = read_toml(root / STOPWORDS_FILE)
    stopwords = frozenset(fold(w) for lang in LANGS for w in stop_data.get(lang, []))
    light_data = stop_data.get("light", {})
    light = frozenset(fold(w) for lang in LANGS for w in light_data.get(lang, []))
    synonyms, capitals = _synonyms(read_toml(root / SYNONYMS_FILE), stopwords, root)
    endings = _endings(read_toml(root / ENDINGS_FILE), root)
    return Lexicon(stopwords, light, synonyms, capitals, endings)


def _synonyms(
    data: dict[str, Any], stopwords: frozenset[str], root: Path
) -> tuple[tuple[tuple[tuple[str, ...], ...], ...], frozenset[str]]:
    groups = []
    capitals = set()
    for n, entry in enumerate(data.get("same", []), 1):
        words = entry.get("words") if isinstance(entry, dict) else None
        if (
            not isinstance(words, list)
            or len(words) < 2
            or not all(isinstance(w, str) and WORD.search(w) for w in words)
        ):
            raise ContentError([f"{root / SYNONYMS_FILE}: group {n}: needs 2+ words"])
        members = []
        for phrase in words:
            if phrase.isupper() and fold(phrase) in stopwords:
                capitals.add(phrase)
            parts = tuple(fold(w) for w in WORD.findall(phrase))
            content = tuple(w for w in parts if w not in stopwords) or parts
            members.append(content)
        groups.append(tuple(members))
    return tuple(groups), frozenset(capitals)


def _endings(data: dict[str, Any], root: Path) -> dict[str, tuple[Ending, ...]]:
    rules: dict[str, tuple[Ending, ...]] = {}
    for lang in ("ru", "en"):
        found = []
        for n, rule in enumerate(data.get(lang, []), 1):
            try:
                found.append(Ending(re.compile(f"(?:{rule['ending']})$"), int(rule["keep"])))
            except (KeyError, TypeError, ValueError, re.error) as error:
                where = f"{root / ENDINGS_FILE}: {lang} rule {n}"
                raise ContentError([f"{where}: {error}"]) from error
        rules[lang] = tuple(found)
    return rules


# The snowballstemmer package's folder, imported under a parent package of this name.
SNOWBALL_PACKAGE = "_remote_guide_snowball"


def snowball(language: str) -> Any:
    """The pure-Python Snowball stemmer for ``language``, importing only its own module.

    ``import snowballstemmer`` imports all of its 36 generated stemmers: 3.4 MB of the
    app's memory for the two the search uses. Each generated module needs only the
    package's base classes (relative imports), so the package's folder is given a parent
    package of its own (``SNOWBALL_PACKAGE``, whose ``__init__`` runs nothing) and only
    the language's module is imported from it: the same code, the same stems. A
    snowballstemmer laid out otherwise is imported whole, as before.
    """
    module = _snowball_module(f"{language}_stemmer")
    if module is None:
        import snowballstemmer  # type: ignore[import-untyped]

        return snowballstemmer.stemmer(language)
    return getattr(module, f"{language.capitalize()}Stemmer")()


def _snowball_module(name: str) -> Any:
    if SNOWBALL_PACKAGE not in sys.modules:
        found = importlib.util.find_spec("snowballstemmer")  # finds it, runs nothing
        if found is None or not found.submodule_search_locations:
            return None
        spec = importlib.util.spec_from_loader(SNOWBALL_PACKAGE, None, is_package=True)
        assert spec is not None and spec.submodule_search_locations is not None
        spec.submodule_search_locations[:] = found.submodule_search_locations
        sys.modules.setdefault(SNOWBALL_PACKAGE, importlib.util.module_from_spec(spec))
    try:
        return importlib.import_module(f"{SNOWBALL_PACKAGE}.{name}")
    except ImportError:
        return None


class Stemmer:
    """Snowball stems, Russian for Cyrillic words and English for Latin ones, with the
    data's endings cut after, cached. A stem stays a prefix of its word (in English
    nearly so: "happy" → "happi" → "happ")."""

    def __init__(self, endings: dict[str, tuple[Ending, ...]] | None = None) -> None:
        self._stemmers = {"ru": snowball("russian"), "en": snowball("english")}
        self._endings = endings or {}
        self._cache: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        stem = self._cache.get(key)
        if stem is None:
            stem = self._cache[key] = self._stem(key)
        return stem

    def _stem(self, key: str) -> str:
        lang = script(key)
        if lang is None or len(key) < MIN_STEMMED:
            return key
        stem: str = self._stemmers[lang].stemWord(key)
        for rule in self._endings.get(lang, ()):
            match = rule.pattern.search(stem)
            if match:
                return stem[: match.start()] if match.start() >= rule.keep else stem
        return stem
