"""The base of every screen of the app: the typed way to the app, and footer words in the
app's language.

Each binding with an ``id`` and a description is shown as the words ``key_<id>``: the
bindings of the screen itself and of the app (widgets' own bindings keep their words).
The language can change while a screen is open (on the guide), so the words are looked up
whenever the footer asks for the active bindings.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, TypeVar

from textual import getters
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from guide.i18n import Lang, t

if TYPE_CHECKING:
    from screens.app import RemoteGuideApp

ResultT = TypeVar("ResultT")


def localised(
    active: dict[str, ActiveBinding], owners: tuple[object, ...], lang: Lang
) -> dict[str, ActiveBinding]:
    """``active`` with the descriptions of ``owners``' bindings in ``lang``."""
    shown = {}
    for key, item in active.items():
        binding = item.binding
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
    if TYPE_CHECKING:
        app = getters.app(RemoteGuideApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localised(super().active_bindings, (self, self.app), self.app.lang)


class GuideModal(ModalScreen[ResultT]):
    if TYPE_CHECKING:
        app = getters.app(RemoteGuideApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localised(super().active_bindings, (self, self.app), self.app.lang)
