"""Application start-up (placeholder window until the main window lands)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from pm_desktop import APP_NAME, DESKTOP_FILE_NAME, ORG_DOMAIN, ORG_NAME
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document


def run(file: str | None = None, demo: bool = False, smoke: bool = False) -> int:
    started = time.perf_counter()
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setOrganizationDomain(ORG_DOMAIN)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    doc = None
    if demo:
        example = load_example()
        doc = Document.create_untitled(Path(tempfile.mkdtemp()), example.review, example.blobs)
    elif file:
        doc = Document.open(file)
    win = QMainWindow()
    if doc is not None:
        c = doc.review.counts()
        text = f"{doc.review.meta.title}\n\n" + "\n".join(f"{k}: {v}" for k, v in c.items())
    else:
        text = "pm-desktop"
    win.setCentralWidget(QLabel(text))
    win.resize(900, 600)
    win.show()
    if smoke:
        app.processEvents()
        print(json.dumps({"startup_s": round(time.perf_counter() - started, 3)}))
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    if doc is not None:
        doc.close()
    return code
