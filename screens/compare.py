"""The "Compare paths" screen: what the plan's microtask hours are worth toward its career
path, now and with some hours a week moved to study.

Everything is computed by ``guide.switch``; this screen only shows it. The hours to move
are an input that updates every figure as it changes; a small timeline shows the job-ready
dates and the goal's target; ``s`` lists the sources of the path's figures (Enter opens
one). Self-contained: it is given the language, the plan and today, and uses only the
base ``App`` API (``push_screen``, ``open_url``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from guide.i18n import Lang, t
from guide.plan import Plan
from guide.switch import Switch, compare, figure_lines, fmt, with_move
from screens.base import GuideModal, GuideScreen
from screens.widgets.form import number_value

TIMELINE_WIDTH = 30
MAX_MOVE = Decimal(168)


def role_text(plan: Plan, lang: Lang) -> str:
    """The first job the plan's path leads to, in ``lang``."""
    from guide.paths_catalogue import shipped_paths

    info = shipped_paths().get(plan.profile.path)
    return info.role.get(lang) if info is not None else plan.profile.path.value


def timeline_lines(switch: Switch, lang: Lang, width: int = TIMELINE_WIDTH) -> list[str]:
    """Bars from today to each date (job-ready as now, if moved, the goal's target)."""
    today = switch.inputs.today
    rows = [
        ("switch_timeline_now", switch.job_ready_date),
        ("switch_timeline_moved", switch.job_ready_date_if_moved if switch.moved_hours else None),
        ("switch_timeline_target", switch.inputs.target_date),
    ]
    shown = [(t(lang, key), day) for key, day in rows if day is not None]
    if not shown:
        return [t(lang, "switch_timeline_none")]
    span = max(max((day - today).days for _, day in shown), 1)
    pad = max(len(label) for label, _ in shown)
    lines = []
    for label, day in shown:
        filled = round(max((day - today).days, 0) / span * width)
        bar = "█" * filled + "·" * (width - filled)
        lines.append(f"{label.ljust(pad)} {bar} {fmt(day, lang)}")
    return lines


class HoursInput(Input):
    """Hours a week: digits and one decimal point or comma (1,5 is how Russian writes
    1.5). It consumes only those keys, so the screen's letter keys still work in it."""

    def __init__(self, value: str, **kwargs: Any) -> None:
        super().__init__(value, restrict=r"[0-9]*[.,]?[0-9]*", max_length=5, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and (character.isdigit() or character in ".,")


class SourcesDialog(GuideModal[None]):
    """The sources of the path's figures; Enter opens one, Escape closes."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Close", id="compare_sources_close")]

    def __init__(self, lang: Lang, urls: list[str]) -> None:
        super().__init__(classes="dialog")
        self.lang, self.urls = lang, urls

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(t(self.lang, "switch_sources_title")), classes="dialog-title")
            if self.urls:
                yield OptionList(*(Option(Content(u), id=str(i)) for i, u in enumerate(self.urls)))
                yield Static(Content(t(self.lang, "switch_sources_hint")), classes="muted")
            else:
                yield Static(Content(t(self.lang, "switch_no_sources")))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.app.open_url(self.urls[int(event.option.id or 0)])


class CompareScreen(GuideScreen[None]):
    """Compare paths: the switch calculator for one plan."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        # priority: checked before the hours field sees the key (it takes digits only)
        Binding("s", "sources", "Sources", id="compare_sources", priority=True),
        Binding("escape", "close", "Close", id="compare_close"),
    ]

    def __init__(self, lang: Lang, plan: Plan, today: dt.date, move_hours: int = 0) -> None:
        super().__init__()
        self.lang, self.plan = lang, plan
        self.switch = compare(plan, today, move_hours=Decimal(move_hours))
        self.role = role_text(plan, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="")
        with VerticalScroll(id="compare-body"):
            yield Static(Content(t(lang, "switch_screen_title")), id="compare-heading")
            with Horizontal(id="compare-move-row"):
                yield Label(Content(t(lang, "switch_move_label")), id="compare-move-label")
                yield HoursInput(
                    number_value(lang, self.switch.inputs.move_hours),
                    id="compare-move",
                    compact=True,
                    select_on_focus=True,
                )
            yield Static(id="compare-move-error", markup=False)
            yield Static(id="compare-figures", markup=False)
            yield Static(id="compare-timeline", markup=False)
            yield Label(Content(t(lang, "switch_assumptions")), classes="field-label")
            yield Static(id="compare-assumptions", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.plan.title
        self.query_one("#compare-move-error").display = False
        self.query_one("#compare-move").focus()  # typing a number is the first thing to do
        self.show()

    def show(self) -> None:
        """Draw every figure of ``self.switch``."""
        switch, lang = self.switch, self.lang
        figures = "\n".join(figure_lines(switch, lang, self.role))
        self.query_one("#compare-figures", Static).update(Content(figures))
        timeline = "\n".join(timeline_lines(switch, lang))
        self.query_one("#compare-timeline", Static).update(Content(timeline))
        notes = "\n".join(f"• {text}" for text in switch.assumptions(lang))
        self.query_one("#compare-assumptions", Static).update(Content(notes))

    @on(Input.Changed, "#compare-move")
    def _moved(self, event: Input.Changed) -> None:
        hours = parse_hours(event.value)
        error = self.query_one("#compare-move-error", Static)
        error.display = hours is None
        if hours is None:
            error.update(Content(t(self.lang, "switch_move_invalid")))
            return
        self.switch = with_move(self.switch, hours)
        self.show()

    def action_sources(self) -> None:
        self.app.push_screen(SourcesDialog(self.lang, list(self.switch.inputs.sources)))

    def action_close(self) -> None:
        self.dismiss(None)


def parse_hours(text: str) -> Decimal | None:
    """Hours a week typed by the reader: 0 to 168 (an empty field is 0); None if not."""
    try:
        hours = Decimal(text.strip().replace(",", ".") or "0")
    except InvalidOperation:
        return None
    if not hours.is_finite() or not 0 <= hours <= MAX_MOVE:
        return None
    return hours
