"""The app's two themes, dark and light, chosen so every text colour meets WCAG AA (4.5:1) on its background."""
from __future__ import annotations

from textual.theme import Theme

# Colours picked by their computed contrast (tests/tui/test_contrast.py measures them on screen):
# the accent carries the user's own question, so it must read as text, not as decoration.
DARK = Theme(
    name="briefing-dark",
    primary="#2F81D4",
    secondary="#7AB8F5",
    accent="#FFB95A",
    warning="#FFB95A",
    error="#FF7A7A",
    success="#6FD38A",
    foreground="#E6E6E6",
    background="#121212",
    surface="#1B1D21",
    panel="#272C33",
    dark=True,
    variables={"block-cursor-background": "#245C94", "block-cursor-foreground": "#FFFFFF",
               "block-cursor-blurred-background": "#2E3A48", "footer-key-foreground": "#FFB95A"},
)

LIGHT = Theme(
    name="briefing-light",
    primary="#0B5CAD",
    secondary="#2F4F7F",
    accent="#9A3D00",
    warning="#8A5A00",
    error="#B00020",
    success="#1E6B34",
    foreground="#1A1A1A",
    background="#F7F7F5",
    surface="#FFFFFF",
    panel="#E3E7EC",
    dark=False,
    variables={"block-cursor-background": "#0B5CAD", "block-cursor-foreground": "#FFFFFF",
               "block-cursor-blurred-background": "#D3DEEB", "footer-key-foreground": "#9A3D00"},
)

THEMES = {DARK.name: DARK, LIGHT.name: LIGHT}


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0-255 channels)."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    a, b = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)
