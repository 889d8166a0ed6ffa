"""The review screen: why a review is due, the numbers since the last one, the guide's
articles on each decision, and the decision itself with one line of why.

It only asks: the answer (a :class:`ReviewAnswer`, or None for "later") goes back to the
plan screen, which records it in the file under the plan's lock (``PlanScreen.action_review``).
Nothing here changes the plan. "Move N hours to study" opens the Compare paths screen
with N filled in; the hours the reader settles on there come back into the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, Static

from guide.i18n import Lang, date_text, duration_text, t, tn
from guide.log import working_copy
from guide.plan import Decision, Plan, PlatformStatus, Review
from guide.problems import said_error
from guide.rate import money_text
from guide.review import (
    DEFAULT_WEEKS,
    ReviewDue,
    ReviewError,
    advice,
    record_review,
    review_numbers,
)
from screens.base import GuideScreen
from screens.context import OnContext, PlanContext
from screens.widgets.form import Choices

MAX_HOURS = 168


@dataclass(frozen=True)
class ReviewAnswer:
    """What the reader decided, ready for :func:`guide.review.record_review`."""

    decision: Decision
    reason: str
    platform: str | None = None
    goal: str | None = None
    weekly_minutes: int | None = None
    hours_per_week: int | None = None

    def record(self, plan: Plan, today: dt.date) -> Review:
        """Record it in ``plan`` (ReviewError, plan unchanged, if it doesn't fit)."""
        return record_review(
            plan,
            today,
            self.decision,
            self.reason,
            platform=self.platform,
            goal=self.goal,
            weekly_minutes=self.weekly_minutes,
            hours_per_week=self.hours_per_week,
        )


class WholeInput(Input):
    """A whole number. It consumes only digits, so the screen's letter keys (``c``) still
    work while it has the focus."""

    def __init__(self, value: str, **kwargs: Any) -> None:
        super().__init__(value, restrict=r"[0-9]*", max_length=5, compact=True, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()


def whole(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def due_lines(plan: Plan, due: ReviewDue | None, lang: Lang) -> list[str]:
    """Why the review is due (or that it isn't yet)."""
    if due is None:
        return [t(lang, "rev_any_time", date=date_text(lang, plan.limits.review_date))]
    currency, rule = plan.profile.currency, plan.limits.stop_rule
    lines = []
    if due.date_reached:
        lines.append(t(lang, "rev_due_date", date=date_text(lang, due.review_date)))
    for hit in due.stop_hits:
        minimum = money_text(rule.min_hourly_rate if rule else None, currency, lang)
        rate = money_text(hit.rate, currency, lang)
        lines.append(
            tn(
                lang,
                "rev_due_rule",
                hit.weeks,
                platform=hit.platform,
                rate=rate,
                minimum=minimum,
            )
        )
    return lines


def number_lines(plan: Plan, today: dt.date, lang: Lang) -> list[str]:
    """The numbers since the last review: work, each platform, study, milestones."""
    numbers = review_numbers(plan, today)
    totals, currency = numbers.totals, plan.profile.currency

    def per_hour(value: Decimal | None) -> str:
        return (
            "—"
            if value is None
            else t(lang, "cli_per_hour", money=money_text(value, currency, lang))
        )

    lines = [
        t(lang, "rev_since", since=date_text(lang, totals.start)),
        t(
            lang,
            "rev_work",
            work=duration_text(lang, totals.work_minutes),
            earned=money_text(totals.earned, currency, lang),
            net=money_text(totals.net, currency, lang),
            rate=per_hour(totals.real_rate),
        ),
    ]
    for name, p in totals.platforms.items():
        rate = p.net * 60 / p.minutes if p.minutes else None  # after fees and tax
        lines.append(
            t(
                lang,
                "rev_platform_line",
                platform=name,
                work=duration_text(lang, p.minutes),
                earned=money_text(p.earned, currency, lang),
                rate=per_hour(rate),
            )
        )
    lines.append(t(lang, "rev_study", study=duration_text(lang, totals.study_minutes)))
    lines.append(
        t(
            lang,
            "rev_milestones",
            done=numbers.milestones_done,
            open=numbers.milestones_open,
            overdue=numbers.milestones_overdue,
        )
    )
    return lines


class ReviewScreen(OnContext, GuideScreen[ReviewAnswer | None]):
    """The review of one plan; dismisses with the answer, or None (Escape: later)."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("ctrl+s", "record", "Record", id="review_record"),
        # priority: before the hours field sees it (it takes digits only); not in the
        # reason field, where "c" is a letter (check_action)
        Binding("c", "compare", "What the move brings", id="review_compare", priority=True),
        Binding("escape", "later", "Later", id="review_later"),
    ]

    def __init__(self, context: PlanContext, due: ReviewDue | None) -> None:
        super().__init__()
        self.context, self.due = context, due
        self.decision: Decision | None = None

    def open_platforms(self) -> list[str]:
        return [p.name for p in self.plan.platforms if p.status is not PlatformStatus.DROPPED]

    def compose(self) -> ComposeResult:
        lang, plan, today = self.lang, self.plan, self.context.today()
        yield Header(icon="")
        with VerticalScroll(id="review-body"):
            yield Static(Content(t(lang, "rev_title")), id="review-heading")
            yield Static(Content("\n".join(due_lines(plan, self.due, lang))), id="review-why")
            yield Static(Content("\n".join(number_lines(plan, today, lang))), id="review-numbers")
            yield Label(Content(t(lang, "rev_decision")), classes="field-label")
            yield Choices(
                *(
                    RadioButton(
                        Content(t(lang, f"cli_decision_{d.value}")),
                        name=d.value,
                        id=f"decision-{d.value}",
                    )
                    for d in Decision
                ),
                id="review-decision",
            )
            yield from self._details()
            yield Label(Content(t(lang, "rev_read_first")), classes="field-label")
            yield Vertical(id="review-articles")
            yield Label(Content(t(lang, "rev_reason_label")), classes="field-label")
            yield Input(id="review-reason", max_length=200, compact=True)
            next_review = today + dt.timedelta(weeks=DEFAULT_WEEKS)
            yield Static(Content(t(lang, "rev_next", date=date_text(lang, next_review))))
            yield Static(id="review-error", markup=False)
            with Horizontal(id="review-buttons"):
                yield Button(Content(t(lang, "rev_record")), id="review-record", variant="primary")
                yield Button(Content(t(lang, "rev_later")), id="review-later")
        yield Footer()

    def _details(self) -> ComposeResult:
        """What some decisions need: a new limit, a platform, a goal, the hours to move."""
        lang, plan = self.lang, self.plan
        with Horizontal(id="review-weekly-row", classes="review-detail"):
            current = plan.limits.weekly_minutes
            yield Label(Content(t(lang, "rev_weekly_label", current=current)))
            yield WholeInput(str(current), id="review-weekly", select_on_focus=True)
        with Vertical(id="review-platform-box", classes="review-detail"):
            yield Label(Content(t(lang, "rev_platform_label")), classes="field-label")
            yield Choices(
                *(
                    RadioButton(Content(name), name=name, id=f"platform-{i}")
                    for i, name in enumerate(self.open_platforms())
                ),
                id="review-platform",
            )
        with Vertical(id="review-goal-box", classes="review-detail"):
            yield Label(Content(t(lang, "rev_goal_label")), classes="field-label")
            yield Choices(
                *(
                    RadioButton(Content(g.skill), name=g.skill, id=f"goal-{i}")
                    for i, g in enumerate(plan.goals)
                ),
                id="review-goal",
            )
        with Horizontal(id="review-hours-row", classes="review-detail"):
            yield Label(Content(t(lang, "rev_hours_label")))
            yield WholeInput("2", id="review-hours", select_on_focus=True)
            yield Button(Content(t(lang, "rev_compare")), id="review-compare", compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.plan.title
        flagged = [h.platform for h in self.due.stop_hits] if self.due else []
        platforms = self.open_platforms()
        if platforms:
            first = next((p for p in flagged if p in platforms), platforms[0])
            self.query_one("#review-platform", Choices).choose(first)
        if self.plan.goals:
            self.query_one("#review-goal", Choices).choose(self.plan.goals[0].skill)
        self.query_one("#review-error").display = False
        self._show_decision()
        self.query_one("#review-decision").focus(scroll_visible=False)  # why comes first

    # The decision -----------------------------------------------------------------------

    @on(Choices.Changed, "#review-decision")
    def _decided(self, event: Choices.Changed) -> None:
        self.decision = Decision(event.pressed.name or Decision.KEEP_GOING)
        self._show_decision()

    def _show_decision(self) -> None:
        decision = self.decision
        needs = {
            "#review-weekly-row": decision is Decision.CUT_HOURS,
            "#review-platform-box": decision is Decision.DROP_PLATFORM,
            "#review-goal-box": decision in (Decision.SWITCH_TO_SKILL, Decision.MOVE_HOURS_TO_STUDY)
            and len(self.plan.goals) > 1,
            "#review-hours-row": decision is Decision.MOVE_HOURS_TO_STUDY,
        }
        for selector, shown in needs.items():
            self.query_one(selector).display = shown
        self._show_articles()
        self.refresh_bindings()
        # What the decision needs next comes into view (at 80x24 it is below the fold).
        if decision is not None:
            wanted = [selector for selector, on in needs.items() if on]
            below = self.query_one(wanted[-1] if wanted else "#review-articles")
            self.call_after_refresh(below.scroll_visible, animate=False)

    def _show_articles(self) -> None:
        box = self.query_one("#review-articles", Vertical)
        box.remove_children()
        lang, guide = self.lang, self.context.guide
        if self.decision is None or guide is None:
            box.mount(Static(Content(t(lang, "rev_pick_hint")), classes="muted"))
            return
        box.mount_all(
            Button(
                Content(t(lang, "btn_read", title=guide.article(lang, aid).title)),
                name=aid,
                classes="article-link",
                compact=True,
            )
            for aid in advice(self.decision)
        )

    @on(Button.Pressed, ".article-link")
    def _read(self, event: Button.Pressed) -> None:
        from guide.history import Place

        event.stop()
        self.app.open_place(Place("article", event.button.name or ""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "compare":
            typing = isinstance(self.focused, Input) and not isinstance(self.focused, WholeInput)
            if typing:
                return False  # a letter of the reason
            # Shown greyed (and in the help) until the move is the decision.
            return True if self.decision is Decision.MOVE_HOURS_TO_STUDY else None
        return True

    # What the move brings ------------------------------------------------------------------

    @on(Button.Pressed, "#review-compare")
    def action_compare(self) -> None:
        from screens.compare import CompareScreen

        hours = whole(self.query_one("#review-hours", Input).value) or 0
        compare = CompareScreen(
            self.lang, self.plan, self.context.today(), move_hours=min(hours, MAX_HOURS)
        )

        def back(_: None) -> None:
            # The hours tried there come back, when they fit the field (whole hours).
            moved = compare.switch.inputs.move_hours
            if moved == moved.to_integral_value() and 0 < moved <= MAX_HOURS:
                self.query_one("#review-hours", Input).value = str(int(moved))

        self.app.push_screen(compare, back)

    # Recording ---------------------------------------------------------------------------

    def answer(self) -> ReviewAnswer | str:
        """The answer, or the problem with it in the reader's words."""
        lang, plan, decision = self.lang, self.plan, self.decision
        if decision is None:
            return t(lang, "rev_err_decision")
        reason = self.query_one("#review-reason", Input).value.strip()
        if not reason:
            return t(lang, "rev_err_reason")
        answer = ReviewAnswer(decision, reason)
        if decision is Decision.CUT_HOURS:
            current = plan.limits.weekly_minutes
            minutes = whole(self.query_one("#review-weekly", Input).value)
            if minutes is None or minutes >= current:
                return t(lang, "rev_err_weekly", current=current)
            answer = ReviewAnswer(decision, reason, weekly_minutes=minutes)
        elif decision is Decision.DROP_PLATFORM:
            platform = self.query_one("#review-platform", Choices).chosen
            if platform is None:
                return t(lang, "rev_err_no_platform")
            answer = ReviewAnswer(decision, reason, platform=platform)
        elif decision in (Decision.SWITCH_TO_SKILL, Decision.MOVE_HOURS_TO_STUDY):
            goal = self.query_one("#review-goal", Choices).chosen
            hours = whole(self.query_one("#review-hours", Input).value)
            if decision is Decision.SWITCH_TO_SKILL:
                answer = ReviewAnswer(decision, reason, goal=goal)
            elif goal is None:
                return t(lang, "rev_err_no_goal")
            elif hours is None or not 1 <= hours <= MAX_HOURS:
                return t(lang, "rev_err_hours")
            else:
                answer = ReviewAnswer(decision, reason, goal=goal, hours_per_week=hours)
        return answer

    @on(Button.Pressed, "#review-record")
    @on(Input.Submitted, "#review-reason")
    def action_record(self) -> None:
        answer = self.answer()
        if isinstance(answer, ReviewAnswer):
            try:  # on a copy: what the file will take, checked before leaving
                answer.record(working_copy(self.plan), self.context.today())
            except ReviewError as error:
                answer = said_error(self.lang, error)
        if isinstance(answer, str):
            error_line = self.query_one("#review-error", Static)
            error_line.update(Content(answer))
            error_line.display = True
            return
        self.dismiss(answer)

    @on(Button.Pressed, "#review-later")
    def action_later(self) -> None:
        self.dismiss(None)
