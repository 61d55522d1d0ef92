"""The command palette (Ctrl+P): topics, people, sources and actions, found by fuzzy search."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class BriefingCommands(Provider):
    def _entries(self) -> list[tuple[str, object, str]]:
        from .screens.main import MainScreen

        main = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            return []
        entries: list[tuple[str, object, str]] = [
            ("Copy briefing for email", main.action_copy_text, "plain text with footnotes and sources"),
            ("Copy briefing as Markdown", main.action_copy_markdown, ""),
            ("Save briefing to a file", main.action_save, ""),
            ("Show judgement grid", main.action_judgements, "grades of each inspection by area"),
            ("Help", self.app.action_help, "keys and what they do"),
        ]
        if main.ready:
            for _, label, count in main.engine.topic_list():
                entries.append((f"Brief on: {label}", partial(main.ask, label), f"{count} sentences"))
            for person in main.engine.people():
                short = person.split(",")[0]
                entries.append((f"What did {short} say?", partial(main.ask, f"What did {short} say?"), person))
            for d in main.engine.documents():
                entries.append((f"Brief on source: {d.meta.title[:60]}", partial(main.ask, d.meta.title[:80]),
                                d.name))
        return entries

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries()[:12]:
            yield DiscoveryHit(name, command, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=help_text or None)
