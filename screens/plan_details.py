"""The plan's details, read-only: the wizard's answers (profile, limits, stop rule, each
platform's pay inputs and checklist with notes, each goal's reason, resources and
milestones), so they can be read without opening an editor. Escape returns.

Everything from the plan is shown as plain text (``Content``, no markup), made printable
with :func:`guide.printable.escape_text` first.
"""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from guide.checklist import CheckState, load_checklist
from guide.derived import platform_log_rate, platform_rate
from guide.i18n import Lang, date_text, number_text, t, tn
from guide.plan import Goal, Plan, Platform
from guide.printable import escape_text
from guide.rate import money_text, naive_hourly_rate
from screens.base import GuideScreen

MARK = {CheckState.TODO: "·", CheckState.PASS: "✓", CheckState.FAIL: "✗"}
# Pay inputs: (Platform attribute, words key, how the value is written)
PAY_FIELDS: list[tuple[str, str, str]] = [
    ("pay_per_task", "pay_per_task_label", "money"),
    ("minutes_per_task", "minutes_per_task_label", "number"),
    ("unpaid_minutes_per_hour", "unpaid_label", "number"),
    ("rejected_percent", "rejected_label", "percent"),
    ("fee_percent", "fee_label", "percent"),
    ("withdrawal_fee_fixed", "withdraw_fixed_label", "money"),
    ("withdrawal_fee_percent", "withdraw_percent_label", "percent"),
    ("payout_amount", "payout_label", "money"),
    ("tax_percent", "tax_label", "percent"),
]


def safe(text: str, *, multiline: bool = False) -> str:
    return escape_text(text, multiline=multiline)


class PlanDetailsScreen(GuideScreen[None]):
    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("escape,i", "app.pop_screen", "Close", id="details_close")]

    def __init__(self, lang: Lang, plan: Plan) -> None:
        super().__init__()
        self.lang, self.plan = lang, plan

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="details-body"):
            yield Static(Content(safe(self.plan.title)), id="details-title")
            for heading, lines in details(self.plan, self.lang):
                yield Static(Content(heading), classes="details-head")
                body = lines if isinstance(lines, Table) else Content("\n").join(lines)
                yield Static(body, classes="details-text")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "details_title")
        self.sub_title = safe(self.plan.title)
        self.query_one("#details-body").focus()


Section = tuple[str, list[Content] | Table]


def details(plan: Plan, lang: Lang) -> list[Section]:
    """The sections of the details view: a heading and its lines (or a table)."""
    sections: list[Section] = [
        (t(lang, "md_profile"), profile_lines(plan, lang)),
        (t(lang, "md_limits"), limit_lines(plan, lang)),
    ]
    for platform in plan.platforms:
        heading = f"{safe(platform.name)} · {t(lang, f'status_{platform.status.value}')}"
        sections.append((heading, pay_lines(plan, platform, lang)))
        sections.append(
            (t(lang, "md_vetting", platform=safe(platform.name)), checklist_table(platform, lang))
        )
    if not plan.platforms:
        sections.append((t(lang, "md_platforms"), [Content(t(lang, "md_none_yet"))]))
    for goal in plan.goals:
        sections.append((safe(goal.skill), goal_lines(goal, lang)))
    if not plan.goals:
        sections.append((t(lang, "md_goals"), [Content(t(lang, "md_none_yet"))]))
    return sections


def profile_lines(plan: Plan, lang: Lang) -> list[Content]:
    profile, currency = plan.profile, plan.profile.currency
    skills = ", ".join(safe(s) for s in profile.skills) or t(lang, "md_no_skills")
    rate = t(lang, "per_hour", rate=money_text(profile.target_hourly_rate, currency, lang))
    return [
        Content(t(lang, "md_goal", goal=t(lang, f"goal_{profile.goal.value}"))),
        Content(t(lang, "md_path", path=t(lang, f"path_{profile.path.value}"))),
        Content(t(lang, "md_time", hours=tn(lang, "hours_a_week", profile.hours_per_week))),
        Content(t(lang, "md_target", rate=rate)),
        Content(t(lang, "md_skills", skills=skills)),
    ]


def limit_lines(plan: Plan, lang: Lang) -> list[Content]:
    limits = plan.limits
    days = ", ".join(t(lang, f"day_{d.value}") for d in limits.working_days)
    lines = [
        Content(
            t(
                lang,
                "md_limits_line",
                daily=limits.daily_minutes,
                weekly=limits.weekly_minutes,
                days=days,
            )
        ),
        Content(t(lang, "details_review", date=date_text(lang, limits.review_date))),
    ]
    rule = limits.stop_rule
    if rule is None:
        lines.append(Content(t(lang, "details_no_stop_rule")))
    else:
        rate = t(
            lang, "per_hour", rate=money_text(rule.min_hourly_rate, plan.profile.currency, lang)
        )
        lines.append(Content(tn(lang, "md_stop_rule", rule.after_weeks, rate=rate)))
    return lines


def _value(value: Decimal | int | None, kind: str, currency: str, lang: Lang) -> str:
    if value is None:
        return t(lang, "rate_unknown")
    if kind == "money":
        return money_text(Decimal(value), currency, lang)
    places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 2
    return number_text(lang, value, places=places)  # a percent's label says "(%)"


def pay_lines(plan: Plan, platform: Platform, lang: Lang) -> list[Content]:
    currency = plan.profile.currency

    def per_hour(value: Decimal | None) -> str:
        if value is None:
            return t(lang, "rate_unknown")
        return t(lang, "per_hour", rate=money_text(value, currency, lang))

    lines = [
        Content(f"{t(lang, label)}: {_value(getattr(platform, attribute), kind, currency, lang)}")
        for attribute, label, kind in PAY_FIELDS
    ]
    paper = None
    if platform.pay_per_task is not None and platform.minutes_per_task:
        paper = naive_hourly_rate(platform.pay_per_task, Decimal(platform.minutes_per_task))
    real = platform_rate(platform)
    lines += [
        Content(t(lang, "details_on_paper", rate=per_hour(paper))),
        Content.assemble((t(lang, "details_real_rate", rate=per_hour(real)), "bold")),
        Content(t(lang, "details_log_rate", rate=per_hour(platform_log_rate(plan, platform.name)))),
    ]
    return lines


def checklist_table(platform: Platform, lang: Lang) -> Table:
    """Each check with its state, and the user's note under it; the text wraps in its
    column."""
    checklist = load_checklist()
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for item in checklist.items:
        entry = platform.entry(item.id)
        state = entry.state if entry else CheckState.TODO
        style = {CheckState.PASS: "green", CheckState.FAIL: "red"}.get(state, "")
        check = Text(item.text(lang))
        if entry and entry.note:
            check.append(f"\n✎ {safe(entry.note)}", style="italic")
        table.add_row(Text(f"{MARK[state]} {checklist.states.label(state, lang)}", style), check)
    return table


def goal_lines(goal: Goal, lang: Lang) -> list[Content]:
    by = t(lang, "show_by", date=date_text(lang, goal.target_date)) if goal.target_date else ""
    hours = tn(lang, "hours_a_week", goal.hours_per_week)
    lines = [Content(t(lang, "md_goal_hours", hours=hours, by=by))]
    if goal.why:
        lines.append(Content(t(lang, "details_why", why=safe(goal.why, multiline=True))))
    if goal.resources:
        lines.append(Content(t(lang, "md_resources")))
        lines += [Content(f"  • {safe(r)}") for r in goal.resources]
    if goal.milestones:
        lines.append(Content(t(lang, "md_milestones")))
        lines += [
            Content(
                f"  {'✓' if m.done else '·'} {safe(m.title)} "
                f"({t(lang, 'md_due', date=date_text(lang, m.due))})"
            )
            for m in goal.milestones
        ]
    return lines
