"""The judgement grid: each inspection's grades by area, coloured, so the trajectory shows at a glance."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...briefing.engine import JudgementTable
from ...briefing.render import nice_date
from ..widgets.charts import grade_cell


class JudgementScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Back")]

    def __init__(self, table: JudgementTable) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        yield Static("Graded judgements by inspection", id="grid-title")
        if not self.table.inspections:
            yield Static("No graded inspection reports in this corpus.", id="grid-empty")
        else:
            yield DataTable(id="grid", zebra_stripes=False, cursor_type="cell")
        yield Footer()

    def on_mount(self) -> None:
        if not self.table.inspections:
            return
        grid = self.query_one(DataTable)
        grid.add_column("Area")
        for d in self.table.inspections:
            grid.add_column(Text(f"{d.meta.council or ''} {nice_date(d.meta.date)[-4:]}".strip()))
        for area, grades in self.table.rows:
            grid.add_row(Text(area), *[grade_cell(g) for g in grades])

    def action_dismiss(self) -> None:
        self.dismiss(None)
