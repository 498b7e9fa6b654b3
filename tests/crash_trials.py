"""Kill trials: run one thing the app does in a child process, SIGKILL it at a random moment, then
check what the next open finds. Used by tests/store/test_crash.py.

Every trial follows one protocol. The child acknowledges through a pipe, one line per
``os.write`` (a line under PIPE_BUF bytes arrives whole or not at all):

- ``go`` — the work starts now (the kill is timed from here);
- ``pending <digest>`` — the state the file will hold once the next commit returns;
- ``committed <digest>`` — that commit returned: from now on the file must hold this state.

The parent reads *every* byte the child wrote, from one reader, until the pipe closes after the
kill. (The old test read the first line with ``readline`` and the rest with ``communicate``;
``readline`` buffers whatever else had arrived, and ``communicate`` reads the descriptor
directly, so acknowledgements in that buffer were silently dropped: that was the "committed edit
lost" failure.)

After the kill the file is opened only through the app's own path (``Document.open`` or the
command line), never by plain sqlite3 first; then integrity, the acknowledged state, and the
folder (no journal, lock or part file left) are checked.

Children of the kinds ``edits``, ``timeline``, ``import``, ``export`` and ``saveas`` are forked
from a worker process that has the app imported (spawned, so it has no Qt and no threads); the
``gui`` kind runs tests/crash_gui_child.py, a fresh interpreter with a real window.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from pm_desktop.domain.edits import EditError
from pm_desktop.export.json_export import review_to_dict, review_to_json
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document, OpenError

TESTS = Path(__file__).resolve().parent
LEFTOVER_ENDINGS = ("-journal", "-wal", "-shm", "#", ".pm-part", ".tmp", ".part")


def digest(review) -> str:
    data = review_to_dict(review, lambda sha: b"")
    # "last changed" is the store's clock at the commit, not part of what was edited (it is
    # left out of the review's equality for the same reason)
    data["review"].pop("changed", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class Acks:
    """The child's side of the pipe."""

    def __init__(self, fd: int):
        self.fd = fd

    def say(self, word: str, value: str = "") -> None:
        os.write(self.fd, f"{word} {value}\n".encode())


class Heard:
    """The parent's reading of everything the child acknowledged."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def last(self, word: str) -> str | None:
        for line in reversed(self.lines):
            head, _, value = line.partition(" ")
            if head == word:
                return value
        return None

    def has(self, word: str) -> bool:
        return any(line.partition(" ")[0] == word for line in self.lines)

    def states(self, prefix: str = "") -> tuple[str | None, str | None]:
        """(last committed, pending after it) for acknowledgements named with ``prefix``."""
        committed = pending = None
        for line in self.lines:
            head, _, value = line.partition(" ")
            if head == f"{prefix}committed":
                committed, pending = value, None
            elif head == f"{prefix}pending":
                pending = value
        return committed, pending


def _read_lines(fd: int, until: str | None, deadline: float) -> tuple[list[str], bytes]:
    """Read whole lines until one starts with ``until`` (or EOF when None)."""
    buf = b""
    lines: list[str] = []
    while True:
        if until is not None and any(line.startswith(until) for line in lines):
            return lines, buf
        if time.monotonic() > deadline:
            raise TimeoutError("the child did not answer")
        chunk = os.read(fd, 65536)
        if not chunk:
            return lines, buf
        buf += chunk
        *whole, buf = buf.split(b"\n")
        lines.extend(w.decode() for w in whole)


def kill_at_random(start: Callable[[], tuple[int, int]], delay: float) -> Heard:
    """Start a child (pid, read end of its ack pipe), SIGKILL it ``delay`` s after its ``go``."""
    pid, fd = start()
    try:
        lines, rest = _read_lines(fd, "go", time.monotonic() + 60)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        more, rest = _read_lines(fd, None, time.monotonic() + 60)
        lines += more
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    # A partial last line (the kill came mid-write) acknowledged nothing.
    return Heard(lines)


def fork_child(body: Callable[[Acks], None], log: Path) -> tuple[int, int]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, never return into the worker
        code = 0
        try:
            os.close(r)
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            os.dup2(out, 1)
            os.dup2(out, 2)
            body(Acks(w))
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(w)
    return pid, r


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(LEFTOVER_ENDINGS))


def open_and_check(path: Path) -> str:
    """Open through the app; integrity must be ok. Returns the review's digest."""
    with Document.open(path) as doc:
        result = doc.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise AssertionError(f"{path.name}: integrity_check says {result}")
        return digest(doc.review)


# ------------------------------------------------------------------------------ the kinds


def _edit_stream(doc: Document, rng: random.Random, acks: Acks, prefix: str, count: int) -> None:
    from review_strategies import random_edit

    done = 0
    while done < count:
        preview = doc.review.copy()
        try:
            edit = random_edit(rng, preview)
            edit.apply(preview)
        except EditError:
            continue
        acks.say(f"{prefix}pending", digest(preview))
        doc.apply(edit)
        acks.say(f"{prefix}committed", digest(doc.review))
        done += 1


def trial_edits(folder: Path, rng: random.Random) -> str | None:
    path = folder / "edits.pmreview"
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    seed = rng.randrange(2**32)

    def child(acks: Acks) -> None:
        doc = Document.open(path)
        acks.say("committed", digest(doc.review))
        acks.say("go")
        _edit_stream(doc, random.Random(seed), acks, "", 10**9)

    heard = kill_at_random(lambda: fork_child(child, folder / "child.log"), rng.uniform(0, 0.3))
    committed, pending = heard.states()
    got = open_and_check(path)
    if got not in {committed, pending}:
        return f"an edit reported as committed was lost (heard {len(heard.lines)} lines)"
    return None


def _timeline_text(rng: random.Random, n: int) -> str:
    return "".join(
        f"{9 + i // 60:02d}:{i % 60:02d} step {i} of the response, note {rng.randrange(10**6)}\n"
        for i in range(n)
    )


def trial_timeline(folder: Path, rng: random.Random) -> str | None:
    from pm_desktop.cli.main import main as cli_main

    path = folder / "big.pmreview"
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    text = folder / "big.txt"
    lines = rng.randint(50, 400)
    text.write_text(_timeline_text(rng, lines), encoding="utf-8")
    before = len(ex.review.events)

    def child(acks: Acks) -> None:
        acks.say("go")
        code = cli_main(["timeline", "add", str(path), str(text)])
        acks.say("done", str(code))

    heard = kill_at_random(lambda: fork_child(child, folder / "child.log"), rng.uniform(0, 0.25))
    with Document.open(path) as doc:
        if doc.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return "integrity_check failed"
        count = len(doc.review.events)
    if heard.has("done") and heard.last("done") != "0":
        return f"timeline add failed: {(folder / 'child.log').read_text(errors='replace')[-300:]}"
    if count not in (before, before + lines):
        return f"{count - before} of {lines} events: half a paste"
    if heard.has("done") and count != before + lines:
        return "timeline add reported success but its events are gone"
    return None


def trial_import(folder: Path, rng: random.Random) -> str | None:
    from pm_desktop.cli.main import main as cli_main

    ex = load_example()
    source = folder / "in.json"
    source.write_text(review_to_json(ex.review, ex.blobs.__getitem__), encoding="utf-8")
    out = folder / "imported.pmreview"
    want = digest(ex.review)

    def child(acks: Acks) -> None:
        acks.say("go")
        code = cli_main(["import", str(source), "-o", str(out)])
        acks.say("done", str(code))

    heard = kill_at_random(lambda: fork_child(child, folder / "child.log"), rng.uniform(0, 0.12))
    try:
        got = open_and_check(out)
    except OpenError:
        got = None  # not there: fine unless the import said it was done
        if out.exists():
            return f"the import left an unopenable file: {out.name}"
    if heard.has("done") and got is None:
        return "import reported success but wrote nothing"
    if got is not None and got != want:
        return "the imported review differs from its JSON"
    return None


def _export_complete(out: Path, fmt: str, want: dict) -> str | None:
    data = out.read_bytes()
    if fmt == "json":
        got = json.loads(data)
        got_cmp = {k: v for k, v in got.items() if k != "evidence"}
        want_cmp = {k: v for k, v in want.items() if k != "evidence"}
        return None if got_cmp == want_cmp else "the JSON export is not the review"
    if fmt == "pdf":
        return None if data.startswith(b"%PDF") and b"%%EOF" in data[-1024:] else "half a PDF"
    if fmt == "csv":
        return None if data.endswith(b"\n") and b"\n" in data else "half a CSV"
    folder = out.with_name(f"{out.stem}_files")
    pattern = rf"!\[[^\]]*\]\(<{re.escape(folder.name)}/([^>]+)>\)"
    for name in set(re.findall(pattern, data.decode())):
        if not (folder / name).is_file():
            return f"the Markdown file names an image that is missing: {name}"
    return None


def trial_export(folder: Path, rng: random.Random) -> str | None:
    from pm_desktop.cli.main import main as cli_main

    ex = load_example()
    path = folder / "a.pmreview"
    Document.create(path, ex.review, ex.blobs).close()
    fmt = rng.choice(["json", "csv", "md", "md", "pdf"])
    out = folder / f"report.{fmt}"
    if rng.random() < 0.5:  # an earlier export to replace
        assert cli_main(["export", str(path), "-o", str(out)]) == 0
    want = review_to_dict(ex.review, lambda sha: b"")
    window = 1.2 if fmt == "pdf" else 0.15

    def child(acks: Acks) -> None:
        acks.say("go")
        code = cli_main(["export", str(path), "-o", str(out)])
        acks.say("done", str(code))

    heard = kill_at_random(lambda: fork_child(child, folder / "child.log"), rng.uniform(0, window))
    open_and_check(path)  # the next open cleans the killed export's leftovers
    if heard.has("done") and heard.last("done") != "0":
        return f"export failed: {(folder / 'child.log').read_text(errors='replace')[-300:]}"
    if heard.has("done") and not out.exists():
        return "export reported success but wrote nothing"
    if out.exists():
        return _export_complete(out, fmt, want)
    return None


def trial_saveas(folder: Path, rng: random.Random) -> str | None:
    path = folder / "old.pmreview"
    dest = folder / "new.pmreview"
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    if rng.random() < 0.3:  # an existing target that Save As replaces
        Document.create(dest).close()
    old_target = open_and_check(dest) if dest.exists() else None
    seed, before, after = rng.randrange(2**32), rng.randint(0, 4), rng.randint(0, 4)

    def child(acks: Acks) -> None:
        stream = random.Random(seed)
        doc = Document.open(path)
        acks.say("a-committed", digest(doc.review))
        acks.say("go")
        _edit_stream(doc, stream, acks, "a-", before)
        doc.save_as(dest)
        acks.say("saved", digest(doc.review))
        acks.say("b-committed", digest(doc.review))
        _edit_stream(doc, stream, acks, "b-", after)
        acks.say("done")

    heard = kill_at_random(lambda: fork_child(child, folder / "child.log"), rng.uniform(0, 0.1))
    a_committed, a_pending = heard.states("a-")
    if open_and_check(path) not in {a_committed, a_pending}:
        return "the old file lost an acknowledged edit"
    b_committed, b_pending = heard.states("b-")
    got = open_and_check(dest) if dest.exists() else None
    if heard.has("saved"):
        # "saved" and the first "b-committed" name the same state in two lines: a kill between
        # them leaves the saved state as the last one acknowledged.
        if got not in {b_committed or heard.last("saved"), b_pending}:
            return "Save As was acknowledged but the new file does not hold the review"
    elif got not in {old_target, a_committed}:
        return "a killed Save As left a target that is neither the old one nor the copy"
    return None


def trial_gui(folder: Path, rng: random.Random) -> str | None:
    path = folder / "gui.pmreview"
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(TESTS))
    seed = rng.randrange(2**32)

    started: list[subprocess.Popen] = []

    def start() -> tuple[int, int]:
        r, w = os.pipe()
        with open(folder / "child.log", "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, str(TESTS / "crash_gui_child.py"), str(path), str(seed), str(w)],
                stdout=log, stderr=log, env=env, pass_fds=(w,),
            )  # fmt: skip
        os.close(w)
        started.append(proc)
        return proc.pid, r

    heard = kill_at_random(start, rng.uniform(0, 2.0))
    started[0].returncode = -9  # reaped by kill_at_random's waitpid; Popen must not wait again
    if not heard.has("go"):
        return f"the window did not start: {(folder / 'child.log').read_text()[-400:]}"
    committed, pending = heard.states()
    got = open_and_check(path)
    if got not in {committed, pending}:
        return f"an edit typed in the window was lost (heard {len(heard.lines)} lines)"
    return None


# Starts a big transaction with a tiny page cache (so changed pages reach the file itself before
# the commit), says "ready", and waits to be killed.
MID_WRITE = """
import os, sys, time
from pm_desktop.store.document import Document
doc = Document.open(sys.argv[1])
conn = doc.conn
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN IMMEDIATE")
for size in range(200):
    conn.execute("INSERT INTO thumbnail (sha256, size, data) VALUES (?, ?, ?)",
                 ("0" * 64, size, os.urandom(4000)))
print("ready", flush=True)
time.sleep(60)
"""


def kill_mid_write(path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", MID_WRITE, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    finally:
        proc.kill()
        proc.communicate(timeout=30)


KINDS: dict[str, Callable[[Path, random.Random], str | None]] = {
    "edits": trial_edits,
    "timeline": trial_timeline,
    "import": trial_import,
    "export": trial_export,
    "saveas": trial_saveas,
    "gui": trial_gui,
}


def run_trial(kind: str, seed: int, root: str) -> str | None:
    """One trial in its own folder; the failure as a sentence, or None. Runs in a worker."""
    folder = Path(root) / f"{kind}-{seed}"
    folder.mkdir(parents=True)
    try:
        problem = KINDS[kind](folder, random.Random(seed))
        if problem is None:
            left = leftovers(folder)
            if left:
                problem = f"left behind after the next open: {', '.join(left)}"
    except Exception as exc:
        problem = f"{type(exc).__name__}: {exc}"
    if problem is not None:
        return f"{kind} trial {seed}: {problem}"
    shutil.rmtree(folder, ignore_errors=True)
    return None


def _init_worker() -> None:
    sys.path.insert(0, str(TESTS))
    import review_strategies  # noqa: F401 - imported once, before the forks

    from pm_desktop.cli import headless  # noqa: F401
    from pm_desktop.export import csv_export, markdown, pdf  # noqa: F401
    from pm_desktop.ingest import timeline_text  # noqa: F401


def run_trials(plan: list[tuple[str, int]], root: Path, workers: int = 2) -> list[str]:
    """Run every (kind, seed) of ``plan`` in a pool of spawned workers; return the failures."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker) as pool:
        results = pool.starmap(run_trial, [(k, s, str(root)) for k, s in plan], chunksize=1)
    return [r for r in results if r is not None]


def main() -> int:
    """By hand: ``python tests/crash_trials.py KIND COUNT [SEED]`` (KIND may be ``all``)."""
    import tempfile

    kind, count = sys.argv[1], int(sys.argv[2])
    base = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    kinds = [k for k in KINDS if k != "gui"] if kind == "all" else [kind]
    plan = [(kinds[i % len(kinds)], base + i) for i in range(count)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pm-crash-") as root:
        failures = run_trials(plan, Path(root))
    for failure in failures:
        print(failure)
    print(f"{len(plan)} trials, {len(failures)} failures, {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
