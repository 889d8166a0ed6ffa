"""Texts in every language of the guide, as they are kept in data files: one key per
language (``{en = "...", ru = "..."}``), each required.

The keys are the languages of :data:`guide.i18n.LANGS`, so a new language adds its key
here by itself (its data files still have to say it). Every bilingual text of the data
files is a ``LocalText`` (or a model built on it, like a checklist item) or a ``LocalList``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict
from pydantic import StringConstraints as Str

from guide.i18n import LANGS, Lang

Text = Annotated[str, Str(strict=True, min_length=1, max_length=600, pattern=r"\S")]


class LocalText(BaseModel):
    """A text in each language; ``get(lang)`` picks one."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)
    # One field per language: ``en``, ``ru``...
    __annotations__ = {lang: Text for lang in LANGS}

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        text: str = getattr(self, lang)
        return text


class LocalList(BaseModel):
    """The same items in each language, in the same order."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)
    __annotations__ = {lang: list[Text] for lang in LANGS}

    def get(self, lang: Lang) -> list[str]:
        """The items in ``lang``."""
        items: list[str] = getattr(self, lang)
        return items
