"""History: dated events of the timeline, with disputes noted."""

from __future__ import annotations

from typing import Optional

from .base import Collection, IsoDate, Sourced


class TimelineEvent(Sourced):
    id: str
    date: IsoDate
    event: str  # our French
    disputed: bool = False  # sources disagree: say how in `note`
    note: Optional[str] = None


COLLECTIONS = [Collection("timeline", "timeline.yml", TimelineEvent)]
