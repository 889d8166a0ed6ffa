"""Step 2: the recommended career path with its reasons, the comparison articles, and the
user's own choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from guide.i18n import t
from guide.plan import CareerPath
from guide.recommend import PATH_ARTICLES, recommend
from screens.steps.base import WizardStep
from screens.widgets.form import Choices

if TYPE_CHECKING:
    from guide.plan import Plan


class PathStep(WizardStep):
    key = "path"

    def compose(self) -> ComposeResult:
        yield Static(id="recommended", markup=False)
        yield Static(id="reasons", markup=False)
        yield Horizontal(id="path-articles")
        yield Label(Content(t(self.lang, "path_choice")), classes="field-label")
        yield Choices(
            *(
                RadioButton(Content(t(self.lang, f"path_{p.value}")), name=p.value)
                for p in CareerPath
            ),
            id="path",
        )

    chosen = False  # whether the user picked a path (else the recommendation is preselected)
    recommended = CareerPath.MIX  # until the first recommendation

    def load(self, plan: Plan) -> None:
        self.refresh_recommendation(plan)
        self._select(plan.profile.path)

    def enter(self, plan: Plan) -> None:
        self.refresh_recommendation(plan)
        if not self.chosen and self.fresh:
            self._select(self.recommended)

    def _select(self, path: CareerPath) -> None:
        self.query_one(Choices).choose(path.value)

    def refresh_recommendation(self, plan: Plan) -> None:
        """Recompute from step 1's answers (called whenever this step is shown)."""
        lang = self.lang
        advice = recommend(plan.profile)
        name = t(lang, f"path_{advice.path.value}")
        self.query_one("#recommended", Static).update(
            Content(t(lang, "path_recommended", path=name))
        )
        reasons = "\n".join(f"• {r.text(lang)}" for r in advice.reasons)
        self.query_one("#reasons", Static).update(Content(reasons))
        links = self.query_one("#path-articles", Horizontal)
        links.remove_children()
        guide = self.context.guide
        if guide is not None:
            links.mount_all(
                Button(
                    Content(t(lang, "btn_read", title=guide.article(lang, aid).title)),
                    name=aid,
                    classes="article-link",
                    compact=True,
                )
                for aid in PATH_ARTICLES[advice.path]
            )
        self.recommended = advice.path

    def apply(self, plan: Plan) -> list[str]:
        pressed = self.query_one(Choices).chosen
        chosen = CareerPath(pressed) if pressed else self.recommended
        profile = plan.profile.model_copy()
        profile.path = chosen
        plan.profile = profile
        return []

    @on(Button.Pressed, ".article-link")
    def _read(self, event: Button.Pressed) -> None:
        from screens.reader import ReaderScreen

        event.stop()
        self.app.push_screen(ReaderScreen(event.button.name or ""))

    @on(RadioSet.Changed)
    def _edited(self) -> None:
        self.chosen = True
        self.changed()
