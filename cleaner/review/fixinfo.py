"""The strip about the current fix: its rule, verdict, safety, message and why."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from .state import Review


class FixInfo(Static):
    """What the current fix is and why its rule exists."""

    DEFAULT_CSS = """
    FixInfo {
        height: auto;
        max-height: 5;
        padding: 0 1;
        background: $boost;
    }
    """

    def show(self, review: Review | None, index: int | None, why: str = "") -> None:
        if review is None or index is None or not review.fixes:
            self.update("No fixes in this document." if review is not None else "")
            return
        fix = review.fixes[index]
        edit = fix.edit
        text = Text()
        text.append(f"{index + 1}/{len(review)} ", style="dim")
        text.append(edit.rule, style="bold")
        others = edit.all_rules[1:]
        if others:
            text.append(f" (with {', '.join(others)})", style="dim")
        text.append("  ")
        text.append(edit.safety, style="#87d787" if edit.safe else "bold #ffaf5f")
        text.append("  ")
        verdict = fix.state + (", edited" if fix.edited else "") + (", inside an accepted fix" if review.moot(index) else "")
        text.append(verdict, style={"accepted": "#87d787", "rejected": "#ff8787", "pending": "#ffd75f"}[fix.state])
        if fix.stale:
            text.append("  stale decision: the text around it changed", style="#ff8787")
        text.append(f"  line {edit.line}, column {edit.column}", style="dim")
        text.append(f"\n{edit.message}")
        if fix.edited:
            text.append(f"\nYour replacement: {fix.text!r} (the rule proposed {edit.replacement!r})", style="#87afff")
        if why:
            text.append(f"\nWhy: {why}", style="italic dim")
        self.update(text)
