"""The app's own themes: a high-contrast one for low vision and bright rooms.

Body text is white on black (21:1); every other text colour of the theme passes WCAG AA
(4.5:1) on the backgrounds it is drawn on (tests/screens/test_themes.py computes the
ratios).
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF6B6B",
    success="#5AF78E",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1F1F1F",
    boost="#FFFFFF14",
    dark=True,
    variables={
        "foreground-muted": "#E0E0E0",
        "text-muted": "#E0E0E0",
        "footer-key-foreground": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFD700",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#BFBFBF",
        "input-selection-background": "#FFD700",
        "input-selection-foreground": "#000000",
        "border-blurred": "#BFBFBF",
        "scrollbar": "#BFBFBF",
    },
)

THEMES = (HIGH_CONTRAST,)
