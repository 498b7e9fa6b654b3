"""Every generated hostile file, through every headless command that reads a review.

For each file: ``info``, ``check`` and a JSON export (plus Markdown and PDF for files that open,
and for every picture case; plus ``timeline add`` for every file that must be refused) either open it safely or print one line naming the file and the
problem, exit 1, no traceback; the file stays byte-for-byte as it was, no ``-wal``, ``-shm`` or
``-journal`` appears beside it, and no process is started.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import CASES, fingerprint, make

from pm_desktop.cli import main


def _commands(path: Path, out: Path, full: bool, writes: bool) -> list[list[str]]:
    commands = [
        ["info", str(path)],
        ["info", str(path), "--json"],
        ["check", str(path)],
        ["export", str(path), "-o", str(out / "x.json")],
    ]
    if writes:  # a refused file must refuse writers too (they would fire its triggers)
        pasted = out / "pasted.txt"
        pasted.write_text("09:15 checkout errors rise\n", encoding="utf-8")
        commands.append(["timeline", "add", str(path), str(pasted), "--date", "2025-03-12"])
    if full:
        commands += [
            ["export", str(path), "-o", str(out / "x.md")],
            ["export", str(path), "-o", str(out / "x.pdf")],
        ]
    return commands


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_file_gets_one_clear_line_or_opens_safely(
    name, hostile_base, tmp_path, capsys, no_child_processes
):
    case = CASES[name]
    path = make(case, hostile_base, tmp_path / "in")
    before = fingerprint(path)
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    full = case.expect == "safe" or case.pictures
    for command in _commands(path, out, full=full, writes=case.expect == "refused"):
        code = main(command)
        err = capsys.readouterr().err.strip()
        assert "Traceback" not in err
        if case.expect == "refused":
            assert code == 1, (command, err)
        elif case.expect == "safe":
            assert code == 0, (command, err)
        else:
            assert code in (0, 1), (command, err)
        if code == 1:
            assert len(err.splitlines()) == 1, err
            assert err.startswith(f"pm-desktop: {path}: "), err
            for word in case.says:
                assert word in err, (word, err)
    assert fingerprint(path) == before
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{path}{suffix}").exists(), suffix
