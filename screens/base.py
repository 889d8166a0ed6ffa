"""The base of every screen of the app: the typed way to the app, and footer words in the
app's language.

Each binding with an ``id`` and a description is shown as the words ``key_<id>``: the
bindings of the screen itself and of the app (widgets' own bindings keep their words).
The language can change while a screen is open (on the guide), so the words are looked up
whenever the footer asks for the active bindings. A screen with many keys of its own names
the app's keys its footer leaves out (``FOOTER_HIDES``): they still act, and help lists them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import getters
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from guide.i18n import Lang, t

if TYPE_CHECKING:
    from screens.app import RemoteGuideApp

ResultT = TypeVar("ResultT")


def localised(
    active: dict[str, ActiveBinding],
    owners: tuple[object, ...],
    lang: Lang,
    hides: frozenset[str] = frozenset(),
) -> dict[str, ActiveBinding]:
    """``active`` with the descriptions of ``owners``' bindings in ``lang``; the bindings
    whose id is in ``hides`` are kept but not shown in the footer."""
    shown = {}
    for key, item in active.items():
        binding = item.binding
        if binding.id in hides and binding.show:
            binding = dataclasses.replace(binding, show=False)
            item = item._replace(binding=binding)
        if item.node in owners and binding.id and binding.description:
            words = t(lang, f"key_{binding.id}")
            item = item._replace(binding=dataclasses.replace(binding, description=words))
        elif binding.action == "command_palette":  # Textual's, shown on the footer's right
            words = t(lang, "key_palette")
            item = item._replace(
                binding=dataclasses.replace(binding, description=words, tooltip=words)
            )
        shown[key] = item
    return shown


class GuideScreen(Screen[ResultT]):
    FOOTER_HIDES: ClassVar[frozenset[str]] = frozenset()
    """Ids of bindings (the app's, mostly) this screen's footer has no room for."""

    if TYPE_CHECKING:
        app = getters.app(RemoteGuideApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        return localised(active, (self, self.app), self.app.lang, self.FOOTER_HIDES)


class GuideModal(ModalScreen[ResultT]):
    if TYPE_CHECKING:
        app = getters.app(RemoteGuideApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localised(super().active_bindings, (self, self.app), self.app.lang)
