"""The home screen's content: what the guide is for, and its sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from guide.content import Section
from guide.i18n import Lang, t, tn

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path


class HomeView(VerticalScroll):
    """Two lists: plan actions (ids make, open, draft) and sections (ids are section ids)."""

    def __init__(
        self, lang: Lang, sections: Sequence[Section], guide: Guide | None, *, id: str
    ) -> None:
        super().__init__(id=id)
        self._first = (lang, sections, guide)

    def compose(self) -> ComposeResult:
        # Built already filled: filling it in on_mount, after the first layout, cost the
        # start-up a whole extra frame (bench/README.md).
        lang, sections, guide = self._first
        yield Static(Content(_intro(lang)), id="home-intro", markup=False)
        yield Label(Content(t(lang, "home_plans")), id="home-plans-label")
        yield OptionList(*_actions(lang), id="home-actions")
        yield Label(Content(t(lang, "home_sections")), id="home-sections-label")
        yield OptionList(*_sections(lang, sections, guide), id="home-sections")
        yield Static(Content(t(lang, "home_keys")), id="home-keys", markup=False)

    def show(self, lang: Lang, sections: Sequence[Section], guide: Guide | None) -> None:
        self.query_one("#home-intro", Static).update(Content(_intro(lang)))
        self.query_one("#home-sections-label", Label).update(Content(t(lang, "home_sections")))
        self.query_one("#home-plans-label", Label).update(Content(t(lang, "home_plans")))
        self.show_actions(lang)
        self.query_one("#home-keys", Static).update(Content(t(lang, "home_keys")))
        options = self.query_one("#home-sections", OptionList)
        highlighted = options.highlighted
        options.set_options(_sections(lang, sections, guide))
        options.highlighted = highlighted if highlighted is not None else 0

    def show_actions(self, lang: Lang) -> None:
        """Make a plan, open a plan, and continue the draft when there is one."""
        options = self.query_one("#home-actions", OptionList)
        options.set_options(_actions(lang))
        options.highlighted = 0


def _intro(lang: Lang) -> str:
    return f"{t(lang, 'home_intro')}\n\n{t(lang, 'home_intro2')}"


def _actions(lang: Lang) -> list[Option]:
    from guide.paths import draft_path

    actions = [("make", "home_make_plan"), ("open", "home_open_plan")]
    if draft_path().exists():
        actions.insert(0, ("draft", "home_continue_draft"))
    return [Option(Content(t(lang, key)), id=action) for action, key in actions]


def _sections(lang: Lang, sections: Sequence[Section], guide: Guide | None) -> list[Option]:
    return [Option(_section_line(lang, section, guide), id=section.id) for section in sections]


def _section_line(lang: Lang, section: Section, guide: Guide | None) -> Content:
    title = section.title(lang)
    if guide is None:
        return Content(title)
    count = len(guide.in_section(section.id, lang))
    return Content.assemble(title, " · ", (tn(lang, "home_articles", count), "dim"))
