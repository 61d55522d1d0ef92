"""The app's option lists: Textual's OptionList measuring its wrapped options at the width it draws them at."""
from __future__ import annotations

from textual.widgets import OptionList


class MeasuredOptions:
    """Mixed into an OptionList (ours, or Textual's command palette list): its options keep every
    wrapped row when its scrollbar comes or goes.

    Every option list the app shows takes its `_update_lines` from here, so the one override of a
    private method lives in one place.
    """

    _measured_width: int | None = None  # the text width the line heights were measured at

    def _update_lines(self) -> None:
        """Measure the options' wrapped heights at the width their rows are drawn at.

        OptionList (Textual 8.2.8) keeps each option's height, and its rendered rows, for the width
        it first measured them at, and forgets them only on a Resize. Measuring sets the list's
        virtual height, which can show (or hide) the vertical scrollbar; that narrows (or widens)
        the text by the scrollbar's width without a Resize, so the rows were drawn at one width and
        counted at another: a line that wraps once more lost its last row. Measure again whenever
        the width has changed, until it holds: by the second pass, since a narrower text is never
        shorter (it keeps the scrollbar it caused) and a wider one never taller.

        This overrides a private method (and calls the private `_clear_caches`): it is safe only
        while Textual stays pinned at 8.2.8 (pyproject.toml), which tests/tui/test_wrapping.py
        checks. On upgrading Textual, read OptionList again and see whether this is still needed.
        """
        for _ in range(2):
            width = self.scrollable_content_region.width
            if width != self._measured_width:
                self._measured_width = width
                self._clear_caches()
            super()._update_lines()
            if self.scrollable_content_region.width == width:
                return


class MeasuredOptionList(MeasuredOptions, OptionList):
    """The base of the app's own option lists (the briefing, the topics)."""
