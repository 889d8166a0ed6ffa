"""A merge's summary as lines of text in a language, for the CLI and the app.

The lines hold user text (platform names, notes) as it is: the CLI escapes them for the
terminal, the app shows them without markup.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from guide import i18n, rate
from guide.i18n import Lang, t, tn
from guide.merge import ABSENT, FieldDiff, MergeSummary, TimerNote
from guide.plan import LogEntry, Review, Timer, decimal_places

# The shared formatters (guide.i18n, guide.rate), with this module's argument order.


def date_text(day: dt.date, lang: Lang) -> str:
    return i18n.date_text(lang, day)


def moment_text(moment: dt.datetime, lang: Lang) -> str:
    return i18n.datetime_text(lang, moment)


def number_text(value: Decimal | int, lang: Lang) -> str:
    places = decimal_places(value) if isinstance(value, Decimal) else 0
    return i18n.number_text(lang, value, places)


def money_text(value: Decimal, currency: str, lang: Lang) -> str:
    return rate.money_text(value, currency, lang)


def minutes_text(minutes: int, lang: Lang) -> str:
    return i18n.duration_text(lang, minutes)


def entry_text(entry: LogEntry, lang: Lang, currency: str) -> str:
    """``20 Nov 2026 Prolific, 45 min, 4.10 USD``."""
    values = {
        "date": date_text(entry.date, lang),
        "subject": entry.subject,
        "minutes": minutes_text(entry.minutes, lang),
    }
    if entry.earned:
        return t(
            lang, "merge_entry_earned", earned=money_text(entry.earned, currency, lang), **values
        )
    return t(lang, "merge_entry", **values)


def value_text(value: Any, lang: Lang) -> str:
    """A setting's value as shown in the summary."""
    if value is ABSENT:
        return t(lang, "merge_value_deleted")
    if value is None:
        return t(lang, "merge_value_none")
    if isinstance(value, bool):
        return t(lang, "merge_value_yes" if value else "merge_value_no")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        return moment_text(value, lang)
    if isinstance(value, dt.date):
        return date_text(value, lang)
    if isinstance(value, Decimal | int):
        return number_text(value, lang)
    if isinstance(value, dict):
        return t(lang, "merge_value_table")
    if isinstance(value, list):
        return ", ".join(value_text(v, lang) for v in value) or t(lang, "merge_value_none")
    return str(value)


def _field_line(diff: FieldDiff, lang: Lang) -> str:
    if diff.other is ABSENT:
        return t(lang, "merge_field_deleted", field=diff.path)
    if isinstance(diff.kept, dict):
        return t(lang, "merge_field_table", field=diff.path)
    if diff.path.endswith(".done") and diff.kept is True:
        return t(lang, "merge_field_done", field=diff.path)
    kept, other = value_text(diff.kept, lang), value_text(diff.other, lang)
    return t(lang, "merge_field", field=diff.path, kept=kept, other=other)


def _timer_line(note: TimerNote, lang: Lang) -> str:
    kept, other = note.kept, note.other

    def start(timer: Timer) -> str:
        return moment_text(timer.started, lang)

    if other is None:
        return t(lang, "merge_timer_one_side", subject=kept.subject, start=start(kept))

    if not note.logged and kept.started <= other.started:
        return t(
            lang,
            "merge_timer_same",
            subject=kept.subject,
            start=start(kept),
            other_start=start(other),
        )
    if not note.logged:
        return t(
            lang, "merge_timer_dropped", first=other.subject, second=kept.subject, start=start(kept)
        )
    minutes = sum(e.minutes for e in note.logged)
    return t(
        lang,
        "merge_timer_logged",
        first=other.subject,
        first_start=start(other),
        second=kept.subject,
        second_start=start(kept),
        minutes=minutes_text(minutes, lang),
    )


def _review_text(review: Review, lang: Lang) -> str:
    return t(lang, "merge_review", date=date_text(review.date, lang))


def summary_lines(summary: MergeSummary, lang: Lang, currency: str) -> list[str]:
    """What a merge did, one line per fact, in ``lang``; money in ``currency``."""
    if summary.nothing_new:
        return [t(lang, "merge_nothing_new")]
    lines = [
        tn(lang, key, len(items))
        for key, items in (
            ("merge_entries_added", summary.entries_added),
            ("merge_entries_removed", summary.entries_removed),
            ("merge_entries_updated", summary.entries_updated),
            ("merge_reviews_added", summary.reviews_added),
            ("merge_reviews_removed", summary.reviews_removed),
            ("merge_reviews_updated", summary.reviews_updated),
            ("merge_settings_taken", summary.settings_taken),
        )
        if items
    ]
    for d in summary.entries_differed:
        assert isinstance(d.kept, LogEntry) and isinstance(d.other, LogEntry)
        entry, other = entry_text(d.kept, lang, currency), entry_text(d.other, lang, currency)
        lines.append(t(lang, "merge_entry_differed", entry=entry, other=other))
    for d in summary.reviews_differed:
        assert isinstance(d.kept, Review) and isinstance(d.other, Review)
        review = _review_text(d.kept, lang)
        lines.append(t(lang, "merge_review_differed", review=review, other=d.other.reason))
    for e in summary.deleted_edits:
        lines.append(t(lang, "merge_deleted_edit", entry=entry_text(e, lang, currency)))
    lines += [_field_line(diff, lang) for diff in summary.fields]
    lines += [t(lang, "merge_kept_for_log", name=name) for name in summary.kept_for_log]
    if summary.timer is not None:
        lines.append(_timer_line(summary.timer, lang))
    return lines
