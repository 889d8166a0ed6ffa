"""The last 12 weeks of the log as small charts (Textual's Sparkline, oldest week on the
left): work minutes against the weekly limit, earnings, the real hourly rate against the
stop rule's minimum, study hours against the goals; then this month's and this year's
totals (earned, withdrawal fees, tax, net) for taxes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline, Static

from guide.i18n import Lang, t
from guide.plan import Plan
from guide.rate import money_text
from guide.weekly import Totals, Week, month_totals, weekly_history, year_totals

WEEKS = 12
ROWS = ("work", "earned", "rate", "study")


def _hours(lang: Lang, minutes: int) -> str:
    text = f"{minutes / 60:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang == "ru" else text


def row_texts(plan: Plan, lang: Lang, weeks: list[Week]) -> dict[str, str]:
    """The label of each chart, about this week (the newest), against its reference."""
    this = weeks[0]
    currency = plan.profile.currency
    rule = plan.limits.stop_rule
    rate = (
        money_text(this.real_rate, currency, lang)
        if this.real_rate is not None
        else t(lang, "charts_none")
    )
    minimum = (
        t(lang, "charts_rate_min", money=money_text(rule.min_hourly_rate, currency, lang))
        if rule is not None
        else ""
    )
    target = sum(g.hours_per_week for g in plan.goals) * 60
    return {
        "work": t(
            lang,
            "charts_work",
            hours=_hours(lang, this.work_minutes),
            limit=_hours(lang, plan.limits.weekly_minutes),
        ),
        "earned": t(lang, "charts_earned", money=money_text(this.earned, currency, lang)),
        "rate": t(lang, "charts_rate", rate=rate) + minimum,
        "study": t(
            lang,
            "charts_study",
            hours=_hours(lang, this.study_minutes),
            target=_hours(lang, target),
        ),
    }


def row_data(weeks: list[Week]) -> dict[str, list[float]]:
    """Each chart's values, oldest week first."""
    oldest_first = list(reversed(weeks))
    return {
        "work": [float(w.work_minutes) for w in oldest_first],
        "earned": [float(w.earned) for w in oldest_first],
        "rate": [float(w.real_rate or Decimal(0)) for w in oldest_first],
        "study": [float(w.study_minutes) for w in oldest_first],
    }


def totals_line(plan: Plan, lang: Lang, key: str, totals: Totals) -> str:
    currency = plan.profile.currency
    return t(
        lang,
        key,
        earned=money_text(totals.earned, currency, lang),
        fees=money_text(totals.withdrawal_fees, currency, lang),
        tax=money_text(totals.tax, currency, lang),
        net=money_text(totals.net, currency, lang),
    )


class HistoryCharts(Vertical):
    """Call :meth:`show` with the plan and today whenever either changes."""

    def __init__(self, lang: Lang, *, id: str) -> None:
        super().__init__(id=id)
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Label(Content(t(self.lang, "charts_title")), classes="field-label")
        for key in ROWS:
            with Horizontal(classes="chart-row"):
                yield Static("", id=f"chart-{key}-text", classes="chart-text", markup=False)
                yield Sparkline([], id=f"chart-{key}", classes="chart")
        yield Static("", id="chart-totals", markup=False)

    def show(self, plan: Plan, today: dt.date) -> None:
        weeks = weekly_history(plan, today, WEEKS)
        texts, data = row_texts(plan, self.lang, weeks), row_data(weeks)
        for key in ROWS:
            self.query_one(f"#chart-{key}-text", Static).update(Content(texts[key]))
            self.query_one(f"#chart-{key}", Sparkline).data = data[key]
        lines = [
            totals_line(plan, self.lang, "cli_history_month", month_totals(plan, today)),
            totals_line(plan, self.lang, "cli_history_year", year_totals(plan, today)),
        ]
        self.query_one("#chart-totals", Static).update(Content("\n".join(lines)))
