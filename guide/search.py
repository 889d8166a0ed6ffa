"""Full-text search over the whole guide, in English and Russian, as the reader types.

How it works, in short:

- Text is cut into words with a Unicode-aware regex, case-folded and ё→е folded. A hyphenated
  word is indexed as its parts and also joined ("wi-fi" → "wi", "fi", "wifi").
- The index is keyed by these folded *surface* words, so building it needs no stemming and
  stays fast. A query word is stemmed with Snowball (Russian for Cyrillic, English for Latin,
  whatever the article's language), with a few endings cut after it from data
  (``search_endings.toml``: "налоговый" meets "налог"), and matches every indexed word with
  the same stem; those are found through the sorted vocabulary (a stem is a prefix of its
  word, or in English nearly so) and stemmed on demand, with a cache.
- A query word also matches its synonyms, abbreviations and transliterations
  (``search_synonyms.toml``: "ПО" → "софт", "программы"; "Толока" → "Toloka"), a little
  below the word itself; a phrase of the data found in the query ("программное
  обеспечение") lends its synonyms to each of its words.
- The last query word, while it is being typed, also matches the longer words it begins.
- Ranking is BM25 with each field length-normalised on its own (BM25F) and two saturations
  per query word, added up: one for the title, tags and the questions the article declares,
  weighted 3, and one for the text, where a word in the summary or a heading counts twice
  one in the body. So a title, tag or question match outweighs any amount of body text.
  Documents matching more of the query's words, and matching them close together (minimum
  window over positions), are preferred. Question words and fillers (the ``[light]`` words
  of ``search_stopwords.toml``: "стоит", "best") weigh a fifth and need not match.
- A query that covers the title or one of the declared questions (share of the query's
  words found there times share of its words matched, a little more when they come in the
  query's order) multiplies the score by up to 1 + COVERAGE_BOOST: the article whose own
  question the reader typed comes first.
- A word of 5+ letters that matches nothing is corrected: one edit (Damerau-Levenshtein
  distance 1) against the vocabulary, or else against the stems of the vocabulary, or else,
  for 8+ letters, two edits against the words that begin with the same two letters; the
  corrected query is what ``suggestion`` returns.
- Results in the requested language come first; articles found only in the other language
  follow, marked ``other_language``.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from guide.articles import Guide
from guide.content import Article
from guide.i18n import LANGS, Lang
from guide.lexicon import Lexicon, Stemmer, fold, load_lexicon, script
from guide.lexicon import load_stopwords as load_stopwords  # part of this module's API

TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# The fields of a document and their BM25 length normalisation.
TITLE, TAGS, SUMMARY, HEADING, BODY, QUESTIONS = range(6)
FIELDS = range(6)
FIELD_B = (0.3, 0.3, 0.5, 0.5, 0.75, 0.3)
# Fields that share one BM25 saturation, with their weights inside it, and the channel's
# weight: a title or tag match counts well above any amount of text, and the summary and
# headings above the body.
CHANNELS: tuple[tuple[tuple[tuple[int, float], ...], float], ...] = (
    (((TITLE, 1.0), (TAGS, 1.0), (QUESTIONS, 1.0)), 3.0),
    (((SUMMARY, 2.0), (HEADING, 2.0), (BODY, 1.0)), 1.0),
)
K1 = 1.2
GAP = 16  # positions left empty between fields, tags and blocks: no proximity across them

STOP, COMPOUND = -2, -3  # markers in the token memo
PREFIX_MIN = 3  # the word being typed matches longer words from this many letters
PREFIX_MAX_TERMS = 40  # at most this many (the most frequent) longer words
PREFIX_WEIGHT = 0.5  # a longer word counts this much when the typed word is itself a word
STEM_WEIGHT = 0.8  # another word with the same stem counts this much (the word itself: 1)
SYNONYM_WEIGHT = 0.7  # a synonym of the word (search_synonyms.toml) counts this much
LIGHT_WEIGHT = 0.2  # a question word or filler (the [light] stop words) counts this much
# A title or declared question that the query covers, as share of the query's words times
# share of the title's words (1 = the same words), multiplies the score by up to 1 + this.
COVERAGE_BOOST = 2.0
ORDER_BOOST = 0.25  # ...and up to this more when the words come in the query's order
FUZZY_MIN = 5  # words this long get one-typo correction...
FUZZY_MAX = 30  # ...up to this long
FUZZY2_MIN = 8  # words this long get two typos corrected, when one is not enough...
FUZZY2_PREFIX = 2  # ...among words that begin with the same this many letters
MAX_QUERY_WORDS = 32  # the rest of a pasted paragraph is ignored
COORDINATION = 1.0  # score × (matched words / query words) ** COORDINATION
PROXIMITY = 2.0  # bonus for query words next to each other, less as they spread
PHRASE = 1.0  # bonus for neighbouring query words side by side, in the query's order
CANDIDATES = 60  # documents re-ranked with the proximity bonus
CACHE_LIMIT = 50_000
SNIPPET_WORDS = 20
SNIPPET_LEAD = 5  # words shown before the first match
ALPHABETS = {"ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя", "en": "abcdefghijklmnopqrstuvwxyz"}


@dataclass(frozen=True)
class Hit:
    article_id: str
    lang: Lang
    title: str
    section_id: str
    score: float
    block: int  # index into Article.blocks of the best/first match
    snippet: tuple[tuple[str, bool], ...]  # text runs; True = a matched word to highlight
    terms: tuple[str, ...]  # the words in that article that matched, lower-case, as written
    other_language: bool  # True when the hit is from the other language


# A Markdown link, "[text](https://...)": the reader sees the text, not the brackets or the
# address, so the index skips the address and snippets show neither. Blanked to spaces, not
# cut, so that character offsets (word positions, snippets) still match the block.
LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def mask_link_targets(text: str) -> str:
    """``text`` with each link's brackets and address replaced by spaces of equal length."""
    return LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group()) - len(m.group(1)) - 1), text)


def osa_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or
    swap of two neighbouring letters (Damerau-Levenshtein distance ≤ 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] + a[i : i + 1] == b[i : i + 2]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def osa_distance(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (insertions, deletions,
    substitutions, swaps of neighbours), or ``limit + 1`` once it is sure to exceed it."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return previous[-1]


def edits1(word: str, alphabet: str) -> set[str]:
    """Every string one edit (Damerau-Levenshtein) away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in alphabet}
    inserts = {a + c + b for a, b in splits for c in alphabet}
    return (deletes | swaps | replaces | inserts) - {word}


def split_token(raw: str) -> tuple[list[tuple[int, str]], str]:
    """The parts of a token with their offsets, and the joined key of a hyphenated token
    ('' for a plain one)."""
    parts: list[tuple[int, str]] = []
    offset = 0
    for piece in raw.split("-"):
        parts.append((offset, piece))
        offset += len(piece) + 1
    return parts, fold(raw.replace("-", "")) if len(parts) > 1 else ""


# A word of a text as the snippet shows it: start, end, term id, the term id of the whole
# hyphenated word it is part of (or STOP), and where that whole word starts.
_Span = tuple[int, int, int, int, int]


class _Spans:
    """The spans of a block's words, five ints each in one flat array: about 20 bytes a
    word where a tuple of five ints costs about 150 (every block of the guide as tuples:
    7.6 MB once a long session of searching has shown most of them)."""

    __slots__ = ("_flat",)

    def __init__(self, spans: Iterator[_Span]) -> None:
        self._flat = array("i", itertools.chain.from_iterable(spans))

    def __len__(self) -> int:
        return len(self._flat) // 5

    def window(self, start: int, stop: int) -> list[_Span]:
        """The spans from ``start`` to ``stop`` (clipped to the words there are)."""
        flat = self._flat
        stop = min(stop, len(self))
        return [
            (flat[i], flat[i + 1], flat[i + 2], flat[i + 3], flat[i + 4])
            for i in range(5 * start, 5 * stop, 5)
        ]


class _Occurrences:
    """Where each term occurs in one field of one document, in three flat arrays (a dict
    of a small array per term took about four times the memory): the term ids, sorted;
    where each term's positions end; the positions, term after term, each term's sorted."""

    __slots__ = ("ends", "positions", "tids")

    def __init__(self, occ: dict[int, list[int]]) -> None:
        tids = sorted(occ)
        self.tids = array("I", tids)
        self.positions = array("I", [p for tid in tids for p in occ[tid]])
        self.ends = array("I", itertools.accumulate(len(occ[tid]) for tid in tids))

    def get(self, tid: int) -> array[int] | None:
        """The positions of ``tid``, or None if it doesn't occur."""
        i = bisect_left(self.tids, tid)
        if i == len(self.tids) or self.tids[i] != tid:
            return None
        return self.positions[self.ends[i - 1] if i else 0 : self.ends[i]]

    def counts(self) -> Iterator[tuple[int, int]]:
        """(term id, how many times it occurs), by term id."""
        return zip(self.tids, map(operator.sub, self.ends, [0, *self.ends[:-1]]), strict=True)


class _Postings:
    """Per term of one field: the documents it occurs in, in order, and the term's
    length-normalised count in each; flat arrays indexed through ``starts`` (a dict of
    dicts took about three times the memory). Counts are doubles: the same figures."""

    __slots__ = ("docs", "starts", "tfs")

    def __init__(self, field: int, docs: list[_Doc], norms: list[float], terms: int) -> None:
        # Filled in place, in two passes, so that building holds no list per term.
        counts = [0] * terms
        for doc in docs:
            for tid in doc.occ[field].tids:
                counts[tid] += 1
        self.starts = array("I", [0, *itertools.accumulate(counts)])
        self.docs = array("I", bytes(4 * self.starts[-1]))
        self.tfs = array("d", bytes(8 * self.starts[-1]))
        cursor = list(self.starts[:-1])
        for d, (doc, norm) in enumerate(zip(docs, norms, strict=True)):
            for tid, tf in doc.occ[field].counts():
                i = cursor[tid]
                self.docs[i], self.tfs[i] = d, tf / norm
                cursor[tid] = i + 1

    def get(self, tid: int) -> Iterator[tuple[int, float]] | None:
        """(document, count) for ``tid``, or None if it occurs in no document."""
        if tid + 1 >= len(self.starts):
            return None
        a, b = self.starts[tid], self.starts[tid + 1]
        return zip(self.docs[a:b], self.tfs[a:b], strict=True) if a < b else None


@dataclass(frozen=True)
class _Doc:
    article: Article
    block_starts: tuple[int, ...]  # the position of each block's first word
    occ: tuple[_Occurrences, ...]  # per field: term → positions
    # The words (no stop words) of the title and of each declared question, in order:
    # what the query's coverage is measured against.
    units: tuple[tuple[int, ...], ...]


@dataclass
class _Group:
    """The index terms that one query word matches, with their weights."""

    key: str
    terms: dict[int, float]
    corrected: str | None = None
    light: bool = False  # a question word or filler: weighs little, need not match


@dataclass
class _Scored:
    scores: dict[int, float]
    matched: dict[int, int]  # how many query words each document matched


class SearchIndex:
    """An in-memory index of every article of a ``Guide``, in both languages.

    ``build`` takes about 50 ms for the shipped guide and may run in a worker thread.
    Searching fills caches (stems, query words, snippet spans), so search from one thread
    at a time.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._stopwords = lexicon.stopwords
        self._stem = Stemmer(lexicon.endings)
        self._docs: list[_Doc] = []
        self._vocab: dict[str, int] = {}  # folded word → term id
        self._words: list[str] = []  # term id → folded word
        self._spelling: list[str] = []  # term id → the word as first written, lower-case
        self._freq: list[int] = []  # term id → occurrences in the whole guide
        self._sorted: list[str] = []  # the vocabulary, sorted, for prefix look-ups
        self._postings: tuple[_Postings, ...] = ()  # per field, made by _finish
        self._light: set[int] = set()  # term ids of light words
        self._memo: dict[str, int] = {}  # case-folded token → term id, STOP or COMPOUND
        self._compounds: dict[str, tuple[int, ...]] = {}  # joined id, then the parts' ids
        self._stem_groups: dict[str, tuple[int, ...]] = {}
        self._groups: dict[tuple[str, bool], _Group] = {}
        self._spans: dict[tuple[int, int | None], _Spans] = {}
        self._synonym_stems: dict[str, list[int]] | None = None  # stem → synonym groups
        self._synonym_cache: dict[tuple[int, tuple[str, ...]], dict[int, float]] = {}

    # --- building -----------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        guide: Guide,
        stopwords: frozenset[str] | None = None,
        lexicon: Lexicon | None = None,
    ) -> SearchIndex:
        """Index every article of ``guide``, both languages, in reading order. The word
        data comes from ``lexicon`` (by default the shipped one); ``stopwords``, when
        given, replaces its stop words."""
        lexicon = lexicon or load_lexicon()
        if stopwords is not None:
            lexicon = replace(lexicon, stopwords=stopwords)
        index = cls(lexicon)
        lengths = [index._add_doc(a) for lang in LANGS for a in guide.all(lang)]
        index._finish(lengths)
        return index

    def _add_doc(self, article: Article) -> list[int]:
        """Index one article; return the length of each of its fields."""
        occ: tuple[dict[int, list[int]], ...] = tuple({} for _ in FIELDS)
        lengths = [0 for _ in FIELDS]
        pos = self._add_text(occ[TITLE], article.title, 0)
        lengths[TITLE] = pos
        for tag in article.tags:
            start = pos + GAP
            pos = self._add_text(occ[TAGS], tag, start)
            lengths[TAGS] += pos - start
        for question in article.questions:
            start = pos + GAP
            pos = self._add_text(occ[QUESTIONS], question, start)
            lengths[QUESTIONS] += pos - start
        pos += GAP
        pos = self._add_text(occ[SUMMARY], article.summary, start := pos)
        lengths[SUMMARY] = pos - start
        starts = []
        for block in article.blocks:
            pos += GAP
            starts.append(pos)
            heading, _, rest = block.partition("\n") if block.startswith("#") else ("", "", block)
            pos = self._add_text(occ[HEADING], heading, start := pos)
            lengths[HEADING] += pos - start
            pos = self._add_text(occ[BODY], mask_link_targets(rest), start := pos)
            lengths[BODY] += pos - start
        packed = tuple(_Occurrences(field) for field in occ)
        units = tuple(self._unit(text) for text in (article.title, *article.questions))
        self._docs.append(_Doc(article, tuple(starts), packed, units))
        return lengths

    def _unit(self, text: str) -> tuple[int, ...]:
        """The words of an indexed title or question, in order, without stop words."""
        tids: list[int] = []
        for raw in TOKEN.findall(text.casefold()):
            tid = self._memo[raw]
            parts = self._compounds[raw][1:] if tid == COMPOUND else (tid,)
            tids += [t for t in parts if t >= 0]
        return tuple(tids)

    def _add_text(self, occ: dict[int, list[int]], text: str, pos: int) -> int:
        """Record the positions of the words of ``text`` from ``pos``; return the next."""
        memo = self._memo
        for raw in TOKEN.findall(text.casefold()):
            tid = memo.get(raw)
            if tid is None:
                tid = self._analyse(raw)
            if tid >= 0:
                positions = occ.get(tid)
                if positions is None:
                    occ[tid] = [pos]
                else:
                    positions.append(pos)
            elif tid == COMPOUND:
                pos = self._add_compound(occ, raw, pos)
                continue
            pos += 1
        return pos

    def _add_compound(self, occ: dict[int, list[int]], raw: str, pos: int) -> int:
        """A hyphenated word: its joined form at its first part, then each part."""
        joined, *parts = self._compounds[raw]
        if joined >= 0:
            occ.setdefault(joined, []).append(pos)
        for tid in parts:
            if tid >= 0:
                occ.setdefault(tid, []).append(pos)
            pos += 1
        return pos

    def _analyse(self, raw: str) -> int:
        """Add a case-folded token to the memo and the vocabulary."""
        if "-" not in raw:
            tid = self._memo[raw] = self._term(raw)
            return tid
        parts, _ = split_token(raw)
        self._compounds[raw] = (self._term(raw), *(self._term(piece) for _, piece in parts))
        self._memo[raw] = COMPOUND
        return COMPOUND

    def _term(self, spelling: str) -> int:
        key = fold(spelling).replace("-", "")
        if key == spelling:
            key = spelling  # the token's own string, kept by the memo: one string, not two
        if key in self._stopwords:
            return STOP
        tid = self._vocab.get(key)
        if tid is None:
            tid = self._vocab[key] = len(self._words)
            if key in self._lexicon.light:
                self._light.add(tid)
            self._words.append(key)
            self._spelling.append(key if spelling == key else spelling)  # one string, not two
            self._freq.append(0)
        return tid

    def _finish(self, lengths: list[list[int]]) -> None:
        count = max(len(lengths), 1)
        averages = [max(sum(doc[f] for doc in lengths) / count, 1.0) for f in FIELDS]
        freq = self._freq
        for doc in self._docs:
            for occ in doc.occ:
                for tid, tf in occ.counts():
                    freq[tid] += tf
        norms = [
            [1 - FIELD_B[f] + FIELD_B[f] * doc_lengths[f] / averages[f] for doc_lengths in lengths]
            for f in FIELDS
        ]
        self._postings = tuple(_Postings(f, self._docs, norms[f], len(freq)) for f in FIELDS)
        self._sorted = sorted(self._vocab)

    # --- query words --------------------------------------------------------------------

    def _query_words(self, query: str) -> list[tuple[int, int, str, bool]]:
        """(start, end, key, being typed) for each word of the query that is not a stop
        word, without repeats. A hyphenated word counts as its parts."""
        words: list[tuple[int, int, str, bool]] = []
        seen: set[str] = set()
        capitals = self._lexicon.capitals  # "ПО" is an abbreviation, "по" a stop word
        for match in TOKEN.finditer(query):
            parts, _ = split_token(match.group())
            for offset, piece in parts:
                key = fold(piece)
                start = match.start() + offset
                if key in seen or (key in self._stopwords and piece not in capitals):
                    continue
                seen.add(key)
                end = start + len(piece)
                words.append((start, end, key, end == len(query)))
        return words[:MAX_QUERY_WORDS]

    def _group(self, key: str, typing: bool) -> _Group:
        group = self._groups.get((key, typing))
        if group is None:
            if len(self._groups) > CACHE_LIMIT:
                self._groups.clear()
            group = self._groups[(key, typing)] = self._make_group(key, typing)
        return group

    def _make_group(self, key: str, typing: bool) -> _Group:
        """The terms a query word matches: its word forms and synonyms; while it is typed,
        the longer words it begins; failing all that, the correction of a typo."""
        terms = self._synonym_terms(self._stem(key))
        terms.update(self._exact_terms(key))
        light = key in self._lexicon.light
        if typing and len(key) >= PREFIX_MIN:
            weight = PREFIX_WEIGHT if terms else 1.0
            longer = [self._vocab[w] for w in self._with_prefix(key)]
            longer.sort(key=lambda tid: -self._freq[tid])
            for tid in longer[:PREFIX_MAX_TERMS]:
                terms.setdefault(tid, weight)
        if terms or not FUZZY_MIN <= len(key) <= FUZZY_MAX or script(key) is None:
            return _Group(key, terms, light=light)
        corrected = self._correct(key)
        if corrected is None:
            return _Group(key, {}, light=light)
        terms = self._synonym_terms(self._stem(corrected))
        terms.update(self._exact_terms(corrected))
        return _Group(key, terms, self._spelling[self._vocab[corrected]], light)

    def _synonym_terms(self, stem: str) -> dict[int, float]:
        """The indexed words of the synonyms of a word with stem ``stem``, if it is a
        one-word member of a synonym group."""
        terms: dict[int, float] = {}  # a new dict: the caller adds to it
        for group in self._synonym_index().get(stem, ()):
            if any(len(m) == 1 and self._stem(m[0]) == stem for m in self._lexicon.synonyms[group]):
                for tid, weight in self._synonym_terms_of_group(group, (stem,)).items():
                    terms.setdefault(tid, weight)
        return terms

    def _rarest(self, member: tuple[str, ...]) -> dict[int, float]:
        """The indexed forms of the word of ``member`` that the guide uses least (but
        uses)."""
        found = [terms for word in member if (terms := self._exact_terms(word))]
        return min(found, key=lambda t: sum(self._freq[tid] for tid in t), default={})

    def _synonym_index(self) -> dict[str, list[int]]:
        """Stem of a member's first word → the synonym groups with such a member; made on
        first use (stemming the data costs a few milliseconds)."""
        if self._synonym_stems is None:
            index: dict[str, list[int]] = {}
            for n, group in enumerate(self._lexicon.synonyms):
                for stem in sorted({self._stem(member[0]) for member in group}):
                    index.setdefault(stem, []).append(n)
            self._synonym_stems = index
        return self._synonym_stems

    def _phrase_terms(self, keys: list[str]) -> dict[int, dict[int, float]]:
        """Query word index → the terms of synonyms of a phrase that starts there
        ("программное обеспечение" → "софт"), for each word of the phrase."""
        stems = [self._stem(key) for key in keys]
        extra: dict[int, dict[int, float]] = {}
        for i, stem in enumerate(stems):
            for group in self._synonym_index().get(stem, ()):
                for member in self._lexicon.synonyms[group]:
                    size = len(member)
                    wanted = tuple(self._stem(word) for word in member)
                    if size < 2 or tuple(stems[i : i + size]) != wanted:
                        continue
                    terms = self._synonym_terms_of_group(group, wanted)
                    for j in range(i, i + size):
                        extra.setdefault(j, {}).update(terms)
        return extra

    def _synonym_terms_of_group(self, group: int, typed: tuple[str, ...]) -> dict[int, float]:
        """The indexed words of the members of a synonym group other than the one typed
        (given by its stems): a one-word member with its word forms, a phrase by its
        rarest word ("mechanical turk" by "turk")."""
        cached = self._synonym_cache.get((group, typed))
        if cached is None:
            cached = {}
            for member in self._lexicon.synonyms[group]:
                if tuple(self._stem(word) for word in member) != typed:
                    for tid in self._rarest(member):
                        cached.setdefault(tid, SYNONYM_WEIGHT)
            self._synonym_cache[(group, typed)] = cached
        return cached

    def _exact_terms(self, key: str) -> dict[int, float]:
        """The indexed words with the same stem as ``key``, and ``key`` itself."""
        lang = script(key)
        members = self._stem_members(self._stem(key), lang) if lang else ()
        terms = dict.fromkeys(members, STEM_WEIGHT)
        if key in self._vocab:
            terms[self._vocab[key]] = 1.0
        return terms

    def _stem_members(self, stem: str, lang: str) -> tuple[int, ...]:
        """Ids of the indexed words whose stem is ``stem``."""
        if len(stem) < 3:  # words this short are not stemmed
            return (self._vocab[stem],) if stem in self._vocab else ()
        found = self._stem_groups.get(stem)
        if found is None:
            # A Russian stem is a prefix of its word. An English one may end in a letter the
            # word does not have there: "happy" → "happi", "hoping" → "hope", "possibility"
            # → "possibl".
            prefix = stem[:-1] if lang == "en" and stem[-1] in "iel" else stem
            words = self._with_prefix(prefix, 400)
            found = tuple(self._vocab[w] for w in words if self._stem(w) == stem)
            if len(self._stem_groups) > CACHE_LIMIT:
                self._stem_groups.clear()
            self._stem_groups[stem] = found
        return found

    def _with_prefix(self, prefix: str, limit: int = 100_000) -> list[str]:
        lo = bisect_left(self._sorted, prefix)
        hi = bisect_right(self._sorted, prefix + "\U0010ffff", lo)
        return self._sorted[lo : min(hi, lo + limit)]

    def _correct(self, key: str) -> str | None:
        """The most frequent indexed word one edit away from ``key``; failing that, the most
        frequent word whose stem is one edit away from the stem of ``key``; failing that,
        for a long word, the most frequent word two edits away that starts the same."""
        lang = script(key) or "en"
        alphabet = ALPHABETS[lang]
        near = [w for w in edits1(key, alphabet) if w in self._vocab]
        if near:
            return max(near, key=lambda w: (self._freq[self._vocab[w]], w))
        stem = self._stem(key)
        if len(stem) < FUZZY_MIN - 1:
            return None
        # A candidate that only adds or drops letters at the end of the stem is the stemmer
        # cutting a different word differently ("торговаться", "торговая"), not a typo.
        candidates = [c for c in edits1(stem, alphabet) if not _extends(c, stem)]
        members = [tid for c in candidates for tid in self._stem_members(c, lang)]
        if not members:
            return self._correct_twice(key)
        return self._words[max(members, key=lambda tid: (self._freq[tid], self._words[tid]))]

    def _correct_twice(self, key: str) -> str | None:
        """A long word two typos away ("оборудываие"): compared only with the indexed
        words that share its first letters and nearly its length, so it stays cheap."""
        if len(key) < FUZZY2_MIN:
            return None
        near = [
            w
            for w in self._with_prefix(key[:FUZZY2_PREFIX], 5000)
            if abs(len(w) - len(key)) <= 2 and osa_distance(key, w, 2) <= 2
        ]
        return max(near, key=lambda w: (self._freq[self._vocab[w]], w), default=None)

    # --- searching ----------------------------------------------------------------------

    def search(self, query: str, lang: Lang, limit: int = 20) -> list[Hit]:
        """The best ``limit`` articles for ``query``: those in ``lang`` first, then the
        articles found only in the other language."""
        groups = [g for g in self._groups_for(query) if g.terms]
        if not groups or limit <= 0:
            return []
        scored = self._score(groups)
        here = [d for d in scored.scores if self._docs[d].article.lang == lang]
        found = {self._docs[d].article.id for d in here}
        there = [
            d
            for d in scored.scores
            if self._docs[d].article.lang != lang and self._docs[d].article.id not in found
        ]
        ranked = self._rank(here, scored, groups, limit)
        if len(ranked) < limit:
            ranked += self._rank(there, scored, groups, limit - len(ranked))
        return [self._hit(d, score, groups, lang) for d, score in ranked]

    def suggestion(self, query: str, lang: Lang) -> str | None:
        """The query with its misspelt words corrected ("did you mean"), or None."""
        del lang  # one vocabulary serves both languages
        fixes = [(s, e, g.corrected) for s, e, g in self._located_groups(query) if g.corrected]
        text = query
        for start, end, corrected in reversed(fixes):
            text = text[:start] + corrected + text[end:]
        return text if fixes else None

    def _located_groups(self, query: str) -> list[tuple[int, int, _Group]]:
        return [(s, e, self._group(key, typing)) for s, e, key, typing in self._query_words(query)]

    def _groups_for(self, query: str) -> list[_Group]:
        groups = [group for _, _, group in self._located_groups(query)]
        extra = self._phrase_terms([group.key for group in groups]) if len(groups) > 1 else {}
        for i, terms in extra.items():
            group = groups[i]
            groups[i] = replace(group, terms={**terms, **group.terms})
        return groups

    def _score(self, groups: list[_Group]) -> _Scored:
        """BM25 of every document matching a query word: one saturation per channel of
        fields, weighted and summed over channels and query words; then scaled by the share
        of the query's words the document matched."""
        total = len(self._docs)
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        certain: dict[int, int] = {}  # matched words that were not typo corrections
        for group in groups:
            per_field = self._group_tf(group)
            docs = set().union(*per_field)
            idf = math.log(1 + (total - len(docs) + 0.5) / (len(docs) + 0.5))
            for d in docs:
                matched[d] = matched.get(d, 0) + 1
                if group.corrected is None and not group.light:
                    certain[d] = certain.get(d, 0) + 1
            if group.light:
                idf *= LIGHT_WEIGHT
            for fields, channel_weight in CHANNELS:
                weight = idf * channel_weight * (K1 + 1)
                for d, tf in _combine(per_field, fields).items():
                    scores[d] = scores.get(d, 0.0) + weight * tf / (tf + K1)
        # A corrected word is a guess, and a light word a filler: they add to the score but
        # cost nothing when missing.
        expected = sum(1 for g in groups if g.corrected is None and not g.light)
        if expected:
            for d in scores:
                scores[d] *= (certain.get(d, 0) / expected) ** COORDINATION
        return _Scored(scores, matched)

    def _group_tf(self, group: _Group) -> list[dict[int, float]]:
        """Per field: document → weighted, length-normalised count of the group's words."""
        per_field: list[dict[int, float]] = []
        for postings in self._postings:
            tfs: dict[int, float] = {}
            for tid, weight in group.terms.items():
                posting = postings.get(tid)
                if posting is not None:
                    for d, tf in posting:
                        tfs[d] = tfs.get(d, 0.0) + weight * tf
            per_field.append(tfs)
        return per_field

    def _rank(
        self, docs: list[int], scored: _Scored, groups: list[_Group], limit: int
    ) -> list[tuple[int, float]]:
        """The best ``limit`` of ``docs``, the leaders re-ranked with the proximity bonus
        and the boost for a title or question the query covers."""
        scores = scored.scores
        top = heapq.nlargest(max(CANDIDATES, limit), docs, key=lambda d: (scores[d], -d))
        ranked = [
            (
                d,
                (scores[d] + self._proximity(d, scored, groups))
                * (1 + COVERAGE_BOOST * self._coverage(d, groups)),
            )
            for d in top
        ]
        ranked.sort(key=lambda item: (-item[1], item[0]))
        return ranked[:limit]

    def _coverage(self, d: int, groups: list[_Group]) -> float:
        """How well the query and the title or one of the declared questions of document
        ``d`` cover each other: the share of the query's words found there times the share
        of its words matched, raised a little when matched words follow the query's order;
        the best of them. Light words count LIGHT_WEIGHT on both sides, and a word matched
        through its stem, a synonym or a prefix counts that match's weight."""
        weights = [LIGHT_WEIGHT if g.light else 1.0 for g in groups]
        best = 0.0
        for unit in self._docs[d].units:
            # match[k][i]: how well unit word k matches query word i (0: not at all)
            match = [[g.terms.get(tid, 0.0) for g in groups] for tid in unit]
            found = [max((m[i] for m in match), default=0.0) for i in range(len(groups))]
            if not any(found):
                continue
            sizes = [LIGHT_WEIGHT if tid in self._light else 1.0 for tid in unit]
            covered = sum(size * max(m) for size, m in zip(sizes, match, strict=True))
            share = sum(w * f for w, f in zip(weights, found, strict=True)) / sum(weights)
            share *= covered / sum(sizes)
            if len(groups) > 1:
                pairs = sum(
                    1
                    for a, b in itertools.pairwise(match)
                    if any(a[i] and b[i + 1] for i in range(len(groups) - 1))
                )
                share *= 1 + ORDER_BOOST * pairs / (len(groups) - 1)
            best = max(best, share)
        return best

    def _proximity(self, d: int, scored: _Scored, groups: list[_Group]) -> float:
        """A bonus for the query's words close together (the smallest window holding one
        of each), and for neighbouring query words side by side in the query's order
        (a phrase: "управление персоналом", not "персонал ... управление")."""
        if scored.matched[d] < 2:
            return 0.0
        every = [self._positions(g, d) for g in groups]
        lists = [p for p in every if p]
        width = min_window(lists)[1]
        bonus = PROXIMITY * (len(lists) - 1) / (1 + (width - len(lists)) / 4)
        phrases = sum(
            1
            for a, b in itertools.pairwise(every)
            if a and b and not set(b).isdisjoint(q for p in a for q in (p + 1, p + 2))
        )
        return bonus + PHRASE * phrases / (len(groups) - 1)

    def _positions(self, group: _Group, d: int) -> list[int]:
        """Every position in document ``d`` of a word of ``group``, sorted."""
        found: list[int] = []
        for occ in self._docs[d].occ:
            for tid in group.terms:
                positions = occ.get(tid)
                if positions:
                    found.extend(positions)
        found.sort()
        return found

    # --- hits and snippets --------------------------------------------------------------

    def _hit(self, d: int, score: float, groups: list[_Group], lang: Lang) -> Hit:
        article = self._docs[d].article
        tids = {tid for g in groups for tid in g.terms}
        block, first = self._best_block(d, groups)
        return Hit(
            article_id=article.id,
            lang=article.lang,
            title=article.title,
            section_id=article.section,
            score=round(score, 4),
            block=block,
            snippet=self._snippet(d, None if first is None else block, tids, first or 0),
            terms=self._terms(d, tids),
            other_language=article.lang != lang,
        )

    def _terms(self, d: int, tids: set[int]) -> tuple[str, ...]:
        """The matched words of document ``d``, in the order they first appear."""
        firsts: dict[str, int] = {}
        for occ in self._docs[d].occ:
            for tid in sorted(tids):  # in a fixed order: equal firsts keep it
                positions = occ.get(tid)
                if positions:
                    spelling = self._spelling[tid]
                    firsts[spelling] = min(firsts.get(spelling, positions[0]), positions[0])
        return tuple(sorted(firsts, key=firsts.__getitem__))

    def _best_block(self, d: int, groups: list[_Group]) -> tuple[int, int | None]:
        """The block with the most query words (the first of equals), and the position in
        it, counted in words, of the passage where they are closest together; (0, None)
        when only the title, tags or summary matched."""
        starts = self._docs[d].block_starts
        per_block: dict[int, list[list[int]]] = {}
        for group in groups:
            by_block: dict[int, list[int]] = {}
            for p in self._positions(group, d):
                if starts and p >= starts[0]:
                    by_block.setdefault(bisect_right(starts, p) - 1, []).append(p)
            for b, positions in by_block.items():
                per_block.setdefault(b, []).append(positions)
        if not per_block:
            return 0, None
        block = max(per_block, key=lambda b: (len(per_block[b]), -b))
        return block, min_window(per_block[block])[0] - starts[block]

    def _snippet(
        self, d: int, block: int | None, tids: set[int], first: int
    ) -> tuple[tuple[str, bool], ...]:
        """About SNIPPET_WORDS words of a block (None: the summary) of document ``d``, from
        a little before word ``first``, as runs of clean text with the matched words
        flagged."""
        article = self._docs[d].article
        text = article.summary if block is None else article.blocks[block]
        parts = self._parts(d, block, text)
        shown = mask_link_targets(text)  # gaps show a link's text, never its address
        lo = max(0, min(first - SNIPPET_LEAD, len(parts) - SNIPPET_WORDS))
        window = parts.window(lo, lo + SNIPPET_WORDS)
        flags = [tid in tids or joined in tids for _, _, tid, joined, _ in window]
        runs: list[tuple[str, bool]] = [("… ", False)] if lo > 0 else []
        for i, (start, end, _, _, token) in enumerate(window):
            if i:
                previous = window[i - 1]
                inside = flags[i] and flags[i - 1] and previous[4] == token  # one matched word
                runs.append((clean_gap(shown[previous[1] : start]), inside))
            runs.append((text[start:end], flags[i]))
        if len(parts) > lo + SNIPPET_WORDS:
            runs.append((" …", False))
        return _merge(runs)

    def _parts(self, d: int, block: int | None, text: str) -> _Spans:
        """The words of a block (None: the summary) of document ``d``, cached."""
        spans = self._spans.get((d, block))
        if spans is None:
            if len(self._spans) > CACHE_LIMIT // 10:
                self._spans.clear()
            spans = self._spans[(d, block)] = _Spans(self._text_spans(text))
        return spans

    def _text_spans(self, text: str) -> Iterator[_Span]:
        """(start, end, term id, joined term id, start of the whole token) of each word of
        ``text``, one per position as the index counts them."""
        for match in TOKEN.finditer(mask_link_targets(text)):
            raw = match.group().casefold()
            tid = self._memo.get(raw)
            if tid is None:  # not indexed text: look the word up without adding it
                tid = self._vocab.get(fold(raw), STOP)
            if tid != COMPOUND:
                yield match.start(), match.end(), tid, STOP, match.start()
                continue
            joined, *ids = self._compounds[raw]
            parts, _ = split_token(match.group())
            for (offset, piece), part_id in zip(parts, ids, strict=True):
                start = match.start() + offset
                yield start, start + len(piece), part_id, joined, match.start()


def _combine(
    per_field: list[dict[int, float]], fields: tuple[tuple[int, float], ...]
) -> dict[int, float]:
    """Document → the weighted sum of its counts in ``fields``."""
    if len(fields) == 1 and fields[0][1] == 1.0:
        return per_field[fields[0][0]]
    combined: dict[int, float] = {}
    for f, weight in fields:
        for d, tf in per_field[f].items():
            combined[d] = combined.get(d, 0.0) + weight * tf
    return combined


def min_window(lists: list[list[int]]) -> tuple[int, int]:
    """Start and width of the smallest window of positions holding one position from each
    of the sorted, non-empty ``lists``."""
    heap = [(positions[0], i, 0) for i, positions in enumerate(lists)]
    heapq.heapify(heap)
    high = max(p for p, _, _ in heap)
    best = (heap[0][0], high - heap[0][0] + 1)
    while True:
        low, i, j = heapq.heappop(heap)
        if high - low + 1 < best[1]:
            best = (low, high - low + 1)
        if j + 1 == len(lists[i]):
            return best
        nxt = lists[i][j + 1]
        high = max(high, nxt)
        heapq.heappush(heap, (nxt, i, j + 1))


NEEDS_CLEANING = re.compile(r"[#|*`>_~\[\]\n\t]|--|  |:-")
GAP_MARKUP = re.compile(r"\[[ xX]\]|[#|*`>_~]+|\n\s*-\s+|-{2,}|:-+|\s+")


def clean_gap(gap: str) -> str:
    """The text between two words without Markdown: heading hashes, table pipes and rules,
    emphasis, list and checklist markers. Line breaks become spaces, and the border between
    two table cells a middle dot."""
    if not NEEDS_CLEANING.search(gap):
        return gap
    text = GAP_MARKUP.sub(" ", gap)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)»])", r"\1", text)
    text = re.sub(r"([(«])\s+", r"\1", text)
    if "|" in gap and not text.strip():
        return " · "
    return text if text.strip() else " "


def _extends(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _merge(runs: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    merged: list[tuple[str, bool]] = []
    for text, flag in runs:
        if not text:
            continue
        if merged and merged[-1][1] == flag:
            merged[-1] = (merged[-1][0] + text, flag)
        else:
            merged.append((text, flag))
    return tuple(merged)
