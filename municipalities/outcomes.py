"""What a create-or-update run did to each thing it touched, and the tally of it.

Every idempotent command (the CBS import, setup_editors, the JSON Lines import)
reports the same three outcomes, so they share one definition. It lives at the
bottom of the import graph, in the municipalities app, so that any app can use it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class Tally:
    """How many things a run created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Tally:
        tally = cls()
        for outcome in outcomes:
            tally.add(outcome)
        return tally

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return ", ".join(f"{getattr(self, outcome.value)} {outcome}" for outcome in Outcome)
