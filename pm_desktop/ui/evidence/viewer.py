"""Looking at one piece of evidence closely, and getting it back out of the review.

- :class:`ImageViewer` shows a screenshot at full size: zoom with Ctrl+wheel, ``+``/``-``,
  ``0`` to fit and ``1`` for actual size; drag to pan. With a controller it also shows the
  redaction boxes over the picture: "Redact area" (R) lets a drag draw one, Delete removes the
  selected box; both are undoable edits (see :mod:`.boxes`).
- :class:`SnippetViewer` shows a snippet (or a text file) read-only in a monospace font, with
  Copy.
- :func:`save_item_as` writes an item's bytes or text to a file the user picks. Attached files are
  never opened or run by the app; saving them is the only way out.

The file chooser is injectable (``chooser(parent, title, suggested) -> path or ""``) so tests
never open a native dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.edits import Batch
from pm_desktop.domain.model import Evidence, Review
from pm_desktop.domain.ops import mark_redacted
from pm_desktop.domain.redaction import Place, secrets_in
from pm_desktop.export import ExportError
from pm_desktop.export.burn import burned_reader
from pm_desktop.ingest.evidence_intake import safe_filename

from .. import typography
from ..controller import DocumentController
from ..redaction_marks import SpanMarks
from .boxes import BoxLayer
from .pixels import stored_image

Chooser = Callable[[QWidget | None, str, str], str]
ReadBlob = Callable[[str], bytes]
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.05, 16.0


def native_chooser(parent: QWidget | None, title: str, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested)
    return path


def suggested_name(item: Evidence) -> str:
    """A file name for Save as: the stored name, else the title with a fitting extension."""
    if item.filename:
        return safe_filename(item.filename)
    base = safe_filename("".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in item.title))
    base = base[:80].strip(" .") or "evidence"
    return f"{base}.txt" if item.kind == "text" else base


def item_bytes(item: Evidence, read_blob: ReadBlob) -> bytes | None:
    """What Save as writes: stored bytes, or the snippet as UTF-8; None for links."""
    if item.blob:
        return read_blob(item.blob)
    if item.kind == "text":
        return item.text.encode("utf-8")
    return None


def save_item_as(
    parent: QWidget | None,
    item: Evidence,
    read_blob: ReadBlob,
    chooser: Chooser | None = None,
    review: Review | None = None,
) -> tuple[str, str]:
    """Ask where, then write. Returns (path written or "", problem or "").

    With ``review``, a screenshot's redaction boxes are burned into the saved copy: a file
    that leaves the app never shows what a box hides."""
    if review is not None:
        read_blob = burned_reader(review, read_blob)
    try:
        data = item_bytes(item, read_blob)
    except ExportError as exc:
        return "", str(exc)
    if data is None:
        return "", "A link has nothing to save; copy its address instead."
    target = (chooser or native_chooser)(parent, "Save evidence as", suggested_name(item))
    if not target:
        return "", ""
    try:
        Path(target).write_bytes(data)
    except OSError as exc:
        return "", f"{target}: could not be written ({exc.strerror or exc})"
    return target, ""


class _ZoomView(QGraphicsView):
    """A graphics view that zooms on Ctrl+wheel and pans by dragging."""

    def __init__(self, owner: ImageViewer):
        super().__init__()
        self.owner = owner
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.owner.zoom_key(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        layer = self.owner.boxes
        if self.owner.drawing and layer is not None and event.button() == Qt.MouseButton.LeftButton:
            layer.press(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        layer = self.owner.boxes
        if self.owner.drawing and layer is not None:
            layer.move(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        layer = self.owner.boxes
        if self.owner.drawing and layer is not None and event.button() == Qt.MouseButton.LeftButton:
            layer.release(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.owner.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(QDialog):
    """A screenshot at full size. ``zoom`` is the current factor (1.0 = actual pixels)."""

    def __init__(
        self,
        item: Evidence,
        data: bytes,
        caption: str = "",
        *,
        read_blob: ReadBlob | None = None,
        chooser: Chooser | None = None,
        controller: DocumentController | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.item, self._read_blob, self._chooser = item, read_blob, chooser
        self.setWindowTitle(item.title or "Screenshot")
        self.drawing = False
        self.zoom = 1.0
        image, self.problem = stored_image(data)
        self.image_ok = image is not None
        image = image if image is not None else QImage()
        self.scene = QGraphicsScene(self)
        self.pixmap_item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.pixmap_item)
        self.view = _ZoomView(self)
        self.view.setScene(self.scene)
        self.view.setAccessibleName("Screenshot, zoomable")
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(60)
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("−", "Zoom out (-)", lambda: self.zoom_by(1 / ZOOM_STEP)),
            ("+", "Zoom in (+)", lambda: self.zoom_by(ZOOM_STEP)),
            ("Fit", "Fit the window (0)", self.fit),
            ("100 %", "Actual pixels (1)", lambda: self.set_zoom(1.0)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(self.zoom_label)
        self.boxes: BoxLayer | None = None
        self.redact_button = QPushButton("Redact area")
        self.redact_button.setCheckable(True)
        self.redact_button.setToolTip(
            "Drag over the picture to hide that area in every export (R). "
            "The stored screenshot is kept as it is."
        )
        self.redact_button.toggled.connect(self.set_drawing)
        self.remove_box_button = QPushButton("Remove box")
        self.remove_box_button.setToolTip("Remove the selected redaction boxes (Delete)")
        self.remove_box_button.clicked.connect(self.remove_selected_boxes)
        if controller is not None and not controller.read_only and self.image_ok:
            self.boxes = BoxLayer(controller, item.id, self.scene)
            buttons.addWidget(self.redact_button)
            buttons.addWidget(self.remove_box_button)
        buttons.addStretch(1)
        self.hint = QLabel("Ctrl+wheel zooms, drag to move around")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)  # wraps instead of widening a small window
        buttons.addWidget(self.hint)
        save = QPushButton("Save as…")
        save.clicked.connect(self.save_as)
        save.setEnabled(read_blob is not None)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(save)
        buttons.addWidget(close)
        self.caption = QLabel(caption)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        if not self.image_ok:
            self.caption.setText(f"{caption}\n{self.problem}.".strip())
        self.resize(1100, 760)
        self._show_zoom()

    def zoom_key(self, event) -> bool:
        """+/= zoom in, - zooms out, 0 fits, 1 shows actual pixels (with or without Ctrl)."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_1:
            self.set_zoom(1.0)
        else:
            return False
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.boxes is not None and event.key() == Qt.Key.Key_R:
            self.redact_button.toggle()
        elif self.boxes is not None and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected_boxes()
        elif self.drawing and event.key() == Qt.Key.Key_Escape:
            self.redact_button.setChecked(False)
        elif not self.zoom_key(event):
            super().keyPressEvent(event)

    def set_drawing(self, on: bool) -> None:
        """Drawing mode: a drag draws a redaction box instead of moving the picture."""
        self.drawing = bool(on) and self.boxes is not None
        if self.redact_button.isChecked() != self.drawing:
            self.redact_button.setChecked(self.drawing)
        self.view.setDragMode(
            QGraphicsView.DragMode.NoDrag if self.drawing else QGraphicsView.DragMode.ScrollHandDrag
        )
        self.view.viewport().setCursor(
            Qt.CursorShape.CrossCursor if self.drawing else Qt.CursorShape.OpenHandCursor
        )
        self.hint.setText(
            "Drag over what to hide; Esc stops"
            if self.drawing
            else "Ctrl+wheel zooms, drag to move around"
        )
        if not self.drawing and self.boxes is not None:
            self.boxes.cancel()

    def remove_selected_boxes(self) -> int:
        return self.boxes.remove_selected() if self.boxes is not None else 0

    def set_zoom(self, factor: float) -> None:
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, factor))
        self.view.resetTransform()
        self.view.scale(self.zoom, self.zoom)
        self._show_zoom()

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def fit(self) -> None:
        bounds = self.pixmap_item.boundingRect()
        area = self.view.viewport().rect()
        if bounds.isEmpty() or area.isEmpty():
            return
        self.set_zoom(min(1.0, area.width() / bounds.width(), area.height() / bounds.height()))
        self.view.centerOn(self.pixmap_item)

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{self.zoom * 100:.0f} %")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.scene.setSceneRect(QRectF(self.pixmap_item.boundingRect()))
        self.fit()

    def save_as(self) -> None:
        if self._read_blob is not None:
            review = self.boxes.controller.review if self.boxes is not None else None
            _path, problem = save_item_as(
                self, self.item, self._read_blob, self._chooser, review=review
            )
            if problem:
                self.caption.setText(problem)


class SnippetViewer(QDialog):
    """A snippet, read-only, monospace, whitespace as captured."""

    def __init__(
        self,
        item: Evidence,
        text: str,
        caption: str = "",
        *,
        read_blob: ReadBlob | None = None,
        chooser: Chooser | None = None,
        controller: DocumentController | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.item, self._read_blob, self._chooser = item, read_blob, chooser
        self.controller = controller
        self.setWindowTitle(item.title or "Snippet")
        self.caption = QLabel(caption)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setPlainText(text)
        self.editor.setFont(typography.mono_font())
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setAccessibleName("Snippet text, read-only")
        self.wrap = QCheckBox("Wrap long lines")
        self.wrap.toggled.connect(
            lambda on: self.editor.setLineWrapMode(
                QPlainTextEdit.LineWrapMode.WidgetWidth
                if on
                else QPlainTextEdit.LineWrapMode.NoWrap
            )
        )
        copy = QPushButton("Copy")
        copy.setToolTip("Copy the selection, or everything when nothing is selected")
        copy.clicked.connect(self.copy)
        save = QPushButton("Save as…")
        save.clicked.connect(self.save_as)
        save.setEnabled(read_blob is not None or item.kind == "text")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.wrap)
        row.addStretch(1)
        row.addWidget(copy)
        row.addWidget(save)
        row.addWidget(close)
        # A snippet's text can be marked as redacted (struck here, left out of exports), and
        # secrets found in it are offered for marking.
        self.marks: SpanMarks | None = None
        self.secrets_note = QLabel()
        self.secrets_note.setWordWrap(True)
        self.secrets_button = QPushButton("Mark them as redacted")
        self.secrets_button.clicked.connect(self.redact_secrets)
        secrets_row = QHBoxLayout()
        secrets_row.addWidget(self.secrets_note, 1)
        secrets_row.addWidget(self.secrets_button)
        if controller is not None and item.kind == "text" and not controller.read_only:
            self.marks = SpanMarks(self.editor, controller, Place("evidence", item.id, "text"))
            controller.changed.connect(lambda _change: self._show_secrets())
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addLayout(secrets_row)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)
        self.resize(960, 640)
        self._show_secrets()

    def unmarked_secrets(self) -> list[str]:
        """Secrets found in the snippet that no redaction mark covers yet."""
        if self.marks is None:
            return []
        text = self.editor.toPlainText()
        covered = self.marks.spans()
        found = []
        for start, end in secrets_in(text):
            if not any(s <= start and end <= e for s, e in covered):
                found.append(text[start:end])
        return list(dict.fromkeys(found))

    def _show_secrets(self) -> None:
        secrets = self.unmarked_secrets()
        self.secrets_note.setText(
            f"This snippet seems to hold {len(secrets)} secret"
            f"{'s' if len(secrets) != 1 else ''} (keys, tokens or passwords). Exports always "
            "leave them out; mark them to see them struck here too."
            if secrets
            else ""
        )
        self.secrets_note.setVisible(bool(secrets))
        self.secrets_button.setVisible(bool(secrets))

    def redact_secrets(self) -> int:
        secrets = self.unmarked_secrets()
        if not secrets or self.controller is None:
            return 0
        review = self.controller.review
        edits = tuple(
            mark_redacted(review, text, "evidence", self.item.id, "text") for text in secrets
        )
        return len(edits) if self.controller.push(Batch(edits, "Mark secrets as redacted")) else 0

    def copy(self) -> str:
        cursor = self.editor.textCursor()
        text = (
            cursor.selectedText().replace("\u2029", "\n")
            if cursor.hasSelection()
            else (self.editor.toPlainText())
        )
        QApplication.clipboard().setText(text)
        return text

    def save_as(self) -> None:
        read = self._read_blob or _no_blob
        _path, problem = save_item_as(self, self.item, read, self._chooser)
        if problem:
            self.caption.setText(problem)


def _no_blob(sha: str) -> bytes:
    raise KeyError(sha)
