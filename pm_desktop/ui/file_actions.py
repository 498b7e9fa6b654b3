"""New, Open, Save, Save As, Close and Export for the one review a window shows.

Opening never loses the current review: the new file is opened first, and only when that worked
is the old one closed (an untitled one after asking Save / Discard / Cancel). Every question goes
through :class:`Prompts`, so tests can answer them and ``--smoke`` can run without dialogs.

Signals of :class:`FileActions`: ``message(str)`` — one line for the status bar;
``recentChanged()`` — the recent-files list changed.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from pm_desktop.domain.model import Review
from pm_desktop.ingest.builtin import load_builtin, load_example
from pm_desktop.store.document import AlreadyOpenError, Document, OpenError, StoreError
from pm_desktop.store.opening import UntrustedFile

from . import settings as settings_mod
from . import untrusted, watch
from .controller import DocumentController
from .export_worker import FORMAT_FILTERS, FORMAT_LABELS, FORMAT_SUFFIX, ExportRunner
from .settings import Settings

if TYPE_CHECKING:
    from .presend import PresendDialog
    from .recovery import RecoveryDialog

TEMPLATE = "templates/standard.json"
REVIEW_FILTER = "Reviews (*.pmreview);;All files (*)"
READ_ONLY_OFFER = (
    "You can open it read-only here; it shows the other window's changes as they are saved."
)
OPEN_FAILURES = (OpenError, StoreError, OSError, sqlite3.Error, ValueError)
PROFILES = {
    "Internal — the full review, for the team and the company": "internal",
    "External — for customers and partners outside the company": "external",
}
TRACKER_CHOICES = {
    "Jira — CSV import with an External ID per card": "jira",
    "Linear — CSV import": "linear",
    "GitHub issues — one row per issue, Markdown bodies": "github",
}


class Prompts:
    """Every question the window asks the user. Replace methods in tests."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def open_file(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open review", folder, REVIEW_FILTER)
        return path or None

    def save_file(self, caption: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, caption, suggested, file_filter)
        return path or None

    def open_read_only(self, message: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Review already open", message)
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is read_only

    def already_open_here(self, message: str) -> str:
        """``switch``, ``read_only`` or ``cancel`` when another window of ours has the review."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Review already open", message, parent=self.parent
        )
        switch = box.addButton(
            "Switch to the window that has it open", QMessageBox.ButtonRole.AcceptRole
        )
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(switch)
        box.exec()
        clicked = box.clickedButton()
        return "switch" if clicked is switch else "read_only" if clicked is read_only else "cancel"

    def keep_untitled(self, title: str) -> str:
        """``save``, ``discard`` or ``cancel`` for an untitled review about to close."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Keep this review?",
            f"“{title}” has not been saved under a name yet. Save it before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard",
        }.get(QMessageBox.StandardButton(answer), "cancel")

    def export_tracker(self, current: str) -> str | None:
        """Which tracker the follow-up CSV is for (its columns and words follow that tracker)."""
        labels = list(TRACKER_CHOICES)
        names = list(TRACKER_CHOICES.values())
        start = names.index(current) if current in names else 0
        choice, ok = QInputDialog.getItem(
            self.parent,
            "Export follow-ups",
            "Which tracker will import these follow-ups?",
            labels,
            start,
            False,
        )
        return TRACKER_CHOICES[choice] if ok and choice in TRACKER_CHOICES else None

    def export_profile(self) -> str | None:
        labels = list(PROFILES)
        choice, ok = QInputDialog.getItem(
            self.parent, "Export PDF", "Who is this PDF for?", labels, 0, False
        )
        return PROFILES[choice] if ok and choice in PROFILES else None

    def recovery(self, dialog: RecoveryDialog) -> None:
        dialog.exec()

    def open_cleaned_copy(self, message: str) -> bool:
        return untrusted.ask(self.parent, message)

    def presend(self, dialog: QWidget) -> None:
        """Show the pre-send check; it stays open beside the window while the user fixes."""
        dialog.show()

    def merge_file(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, "Merge a colleague's review", folder, REVIEW_FILTER
        )
        return path or None

    def merge_preview(self, dialog: QDialog) -> bool:
        return _exec_accepted(dialog)


class QuietPrompts(Prompts):
    """For ``--smoke`` and screenshots: nothing is asked, errors are collected."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.errors: list[str] = []

    def error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def open_file(self, folder: str) -> str | None:
        return None

    def save_file(self, caption: str, suggested: str, file_filter: str) -> str | None:
        return None

    def open_read_only(self, message: str) -> bool:
        return True

    def already_open_here(self, message: str) -> str:
        return "read_only"

    def keep_untitled(self, title: str) -> str:
        return "discard"

    def export_profile(self) -> str | None:
        return None

    def export_tracker(self, current: str) -> str | None:
        return None

    def recovery(self, dialog: RecoveryDialog) -> None:
        return None

    def open_cleaned_copy(self, message: str) -> bool:
        self.errors.append(message)
        return False

    def presend(self, dialog: QWidget) -> None:
        return None

    def merge_file(self, folder: str) -> str | None:
        return None

    def merge_preview(self, dialog: QDialog) -> bool:
        return False


def slug(title: str) -> str:
    """A file name from a title: letters (any script), digits and dashes."""
    text = re.sub(r"[^\w\s-]", "", title, flags=re.UNICODE).strip().lower()
    text = re.sub(r"[\s_-]+", "-", text)[:60].strip("-")
    return text or "review"


class FileActions(QObject):
    message = Signal(str)
    recentChanged = Signal()
    exported = Signal(str)  # the path of a finished export

    def __init__(
        self,
        controller: DocumentController,
        settings: Settings,
        prompts: Prompts,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.prompts = prompts
        self.exports = ExportRunner(parent)
        self.exports.finished.connect(lambda p: self.message.emit(f"Exported to {p}"))
        self.exports.finished.connect(self.exported)
        self.exports.failed.connect(lambda m: self.prompts.error("Export failed", m))
        self.exports.cancelled.connect(lambda: self.message.emit("Export cancelled"))
        # An untitled review made in this session and not edited may close without asking.
        self._fresh = False
        self.presend: PresendDialog | None = None

    @property
    def document(self) -> Document | None:
        return self.controller.document

    # ------------------------------------------------------------------ new / open
    def new_review(self, template: bool = True) -> bool:
        if template:
            try:
                imported = load_builtin(TEMPLATE)
            except (OSError, ValueError) as exc:
                self.prompts.error("New review", f"The review template cannot be read ({exc}).")
                return False
            review, blobs = imported.review, imported.blobs
        else:
            review, blobs = Review(), {}
        return self._create_untitled(review, blobs, "New review")

    def open_example(self) -> bool:
        try:
            example = load_example()
        except (OSError, ValueError) as exc:
            self.prompts.error("Example", f"The example review cannot be read ({exc}).")
            return False
        return self._create_untitled(example.review, example.blobs, "Example")

    def _create_untitled(self, review: Review, blobs: dict[str, bytes], what: str) -> bool:
        leave = self._confirm_leave()
        if leave is None:
            return False
        try:
            doc = Document.create_untitled(settings_mod.untitled_dir(), review, blobs)
        except OPEN_FAILURES as exc:
            self.prompts.error(what, str(exc))
            return False
        self._install(doc, leave, fresh=True)
        return True

    def open_dialog(self) -> bool:
        path = self.prompts.open_file(self.settings.last_folder())
        return self.open_path(path) if path else False

    def open_path(self, path: str, read_only: bool | None = None) -> bool:
        target = Path(path)
        current = self.document
        if current is not None and _same_file(current.path, target):
            self.message.emit(f"{target.name} is already open")
            return True
        leave = self._confirm_leave()
        if leave is None:
            return False
        try:
            doc = Document.open(target, read_only=read_only)
        except AlreadyOpenError as exc:
            question = f"{exc}\n\n{READ_ONLY_OFFER}"
            owner = watch.owner_window(target, self.parent())
            if owner is not None:
                answer = self.prompts.already_open_here(question)
                if answer == "switch":
                    watch.bring_forward(owner)
                    return False
                if answer != "read_only":
                    return False
            elif not self.prompts.open_read_only(question):
                return False
            return self.open_path(path, read_only=True)
        except UntrustedFile as exc:
            return self._open_cleaned(target, exc, leave)
        except OPEN_FAILURES as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if not isinstance(exc, OpenError) and str(target) not in message:
                message = f"{target}: {message}"
            self.prompts.error("Cannot open the review", message)
            if not target.exists():
                self.settings.remove_recent(target)
                self.recentChanged.emit()
            return False
        if _same_file(doc.path.parent, settings_mod.untitled_dir()):
            doc.untitled = True  # a recovered review: still needs a name
        else:
            self.settings.add_recent(doc.path)
            self.recentChanged.emit()
        self._install(doc, leave, fresh=False)
        return True

    def _open_cleaned(self, target: Path, exc: UntrustedFile, leave: str) -> bool:
        if not self.prompts.open_cleaned_copy(untrusted.question(target, exc)):
            return False
        try:
            doc, report = untrusted.open_cleaned_copy(target)
        except OPEN_FAILURES as failure:
            self.prompts.error("Cannot open the review", str(failure).splitlines()[0])
            return False
        self._install(doc, leave, fresh=False)
        self.message.emit(
            f"Opened a cleaned copy of {target.name} ({report.summary()}); Save As keeps it"
        )
        return True

    # ------------------------------------------------------------------ save
    def save(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if doc.untitled or doc.read_only:
            return self.save_as()
        self.controller.undo_stack.setClean()
        self.message.emit(f"All changes are saved in {doc.path}")
        return True

    def save_as(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        self.controller.commit_pending_edits()
        folder = Path(self.settings.last_folder())
        suggested = (
            doc.path if not doc.untitled else folder / f"{slug(doc.review.meta.title)}.pmreview"
        )
        path = self.prompts.save_file("Save review as", str(suggested), REVIEW_FILTER)
        if not path:
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".pmreview")
        was_read_only = doc.read_only
        try:
            self.controller.save_as(str(target))
        except (StoreError, AlreadyOpenError, OSError, sqlite3.Error) as exc:
            self.prompts.error("Save As", str(exc))
            return False
        self._fresh = False
        self.controller.undo_stack.setClean()
        self.settings.add_recent(target)
        self.recentChanged.emit()
        if was_read_only:
            # Panels show editing controls again.
            self.controller.documentReplaced.emit()
        self.message.emit(f"Saved as {target}")
        return True

    def save_leftover(self, path: str) -> bool:
        """Recovery: keep a left-behind untitled review at a place the user picks."""
        source = Path(path)
        target = self.prompts.save_file(
            "Save recovered review as",
            str(Path(self.settings.last_folder()) / source.name),
            REVIEW_FILTER,
        )
        if not target:
            return False
        try:
            with Document.open(source) as doc:
                doc.save_as(target)
            source.unlink(missing_ok=True)
        except (OpenError, StoreError, AlreadyOpenError, OSError, sqlite3.Error) as exc:
            self.prompts.error("Save As", str(exc))
            return False
        self.settings.add_recent(target)
        self.recentChanged.emit()
        self.message.emit(f"Saved the recovered review as {target}")
        return True

    # ------------------------------------------------------------------ close
    def close_review(self) -> bool:
        """Close the open review (asking about an untitled one). False when the user cancels."""
        self.controller.commit_pending_edits()
        leave = self._confirm_leave()
        if leave is None:
            return False
        doc = self.document
        self.controller.set_document(None)
        self._finish_leave(doc, leave)
        return True

    def _confirm_leave(self) -> str | None:
        """How to leave the current review: ``close``, ``discard``, or None (cancelled)."""
        doc = self.document
        if doc is None or not doc.untitled:
            return "close"
        if self._fresh and self.controller.undo_stack.count() == 0:
            return "discard"
        if self.exports.busy:
            self.exports.cancel()
            self.exports.wait()
        answer = self.prompts.keep_untitled(doc.review.meta.title)
        if answer == "discard":
            return "discard"
        if answer == "save":
            return "close" if self.save_as() else None
        return None

    def _finish_leave(self, doc: Document | None, leave: str) -> None:
        if doc is None:
            return
        if self.exports.busy:
            self.exports.cancel()
            self.exports.wait()
        if leave == "discard":
            doc.discard()
        else:
            doc.close()

    def _install(self, doc: Document, leave: str, *, fresh: bool) -> None:
        self.controller.commit_pending_edits()
        old = self.document
        self.controller.set_document(doc)
        self._finish_leave(old, leave)
        self._fresh = fresh
        state = " (read-only)" if doc.read_only else ""
        self.message.emit(f"Opened {doc.display_name}{state}")

    # ------------------------------------------------------------------ recovery
    def offer_recovery(self) -> int:
        """Offer untitled reviews left by an earlier run; returns how many were offered."""
        from .recovery import RecoveryDialog, leftover_reviews  # after the first paint

        items = leftover_reviews(settings_mod.untitled_dir())
        if not items:
            return 0
        dialog = RecoveryDialog(items, self.parent())
        dialog.openRequested.connect(self.open_path)
        dialog.saveRequested.connect(self.save_leftover)
        self.prompts.recovery(dialog)
        dialog.deleteLater()
        return len(items)

    # ------------------------------------------------------------------ export
    def export(self, fmt: str, profile: str | None = None) -> bool:
        from pm_desktop.export import ExportError  # loads with the first export

        doc = self.document
        if doc is None:
            return False
        self.controller.commit_pending_edits()
        if self.exports.busy:
            self.message.emit("An export is already running")
            return False
        if profile is None:
            profile = "internal"
            if fmt == "pdf":
                chosen = self.prompts.export_profile()
                if chosen is None:
                    return False
                profile = chosen
        tracker = "jira"
        if fmt == "csv":
            chosen_tracker = self.prompts.export_tracker(self.settings.last_tracker())
            if chosen_tracker is None:
                return False
            tracker = chosen_tracker
            self.settings.set_last_tracker(tracker)
        label = FORMAT_LABELS.get(fmt, fmt)
        if profile == "external":
            label = f"customer version ({label})"
        from pm_desktop.export import profiles  # exports load their code when first used

        suggested = Path(self.settings.last_folder()) / (
            profiles.default_stem(slug(doc.review.meta.title), profile)
            + FORMAT_SUFFIX.get(fmt, "")
        )
        path = self.prompts.save_file(f"Export {label}", str(suggested), FORMAT_FILTERS[fmt])
        if not path:
            return False
        out = Path(path)
        if out.exists() and _same_file(out, doc.path):
            self.prompts.error("Export", f"{out}: is the review itself; choose another file")
            return False
        if out.exists() and out.name.lower().endswith(".pmreview"):
            self.prompts.error("Export", f"{out}: is a review; an export never replaces one")
            return False
        try:
            related = _related_for_pdf(doc) if fmt == "pdf" and profile == "internal" else ()
            self.exports.start(
                fmt, doc.snapshot(), doc.blob_reader, out, profile, source=doc.path,
                related=related, tracker=tracker,
            )  # fmt: skip
        except (ExportError, RuntimeError) as exc:
            self.prompts.error("Export", str(exc))
            return False
        return True

    def check_customer_version(self) -> PresendDialog | None:
        """File ▸ Export ▸ Customer version…: the pre-send check, then the export."""
        if self.document is None:
            return None
        if self.presend is not None:
            self.presend.refresh()
            self.presend.raise_()
            self.presend.activateWindow()
            return self.presend
        from .presend import PresendDialog, reveal_place  # the pre-send check loads on first use

        window = self.parent()
        dialog = PresendDialog(self.controller, window if isinstance(window, QWidget) else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exportRequested.connect(lambda fmt: self.export(fmt, "external"))
        if isinstance(window, QWidget):
            dialog.revealRequested.connect(
                lambda place, start, end: reveal_place(window, place, start, end)
            )
        dialog.destroyed.connect(self._presend_closed)
        self.presend = dialog
        show = getattr(self.prompts, "presend", None)  # prompts made before this dialog lack it
        if callable(show):
            show(dialog)
        else:
            dialog.show()
        return dialog

    def _presend_closed(self) -> None:
        self.presend = None

    # ------------------------------------------------------------------ merge
    def merge_review(self) -> bool:
        """File ▸ Merge review…: choose a colleague's file, preview, merge as one undo step."""
        from .merge_dialog import run_merge

        doc = self.document
        if doc is None:
            return False
        if doc.read_only:
            self.prompts.error(
                "Merge review", f"{doc.path}: is open read-only; nothing can be merged into it"
            )
            return False
        folder = str(doc.path.parent) if not doc.untitled else self.settings.last_folder()
        choose = getattr(self.prompts, "merge_file", self.prompts.open_file)
        path = choose(folder)
        if not path:
            return False
        window = self.parent()
        ask = getattr(self.prompts, "merge_preview", _exec_accepted)
        try:
            line = run_merge(
                doc,
                path,
                ask,
                self.controller.push,
                window if isinstance(window, QWidget) else None,
            )
        except OPEN_FAILURES as exc:
            self.prompts.error("Merge review", str(exc).splitlines()[0] if str(exc) else "failed")
            return False
        if line:
            self.message.emit(line)
        return bool(line)


def _exec_accepted(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _related_for_pdf(doc: Document) -> tuple:
    """Earlier reviews of the library like this one, for the internal PDF's "Seen before"."""
    from pm_desktop.library.library import related_earlier

    from .library.opener import index_path

    return tuple(related_earlier(doc.review, doc.path, index_path()))
