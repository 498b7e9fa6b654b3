"""Evidence intake: whatever was dropped or pasted becomes evidence drafts, or a reason why not.

During an incident people grab what is at hand: screenshots from the clipboard, a folder's worth
of log files, a handful of browser tabs, a stack trace copied out of a terminal. This module turns
those raw inputs into :class:`EvidenceDraft` values without Qt, so the rules can be tested on
their own and the panel only has to translate a drop into calls here:

- file bytes + name + modification time → an *image* item (checked by
  :func:`~pm_desktop.ingest.images.inspect_image`: pixel limit, truncated or fake pictures) or a
  *file* item for anything else;
- a URL (and the title a browser sent with it) → a *link* item; anything that is not a web or
  e-mail address (``javascript:``, ``file:``…) is kept as a *text* item, never as a link;
- plain text → a *text* snippet (whitespace kept), a lone safe URL → a link.

Nothing here raises on bad input: every refusal is a :class:`Rejection` with a sentence for the
user, so a drop of five files with one broken picture adds four items and names the fifth.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import mimetypes
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from pm_desktop.domain import timeutil
from pm_desktop.domain.links import is_safe_url
from pm_desktop.domain.model import MAX_TEXT

from .images import MAX_PIXELS, ImageRejected, inspect_image

DEFAULT_LIMIT = 50 * 1024 * 1024  # per item
MAX_DROP_BYTES = 500 * 1024 * 1024  # everything one drop may carry
MAX_ITEMS = 500  # items one drop may carry
TITLE_LENGTH = 120
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".jpe", ".gif", ".webp", ".bmp"})
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
_TEXT_MIMES = ("application/json", "application/xml", "application/x-yaml", "application/yaml")

Clock = Callable[[], _dt.datetime]


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class IntakeOptions:
    """How intake behaves: the per-item size ``limit`` in bytes, the ``clock`` that says "now"
    (injectable for tests), and the ``zone`` the captured-at times are recorded in."""

    limit: int = DEFAULT_LIMIT
    clock: Clock | None = None
    zone: str = "UTC"


@dataclass(frozen=True, slots=True)
class EvidenceDraft:
    """An evidence item not yet in any review (no id, no order, bytes still in memory)."""

    kind: str
    title: str
    note: str = ""
    url: str = ""
    text: str = ""
    data: bytes | None = None
    mime: str = ""
    filename: str = ""
    width: int = 0
    height: int = 0
    captured_at: str | None = None
    captured_tz: str = "UTC"
    source: str = ""  # what the user would call it in a message ("huge.png", "pasted image")

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


@dataclass(frozen=True, slots=True)
class Rejection:
    """One input that was not added, and why (a sentence for the user)."""

    source: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IntakeResult:
    drafts: list[EvidenceDraft] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def extend(self, other: IntakeResult) -> IntakeResult:
        self.drafts.extend(other.drafts)
        self.rejections.extend(other.rejections)
        return self

    def message(self) -> str:
        """Every refused item on its own line ("" when nothing was refused)."""
        if not self.rejections:
            return ""
        head = (
            "This item was not added:"
            if len(self.rejections) == 1
            else (f"These {len(self.rejections)} items were not added:")
        )
        return "\n".join([head, *(f"• {r.message}" for r in self.rejections)])


def _refuse(source: str, reason: str) -> IntakeResult:
    return IntakeResult(rejections=[Rejection(source, reason)])


def _one(draft: EvidenceDraft) -> IntakeResult:
    return IntakeResult(drafts=[draft])


# --------------------------------------------------------------------------- small helpers


def safe_filename(name: object, fallback: str = "file") -> str:
    """Only the last path component, printable, at most 255 characters (extension kept)."""
    text = name if isinstance(name, str) else ""
    base = text.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if base in ("", ".", ".."):
        return fallback
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        ext = ext if dot and 0 < len(ext) <= 16 else ""
        base = base[: 255 - len(ext) - 1] + "." + ext if ext else base[:255]
    return base


def one_line(text: str, limit: int = TITLE_LENGTH) -> str:
    """A title: whitespace runs become one space, long text is cut with an ellipsis."""
    line = " ".join(clean_text(text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def clean_text(text: str) -> str:
    """Text as the review stores it: ``\\n`` line ends, no NULs, no broken characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return text.encode("utf-8", "replace").decode("utf-8")


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _too_big(size: int, limit: int) -> str:
    return f"it is {size_text(size)}; the limit for one item is {size_text(limit)}"


def pixel_problem(width: int, height: int, max_pixels: int = MAX_PIXELS) -> str:
    """A reason to refuse an image of this size before encoding or decoding it ("" = fine)."""
    if width <= 0 or height <= 0:
        return "the image has no pixels"
    if width * height > max_pixels:
        return (
            f"the image is {width:,}×{height:,} pixels; the limit is "
            f"{max_pixels / 1e6:.0f} megapixels"
        )
    return ""


def _now(options: IntakeOptions) -> str:
    return timeutil.now_canonical(options.clock)


def _mtime_instant(mtime: float | None) -> str | None:
    """A file's modification time as a canonical instant (None when missing or absurd)."""
    if mtime is None or not isinstance(mtime, (int, float)) or mtime != mtime:
        return None
    try:
        moment = _dt.datetime.fromtimestamp(float(mtime), _dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not 1980 <= moment.year <= 2200:
        return None
    return timeutil.to_canonical(moment.replace(microsecond=0))


def _zone(options: IntakeOptions) -> str:
    try:
        return timeutil.normalize_zone(options.zone)
    except (timeutil.TimeError, TypeError):
        return "UTC"


def _looks_like_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


_TEXT_EXTENSIONS = {
    ".log": "text/plain",
    ".txt": "text/plain",
    ".out": "text/plain",
    ".err": "text/plain",
    ".trace": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".json": "application/json",
    ".har": "application/json",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".xml": "application/xml",
}


def _looks_like_text(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the 64 KB boundary
            return False
        text = head[: exc.start].decode("utf-8")
    return all(ch.isprintable() or ch in "\t\n\r\f\x1b" for ch in text)


def _file_mime(name: str, data: bytes) -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext in _TEXT_EXTENSIONS:
        return _TEXT_EXTENSIONS[ext]
    guessed, _ = mimetypes.guess_type(name, strict=False)
    if guessed:
        return guessed
    return "text/plain" if _looks_like_text(data) else "application/octet-stream"


def is_text_mime(mime: str) -> bool:
    """Files the viewer may show as text (never run, never rendered as markup)."""
    return mime.startswith("text/") or mime in _TEXT_MIMES


# --------------------------------------------------------------------------- files and images


def intake_file(
    name: str, data: bytes, mtime: float | None = None, options: IntakeOptions | None = None
) -> IntakeResult:
    """A file's bytes: a picture becomes an image item, anything else a file item.

    A name with a picture extension must hold a picture we can read (a text file named ``.png``
    is refused); bytes that merely start like a picture but fail the check stay a plain file.
    """
    options = options or IntakeOptions()
    filename = safe_filename(name)
    try:
        if not isinstance(data, (bytes, bytearray, memoryview)):
            return _refuse(filename, "the dropped item carries no file data")
        data = bytes(data)
        if not data:
            return _refuse(filename, "the file is empty (0 bytes)")
        if len(data) > options.limit:
            return _refuse(filename, _too_big(len(data), options.limit))
        captured = _mtime_instant(mtime)
        ext = os.path.splitext(filename)[1].lower()
        if ext in IMAGE_EXTENSIONS or _looks_like_image(data):
            try:
                info = inspect_image(data, max_bytes=options.limit)
            except ImageRejected as exc:
                if ext in IMAGE_EXTENSIONS:
                    reason = str(exc)
                    if "not an image" in reason:
                        reason = f"the name ends in {ext} but the file is not a picture"
                    return _refuse(filename, reason)
            else:
                stem = os.path.splitext(filename)[0] or filename
                return _one(
                    EvidenceDraft(
                        kind="image",
                        title=one_line(stem.replace("_", " ")) or "Screenshot",
                        data=data,
                        mime=info.mime,
                        filename=filename,
                        width=info.width,
                        height=info.height,
                        captured_at=info.exif_time or captured or _now(options),
                        captured_tz=_zone(options),
                        source=filename,
                    )
                )
        return _one(
            EvidenceDraft(
                kind="file",
                title=one_line(filename),
                data=data,
                mime=_file_mime(filename, data),
                filename=filename,
                captured_at=captured or _now(options),
                captured_tz=_zone(options),
                source=filename,
            )
        )
    except Exception as exc:  # a safety net: garbage gets a sentence, never a traceback
        return _refuse(filename, f"could not be read ({type(exc).__name__})")


def intake_path(path: os.PathLike[str] | str, options: IntakeOptions | None = None) -> IntakeResult:
    """A file on disk (a drop from a file manager). Folders and special files are refused; the
    size is checked before anything is read."""
    options = options or IntakeOptions()
    p = Path(path)
    shown = safe_filename(p.name, fallback=str(p)[-80:] or "file")
    try:
        info = p.stat()
    except FileNotFoundError:
        return _refuse(shown, "the file is no longer there")
    except OSError as exc:
        return _refuse(shown, f"cannot be read ({exc.strerror or type(exc).__name__})")
    if stat.S_ISDIR(info.st_mode):
        return _refuse(shown, "is a folder; drop the files inside it instead")
    if not stat.S_ISREG(info.st_mode):
        return _refuse(shown, "is not a regular file")
    if info.st_size > options.limit:
        return _refuse(shown, _too_big(info.st_size, options.limit))
    try:
        with p.open("rb") as fh:
            data = fh.read(options.limit + 1)
    except OSError as exc:
        return _refuse(shown, f"cannot be read ({exc.strerror or type(exc).__name__})")
    return intake_file(p.name, data, info.st_mtime, options)


def intake_image_data(
    data: bytes, options: IntakeOptions | None = None, *, source: str = "pasted image"
) -> IntakeResult:
    """Picture bytes from the clipboard or another application's drag (no file name)."""
    options = options or IntakeOptions()
    try:
        if not data:
            return _refuse(source, "the picture is empty")
        if len(data) > options.limit:
            return _refuse(source, _too_big(len(data), options.limit))
        info = inspect_image(bytes(data), max_bytes=options.limit)
    except ImageRejected as exc:
        return _refuse(source, str(exc))
    except Exception as exc:  # a safety net, as above
        return _refuse(source, f"could not be read ({type(exc).__name__})")
    zone = _zone(options)
    captured = info.exif_time or _now(options)
    local = timeutil.in_zone(captured, zone)
    ext = info.mime.split("/", 1)[1].replace("jpeg", "jpg")
    return _one(
        EvidenceDraft(
            kind="image",
            title=f"Pasted picture, {local.format('YYYY-MM-DD HH:mm')}",
            data=bytes(data),
            mime=info.mime,
            filename=f"picture-{local.format('YYYYMMDD-HHmmss')}.{ext}",
            width=info.width,
            height=info.height,
            captured_at=captured,
            captured_tz=zone,
            source=source,
        )
    )


# --------------------------------------------------------------------------- links and text


def link_title(url: str) -> str:
    """A readable default title for a link: host and path, without the query string."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "mailto":
        return one_line(parts.path)
    return one_line(f"{parts.hostname or ''}{parts.path.rstrip('/')}") or one_line(url)


def intake_url(url: str, title: str = "", options: IntakeOptions | None = None) -> IntakeResult:
    """A URL, with the title the drag carried (if any). Only http, https and mailto become
    links; anything else is kept as text so it can never be opened."""
    options = options or IntakeOptions()
    raw = clean_text(url if isinstance(url, str) else "").strip()
    title = one_line(title if isinstance(title, str) else "")
    if not raw:
        return _refuse(title or "link", "the link is empty")
    zone, now = _zone(options), _now(options)
    if is_safe_url(raw):
        return _one(
            EvidenceDraft(
                kind="link",
                title=title or link_title(raw),
                url=raw,
                captured_at=now,
                captured_tz=zone,
                source=one_line(raw, 80),
            )
        )
    if len(raw) > MAX_TEXT:
        return _refuse(one_line(raw, 60), "the link is far too long to keep")
    scheme = raw.split(":", 1)[0][:20] if ":" in raw else ""
    what = f"a {scheme}: address" if scheme.isalpha() else "not a web or e-mail address"
    return _one(
        EvidenceDraft(
            kind="text",
            title=title or one_line(raw),
            text=raw,
            note=f"Kept as text, never opened: {what}.",
            captured_at=now,
            captured_tz=zone,
            source=one_line(raw, 80),
        )
    )


def _snippet_title(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return one_line(line)
    return "Snippet"


def intake_text(text: str, options: IntakeOptions | None = None) -> IntakeResult:
    """Pasted or dropped plain text: one safe URL (or a list of them, one per line) becomes
    link items, anything else one snippet with its whitespace kept. Text too long for a
    snippet is kept as a ``.txt`` file instead of being cut."""
    options = options or IntakeOptions()
    raw = clean_text(text if isinstance(text, str) else "")
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    if not lines:
        return _refuse("pasted text", "there is no text in it")
    if len(lines) <= MAX_ITEMS and all(" " not in ln and is_safe_url(ln) for ln in lines):
        result = IntakeResult()
        for line in dict.fromkeys(lines):
            result.extend(intake_url(line, "", options))
        return result
    body = raw.rstrip()
    while body.startswith("\n"):
        body = body[1:]
    if len(body) > MAX_TEXT:
        data = body.encode("utf-8")
        zone = _zone(options)
        stamp = timeutil.in_zone(_now(options), zone).format("YYYYMMDD-HHmmss")
        result = intake_file(f"pasted-text-{stamp}.txt", data, None, options)
        result.drafts = [
            replace(d, title=_snippet_title(body), mime="text/plain", source="pasted text")
            for d in result.drafts
        ]
        return result
    return _one(
        EvidenceDraft(
            kind="text",
            title=_snippet_title(body),
            text=body,
            captured_at=_now(options),
            captured_tz=_zone(options),
            source="pasted text",
        )
    )


# --------------------------------------------------------------------------- browser drag data


class _AnchorParser(HTMLParser):
    """Collects ``<a href>`` targets with their text, and the document's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._href: str | None = None
        self._anchor_text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or None
            self._anchor_text = []
        elif tag in ("br", "p", "div", "li", "tr", "pre"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._href is not None:
            self.anchors.append((self._href.strip(), one_line("".join(self._anchor_text))))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._href is not None:
            self._anchor_text.append(data)


def _parse_html(html: str) -> _AnchorParser:
    parser = _AnchorParser()
    try:
        parser.feed(html[:MAX_TEXT])
        parser.close()
    except Exception:  # broken markup: keep whatever was read
        pass
    return parser


def html_anchor_titles(html: str) -> dict[str, str]:
    """``{url: link text}`` for the anchors of a browser's ``text/html`` drag data."""
    return {href: title for href, title in _parse_html(html).anchors if href and title}


def html_to_text(html: str) -> str:
    """The visible text of some HTML (for drags that carry no plain text)."""
    text = "".join(_parse_html(html).text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def parse_url_title_pairs(text: str) -> list[tuple[str, str]]:
    """``text/x-moz-url`` and ``_NETSCAPE_URL`` data: URL and title on alternating lines."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        url = lines[i]
        title = lines[i + 1] if i + 1 < len(lines) else ""
        if url:
            pairs.append((url, one_line(title)))
        i += 2
    return pairs


def intake_urls(
    urls: Iterable[str], titles: dict[str, str] | None = None, options: IntakeOptions | None = None
) -> IntakeResult:
    titles = titles or {}
    result = IntakeResult()
    for url in dict.fromkeys(u for u in urls if isinstance(u, str)):
        result.extend(intake_url(url, titles.get(url, ""), options))
    return result


def limit_drop(result: IntakeResult) -> IntakeResult:
    """Refuse what goes beyond :data:`MAX_ITEMS` items or :data:`MAX_DROP_BYTES` in one drop."""
    kept: list[EvidenceDraft] = []
    total = 0
    refused = list(result.rejections)
    for draft in result.drafts:
        size = len(draft.data) if draft.data is not None else 0
        if len(kept) >= MAX_ITEMS:
            refused.append(Rejection(draft.source, f"one drop adds at most {MAX_ITEMS} items"))
        elif total + size > MAX_DROP_BYTES:
            refused.append(
                Rejection(
                    draft.source,
                    f"this drop already holds {size_text(total)}; add the rest separately",
                )
            )
        else:
            kept.append(draft)
            total += size
    return IntakeResult(kept, refused)
