"""Clipboard and drag-and-drop types of the 5-whys panel.

``EVIDENCE_MIME`` is shared with the evidence panel: its cards drag a JSON list of evidence ids
with this type, and a why node links whatever lands on it.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData

EVIDENCE_MIME = "application/x-pm-evidence-ids"
# Most ids a single drop may carry; more is not a drag a person made.
MAX_DROPPED_IDS = 1000


def evidence_mime(ids: list[str]) -> QMimeData:
    """What an evidence card puts on a drag (also used by tests)."""
    mime = QMimeData()
    mime.setData(EVIDENCE_MIME, QByteArray(json.dumps(list(ids)).encode("utf-8")))
    return mime


def evidence_ids_from_mime(mime: QMimeData) -> list[str]:
    """The evidence ids of a drop; ValueError with a sentence when the data is not a list of
    ids."""
    raw = bytes(mime.data(EVIDENCE_MIME).data())
    try:
        ids = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError("the dropped item is not evidence from this app") from exc
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("the dropped item is not evidence from this app")
    if len(ids) > MAX_DROPPED_IDS:
        raise ValueError(f"at most {MAX_DROPPED_IDS} evidence items can be dropped at once")
    return list(dict.fromkeys(ids))
