"""The "5 Whys" panel: tree canvas or worksheet outline, a detail pane, and a toolbar.

Wiring only: the canvas is a :class:`~.scene.WhyScene` in a :class:`~.view.WhyView` driven by a
:class:`~.editor.WhyEditor`; the worksheet is a :class:`~.outline.WhyOutlineModel`. Both mirror the
same review and refresh from ``controller.changed`` (through :meth:`WhysPanel.on_changed`), so an
edit in one shows in the other at once. The panel also implements the main window's Edit-menu
hooks (delete, copy, paste, find, select_item) and presentation mode.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import whys
from pm_desktop.domain.edits import Change, EditError
from pm_desktop.export.job import ExportError
from pm_desktop.ingest import clip_whys

from .. import settings as app_settings
from ..coach import look as coach_look
from ..coach.index import coach_index
from ..controller import DocumentController
from ..panel import Panel
from .actions import (
    CANVAS_MENU,
    EXPORT_MENU,
    HINT,
    NODE_MENU,
    SPEC_BY_NAME,
    TOOLBAR,
    build_actions,
    category_menu,
)
from .detail import WhyDetailPane
from .editor import WhyEditor
from .export import export_png, export_svg
from .look import make_look
from .outline import ANSWER, WhyOutlineModel, WhyOutlineView
from .presentation import WhyPresentation
from .scene import WhyScene
from .view import WhyView

ORIENTATION_KEY = "whys/orientation"


class WhysPanel(Panel):
    key = "whys"
    title = "5 Whys"

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__(controller, parent)
        self.settings = settings if settings is not None else app_settings.qsettings()
        self.scene = WhyScene(make_look(self.palette(), self.font()), self)
        self.view = WhyView(self.scene)
        self.editor = WhyEditor(controller, self.scene, self.view, self)
        self.outline_model = WhyOutlineModel(controller, self)
        self.outline = WhyOutlineView(self.outline_model)
        self.view.setAccessibleName("5 whys tree")
        self.view.setAccessibleDescription(
            "Arrow keys move between boxes; Enter or F2 edits; Tab or Insert asks why"
        )
        self.outline.setAccessibleName("5 whys outline")
        self.detail = WhyDetailPane(self.editor)
        self._presentation: WhyPresentation | None = None

        self.actions_ = build_actions(self)
        self.view.keys.run = self.run_command
        self.toolbar = self._build_toolbar()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.outline)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        side = QScrollArea()
        side.setWidget(self.detail)
        side.setWidgetResizable(True)  # also sizes wrapped labels by their height-for-width
        side.setFrameShape(QScrollArea.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([900, 300])
        self.status = QLabel(HINT)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        orientation = str(self.settings.value(ORIENTATION_KEY, "top-down"))
        if orientation == "left-right":
            self.scene.orientation = orientation
            self.actions_["left_right"].setChecked(True)
        self.editor.currentChanged.connect(self._on_current)
        self.editor.contextMenuRequested.connect(self._context_menu)
        self.outline.currentNodeChanged.connect(lambda node_id: self.editor.select(node_id))
        self.view.zoomChanged.connect(lambda z: self.status.setText(f"{HINT}   ·   {z:.0%}"))
        self.coach = coach_index(controller)
        self.coach.updated.connect(self._show_coach_notes)
        self.on_document_replaced()
        self._show_coach_notes()

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar("5 Whys")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in TOOLBAR:
            if name is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_[name])
        export = QToolButton()
        export.setText("Export")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export)
        for name in EXPORT_MENU:
            menu.addAction(self.actions_[name])
        export.setMenu(menu)
        bar.addWidget(export)
        return bar

    # ------------------------------------------------------------------ refresh
    def on_changed(self, change: Change) -> None:
        self.editor.refresh(change)
        self.outline_model.refresh(change)
        self.detail.refresh()
        self._update_actions()

    def on_document_replaced(self) -> None:
        self.editor.rebuild()
        self.outline_model.reset()
        self.detail.refresh()
        self._update_actions()

    def _show_coach_notes(self) -> None:
        """The review coach's badges on the nodes it has notes on (tooltip = the notes)."""
        notes = self.coach.notes("why")
        self.scene.set_coach_notes(
            {i: (coach_look.marker_tooltip(n), coach_look.strongest(n)) for i, n in notes.items()}
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.apply_look()

    def apply_look(self) -> None:
        """Re-read the palette (light, dark or high contrast) and redraw the tree."""
        if not hasattr(self, "editor"):
            return
        self.scene.set_look(make_look(self.palette(), self.font()))
        self.editor.refresh()

    def _on_current(self, node_id: str) -> None:
        self.outline.select_node(node_id)
        self.detail.refresh()
        self._update_actions()

    def _update_actions(self) -> None:
        node = self.editor.node()
        writable = not self.controller.read_only
        has = node is not None
        is_problem = has and node.parent_id is None
        a = self.actions_
        a["new_problem"].setEnabled(writable)
        for name in ("add_child", "add_sibling", "edit", "delete", "confirmed", "move_up"):
            a[name].setEnabled(writable and has)
        a["move_down"].setEnabled(writable and has)
        a["root_cause"].setEnabled(writable and has and (not is_problem or node.root_cause))
        a["followup"].setEnabled(writable and has and not is_problem)
        a["contributing"].setEnabled(writable and has and not is_problem)
        a["contributing"].setChecked(has and node.contributing)
        a["fold"].setEnabled(has and bool(self.controller.review.children(node.id)))
        a["copy"].setEnabled(has)
        a["paste"].setEnabled(writable)
        a["root_cause"].setChecked(has and node.root_cause)
        a["confirmed"].setChecked(has and node.status == "confirmed")
        exists = bool(self.controller.review.whys)
        a["export_png"].setEnabled(exists)
        a["export_svg"].setEnabled(exists)

    # ------------------------------------------------------------------ modes
    def show_mode(self, mode: str) -> None:
        """ "tree" (the canvas) or "outline" (the worksheet)."""
        outline = mode == "outline"
        self.stack.setCurrentWidget(self.outline if outline else self.view)
        self.actions_["outline" if outline else "tree"].setChecked(True)
        for name in ("left_right", "fit"):
            self.actions_[name].setEnabled(not outline)
        if self.editor.current_id:
            if outline:
                self.outline.select_node(self.editor.current_id)
            else:
                self.view.ensure_node_visible(self.editor.current_id)
        (self.outline if outline else self.view).setFocus()

    def run_command(self, name: str) -> None:
        """Run a command of the action table (the canvas's keys come here)."""
        SPEC_BY_NAME[name].run(self)

    def add_with(self, make) -> None:
        """Add a box with ``make(edit_in_place)``; in the worksheet, edit the new row there."""
        on_canvas = self.stack.currentWidget() is self.view
        node_id = make(on_canvas)
        if node_id and not on_canvas:
            self.outline.select_node(node_id)
            self.outline.edit(self.outline_model.index_for(node_id, ANSWER))

    def toggle(self, flip) -> None:
        """Flip a mark of the selected box (root cause, contributing, confirmed)."""
        flip()
        self._update_actions()

    def edit_current(self) -> None:
        if self.stack.currentWidget() is self.view:
            self.editor.start_edit()
        elif self.editor.current_id:
            self.outline.edit(self.outline_model.index_for(self.editor.current_id, ANSWER))

    def toggle_orientation(self) -> None:
        orientation = "left-right" if self.actions_["left_right"].isChecked() else "top-down"
        self.settings.setValue(ORIENTATION_KEY, orientation)
        self.editor.set_orientation(orientation)

    def _context_menu(self, node_id: str, where: QPoint) -> None:
        menu = QMenu(self)
        for name in NODE_MENU if node_id else CANVAS_MENU:
            if name is None:
                menu.addSeparator()
            elif name == "category":
                node = self.editor.node(node_id)
                sub = category_menu(
                    menu, node.category if node else "",
                    lambda v: self.editor.set_fields(node_id, "Set why category", category=v),
                )  # fmt: skip
                sub.setEnabled(not self.controller.read_only)
                menu.addMenu(sub)
            else:
                action = self.actions_[name]
                item = menu.addAction(SPEC_BY_NAME[name].menu_text, action.trigger)
                item.setEnabled(action.isEnabled())
                if action.isCheckable():
                    item.setCheckable(True)
                    item.setChecked(action.isChecked())
        for name in EXPORT_MENU:
            menu.addAction(self.actions_[name])
        menu.popup(where)

    # ------------------------------------------------------------------ export
    def export(self, fmt: str) -> None:
        title = self.controller.review.meta.title or "whys"
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip() or "whys"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export 5 whys as {fmt.upper()}", f"{name} - 5 whys.{fmt}",
            f"{fmt.upper()} files (*.{fmt})",
        )  # fmt: skip
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str) -> bool:
        """Write the trees to ``path`` as "png" or "svg"; errors go to ``controller.error``."""
        try:
            if fmt == "png":
                export_png(self.controller.review, path, orientation=self.scene.orientation)
            else:
                export_svg(self.controller.review, path, orientation=self.scene.orientation)
        except ExportError as exc:
            self.controller.error.emit(str(exc))
            return False
        return True

    # ------------------------------------------------------------------ Edit menu hooks
    def can_delete(self) -> bool:
        return bool(self.editor.node()) and not self.controller.read_only

    def delete_selection(self) -> None:
        self.editor.delete()

    def copy_selection(self) -> QMimeData | None:
        node = self.editor.node()
        if node is None:
            return None
        mime = QMimeData()
        mime.setText(clip_whys.branch_outline_text(self.controller.review, node.id))
        mime.setData(
            clip_whys.BRANCH_MIME,
            clip_whys.branch_to_json(self.controller.review, node.id).encode(),
        )
        return mime

    def paste(self, mime: QMimeData) -> bool:
        """A copied branch (full fields) or indented text → whys under the selected box (new
        trees when nothing is selected), as one undoable edit."""
        review = self.controller.review
        parent = self.editor.current_id or None
        try:
            if mime.hasFormat(clip_whys.BRANCH_MIME):
                data = bytes(mime.data(clip_whys.BRANCH_MIME).data()).decode("utf-8", "replace")
                edit = clip_whys.paste_branch_json(review, parent, data)
            elif mime.hasText():
                edit = whys.paste_branch(review, parent, clip_whys.parse_outline(mime.text()))
            else:
                return False
        except (ValueError, EditError) as exc:
            text = str(exc)
            self.controller.error.emit(f"Nothing pasted: {text}.")
            return True
        change = self.controller.push(edit)
        if change is not None:
            first = change.added_in_order(review, "whys")
            self.editor.select(first[0] if first else "")
        return True

    def copy_to_clipboard(self) -> None:
        mime = self.copy_selection()
        if mime is not None:
            QGuiApplication.clipboard().setMimeData(mime)

    def paste_from_clipboard(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None:
            self.paste(mime)

    def find(self, text: str) -> None:
        self.editor.find(text)

    def select_item(self, collection: str, item_id: str) -> bool:
        if collection != "whys" or item_id not in self.controller.review.whys:
            return False
        self.editor.select(item_id)
        self.view.centre_on_node(item_id)
        self.outline.select_node(item_id)
        return True

    def focus_widget(self) -> QWidget | None:
        """The canvas (or worksheet), with a box selected so Tab asks why about it rather than
        starting another tree."""
        roots = self.controller.review.why_roots()
        if not self.editor.current_id and roots:
            self.editor.select(roots[0].id)
        return self.stack.currentWidget()

    # ------------------------------------------------------------------ presentation
    def presentation_widget(self) -> QWidget | None:
        return self._presentation

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        if self._presentation is not None:
            self._presentation.deleteLater()
            self._presentation = None
        if on:
            self._presentation = WhyPresentation(
                self.controller,
                focus_id=self.editor.current_id,
                orientation=self.scene.orientation,
                scale=scale,
            )

    def set_presentation_scale(self, scale: float) -> None:
        if self._presentation is not None:
            self._presentation.set_scale(scale)

    def present_step(self, delta: int) -> bool:
        return self._presentation.step(delta) if self._presentation is not None else False
