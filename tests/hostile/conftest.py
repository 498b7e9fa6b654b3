"""Hostile files: one honest base per session, and a guard that no process is ever started."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
from pathlib import Path

import pytest
from hostile_files import make_base

_SPAWNERS = (
    "fork",
    "forkpty",
    "posix_spawn",
    "posix_spawnp",
    "system",
    "popen",
    "execv",
    "execve",
    "execvp",
    "execvpe",
    "execl",
    "execlp",
    "spawnv",
    "spawnvp",
)


@pytest.fixture(scope="session")
def hostile_base(tmp_path_factory) -> Path:
    return make_base(tmp_path_factory.mktemp("hostile-base") / "base.pmreview")


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        found.update(int(pid) for pid in task.read_text().split())
    return found


@pytest.fixture
def no_child_processes(monkeypatch):
    """Every way Python starts a process raises and is recorded; after the test, the list of
    attempts must be empty and the process must have no new children."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args[:2]!r}")
            raise AssertionError(f"a process was started: {name}")

        return refused

    class RefusedPopen:
        def __init__(self, *args, **kwargs):
            refuse("subprocess.Popen")(*args)

    monkeypatch.setattr(subprocess, "Popen", RefusedPopen)
    for name in _SPAWNERS:
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse(f"os.{name}"))
    monkeypatch.setattr(multiprocessing.Process, "start", refuse("multiprocessing.Process.start"))
    before = _children()
    yield attempts
    assert attempts == [], f"processes were started: {attempts}"
    assert _children() <= before, "the test process has new children"
