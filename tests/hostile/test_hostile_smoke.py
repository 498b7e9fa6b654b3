"""``--smoke FILE`` promises to write nothing: the file (with an unused picture that closing a
writable review would purge) is byte-for-byte the same afterwards, journal mode included."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

from hostile_files import _picture, fingerprint


def test_smoke_on_a_users_file_changes_nothing(hostile_base, tmp_path):
    path = tmp_path / "mine.pmreview"
    shutil.copyfile(hostile_base, path)
    unused = _picture("PNG")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO blob (sha256, mime, size, width, height, data) VALUES (?, ?, ?, 64, 48, ?)",
        (hashlib.sha256(unused).hexdigest(), "image/png", len(unused), unused),
    )
    conn.close()
    before = fingerprint(path)
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pm_desktop", "--smoke", str(path)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["view"] == "review"
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name != "home") == ["mine.pmreview"]
