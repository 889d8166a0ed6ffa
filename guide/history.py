"""Browser-like back/forward history of places in the guide."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class History(Generic[T]):
    """Visiting a new place drops everything ahead of the current one, as browsers do."""

    _places: list[T] = field(default_factory=list)
    _index: int = -1

    @property
    def current(self) -> T | None:
        return self._places[self._index] if self._index >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def visit(self, place: T) -> None:
        if place == self.current:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        self._index += 1

    def back(self) -> T | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> T | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current


@dataclass(frozen=True)
class Place:
    """Where the reader is: the home screen, a section's overview, or an article (at a block)."""

    kind: str  # "home", "section" or "article"
    id: str = ""
    block: int = 0


HOME = Place("home")
