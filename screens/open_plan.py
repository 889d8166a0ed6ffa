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
from guide.storage import PlanError, list_plans
from screens.base import GuideScreen


class OpenPlanScreen(GuideScreen[Path | None]):
    """Dismisses with the chosen path (the app opens it), or None."""

    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="back")]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="")
        with VerticalScroll(id="open-plan"):
            yield Label(Content(t(lang, "open_saved")), classes="field-label")
            yield OptionList(id="saved-plans")
            yield Static(id="no-plans", classes="muted", markup=False)
            yield Label(Content(t(lang, "open_path_label")), classes="field-label")
            yield Input(id="plan-path", placeholder="~/plans/my-plan.toml")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "open_title")
        try:
            plans = list_plans()
            empty_text = t(self.lang, "open_none", folder=shown_path(plans_dir()))
        except PlanError as error:
            plans, empty_text = [], escape_text(str(error), multiline=True)
        options = self.query_one("#saved-plans", OptionList)
        for info in plans:
            when = datetime_text(self.lang, info.modified.astimezone())
            title = (
                info.title
                if info.title is not None
                else t(self.lang, "open_broken", problem=info.problem)
            )
            name = shown_path(info.path.name)
            copies = f"  {tn(self.lang, 'plans_copies', info.copies)}" if info.copies else ""
            options.add_option(
                Option(
                    Content.assemble(
                        (escape_text(title), "bold"),
                        f"  {when}  ",
                        (name, "dim"),
                        (copies, "bold"),
                    ),
                    id=str(info.path),
                )
            )
        empty = self.query_one("#no-plans", Static)
        empty.update(Content(empty_text))
        empty.display = not plans
        options.display = bool(plans)
        (options if plans else self.query_one("#plan-path")).focus()

    @on(OptionList.OptionSelected, "#saved-plans")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Path(event.option.id or ""))

    @on(Input.Submitted, "#plan-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())
