"""The judgement grid: each inspection's grades by area, coloured and abbreviated so it fits 80 columns,
the area column frozen while the inspections scroll."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from ...briefing.render import plain
from ..widgets.charts import grade_cell, grade_legend

if TYPE_CHECKING:
    from ...briefing.engine import JudgementTable

AREA_WIDTH = 34  # the longest area names wrap in two lines rather than push the grades off screen


class JudgementScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Back")]

    def __init__(self, table: JudgementTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        councils = {d.meta.council for d in self.table.inspections}
        only = next(iter(councils)) if len(councils) == 1 else None
        self.one_council = only
        yield Static(Text(f"Graded judgements by inspection{': ' + plain(only) if only else ''}"), id="grid-title")
        if not self.table.inspections:
            yield Static("No graded inspection reports in this corpus.", id="grid-empty")
        else:
            yield DataTable(id="grid", zebra_stripes=False, cursor_type="cell", fixed_columns=1)
            yield Static(grade_legend(), id="grid-legend")
        yield Footer()

    def on_mount(self) -> None:
        if not self.table.inspections:
            return
        grid = self.query_one(DataTable)
        grid.add_column("Area", width=AREA_WIDTH)
        for d in self.table.inspections:
            # one council: its name is in the title, so a column needs only the year
            grid.add_column(Text(column_label(None if self.one_council else d.meta.council, d.meta.date)))
        for area, grades in self.table.rows:
            label = Text(plain(area))
            grid.add_row(label, *[grade_cell(g, short=True) for g in grades],
                         height=len(label.wrap(grid.app.console, AREA_WIDTH)))
        grid.focus()

    def action_dismiss(self) -> None:
        self.dismiss(None)


def column_label(council: str | None, date: str | None) -> str:
    """A short column head: the council and the inspection's year ('Hounslow 2014')."""
    return " ".join(x for x in (plain(council or ""), (date or "")[:4]) if x) or "Undated"
