"""What a drop or a paste carries, read into evidence intake.

Each source offers its data differently: a file manager sends ``file:`` URLs; a browser sends a
``text/uri-list`` and, where it has one, the page title in ``text/x-moz-url``,
``_NETSCAPE_URL`` or an ``<a>`` anchor in ``text/html``; a screenshot tool or an image editor
sends picture bytes (``image/png``…) or a Qt image; a terminal sends plain text. This module
reads a :class:`QMimeData` in that order of preference and hands the raw values to
:mod:`pm_desktop.ingest.evidence_intake`, which decides what each becomes.

``EVIDENCE_MIME`` is what evidence cards carry when dragged (a JSON list of evidence ids); the
timeline and the 5-whys panels accept it and link what lands on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QImage

from pm_desktop.ingest import evidence_intake as intake
from pm_desktop.ingest.evidence_intake import IntakeOptions, IntakeResult

# The same string as the 5-whys panel's ``pm_desktop.ui.whys.mime.EVIDENCE_MIME``.
EVIDENCE_MIME = "application/x-pm-evidence-ids"
MOZ_URL = "text/x-moz-url"
NETSCAPE_URL = "_NETSCAPE_URL"
URI_LIST = "text/uri-list"
QT_IMAGE = "application/x-qt-image"
IMAGE_FORMATS = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")
MAX_IDS = 1000


def evidence_mime(ids: Iterable[str], text: str = "") -> QMimeData:
    """What a drag of evidence cards carries: the ids, and a plain-text line per item."""
    mime = QMimeData()
    mime.setData(EVIDENCE_MIME, QByteArray(json.dumps(list(ids)).encode("utf-8")))
    if text:
        mime.setText(text)
    return mime


def evidence_ids(mime: QMimeData) -> list[str]:
    """The evidence ids a drag carries ([] when it carries none or garbage)."""
    if not mime.hasFormat(EVIDENCE_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(EVIDENCE_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(ids, list) or len(ids) > MAX_IDS:
        return []
    return list(dict.fromkeys(i for i in ids if isinstance(i, str)))


def without_own(mime: QMimeData) -> QMimeData:
    """A copy of ``mime`` without our card ids (a card copied from another review pastes by its
    text and picture, since its ids mean nothing here)."""
    copy = QMimeData()
    for fmt in mime.formats():
        if fmt != EVIDENCE_MIME:
            copy.setData(fmt, mime.data(fmt))
    if mime.hasImage():
        copy.setImageData(mime.imageData())
    return copy


def _decode(raw: bytes) -> str:
    """Browser drag text: UTF-16 (Firefox's x-moz-url) or UTF-8, whichever it is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", "replace")
    if len(raw) >= 2 and len(raw) % 2 == 0 and raw[1:2] == b"\x00":
        return raw.decode("utf-16-le", "replace")
    return raw.decode("utf-8", "replace")


def _data(mime: QMimeData, fmt: str) -> bytes:
    return bytes(mime.data(fmt).data()) if mime.hasFormat(fmt) else b""


def _key(url: str) -> str:
    """One spelling for a URL, so titles from one format match URLs from another."""
    return QUrl(url.strip()).toString(QUrl.ComponentFormattingOption.FullyEncoded)


def link_titles(mime: QMimeData) -> dict[str, str]:
    """Titles a browser drag carries, by URL (normalised with :func:`_key`)."""
    titles: dict[str, str] = {}
    html = mime.html() if mime.hasHtml() else ""
    for url, title in intake.html_anchor_titles(html).items():
        titles.setdefault(_key(url), title)
    for fmt in (NETSCAPE_URL, MOZ_URL):  # the more specific formats win
        for url, title in intake.parse_url_title_pairs(_decode(_data(mime, fmt))):
            if title:
                titles[_key(url)] = title
    return titles


def _remote_urls(mime: QMimeData) -> tuple[list[str], list[str]]:
    """(local file paths, other URLs as text) in the order the drag lists them."""
    paths: list[str] = []
    others: list[str] = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            paths.append(url.toLocalFile())
        elif not url.isEmpty():
            others.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    if not paths and not others:
        for fmt in (MOZ_URL, NETSCAPE_URL):
            pairs = intake.parse_url_title_pairs(_decode(_data(mime, fmt)))
            if pairs:
                others = [_key(url) for url, _title in pairs]
                break
    return paths, others


def _image_bytes(mime: QMimeData) -> tuple[bytes, str]:
    """Picture bytes as sent, else a Qt image encoded as PNG; ("", problem) when refused."""
    for fmt in IMAGE_FORMATS:
        raw = _data(mime, fmt)
        if raw:
            return raw, ""
    if not mime.hasImage():
        return b"", ""
    image = mime.imageData()
    if not isinstance(image, QImage) or image.isNull():
        return b"", "the picture could not be read"
    problem = intake.pixel_problem(image.width(), image.height())
    if problem:
        return b"", problem
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data()), ""


def can_take(mime: QMimeData | None) -> bool:
    """True for what a drop on the evidence panel can turn into evidence (not our own cards)."""
    if mime is None or mime.hasFormat(EVIDENCE_MIME):
        return False
    return (
        mime.hasUrls()
        or mime.hasImage()
        or mime.hasText()
        or mime.hasHtml()
        or any(mime.hasFormat(f) for f in (*IMAGE_FORMATS, MOZ_URL, NETSCAPE_URL))
    )


def intake_mime(mime: QMimeData, options: IntakeOptions | None = None) -> IntakeResult:
    """Everything a drop or paste carries, as drafts and refusals.

    Files come first (a file manager's drop), then picture data (a paste from a screenshot tool
    also carries text nobody wants), then URLs with their titles, then text.
    """
    options = options or IntakeOptions()
    if mime is None or mime.hasFormat(EVIDENCE_MIME):
        return IntakeResult()
    paths, urls = _remote_urls(mime)
    result = IntakeResult()
    if paths:
        for path in paths:
            result.extend(intake.intake_path(path, options))
        if urls:
            result.extend(intake.intake_urls(urls, link_titles(mime), options))
        return intake.limit_drop(result)
    data, problem = _image_bytes(mime)
    if problem:
        return IntakeResult(rejections=[intake.Rejection("pasted picture", problem)])
    if data:
        return intake.intake_image_data(data, options)
    if urls:
        return intake.limit_drop(intake.intake_urls(urls, link_titles(mime), options))
    if mime.hasText() and mime.text().strip():
        return intake.limit_drop(intake.intake_text(mime.text(), options))
    if mime.hasHtml():
        text = intake.html_to_text(mime.html())
        if text.strip():
            return intake.limit_drop(intake.intake_text(text, options))
    return IntakeResult(rejections=[intake.Rejection("dropped item", "it carries nothing usable")])
