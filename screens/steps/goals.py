"""Step 7: upskilling goals with milestones; suggestions that fit the chosen path."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from guide.i18n import t
from guide.plan import Goal, Milestone
from guide.recommend import Suggestion, suggestions
from screens.steps.base import WizardStep

if TYPE_CHECKING:
    from guide.plan import Plan


class GoalsStep(WizardStep):
    key = "goals"
    edit_key = "g"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(Content(t(lang, "goals_suggested")), classes="field-label")
        yield OptionList(id="suggestions", compact=True)
        yield Label(Content(t(lang, "goals_yours")), classes="field-label")
        yield Static(Content(t(lang, "goals_none")), id="goals-none", classes="muted")
        yield OptionList(id="goals", compact=True)
        with Horizontal(classes="row-buttons"):
            yield Button(Content(t(lang, "goal_add")), id="goal-add", compact=True)
            yield Button(Content(t(lang, "btn_edit")), id="goal-edit", compact=True)
            yield Button(Content(t(lang, "btn_remove")), id="goal-remove", compact=True)

    def enter(self, plan: Plan) -> None:
        self.load(plan)

    _suggested: list[Suggestion] = []

    def load(self, plan: Plan) -> None:
        self._suggested = suggestions(plan.profile.path, self.lang)
        offered = self.query_one("#suggestions", OptionList)
        offered.set_options(
            Option(Content.assemble((s.skill, "bold"), " — ", s.why)) for s in self._suggested
        )
        offered.highlighted = 0 if self._suggested else None
        self._show_goals()

    def _show_goals(self) -> None:
        goals = self.query_one("#goals", OptionList)
        highlighted = goals.highlighted
        goals.set_options(
            Option(Content(f"{g.skill} · {sum(m.done for m in g.milestones)}/{len(g.milestones)}"))
            for g in self.plan.goals
        )
        if self.plan.goals:
            goals.highlighted = min(highlighted or 0, len(self.plan.goals) - 1)
        self.query_one("#goals-none").display = not self.plan.goals
        goals.display = bool(self.plan.goals)

    @on(OptionList.OptionSelected, "#suggestions")
    def _take(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        goal = goal_from(self._suggested[event.option_index], self.context.today())
        self.plan.goals = [*self.plan.goals, goal]
        self._show_goals()
        self.changed()

    @on(Button.Pressed, "#goal-add")
    def _add(self) -> None:
        self._edit(None)

    @on(Button.Pressed, "#goal-edit")
    @on(OptionList.OptionSelected, "#goals")
    def _edit_current(self, event: Button.Pressed | OptionList.OptionSelected) -> None:
        event.stop()
        index = self.query_one("#goals", OptionList).highlighted
        if index is not None and index < len(self.plan.goals):
            self._edit(index)

    @on(Button.Pressed, "#goal-remove")
    def _remove(self) -> None:
        from guide.log import uses
        from guide.plan import EntryKind

        index = self.query_one("#goals", OptionList).highlighted
        if index is not None and index < len(self.plan.goals):
            skill = self.plan.goals[index].skill
            # Study logged toward it would point nowhere: keep the goal.
            if uses(self.plan, EntryKind.STUDY, skill):
                message = t(self.lang, "err_goal_in_log", name=skill)
                self.notify(message, severity="warning", markup=False)
                return
            self.plan.goals = [g for i, g in enumerate(self.plan.goals) if i != index]
            self._show_goals()
            self.changed()

    def _edit(self, index: int | None) -> None:
        from screens.goal_editor import GoalEditor

        def done(goal: Goal | None) -> None:
            from guide.log import LogError, rename_subject
            from guide.plan import EntryKind
            from guide.problems import said_text

            if goal is None:
                return
            if index is not None:
                try:  # the study logged toward the goal follows its new name
                    rename_subject(
                        self.plan, EntryKind.STUDY, self.plan.goals[index].skill, goal.skill
                    )
                except LogError as e:
                    problem = said_text(self.lang, e.problems[0])
                    self.notify(problem, severity="warning", markup=False)
                    return
            goals = list(self.plan.goals)
            if index is None:
                goals.append(goal)
            else:
                goals[index] = goal
            self.plan.goals = goals
            self._show_goals()
            self.changed()

        current = self.plan.goals[index] if index is not None else None
        self.app.push_screen(GoalEditor(self.context, current), done)


def goal_from(suggestion: Suggestion, today: dt.date) -> Goal:
    """A goal made from a suggestion, its milestones dated from ``today``."""
    milestones = [
        Milestone(title=title, due=today + dt.timedelta(weeks=weeks))
        for weeks, title in suggestion.milestones
    ]
    return Goal(
        skill=suggestion.skill,
        why=suggestion.why,
        target_date=milestones[-1].due if milestones else None,
        hours_per_week=suggestion.hours_per_week,
        resources=list(suggestion.resources),
        milestones=milestones,
    )
