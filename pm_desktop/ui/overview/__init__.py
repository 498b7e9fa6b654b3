"""The Overview panel: title, severity, dates, summary, impact, lessons, people, response times."""

from .panel import OverviewPanel
from .participants import ParticipantsModel

__all__ = ["OverviewPanel", "ParticipantsModel"]
