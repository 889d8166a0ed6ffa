"""The high-contrast theme passes WCAG AA (4.5:1) for every text colour on the backgrounds
it is drawn on; body text is white on black."""

from __future__ import annotations

import pytest
from textual.color import Color

from screens.app import RemoteGuideApp
from screens.themes import HIGH_CONTRAST

AA_BODY_TEXT = 4.5


def luminance(color: Color) -> float:
    """Relative luminance (WCAG 2.x)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(fg: Color, bg: Color) -> float:
    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_on_known_pairs() -> None:
    assert contrast(Color(255, 255, 255), Color(0, 0, 0)) == pytest.approx(21)
    assert contrast(Color(118, 118, 118), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


VARIABLES = HIGH_CONTRAST.to_color_system().generate()
BACKGROUNDS = ("background", "surface", "panel")
TEXTS = (
    "foreground",
    "foreground-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "markdown-h1-color",
    "markdown-h2-color",
    "markdown-h3-color",
    "markdown-h4-color",
    "markdown-h5-color",
    "markdown-h6-color",
)
# Text drawn on its own background colour.
PAIRS = (
    ("footer-foreground", "footer-background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("input-cursor-foreground", "input-cursor-background"),
)


def color(name: str, under: Color) -> Color:
    """A theme colour as seen on ``under`` (translucent colours are blended onto it)."""
    value = Color.parse(VARIABLES[name])
    return under.blend(value.with_alpha(1), value.a) if value.a < 1 else value


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("text", TEXTS)
def test_text_on_each_background(text: str, background: str) -> None:
    bg = Color.parse(VARIABLES[background])
    assert contrast(color(text, bg), bg) >= AA_BODY_TEXT


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_on_its_own_background(text: str, background: str) -> None:
    base = Color.parse(VARIABLES["background"])
    if VARIABLES[background] == "transparent":
        background = "background"
    bg = color(background, base)
    assert contrast(color(text, bg), bg) >= AA_BODY_TEXT


def test_body_text_is_white_on_black() -> None:
    fg, bg = Color.parse(VARIABLES["foreground"]), Color.parse(VARIABLES["background"])
    assert contrast(fg, bg) == pytest.approx(21)


def test_the_app_offers_it() -> None:
    assert "high-contrast" in RemoteGuideApp().available_themes
