"""Exports in a separate process, so the app's window never waits for the exporter.

A PDF of a large review allocates millions of small objects for a minute. Run in a thread of the
app, the exporter holds the interpreter lock in long stretches (reportlab's C helpers, garbage
collections over all those objects) and the window froze for up to 0.6 s at a time; the memory
it used also stayed with the app afterwards. In a process of its own it can do neither.

:func:`run_isolated` is called from the app's export worker thread. It copies the review file as
it is at that moment (:func:`~pm_desktop.store.document.copy_snapshot`, so later edits do not
reach the export), starts a process with the ``spawn`` method (forking a process that runs Qt is
unsafe), and waits: progress comes back through a pipe, a cancel request goes the other way as an
event that the child's progress callback turns into :class:`ExportCancelled`. The child writes
the output with the exporter's usual atomic rename, so a failed or cancelled export leaves no
file behind. Failures come back as one sentence and are raised here as :class:`ExportError`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pm_desktop.domain.recurrence import Relation
from pm_desktop.store.document import Document, StoreError, copy_snapshot

from .job import ExportCancelled, ExportError, ExportJob, ProgressFn

POLL_S = 0.05
REPORT_EVERY_S = 0.05


def run_isolated(
    fmt: str,
    source: Path,
    out: Path,
    profile: str = "internal",
    progress: ProgressFn | None = None,
    cancel_requested: Callable[[], bool] = lambda: False,
    related: tuple[Relation, ...] = (),
) -> None:
    """Export ``source`` to ``out`` in a child process; returns when it is written.

    Raises :class:`ExportCancelled` when ``cancel_requested()`` became true, or
    :class:`ExportError` with a sentence for the user when the export failed."""
    import multiprocessing  # only when exporting: not part of the app's start-up

    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="pm-desktop-export-") as tmp:
        copy = Path(tmp) / "snapshot.pmreview"
        try:
            copy_snapshot(source, copy)
        except StoreError as exc:
            raise ExportError(str(exc)) from exc
        receiver, sender = context.Pipe(duplex=False)
        cancel = context.Event()
        child = context.Process(
            target=_child_main,
            args=(fmt, str(copy), str(out), profile, sender, cancel, related),
            name="pm-desktop export",
            daemon=True,
        )
        child.start()
        sender.close()  # the child holds the only writing end: EOF when it exits
        outcome: tuple | None = None
        try:
            while outcome is None:
                if cancel_requested():
                    cancel.set()
                if receiver.poll(POLL_S):
                    try:
                        message = receiver.recv()
                    except EOFError:
                        break
                    if message[0] == "progress":
                        if progress is not None:
                            try:
                                progress(message[1], message[2])
                            except ExportCancelled:  # the caller's way of asking to stop
                                cancel.set()
                    else:
                        outcome = message
                elif not child.is_alive() and not receiver.poll(0):
                    break
        finally:
            if outcome is None and child.is_alive():
                child.terminate()
            child.join()
            receiver.close()
    if outcome is None:
        raise ExportError(
            f"{out}: the export stopped unexpectedly (exit code {child.exitcode}); "
            "nothing was written"
        )
    if outcome[0] == "cancelled":
        raise ExportCancelled()
    if outcome[0] == "failed":
        raise ExportError(outcome[1])


def _child_main(fmt: str, copy: str, out: str, profile: str, sender, cancel, related=()) -> None:
    """The child process: open the copy read-only, export, report one outcome."""
    last: list = [0.0, None]  # when the last report was sent, and its message

    def progress(fraction: float, message: str) -> None:
        if cancel.is_set():
            raise ExportCancelled()
        now = time.monotonic()
        # every new stage is reported; repeats of one stage at most every REPORT_EVERY_S
        if message != last[1] or now - last[0] >= REPORT_EVERY_S or fraction >= 1.0:
            last[0], last[1] = now, message
            sender.send(("progress", float(fraction), str(message)))

    try:
        sender.send(_export(fmt, Path(copy), Path(out), profile, progress, related))
    finally:
        sender.close()


def _export(
    fmt: str, copy: Path, out: Path, profile: str, progress: ProgressFn, related: tuple = ()
) -> tuple:
    from . import run_export  # here: the package imports this module's neighbours lazily

    doc = reader = None
    try:
        doc = Document.open(copy, read_only=True)
        reader = doc.blob_reader()
        job = ExportJob(doc.review, reader.read, out, profile, progress=progress, related=related)
        run_export(fmt, job)
    except ExportCancelled:
        return ("cancelled",)
    except ExportError as exc:
        return ("failed", str(exc))
    except OSError as exc:
        return ("failed", f"{exc.filename or out}: {exc.strerror or exc}")
    except ModuleNotFoundError:
        return ("failed", f"{fmt.upper()} export is not available in this version of pm-desktop.")
    except Exception as exc:  # an exporter bug: a sentence for the user, not a dead process
        return ("failed", f"{out}: the export failed ({type(exc).__name__}: {exc})")
    finally:
        if reader is not None:
            reader.close()
        if doc is not None:
            doc.close()
    return ("ok",)
