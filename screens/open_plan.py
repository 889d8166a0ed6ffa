"""Open a plan: the saved plans, newest first, and a path field."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from guide.i18n import Lang, datetime_text, t, tn
from guide.paths import plans_dir
from guide.printable import escape_text, shown_path
from guide.problems import said_text
from guide.storage import PlanError, PlanInfo, list_plans
from screens.base import GuideScreen


class OpenPlanScreen(GuideScreen[Path | None]):
    """Dismisses with the chosen path (the app opens it), or None."""

    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="back")]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang
        self._plans: list[PlanInfo] = []

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="")
        with VerticalScroll(id="open-plan"):
            yield Label(Content(t(lang, "open_saved")), classes="field-label")
            yield OptionList(id="saved-plans")
            yield Static(id="plan-problem", classes="muted", markup=False)
            yield Static(id="no-plans", classes="muted", markup=False)
            yield Label(Content(t(lang, "open_path_label")), classes="field-label")
            yield Input(id="plan-path", placeholder="~/plans/my-plan.toml")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "open_title")
        try:
            self._plans = list_plans()
            empty_text = t(self.lang, "open_none", folder=shown_path(plans_dir()))
        except PlanError as error:
            self._plans, empty_text = [], escape_text(error.text(self.lang), multiline=True)
        plans = self._plans
        self._fill()
        self.query_one("#plan-problem", Static).display = False
        empty = self.query_one("#no-plans", Static)
        empty.update(Content(empty_text))
        empty.display = not plans
        self.query_one("#saved-plans", OptionList).display = bool(plans)
        (self.query_one("#saved-plans") if plans else self.query_one("#plan-path")).focus()

    def _fill(self) -> None:
        """One row per plan, as wide as the screen: a long title or problem is cut with an
        ellipsis (a broken file's whole problem is shown under the list when highlighted)."""
        options = self.query_one("#saved-plans", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        # The list's padding (2 + 2), its border (2) and an option's padding (2).
        width = max(self.app.size.width - 8, 20)
        for info in self._plans:
            options.add_option(Option(self._row(info, width), id=str(info.path)))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted

    def _problem(self, info: PlanInfo) -> str:
        return escape_text(said_text(self.lang, info.problem or ""), multiline=False)

    def _row(self, info: PlanInfo, width: int) -> Content:
        lang = self.lang
        when = datetime_text(lang, info.modified.astimezone())
        if info.title is not None:
            title = escape_text(info.title)
        else:
            title = t(lang, "open_broken", problem=self._problem(info))
        name = shown_path(info.path.name)
        copies = f"  {tn(lang, 'plans_copies', info.copies)}" if info.copies else ""
        rest = Content.assemble(f"  {when}  ", (name, "dim"), (copies, "bold"))
        room = max(width - rest.cell_length, 12)
        bold = Content(title).stylize("bold")
        return Content.assemble(bold.truncate(room, ellipsis=True), rest)

    def on_resize(self) -> None:
        if self._plans:
            self._fill()

    @on(OptionList.OptionHighlighted, "#saved-plans")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        info = next((i for i in self._plans if str(i.path) == event.option.id), None)
        shown = self.query_one("#plan-problem", Static)
        broken = info is not None and info.title is None
        shown.display = broken
        if info is not None and broken:
            shown.update(Content(t(self.lang, "open_broken", problem=self._problem(info))))

    @on(OptionList.OptionSelected, "#saved-plans")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Path(event.option.id or ""))

    @on(Input.Submitted, "#plan-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())
