"""Step 8: the whole plan on one screen, an "edit" for each part, the title and the file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.validation import Function
from textual.widgets import Button, Label, Static

from guide.derived import checklist_progress, platform_rate
from guide.i18n import Lang, date_text, t, tn
from guide.printable import shown_path
from guide.rate import money_text
from guide.storage import default_plan_path
from screens.steps.base import GoTo, WizardStep
from screens.widgets.form import Required, TextField

if TYPE_CHECKING:
    from guide.plan import Plan

# (words key of the part, the key of the step that edits it)
PARTS = [
    ("review_profile", "about"),
    ("review_limits", "limits"),
    ("review_platforms", "platforms"),
    ("review_goals", "goals"),
]


class ReviewStep(WizardStep):
    key = "review"
    editable_alone = False  # it is the wizard's end: title, file and save

    def compose(self) -> ComposeResult:
        lang = self.lang
        for key, step in PARTS:
            with Horizontal(classes="review-head"):
                yield Label(Content(t(lang, key)), classes="field-label")
                yield Button(
                    Content(t(lang, "btn_edit")),
                    name=step,
                    classes="review-edit",
                    compact=True,
                )
            yield Static(id=f"{key}-text", markup=False, classes="review-text")
        yield TextField(t(lang, "review_title_label"), validators=[Required(lang)], id="plan-title")
        yield TextField(
            t(lang, "review_file_label"),
            validators=[Function(lambda v: v.strip().endswith(".toml"), t(lang, "err_file"))],
            id="plan-file",
        )

    def enter(self, plan: Plan) -> None:
        self.load(plan)

    def load(self, plan: Plan) -> None:
        for key, text in summary(plan, self.lang).items():
            self.query_one(f"#{key}-text", Static).update(Content(text))
        self.query_one("#plan-title", TextField).value = plan.title
        file_field = self.query_one("#plan-file", TextField)
        if not file_field.value:
            target = self.context.target
            file_field.value = shown_path(target or default_plan_path(plan.title))

    def apply(self, plan: Plan) -> list[str]:
        problems = self.field_problems()
        if not problems:
            plan.title = self.query_one("#plan-title", TextField).value.strip()
        return problems

    def focus_first(self) -> None:
        self.query_one("#plan-title-input").focus()

    @property
    def file(self) -> Path:
        typed = self.query_one("#plan-file", TextField).value.strip()
        target = self.context.target
        # The field shows the target escaped; unchanged, it still means that file.
        if target is not None and typed == shown_path(target):
            return target
        return Path(typed).expanduser()

    @on(Button.Pressed, ".review-edit")
    def _edit(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name:
            self.post_message(GoTo(event.button.name))

    @on(TextField.Edited)
    def _edited(self) -> None:
        self.changed()


def summary(plan: Plan, lang: Lang) -> dict[str, str]:
    """Each part of the plan in a few lines of plain text."""
    p, lim = plan.profile, plan.limits
    profile = t(
        lang,
        "review_profile_line",
        goal=t(lang, f"goal_{p.goal.value}"),
        hours=p.hours_per_week,
        rate=money_text(p.target_hourly_rate, p.currency, lang),
        path=t(lang, f"path_{p.path.value}"),
    )
    if p.skills:
        profile += "\n" + ", ".join(p.skills)
    days = ", ".join(t(lang, f"day_{d.value}") for d in lim.working_days)
    limits = t(
        lang,
        "review_limits_line",
        daily=lim.daily_minutes,
        weekly=lim.weekly_minutes,
        days=days,
        date=date_text(lang, lim.review_date),
    )
    if lim.stop_rule:
        limits += "\n" + tn(
            lang,
            "review_stop_line",
            lim.stop_rule.after_weeks,
            rate=money_text(lim.stop_rule.min_hourly_rate, p.currency, lang),
        )
    platforms = "\n".join(
        t(
            lang,
            "review_platform_line",
            name=pl.name,
            status=t(lang, f"status_{pl.status.value}"),
            done=checklist_progress(pl).checked,
            total=checklist_progress(pl).total,
            rate=money_text(platform_rate(pl), p.currency, lang),
        )
        for pl in plan.platforms
    ) or t(lang, "no_platforms")
    goals = "\n".join(
        tn(lang, "review_goal_line", len(g.milestones), skill=g.skill) for g in plan.goals
    ) or t(lang, "goals_none")
    return {
        "review_profile": profile,
        "review_limits": limits,
        "review_platforms": platforms,
        "review_goals": goals,
    }
