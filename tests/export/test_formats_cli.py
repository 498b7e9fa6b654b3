"""The new formats from the command line: picked by extension or --format, default names per
profile, and never replacing a file of another kind without --force."""

from __future__ import annotations

import pytest
from test_export_targets import one_line_error, review  # noqa: F401  (fixture)

from pm_desktop.cli.main import main as cli_main

NEW_FORMATS = {"html": ".html", "docx": ".docx", "confluence": ".xml"}


@pytest.mark.parametrize("fmt", sorted(NEW_FORMATS))
def test_the_extension_picks_the_format_and_external_gets_its_own_name(review, tmp_path, fmt):  # noqa: F811
    out = tmp_path / f"report{NEW_FORMATS[fmt]}"
    assert cli_main(["export", str(review), "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert cli_main(["export", str(review), "--format", fmt, "--profile", "external"]) == 0
    assert (review.parent / f"a-external{NEW_FORMATS[fmt]}").is_file()


@pytest.mark.parametrize("fmt", sorted(NEW_FORMATS))
def test_a_file_of_another_kind_is_not_replaced_without_force(review, tmp_path, capsys, fmt):  # noqa: F811
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    assert cli_main(["export", str(review), "-o", str(notes), "--format", fmt]) == 1
    one_line_error(capsys, "notes.txt", "--force")
    assert notes.read_text() == "mine"
