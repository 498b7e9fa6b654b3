"""The 5-whys editor: a branching tree canvas, a worksheet outline and a detail pane.

Model → scene → interactions, as in orange-canvas-core: the review is the truth
(:mod:`pm_desktop.domain.whys` computes what to show), :mod:`.scene` mirrors it, and
:mod:`.interactions` / :mod:`.editor` turn keys, drags and drops into edits pushed through the
controller. ``EVIDENCE_MIME`` is the drag type evidence cards carry onto a why node.
"""

from .mime import EVIDENCE_MIME
from .panel import WhysPanel

__all__ = ["EVIDENCE_MIME", "WhysPanel"]
