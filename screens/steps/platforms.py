"""Step 4: pick platforms from the guide's catalogue (with what is known and what isn't) or
add your own, and set each one's status. Changes apply to the plan at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from guide.i18n import Lang, t
from guide.plan import PlatformStatus, new_platform
from guide.platforms import Platform as CatalogueEntry
from guide.platforms import by_id, load_catalogue
from guide.printable import escape_text
from guide.problems import said_error
from screens.context import PlanContext
from screens.steps.base import WizardStep

if TYPE_CHECKING:
    from guide.plan import Plan


class PlatformsStep(WizardStep):
    key = "platforms"

    def __init__(self, context: PlanContext, *, fresh: bool = False, id: str | None = None) -> None:
        super().__init__(context, fresh=fresh, id=id)
        self.catalogue = load_catalogue()

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(Content(t(lang, "catalogue_label")), classes="field-label")
        yield SelectionList[str](
            *(Selection(Content(f"{p.name} — {p.work.get(lang)}"), p.id) for p in self.catalogue),
            id="catalogue",
        )
        yield Static(id="platform-details", markup=False)
        yield Label(Content(t(lang, "custom_label")), classes="field-label")
        with Horizontal(id="custom-row"):
            yield Input(placeholder=t(lang, "custom_placeholder"), id="custom-name")
            yield Button(Content(t(lang, "btn_add")), id="custom-add", compact=True)
        yield Static("", id="custom-error", classes="field-error", markup=False)
        yield Label(Content(t(lang, "chosen_label")), classes="field-label")
        yield Vertical(id="chosen")

    def on_mount(self) -> None:
        self.query_one("#custom-error").display = False

    def load(self, plan: Plan) -> None:
        chosen = {p.catalogue_id for p in plan.platforms if p.catalogue_id}
        selection = self.query_one(SelectionList)
        with selection.prevent(SelectionList.SelectedChanged):
            selection.deselect_all()
            for entry in self.catalogue:
                if entry.id in chosen:
                    selection.select(entry.id)
        self._show_details(self.catalogue[0].id if self.catalogue else None)
        self._rebuild_chosen()

    # Catalogue ------------------------------------------------------------------------

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show_details(event.selection.value)

    @on(SelectionList.SelectedChanged)
    def _picked(self, event: SelectionList.SelectedChanged[str]) -> None:
        selected = set(event.selection_list.selected)
        plan = self.plan
        kept = [p for p in plan.platforms if not p.catalogue_id or p.catalogue_id in selected]
        have = {p.catalogue_id for p in kept}
        added = [
            new_platform(entry.name, catalogue_id=entry.id)
            for entry in self.catalogue
            if entry.id in selected and entry.id not in have
        ]
        plan.platforms = kept + added
        self._rebuild_chosen()
        self.changed()

    def _show_details(self, platform_id: str | None) -> None:
        entry = by_id(self.catalogue, platform_id) if platform_id else None
        details = self.query_one("#platform-details", Static)
        details.update(Content(describe(entry, self.lang)) if entry else "")

    # Own platforms --------------------------------------------------------------------

    @on(Button.Pressed, "#custom-add")
    @on(Input.Submitted, "#custom-name")
    def _add_custom(self, event: Button.Pressed | Input.Submitted) -> None:
        event.stop()
        field = self.query_one("#custom-name", Input)
        name = field.value.strip()
        error = self.query_one("#custom-error", Static)
        taken = any(p.name.casefold() == name.casefold() for p in self.plan.platforms)
        problem = (
            t(self.lang, "err_required")
            if not name
            else t(self.lang, "err_name_taken")
            if taken
            else ""
        )
        error.update(Content(problem))
        error.display = bool(problem)
        if problem:
            return
        try:
            platform = new_platform(name)
        except ValueError as invalid:  # too long, control characters...
            error.update(Content(escape_text(said_error(self.lang, invalid))))
            error.display = True
            return
        self.plan.platforms = [*self.plan.platforms, platform]
        field.value = ""
        self._rebuild_chosen()
        self.changed()

    # The chosen list ------------------------------------------------------------------

    def _rebuild_chosen(self) -> None:
        box = self.query_one("#chosen", Vertical)
        box.remove_children()
        if not self.plan.platforms:
            box.mount(Static(Content(t(self.lang, "no_platforms")), classes="muted"))
            return
        rows = []
        for i, platform in enumerate(self.plan.platforms):
            status = Select(
                [(Content(t(self.lang, f"status_{s.value}")), s.value) for s in PlatformStatus],
                value=platform.status.value,
                allow_blank=False,
                compact=True,
                name=str(i),
                classes="platform-status",
            )
            remove = Button(
                Content(t(self.lang, "btn_remove")),
                name=str(i),
                classes="platform-remove",
                compact=True,
            )
            rows.append(
                Horizontal(
                    Label(Content(platform.name), classes="platform-name"),
                    status,
                    remove,
                    classes="platform-row",
                )
            )
        box.mount_all(rows)

    @on(Select.Changed, ".platform-status")
    def _status(self, event: Select.Changed) -> None:
        event.stop()
        platform = self.plan.platforms[int(event.select.name or 0)]
        if event.value != platform.status.value and isinstance(event.value, str):
            platform.status = PlatformStatus(event.value)
            self.changed()

    @on(Button.Pressed, ".platform-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(event.button.name or 0)
        removed = self.plan.platforms[index]
        names = {removed.name}
        # The log may refer to it: keep a platform that has logged sessions.
        if any(e.platform in names for e in self.plan.log):
            self.notify(
                t(self.lang, "err_platform_in_log", name=removed.name),
                markup=False,
                severity="warning",
            )
            return
        self.plan.platforms = [p for i, p in enumerate(self.plan.platforms) if i != index]
        if removed.catalogue_id:
            selection = self.query_one(SelectionList)
            with selection.prevent(SelectionList.SelectedChanged):
                selection.deselect(removed.catalogue_id)
        self._rebuild_chosen()
        self.changed()


def describe(entry: CatalogueEntry, lang: Lang) -> str:
    """What the catalogue knows about a platform, and what it doesn't."""
    lines = [
        f"{entry.name}: {entry.work.get(lang)}",
        t(lang, "detail_payout", methods=", ".join(entry.payout_methods) or "—"),
    ]
    if entry.minimum_payout:
        amount = entry.minimum_payout.text(lang)
        lines.append(t(lang, "detail_minimum", amount=amount))
    else:
        lines.append(t(lang, "detail_minimum_unknown"))
    if entry.fairwork:
        lines.append(
            t(lang, "detail_fairwork", score=entry.fairwork.score, year=entry.fairwork.year)
        )
    else:
        lines.append(t(lang, "detail_fairwork_none"))
    lines.append(entry.regions.get(lang))
    unverified = entry.unverified.get(lang)
    if unverified:
        lines.append(t(lang, "detail_unverified", items="; ".join(unverified)))
    return "\n".join(lines)
