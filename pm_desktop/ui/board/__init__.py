"""The follow-up board (kanban): columns To do / In progress / Done / Won't do."""

from .panel import BoardPanel

__all__ = ["BoardPanel"]
