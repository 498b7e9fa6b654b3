"""The Evidence panel: screenshots, links, snippets and files captured during the incident."""

from .drops import EVIDENCE_MIME, evidence_ids, evidence_mime
from .panel import EvidencePanel

__all__ = ["EVIDENCE_MIME", "EvidencePanel", "evidence_ids", "evidence_mime"]
