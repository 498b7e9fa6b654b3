"""Shared test setup. Qt runs offscreen; this must happen before any QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_at_the_end():
    """Data a test copied must not outlive the interpreter (see ui/clipboard_exit.py)."""
    yield
    from pm_desktop.ui.clipboard_exit import release_clipboard

    release_clipboard()


@pytest.fixture
def example_document(tmp_path):
    """A fresh copy of the built-in example review, open for writing; closed after the test."""
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document

    ex = load_example()
    doc = Document.create(tmp_path / "example.pmreview", ex.review, ex.blobs)
    yield doc
    doc.close()


@pytest.fixture
def controller(qtbot, example_document):
    """A DocumentController on the example review (needs Qt)."""
    from pm_desktop.ui.controller import DocumentController

    ctl = DocumentController(example_document)
    yield ctl
    ctl.set_document(None)
