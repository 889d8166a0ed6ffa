"""Merging copies of a plan: the rules of guide.merge, one by one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from guide.merge import ABSENT, MergeError, adopt, merge, merge_all, merge_edits, weave
from guide.merge_text import summary_lines
from guide.plan import EntryKind, LogEntry, Milestone, Plan, Review, StopRule, Timer, Tombstone
from guide.storage import plan_from_toml, plan_to_toml

from .plan_samples import TZ, example_plan

DAY = dt.date(2026, 11, 21)


def at(hour: int, minute: int = 0, day: int = 21) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def entry(minutes: int = 30, platform: str = "Prolific", changed: int | None = None) -> LogEntry:
    stamp = at(changed) if changed is not None else None
    return LogEntry(date=DAY, platform=platform, minutes=minutes, changed=stamp)


def copy(plan: Plan, saved: int = 12, day: int = 21) -> Plan:
    """A deep copy of ``plan`` saved at ``saved`` o'clock."""
    out = plan.model_copy(deep=True)
    out.updated = at(saved, day=day)
    return out


@pytest.fixture
def base() -> Plan:
    return copy(example_plan(), saved=8)


def ids(plan: Plan) -> set[str]:
    return {e.id for e in plan.log}


def test_weave_keeps_our_order_and_places_their_new_keys_by_their_neighbours() -> None:
    assert weave([1, 2, 3], [1, 2, 3]) == [1, 2, 3]
    assert weave([1, 2, 3], [1, 2, 3, 4, 5]) == [1, 2, 3, 4, 5]
    assert weave([1, 3], [0, 1, 2, 3]) == [0, 1, 2, 3]
    assert weave([1, 2, 9], [1, 2, 7]) == [1, 2, 9, 7]
    assert weave([5, 1], [6, 1]) == [5, 6, 1]


def test_entries_of_both_sides_are_kept(base: Plan) -> None:
    a, b = copy(base), copy(base, saved=13)
    mine, theirs = entry(20), entry(40, "Clickworker")
    a.log.append(mine)
    b.log.append(theirs)
    result = merge(a, b)
    assert ids(result.plan) == ids(base) | {mine.id, theirs.id}
    assert result.summary.entries_added == [theirs]
    assert result.plan.log[-2:] == [mine, theirs]  # ours first, theirs after
    assert plan_from_toml(plan_to_toml(result.plan)) == result.plan  # passes check


def test_a_tombstone_keeps_a_delete_in_a_two_way_merge(base: Plan) -> None:
    a, b = copy(base), copy(base)
    gone = b.log.pop(2)
    b.deleted.append(Tombstone(id=gone.id, when=at(11)))
    for ours, theirs in ((a, b), (b, a)):
        result = merge(ours, theirs)
        assert gone.id not in ids(result.plan)
        assert [t.id for t in result.plan.deleted] == [gone.id]
    assert merge(a, b).summary.entries_removed == [gone]


def test_an_entry_edited_on_both_sides_keeps_the_later_edit_and_reports_the_other(
    base: Plan,
) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)  # a saved later, b edited later
    target = base.log[0].id
    a.log[0] = a.log[0].model_copy(update={"minutes": 61, "changed": at(10)})
    b.log[0] = b.log[0].model_copy(update={"minutes": 62, "changed": at(11)})
    for ours, theirs in ((a, b), (b, a)):
        result = merge(ours, theirs)
        kept = next(e for e in result.plan.log if e.id == target)
        assert kept.minutes == 62
        [differed] = result.summary.entries_differed
        assert differed.kept == kept and isinstance(differed.other, LogEntry)
        assert differed.other.minutes == 61
    lines = summary_lines(merge(a, b).summary, "en", "USD")
    assert any("the other copy had 3 Nov 2026 Prolific, 1 h 1 min, $5.40" in x for x in lines)


def test_an_entry_with_no_edit_time_loses_to_an_edited_one(base: Plan) -> None:
    a, b = copy(base), copy(base)
    b.log[1] = b.log[1].model_copy(update={"minutes": 5, "changed": at(9)})
    a.log[1] = a.log[1].model_copy(update={"minutes": 6})
    assert merge(a, b).plan.log[1].minutes == 5
    assert merge(b, a).plan.log[1].minutes == 5


def test_three_way_reads_deletions_from_the_base_and_writes_tombstones(base: Plan) -> None:
    a, b = copy(base), copy(base)
    gone = a.log.pop(0)  # deleted by hand: no tombstone
    result = merge(a, b, base)
    assert gone.id not in ids(result.plan)
    assert [t.id for t in result.plan.deleted] == [gone.id]
    assert merge(b, a, base).plan.log == result.plan.log
    # without the base, the entry would come back
    assert gone.id in ids(merge(a, b).plan)


def test_three_way_an_edit_on_one_side_is_taken_without_a_report(base: Plan) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)
    b.log[0] = b.log[0].model_copy(update={"minutes": 99})  # no changed time, older save
    result = merge(a, b, base)
    assert result.plan.log[0].minutes == 99
    assert result.summary.entries_differed == []
    assert result.summary.entries_updated == [b.log[0]]


def test_an_entry_deleted_on_one_side_and_edited_on_the_other_stays_deleted(base: Plan) -> None:
    a, b = copy(base), copy(base)
    gone = a.log.pop(0)
    a.deleted.append(Tombstone(id=gone.id, when=at(9)))
    b.log[0] = b.log[0].model_copy(update={"minutes": 99, "changed": at(10)})
    for result in (merge(a, b), merge(b, a), merge(a, b, base)):
        assert gone.id not in ids(result.plan)
        assert [e.minutes for e in result.summary.deleted_edits] == [99]
    lines = summary_lines(merge(a, b).summary, "ru", "USD")
    assert (
        "запись журнала 3 ноября 2026 Prolific, 1 ч 39 мин, 5,40\N{NO-BREAK SPACE}$ "
        "изменена в одной копии" in lines[-1]
    )


def test_a_setting_changed_on_one_side_takes_that_side_in_a_three_way_merge(base: Plan) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)
    b.limits.daily_minutes = 100  # b changed it, although a was saved later
    a.title = "Renamed on A"
    result = merge(a, b, base)
    assert result.plan.limits.daily_minutes == 100
    assert result.plan.title == "Renamed on A"
    assert result.summary.fields == []
    assert "limits.daily_minutes" in result.summary.settings_taken


def test_a_setting_changed_on_both_sides_goes_to_the_copy_saved_later(base: Plan) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)
    a.limits.daily_minutes = 80
    b.limits.daily_minutes = 100
    b.platforms[0].fee_percent = D(5)
    a.platforms[0].fee_percent = D(7)
    for result in (merge(a, b, base), merge(b, a, base), merge(a, b)):
        assert result.plan.limits.daily_minutes == 80
        assert result.plan.platforms[0].fee_percent == 7
    summary = merge(a, b, base).summary
    assert [(f.path, f.kept, f.other) for f in summary.fields] == [
        ("limits.daily_minutes", 80, 100),
        ("platforms[Prolific].fee_percent", D(7), D(5)),
    ]
    lines = summary_lines(summary, "en", "USD")
    assert (
        "limits.daily_minutes: the copies differed; kept 80 (from the copy saved later), "
        "the other copy had 100"
    ) in lines


def test_limits_that_do_not_fit_together_come_from_the_copy_saved_later(base: Plan) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)
    a.limits.daily_minutes = 70  # 7 x 70 = 490 fits the weekly 450
    b.limits.weekly_minutes = 600  # fits the daily 90, not a's 70
    result = merge(a, b, base)
    assert result.plan.limits == a.limits
    [diff] = result.summary.fields
    assert diff.path == "limits" and isinstance(diff.kept, dict)
    assert summary_lines(result.summary, "en", "USD")[-1].startswith(
        "limits: the values merged one by one did not fit together"
    )


def test_the_stop_rule_set_on_one_side(base: Plan) -> None:
    a, b = copy(base, saved=13), copy(base)
    a.limits.stop_rule = None
    b.limits.stop_rule = StopRule(min_hourly_rate=D(6), after_weeks=2)
    result = merge(a, b, base)
    assert result.plan.limits.stop_rule is None  # a removed it, b changed it: a saved later
    [diff] = result.summary.fields
    assert diff.path == "limits.stop_rule" and diff.kept is None
    assert merge(copy(base), b, base).plan.limits.stop_rule == b.limits.stop_rule


def test_a_milestone_done_on_one_side_is_done(base: Plan) -> None:
    a, b = copy(base, saved=20), copy(base, saved=9)
    b.goals[0].milestones[1].done = True
    result = merge(a, b)
    assert result.plan.goals[0].milestones[1].done
    [diff] = result.summary.fields
    goal, milestone = "Project coordination", "Finish course 2: Project initiation"
    assert diff.path == f"goals[{goal}].milestones[{milestone}].done"
    assert "a merge never un-ticks a milestone" in summary_lines(result.summary, "en", "USD")[0]


def test_milestones_added_on_both_sides_are_all_kept(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.goals[1].milestones.append(Milestone(title="Mine", due=DAY))
    b.goals[1].milestones.append(Milestone(title="Theirs", due=DAY))
    titles = [m.title for m in merge(a, b).plan.goals[1].milestones]
    assert titles[-2:] == ["Mine", "Theirs"]


def test_a_milestone_renamed_on_one_side_in_a_three_way_merge(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.goals[1].milestones[0].title = "Write twelve sample replies"
    titles = [m.title for m in merge(a, b, base).plan.goals[1].milestones]
    assert titles == ["Write twelve sample replies"]
    assert len(merge(a, b).plan.goals[1].milestones) == 2  # two-way can't tell: both kept


def test_a_platform_deleted_on_one_side_stays_when_the_other_logged_to_it(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.log = [e for e in a.log if e.platform != "Toloka"]
    a.platforms = [p for p in a.platforms if p.name != "Toloka"]
    b.log.append(entry(15, "Toloka"))
    result = merge(a, b, base)
    assert result.plan.platform("Toloka") is not None
    assert result.summary.kept_for_log == ["platforms[Toloka]"]
    # unchanged and unused on the other side: the delete is kept
    c = copy(base)
    assert merge(a, c, base).plan.platform("Toloka") is None


def test_platforms_match_by_name_ignoring_case(base: Plan) -> None:
    a, b = copy(base, saved=9), copy(base, saved=20)
    b.platforms[2].name = "TOLOKA"  # no entry names Toloka
    result = merge(a, b)
    assert [p.name for p in result.plan.platforms] == ["Prolific", "Clickworker", "TOLOKA"]
    assert [f.path for f in result.summary.fields] == ["platforms[Toloka].name"]


def test_reviews_merge_by_id(base: Plan) -> None:
    a, b = copy(base), copy(base)
    review = Review(
        date=DAY, decision="keep_going", reason="Fine so far", next_review=DAY.replace(day=28)
    )
    b.reviews.append(review)
    result = merge(a, b)
    assert result.plan.reviews == [review]
    assert result.summary.reviews_added == [review]
    assert merge(result.plan, b).summary.nothing_new


def test_timers_on_the_same_platform_keep_the_earlier(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.timer = Timer(started=at(9), platform="Prolific")
    b.timer = Timer(started=at(10), platform="Prolific")
    for result in (merge(a, b), merge(b, a)):
        assert result.plan.timer == a.timer
        assert result.summary.timer is not None and result.summary.timer.logged == ()
        assert ids(result.plan) == ids(base)


def test_timers_on_different_platforms_log_the_earlier_until_the_later_began(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.timer = Timer(started=at(9), platform="Prolific")
    b.timer = Timer(started=at(10, 15), platform="Clickworker")
    result = merge(a, b)
    assert result.plan.timer == b.timer
    [logged] = result.summary.entries_added
    assert (logged.platform, logged.minutes, logged.date) == ("Prolific", 75, DAY)
    assert merge(b, a).plan.log == [*b.log, logged]  # the same entry, the same id
    again = merge(result.plan, a)
    assert again.summary.entries_added == [] and again.plan.log == result.plan.log
    lines = summary_lines(result.summary, "en", "USD")
    assert lines[-1] == (
        "two timers were running: Prolific since 21 Nov 2026, 09:00 and Clickworker since "
        "21 Nov 2026, 10:15; logged Prolific until 21 Nov 2026, 10:15 (1 h 15 min) and kept "
        "Clickworker running"
    )


def test_a_timer_running_for_days_is_logged_in_pieces_of_a_day(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.timer = Timer(started=at(9, day=19), kind=EntryKind.STUDY, goal="Project coordination")
    b.timer = Timer(started=at(10), platform="Clickworker")
    logged = merge(a, b).summary.entries_added
    assert [e.minutes for e in logged] == [1440, 1440, 60]
    assert all(e.kind is EntryKind.STUDY for e in logged)


def test_a_timer_stopped_on_one_side_stays_stopped_in_a_three_way_merge(base: Plan) -> None:
    base.timer = Timer(started=at(9), platform="Prolific")
    a, b = copy(base), copy(base)
    a.timer = None
    a.log.append(entry(60))
    assert merge(a, b, base).plan.timer is None
    assert merge(b, a, base).plan.timer is None
    assert merge(a, b).plan.timer == base.timer  # two-way: kept, so no time is lost


def test_merging_a_plan_with_itself_changes_nothing(base: Plan) -> None:
    result = merge(base, copy(base, saved=8))
    assert result.plan == base
    assert result.summary.nothing_new
    assert summary_lines(result.summary, "ru", "USD") == [
        "ничего нового: всё из этой копии в плане уже есть"
    ]


def test_created_is_the_earlier_and_updated_the_later(base: Plan) -> None:
    a, b = copy(base, saved=20, day=22), copy(base, saved=9)
    b.created = base.created - dt.timedelta(days=1)
    result = merge(a, b)
    assert result.plan.created == b.created
    assert result.plan.updated == a.updated


def test_a_merge_that_cannot_be_valid_raises(base: Plan) -> None:
    a, b = copy(base, saved=9), copy(base, saved=20)
    a.log.append(entry(15, "Toloka"))
    b.platforms[2].name = "TOLOKA"  # wins, but a's new entry names "Toloka"
    with pytest.raises(MergeError) as caught:
        merge(a, b)
    assert any("is used by another platform" in p for p in caught.value.problems)


def test_merge_all_and_adopt(base: Plan) -> None:
    a, b, c = copy(base), copy(base), copy(base)
    b.log.append(entry(10))
    c.log.append(entry(20))
    merged, summaries = merge_all(a, [b, c])
    assert [len(s.entries_added) for s in summaries] == [1, 1]
    target = copy(base)
    target.timer = Timer(started=at(9), platform="Toloka")
    adopt(target, merged)
    assert target == merged


def test_absent_shows_as_deleted(base: Plan) -> None:
    a, b = copy(base), copy(base)
    a.platforms[2].fee_percent = D(3)
    b.platforms = b.platforms[:2]
    b.log = [e for e in b.log if e.platform != "Toloka"]
    result = merge(a, b, base)
    [diff] = result.summary.fields
    assert diff.other is ABSENT
    assert summary_lines(result.summary, "en", "USD")[-1] == (
        "platforms[Toloka]: deleted in one copy and changed in the other; kept"
    )


def test_a_milestone_unticked_on_one_side_of_a_three_way_merge_stays_unticked(
    base: Plan,
) -> None:
    a, b = copy(base), copy(base, saved=9)
    a.goals[0].milestones[0].done = False  # done in the base
    assert not merge(a, b, base).plan.goals[0].milestones[0].done
    assert merge(a, b).plan.goals[0].milestones[0].done  # two-way: done wins


def test_a_review_edited_on_both_sides_comes_from_the_copy_saved_later(base: Plan) -> None:
    review = Review(date=DAY, decision="keep_going", reason="First", next_review=DAY)
    base.reviews = [review]
    a, b = copy(base, saved=20), copy(base, saved=9)
    a.reviews[0] = review.model_copy(update={"reason": "From A"})
    b.reviews[0] = review.model_copy(update={"reason": "From B"})
    for result in (merge(a, b), merge(b, a), merge(a, b, base)):
        assert [r.reason for r in result.plan.reviews] == ["From A"]
    summary = merge(b, a).summary
    assert summary.reviews_updated == [a.reviews[0]]
    assert summary_lines(summary, "en", "USD")[-1] == (
        "review of 21 Nov 2026 differed: kept the one from the copy saved later; "
        "the other copy had From B"
    )


def test_a_timer_in_one_copy_only_is_kept_and_told_when_the_other_could_have_stopped_it(
    base: Plan,
) -> None:
    a, b = copy(base, saved=12), copy(base, saved=8)
    a.timer = Timer(started=at(10), platform="Prolific")
    assert merge(a, b).summary.timer is None  # b was saved before it started: nothing to say
    b.updated = at(11)
    result = merge(b, a)
    assert result.plan.timer == a.timer
    assert summary_lines(result.summary, "en", "USD")[-1] == (
        "a timer on Prolific started 21 Nov 2026, 10:00 runs in only one copy, though the "
        "other was saved later: kept it running; if it was stopped on the other machine, "
        "cancel it"
    )


# --- the open app against the file (what guide/log_merge.py did, and the question) ----------


def test_each_side_edits_other_entries_and_both_add(base: Plan) -> None:
    ours, theirs = copy(base, saved=9), copy(base, saved=10)
    ours.log[3] = ours.log[3].model_copy(update={"minutes": 99, "changed": at(9)})
    theirs.log[0] = theirs.log[0].model_copy(update={"note": "from the shell", "changed": at(10)})
    mine, new = entry(11), entry(7, "Toloka")
    ours.log.append(mine)
    theirs.log.append(new)
    result = merge(ours, theirs, base)
    assert result.plan.log[0].note == "from the shell" and result.plan.log[3].minutes == 99
    assert result.plan.log[-2:] == [mine, new]
    assert result.summary.entries_added == [new]
    assert result.summary.entries_differed == [] and result.summary.fields == []


def test_a_tombstoned_entry_edited_on_the_other_side_is_removed_both_ways(base: Plan) -> None:
    ours, theirs = copy(base), copy(base)
    gone = ours.log.pop(2)
    ours.deleted.append(Tombstone(id=gone.id, when=at(9)))
    theirs.log[2] = theirs.log[2].model_copy(update={"minutes": 1, "changed": at(10)})
    assert gone.id not in ids(merge(ours, theirs, base).plan)
    back = merge(theirs, ours)
    assert back.summary.entries_removed == [theirs.log[2]] and gone.id not in ids(back.plan)
    assert [t.id for t in back.plan.deleted] == [gone.id]


def test_unsaved_edits_against_the_file_ask_only_for_settings_changed_on_both(
    base: Plan,
) -> None:
    ours, theirs = copy(base, saved=8), copy(base, saved=11)  # ours: unsaved, not re-stamped
    ours.limits.daily_minutes = 80
    ours.title = "Mine"
    theirs.limits.daily_minutes = 100
    theirs.profile.currency = "EUR"  # the file's alone: taken, not asked
    theirs.log.append(entry(15, "Toloka"))
    ours.log.append(entry(20))
    edits = merge_edits(base, ours, theirs)
    assert [(d.path, d.kept, d.other) for d in edits.asked] == [("limits.daily_minutes", 80, 100)]
    for result, daily in ((edits.mine, 80), (edits.theirs, 100)):
        plan = result.plan
        assert plan.limits.daily_minutes == daily
        assert (plan.title, plan.profile.currency) == ("Mine", "EUR")
        assert len(plan.log) == len(base.log) + 2
        assert plan.updated == theirs.updated  # not the moment used to pick a side


def test_unsaved_edits_without_a_setting_on_both_sides_ask_nothing(base: Plan) -> None:
    ours, theirs = copy(base, saved=8), copy(base, saved=11)
    ours.limits.daily_minutes = 80
    theirs.log.append(entry(15, "Toloka"))
    edits = merge_edits(base, ours, theirs)
    assert edits.asked == [] and edits.theirs is edits.mine
    assert edits.mine.plan.limits.daily_minutes == 80
    assert len(edits.mine.plan.log) == len(base.log) + 1


def test_keep_both_joins_lists_of_words_and_keeps_mine_elsewhere(base: Plan) -> None:
    from guide.merge import can_keep_both, keep_both

    ours, theirs = copy(base, saved=8), copy(base, saved=11)
    goal = base.goals[0].skill
    ours.profile.skills = ["SQL", "Excel"]
    theirs.profile.skills = ["SQL", "Python"]
    ours.goals[0].resources = ["Book A"]
    theirs.goals[0].resources = ["Course B"]
    ours.limits.daily_minutes, theirs.limits.daily_minutes = 80, 100
    edits = merge_edits(base, ours, theirs)
    assert {d.path for d in edits.asked} == {
        "profile.skills",
        f"goals[{goal}].resources",
        "limits.daily_minutes",
    }
    assert can_keep_both(edits)
    plan = keep_both(edits)
    assert plan.profile.skills == ["SQL", "Excel", "Python"]
    assert plan.goals[0].resources == ["Book A", "Course B"]
    assert plan.limits.daily_minutes == 80


def test_setting_a_field_by_path_finds_items_with_brackets_in_their_names(base: Plan) -> None:
    from guide.merge import _set

    doc = {"goals": [{"skill": "C[++]", "milestones": [{"title": "x]y", "due": 1}]}]}
    _set(doc, "goals[C[++]].milestones[x]y].due", 2)
    assert doc["goals"][0]["milestones"][0]["due"] == 2  # type: ignore[index]
