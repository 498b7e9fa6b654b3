"""The window's open path with hostile files (pytest-qt): the received file is never opened
as it is, the user is offered a cleaned copy in one sentence, nothing is written beside the
received file, and pictures that are not ours become placeholders in every view."""

from __future__ import annotations

import pytest
from hostile_files import CASES, fingerprint, image_sha, make

from pm_desktop.domain.edits import add
from pm_desktop.domain.model import TimelineEvent


class Prompts:
    """Answers the window's questions and records them."""

    def __init__(self, clean: bool):
        self.clean = clean
        self.errors: list[str] = []
        self.clean_questions: list[str] = []
        self.parent = None

    def error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def open_cleaned_copy(self, message: str) -> bool:
        self.clean_questions.append(message)
        return self.clean

    def open_read_only(self, message: str) -> bool:
        return False

    def keep_untitled(self, title: str) -> str:
        return "discard"


@pytest.fixture
def window_with(qtbot, qapp, tmp_path):
    from PySide6.QtCore import QStandardPaths

    from pm_desktop.ui import settings
    from pm_desktop.ui.app import configure_application_names
    from pm_desktop.ui.main_window import MainWindow

    configure_application_names()
    QStandardPaths.setTestModeEnabled(True)
    windows = []
    with settings.isolate(tmp_path / "pm-home"):

        def make_window(prompts: Prompts):
            window = MainWindow(settings.Settings(), prompts=prompts)
            prompts.parent = window
            qtbot.addWidget(window)
            windows.append(window)
            return window

        yield make_window
        for window in windows:
            window.files.close_review()
            window.close()


UNTRUSTED = [
    "trigger-after-insert-on-event",
    "trigger-before-delete-on-blob",
    "trigger-copies-pasted-images-into-a-hidden-table",
    "view-recursive-cte-instead-of-event",
    "view-randomblob-instead-of-blob",
    "virtual-table-instead-of-why",
    "table-person-without-primary-key-and-duplicate-ids",
]
BAD_VALUES = [
    "cell-event-text-bytes-3c62",
    "cell-followup-acceptance-list-of-numbers",
    "cell-why-evidence_ids-deeply-nested-json",
    "date-event-time-year-9999",
    "file-fifo",
]


@pytest.mark.parametrize("name", UNTRUSTED)
def test_declining_the_cleaned_copy_opens_nothing_and_changes_nothing(
    name, window_with, hostile_base, tmp_path, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    before = fingerprint(path)
    prompts = Prompts(clean=False)
    window = window_with(prompts)
    assert not window.files.open_path(str(path))
    assert not window.has_document
    [question] = prompts.clean_questions
    assert question.startswith(path.name) and "cleaned copy" in question
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


@pytest.mark.parametrize("name", UNTRUSTED)
def test_the_cleaned_copy_opens_as_untitled_and_runs_none_of_the_senders_sql(
    name, window_with, hostile_base, tmp_path, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    before = fingerprint(path)
    window = window_with(Prompts(clean=True))
    assert window.files.open_path(str(path))
    doc = window.files.document
    assert doc is not None and doc.untitled and doc.path.parent != path.parent
    followups = len(doc.review.followups)
    doc.apply(add(TimelineEvent("added-after-cleaning", "2025-03-12T10:00:00Z")))
    assert len(doc.review.followups) == followups
    names = {r[0] for r in doc.conn.execute("SELECT name FROM sqlite_master")}
    assert not names & {"stash", "stash_it", "t_event_insert", "t_blob_delete"}
    assert doc.conn.execute("SELECT count(*) FROM followup").fetchone()[0] == followups
    assert fingerprint(path) == before


@pytest.mark.parametrize("name", BAD_VALUES)
def test_a_bad_value_is_one_message_naming_the_file(
    name, window_with, hostile_base, tmp_path, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    before = fingerprint(path)
    prompts = Prompts(clean=False)
    window = window_with(prompts)
    assert not window.files.open_path(str(path))
    [message] = prompts.errors
    assert message.startswith(f"{path}: ") and "\n" not in message
    for word in CASES[name].says:
        assert word in message
    assert fingerprint(path) == before


@pytest.mark.parametrize(
    "name",
    [
        "picture-eps-ghostscript",
        "picture-eps-endless-loop",
        "picture-png-bomb-13000px",
        "picture-svg",
        "thumbnail-png-bomb",
    ],
)
def test_pictures_we_do_not_decode_are_placeholders_in_every_view(
    name, window_with, hostile_base, tmp_path, qtbot, no_child_processes
):
    from pm_desktop.ui.evidence.presentation import EvidencePresentation
    from pm_desktop.ui.evidence.thumbs import ThumbnailCache
    from pm_desktop.ui.evidence.viewer import ImageViewer

    path = make(CASES[name], hostile_base, tmp_path / "in")
    sha = image_sha(path)
    before = fingerprint(path)
    window = window_with(Prompts(clean=False))
    assert window.files.open_path(str(path), read_only=True)
    doc = window.files.document
    item = next(e for e in doc.review.evidence.values() if e.blob == sha)

    hostile_row = name.startswith("thumbnail-")
    # 256 px is not cached in the file: it is made from the stored bytes.
    cache = ThumbnailCache(lambda: doc, 256, threaded=False)
    assert cache.get(sha) is None
    cache.settle()
    if hostile_row:
        assert cache.get(sha) is not None  # the picture is fine; only the cached row is not
    else:
        assert cache.get(sha) is None and cache.problem(sha)
    if hostile_row:
        # 64 px is the cached row the sender replaced: refused and made again from the picture.
        cache = ThumbnailCache(lambda: doc, 64, threaded=False)
        cache.get(sha)
        cache.settle()
        image = cache.get(sha)
        assert image is not None and max(image.width(), image.height()) <= 64

    viewer = ImageViewer(item, doc.read_blob(sha))
    qtbot.addWidget(viewer)
    assert viewer.image_ok == name.startswith("thumbnail-")
    presentation = EvidencePresentation(lambda: doc.read_blob)
    qtbot.addWidget(presentation)
    image, message = presentation._full_image(sha)
    assert (image is None) == (not name.startswith("thumbnail-"))
    assert bool(message) == (image is None)
    window.files.close_review()
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
