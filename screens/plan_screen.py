"""The plan screen: where the user stands this week, each platform's real hourly rate and
vetting, the next milestones, the review date; edit any part, log sessions, time a session,
save. Leaving with unsaved changes asks first."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Header, Label, Static

from guide.derived import (
    checklist_progress,
    days_to_review,
    limit_use,
    next_milestones,
    platform_log_rate,
    platform_rate,
    stop_rule_hits,
)
from guide.i18n import Lang, date_text, t, tn
from guide.log import (
    Change,
    LogError,
    add_entry,
    delete_entry,
    edit_entry,
    find,
    undo,
    working_copy,
)
from guide.merge import EditsMerge, MergeError, can_keep_both, keep_both, merge_edits
from guide.merge_text import value_text
from guide.plan import LogEntry, Plan
from guide.printable import escape_text, shown_path
from guide.problems import said_error
from guide.rate import money_text
from guide.review import ReviewError, apply_review, last_review, review_due
from guide.storage import LoadedPlan, PlanError, load_plan, update_plan
from guide.timer import TimerError, start_timer, stop_timer, take_limit_notice, timer_status
from screens.base import GuideScreen
from screens.charts import HistoryCharts
from screens.context import PlanContext
from screens.dialogs import ask
from screens.log_view import LogView, entry_text
from screens.steps import EDITABLE_ALONE

T = TypeVar("T")

EDITABLE_FIELDS = ("kind", "date", "platform", "goal", "minutes", "earned", "note")
"""The fields the log dialog sets; the others (tasks, approved...) an edit keeps."""


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PlanScreen(GuideScreen[None]):
    review_on_open = True
    """Whether opening a plan whose review is due starts the review (tests turn it off)."""

    CSS_PATH = "plan.tcss"
    # At 80 columns the footer has room for the plan's own keys only (q and / are in help).
    FOOTER_HIDES = frozenset({"quit", "search"})
    BINDINGS = [
        Binding("i", "details", "Details", id="plan_details", show=False),
        Binding("e", "edit", "Edit", id="plan_edit"),
        # Steps with a key of their own on this screen ("v" for vetting...).
        *(
            Binding(s.edit_key, f"edit_step('{s.key}')", s.key, id=f"plan_{s.key}", show=False)
            for s in EDITABLE_ALONE
            if s.edit_key
        ),
        Binding("l", "log", "Log", id="plan_log"),
        Binding("t", "timer", "Timer", id="plan_timer"),
        Binding("d", "delete_entry", "Delete", id="plan_delete", show=False),
        Binding("u", "undo", "Undo", id="plan_undo", show=False),
        Binding("c", "compare", "Compare", id="plan_compare", show=False),
        Binding("r", "review", "Review", id="plan_review", show=False),
        Binding("ctrl+s", "save", "Save", id="plan_save"),
        Binding("escape", "close", "Close", id="plan_close"),
    ]

    def __init__(self, lang: Lang, loaded: LoadedPlan) -> None:
        super().__init__()
        self.context = PlanContext(
            lang,
            working_copy(loaded.plan),
            clock=lambda: self.app.today(),
            guide_source=lambda: self.app.guide,
            target=loaded.path,
        )
        self.path = loaded.path
        self.fingerprint = loaded.fingerprint
        self.dirty = False
        self._base = loaded.plan  # the plan as last read or saved: merging starts from it
        # The time of day for the timer (tests set it).
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone()
        self._last_change: Change | None = None  # what ``u`` reverts
        self._revision = 0  # counts edits: a merge or save that saw an older plan knows
        self._saving: asyncio.Event | None = None  # set while a save runs (in a thread)
        self._asking = False  # a conflict question is open: don't re-read meanwhile
        self._unmerged: tuple[int, int] | None = None  # a file version that didn't merge

    @property
    def lang(self) -> Lang:
        return self.context.lang

    @property
    def plan(self) -> Plan:
        return self.context.plan

    @plan.setter
    def plan(self, plan: Plan) -> None:
        self.context.plan = plan

    def today(self) -> dt.date:
        return self.context.today()

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="plan-body"):
            yield Static(id="plan-heading", markup=False)
            yield Static(id="plan-status", markup=False)
            yield Static(id="plan-timer", markup=False)
            yield Static(id="plan-warnings", markup=False)
            yield Label(Content(t(self.lang, "plan_platforms")), classes="field-label")
            yield DataTable(id="plan-platforms", cursor_type="row", show_cursor=False)
            yield Label(Content(t(self.lang, "plan_milestones")), classes="field-label")
            yield Static(id="plan-milestones", markup=False)
            yield LogView(self.lang, self.plan, id="plan-log")
            yield HistoryCharts(self.lang, id="plan-charts")
            yield Static(Content(t(self.lang, "plan_keys")), classes="muted")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#plan-platforms", DataTable)
        for key in (
            "plan_col_platform",
            "plan_col_status",
            "plan_col_rate",
            "plan_col_log_rate",
            "plan_col_checklist",
        ):
            table.add_column(t(self.lang, key), key=key)
        self.query_one("#plan-timer").display = False
        self.show_plan()
        self._tick()
        self.set_interval(1, self._watch)
        self._on_open()

    # Showing ----------------------------------------------------------------------------

    def show_plan(self) -> None:
        plan, lang, today = self.plan, self.lang, self.today()
        self._show_title()
        self.sub_title = shown_path(self.path)
        self.query_one("#plan-status", Static).update(
            Content("\n".join(status_lines(plan, lang, today)))
        )
        warnings = [
            tn(
                lang,
                "plan_stop_rule",
                h.weeks,
                platform=h.platform,
                rate=money_text(h.rate, plan.profile.currency, lang),
            )
            for h in stop_rule_hits(plan, today)
        ]
        warning = self.query_one("#plan-warnings", Static)
        warning.update(Content("\n".join(warnings)))
        warning.display = bool(warnings)
        self._show_platforms()
        self.query_one("#plan-milestones", Static).update(milestone_lines(plan, lang, today))
        self.query_one(LogView).show(plan, today)
        self.query_one(HistoryCharts).show(plan, today)

    def _show_title(self) -> None:
        """The title, with "unsaved changes" or "saving…" after it."""
        state = "plan_saving" if self._saving else "plan_unsaved" if self.dirty else None
        title = self.plan.title + (f"  · {t(self.lang, state)}" if state else "")
        self.query_one("#plan-heading", Static).update(Content(title))

    def _show_platforms(self) -> None:
        table: DataTable[Text] = self.query_one("#plan-platforms", DataTable)
        table.clear()
        currency = self.plan.profile.currency
        for p in self.plan.platforms:
            progress = checklist_progress(p)
            table.add_row(
                Text(p.name),
                Text(t(self.lang, f"status_{p.status.value}")),
                Text(money_text(platform_rate(p), currency, self.lang)),
                Text(money_text(platform_log_rate(self.plan, p.name), currency, self.lang)),
                Text(f"✓{progress.passed} ✗{progress.failed} / {progress.total}"),
            )

    def changed(self) -> None:
        self.dirty = True
        self._revision += 1
        # A step edited alone may have added or renamed a platform or goal.
        self.query_one(LogView).refresh_filters(self.plan)
        self.show_plan()

    def _said(self, failed: Exception) -> str:
        """A refusal in the reader's language, safe for the terminal (a plan file's
        problems start with its path, which may hold control characters)."""
        return escape_text(said_error(self.lang, failed), multiline=True)

    # Editing ----------------------------------------------------------------------------

    @work(exclusive=True, group="plan-edit")
    async def action_edit(self) -> None:
        lang = self.lang
        answer = await ask(
            self.app,
            t(lang, "edit_which"),
            t(lang, "edit_which_body"),
            [(s.key, t(lang, s.title_key())) for s in EDITABLE_ALONE],
            cancel=t(lang, "btn_cancel"),
        )
        if answer != "cancel":
            self.action_edit_step(answer)

    def action_edit_step(self, step: str) -> None:
        """Edit the wizard step called ``step`` alone, on a copy of the plan."""
        from screens.wizard import StepEditor

        before, revision = self.plan, self._revision
        opened = working_copy(self.plan)

        def edited(plan: Plan | None) -> None:
            if plan is None:
                return
            if self.plan is not before or self._revision != revision:
                # The file was re-read (the shell logged) or the log changed while the
                # step was open: keep those, with the step's settings on top.
                try:
                    plan = merge_edits(opened, plan, self.plan).mine.plan
                except MergeError as failed:
                    self.notify(self._said(failed), markup=False, severity="error")
                    return
            self.plan = plan
            self.changed()

        copy = dataclasses.replace(self.context, plan=working_copy(opened))
        self.app.push_screen(StepEditor(copy, step), edited)

    def action_log(self, platform: str | None = None, minutes: int | None = None) -> None:
        from screens.log_session import LogSessionDialog

        if not self.plan.platforms and not self.plan.goals:
            self.notify(t(self.lang, "log_needs_platform"), markup=False, severity="warning")
            return
        goal = None if self.plan.platforms else self.plan.goals[0].skill

        def logged(entry: LogEntry | None) -> None:
            if entry is not None:
                self._apply(lambda: add_entry(self.plan, entry), "logv_added")

        dialog = LogSessionDialog(self.context, platform=platform, minutes=minutes, goal=goal)
        self.app.push_screen(dialog, logged)

    @on(LogView.Picked)
    def _correct(self, event: LogView.Picked) -> None:
        from screens.log_session import LogSessionDialog

        index = find(self.plan, event.entry_id)
        if index is None:
            return
        old = self.plan.log[index]

        def corrected(entry: LogEntry | None) -> None:
            if entry is not None:
                fields = {k: getattr(entry, k) for k in EDITABLE_FIELDS}
                self._apply(lambda: edit_entry(self.plan, old.id, now(), **fields), "logv_edited")

        self.app.push_screen(LogSessionDialog(self.context, entry=old), corrected)

    def action_delete_entry(self) -> None:
        entry_id = self.query_one(LogView).selected_id()
        if entry_id is None:
            self.notify(t(self.lang, "logv_pick_entry"), markup=False, severity="warning")
            return
        self._apply(lambda: delete_entry(self.plan, entry_id, now()), "logv_deleted")

    def action_undo(self) -> None:
        last = self._last_change
        if last is None:
            self.notify(t(self.lang, "logv_nothing_to_undo"), markup=False)
            return
        self._apply(lambda: undo(self.plan, last, now()), "logv_undone", about=last)

    def _apply(
        self, change: Callable[[], Change], message: str, *, about: Change | None = None
    ) -> None:
        """Make one log change, remember it for undo, and say what it did."""
        try:
            done = change()
        except LogError as failed:
            problem = self._said(failed)
            self.notify(t(self.lang, "logv_failed", problem=problem), markup=False)
            return
        self._last_change = done
        entry = (about or done).entry
        text = entry_text(entry, self.lang, self.plan.profile.currency)
        self.notify(t(self.lang, message, entry=text), markup=False)
        self.changed()

    def action_details(self) -> None:
        from screens.plan_details import PlanDetailsScreen

        self.app.push_screen(PlanDetailsScreen(self.lang, self.plan))

    def action_compare(self) -> None:
        from screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.lang, self.plan, self.today()))

    @work(exclusive=True, group="plan-review")
    async def action_review(self) -> None:
        """The review (screens/review_screen.py); its decision is recorded in the file at
        once, under the lock, like the timer. Escape there records nothing."""
        from screens.review_screen import ReviewScreen

        today = self.today()
        copy = dataclasses.replace(self.context, plan=working_copy(self.plan))
        due = review_due(self.plan, today)
        answer = await self.app.push_screen_wait(ReviewScreen(copy, due))
        if answer is None:
            return
        review = await self._write(lambda p: answer.record(p, today))
        if review is None:
            return
        try:  # with unsaved edits the reread kept our plan: it takes the review too
            apply_review(self.plan, review)
        except ReviewError as failed:
            self.notify(self._said(failed), markup=False, severity="warning")
        words = t(self.lang, f"cli_decision_{review.decision.value}")
        date = date_text(self.lang, review.next_review)
        self.notify(t(self.lang, "rev_recorded", decision=words, date=date), markup=False)
        self.show_plan()

    # The timer ---------------------------------------------------------------------------

    @work(exclusive=True, group="plan-timer")
    async def action_timer(self) -> None:
        if self.plan.timer is not None:
            await self._stop_timer()
            return
        subjects = [("p", p.name) for p in self.plan.platforms] + [
            ("g", g.skill) for g in self.plan.goals
        ]
        if not subjects:
            self.notify(t(self.lang, "log_needs_platform"), markup=False, severity="warning")
            return
        if len(subjects) > 1:
            answer = await ask(
                self.app,
                t(self.lang, "timer_pick"),
                "",
                [
                    (str(i), n if k == "p" else t(self.lang, "logv_study_for", goal=n))
                    for i, (k, n) in enumerate(subjects)
                ],
                cancel=t(self.lang, "btn_cancel"),
            )
            if not answer.isdigit():
                return
            kind, name = subjects[int(answer)]
        else:
            kind, name = subjects[0]
        platform, goal = (name, None) if kind == "p" else (None, name)
        started = await self._write(
            lambda p: start_timer(p, self.clock(), platform=platform, goal=goal)
        )
        if started is not None:
            self.notify(t(self.lang, "timer_started", platform=name), markup=False)
            self._tick()

    async def _stop_timer(self) -> None:
        """Stop the timer (in the file too): log the session, then offer to correct it
        (earnings, a note)."""
        timer = self.plan.timer
        assert timer is not None
        entry = await self._write(lambda p: stop_timer(p, self.clock()) or timer)
        if entry is None:
            return
        self._tick()
        if isinstance(entry, LogEntry):
            self.post_message(LogView.Picked(entry.id))
        else:
            self.notify(t(self.lang, "cli_timer_short", subject=timer.subject), markup=False)

    async def _write(self, change: Callable[[Plan], T]) -> T | None:
        """Make ``change`` to the file at once (under its lock, in a thread) and to the
        plan on screen: the timer lives in the file, so the shell and other windows see it.
        None, with the problem shown, if the file can't take it."""
        try:
            result, _ = await asyncio.to_thread(update_plan, self.path, change)
        except (PlanError, TimerError, LogError, ReviewError) as failed:
            self.notify(self._said(failed), markup=False, severity="error")
            return None
        await self._reread()
        return result

    def _tick(self) -> None:
        """Each second: the timer line, the limit notice once, and the file if it changed."""
        timer_line = self.query_one("#plan-timer", Static)
        timer_line.display = self.plan.timer is not None
        if self.plan.timer is None:
            return  # nothing to count: no pass over the log each second
        status = timer_status(self.plan, self.clock())
        if status.timer is not None:
            elapsed = status.elapsed_minutes
            text = t(
                self.lang,
                "timer_running",
                elapsed=f"{elapsed // 60}:{elapsed % 60:02d}",
                platform=status.timer.subject,
                left=status.left_today,
            )
            timer_line.update(Content(text))
            if take_limit_notice(self.plan, self.clock()):
                self.app.bell()
                self.notify(
                    t(self.lang, "timer_limit"), markup=False, severity="warning", timeout=15
                )
                self.run_worker(self._write(lambda p: take_limit_notice(p, self.clock())))

    async def _watch(self) -> None:
        if self._saving is None and not self._asking:
            try:
                current = await asyncio.to_thread(os.stat, self.path)
            except OSError:
                current = None
            seen = (self.fingerprint.mtime_ns, self.fingerprint.size), self._unmerged
            if current is not None and (current.st_mtime_ns, current.st_size) not in seen:
                await self._reread()
        self._tick()

    async def _reread(self) -> None:
        """The file changed (the shell logged, started or stopped the timer): without
        unsaved edits take it as it is; with them, merge three-way (guide.merge): the log
        by id, settings changed on one side from that side, and a setting changed on both
        sides as the user chooses."""
        try:
            loaded = await asyncio.to_thread(load_plan, self.path)
        except PlanError:
            return  # a bad file is reported when saving; the plan on screen stays
        if loaded.fingerprint.same_content(self.fingerprint):
            self.fingerprint = loaded.fingerprint
            return
        if not self.dirty:
            self._take(loaded, working_copy(loaded.plan))
            return
        revision = self._revision
        try:
            merged = await asyncio.to_thread(merge_edits, self._base, self.plan, loaded.plan)
        except MergeError as failed:
            # Nothing merged; saving will say the file changed and ask before overwriting.
            self._unmerged = (loaded.fingerprint.mtime_ns, loaded.fingerprint.size)
            self.notify(self._said(failed), markup=False, severity="error")
            return
        if self._revision != revision:
            return  # edited meanwhile: the next tick merges the newer plan
        if not merged.asked:
            self._take(loaded, merged.mine.plan)
            return
        self._asking = True
        self.run_worker(self._ask_conflict(loaded, merged), group="plan-conflict")

    async def _ask_conflict(self, loaded: LoadedPlan, merged: EditsMerge) -> None:
        """The same settings changed here and in the file: ask which to keep."""
        lang = self.lang
        lines = [
            t(
                lang,
                "reread_field",
                field=d.path,
                mine=value_text(d.kept, lang),
                theirs=value_text(d.other, lang),
            )
            for d in merged.asked
        ]
        answers = [("mine", t(lang, "reread_mine")), ("theirs", t(lang, "reread_theirs"))]
        if can_keep_both(merged):
            answers.append(("both", t(lang, "reread_both")))
            lines.append(t(lang, "reread_both_note"))
        try:
            answer = await ask(
                self.app,
                t(lang, "reread_title"),
                "\n".join([t(lang, "reread_body", path=shown_path(self.path)), *lines]),
                answers,
            )
        finally:
            self._asking = False
        plan = merged.theirs.plan if answer == "theirs" else merged.mine.plan
        if answer == "both":
            try:
                plan = keep_both(merged)
            except MergeError as failed:  # the joined lists don't fit: keep mine
                self.notify(self._said(failed), markup=False, severity="warning")
        self._take(loaded, plan)

    async def reread(self) -> None:
        """Show the file as it is now (merged with unsaved edits, if any)."""
        await self._reread()

    def _take(self, loaded: LoadedPlan, plan: Plan) -> None:
        """Show ``plan`` (the file's, or merged with it) and remember the file as the base."""
        self.plan = plan
        self._base, self.fingerprint = loaded.plan, loaded.fingerprint
        if self.dirty and plan == loaded.plan:
            self.dirty = False  # the file already has every edit made here
        self.query_one(LogView).refresh_filters(self.plan)
        self.show_plan()

    @work(group="plan-open")
    async def _on_open(self) -> None:
        """After the first frame: offer to merge the conflict copies beside the plan (a
        sync tool's), then start the review if one is due, one question at a time."""
        from screens.merge_offer import offer_merge

        await offer_merge(self)
        if self.review_on_open and review_due(self.plan, self.today()) is not None:
            self.action_review()

    # Saving and leaving -----------------------------------------------------------------

    @work(group="plan-save")
    async def action_save(self) -> bool:
        return await self._save()

    async def _save(self) -> bool:
        """Save in a thread, so the screen answers while the disk works; edits made
        meanwhile stay unsaved. A save asked for during another waits for it."""
        from screens.saving import save_asking

        await self.saved()
        self._saving = asyncio.Event()
        revision = self._revision
        self.plan.updated = dt.datetime.now(dt.UTC).astimezone()
        self._show_title()
        try:
            # Entries are frozen: the copy is cheap and is taken before any other edit can run.
            snapshot = working_copy(self.plan)
            fingerprint = await save_asking(self, self.lang, snapshot, self.path, self.fingerprint)
        finally:
            self._saving.set()
            self._saving = None
        if fingerprint is None:
            self._show_title()
            return False
        self.fingerprint, self._base = fingerprint, snapshot
        self.dirty = self._revision != revision
        self.notify(t(self.lang, "plan_saved", path=shown_path(self.path)), markup=False)
        self._show_title()
        return True

    async def saved(self) -> None:
        """Wait for a save that is running (a quit waits for it)."""
        if self._saving is not None:
            await self._saving.wait()

    @work(exclusive=True, group="plan-close")
    async def action_close(self) -> None:
        if await self.confirm_quit():
            self.dismiss(None)

    async def confirm_quit(self) -> bool:
        """With unsaved changes, ask to save, discard or stay; True to go on leaving.
        A running timer goes on (it lives in the file: stop it later, here or with
        ``remote-guide stop``)."""
        await self.saved()
        if not self.dirty:
            return True
        lang = self.lang
        answer = await ask(
            self.app,
            t(lang, "unsaved_title"),
            t(lang, "unsaved_body"),
            [("save", t(lang, "unsaved_save")), ("discard", t(lang, "unsaved_discard"))],
            cancel=t(lang, "btn_cancel"),
        )
        if answer == "save":
            return await self._save()
        return answer == "discard"

    @on(DataTable.RowSelected, "#plan-platforms")
    def _row(self) -> None:
        self.action_edit_step("rate")


def status_lines(plan: Plan, lang: Lang, today: dt.date) -> list[str]:
    use = limit_use(plan, today)
    lines = [
        t(lang, "plan_week", used=use.week_minutes, limit=use.weekly_limit),
        t(lang, "plan_today", used=use.today_minutes, limit=use.daily_limit, left=use.left_today),
    ]
    if not use.working_day:
        lines.append(t(lang, "plan_not_working_day"))
    if use.over_daily:
        lines.append(t(lang, "plan_over_daily"))
    if use.over_weekly:
        lines.append(t(lang, "plan_over_weekly"))
    days = days_to_review(plan, today)
    date = date_text(lang, plan.limits.review_date)
    key = (
        "plan_review_in"
        if days > 0
        else "plan_review_today"
        if days == 0
        else "plan_review_overdue"
    )
    lines.append(t(lang, key, date=date) if days == 0 else tn(lang, key, abs(days), date=date))
    last = last_review(plan)
    if last is not None:
        words = t(lang, f"cli_decision_{last.decision.value}")
        if last.platform or last.goal:
            words += f" ({last.platform or last.goal})"
        when = date_text(lang, last.date)
        lines.append(t(lang, "rev_last", date=when, decision=words, reason=last.reason))
    return lines


def milestone_lines(plan: Plan, lang: Lang, today: dt.date) -> Content:
    due = next_milestones(plan, today, limit=6)
    if not due:
        return Content(t(lang, "plan_no_milestones"))
    parts: list[Content] = []
    for d in due:
        when = (
            tn(lang, "plan_overdue", -d.days_left)
            if d.overdue
            else tn(lang, "plan_due_in", d.days_left)
        )
        style = "bold red" if d.overdue else ""
        parts.append(Content.assemble(f"• {d.goal.skill}: {d.milestone.title} — ", (when, style)))
    return Content("\n").join(parts)
