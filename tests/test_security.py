"""Static checks of the security rules (issue [reliability]): no eval, exec or pickle on data,
no shell-outs, and every place that opens a URL checks the safe-scheme rule first."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pm_desktop"
SOURCES = sorted(PACKAGE.rglob("*.py"))
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill", "subprocess", "pty"}
FORBIDDEN_ATTRS = {
    ("os", "system"),
    ("os", "popen"),
    ("os", "startfile"),
    ("os", "execv"),
    ("os", "execvp"),
}


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_code_execution_or_unpickling_on_data(path):
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path}:{node.lineno} calls {node.func.id}"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            assert (node.value.id, node.attr) not in FORBIDDEN_ATTRS, (
                f"{path}:{node.lineno} uses {node.value.id}.{node.attr}"
            )
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in FORBIDDEN_MODULES, (
                    f"{path}:{node.lineno} imports {alias.name}"
                )
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in FORBIDDEN_MODULES, (
                f"{path}:{node.lineno} imports {node.module}"
            )


def test_every_url_opener_checks_the_safe_scheme_rule_first():
    openers = [p for p in SOURCES if "openUrl" in p.read_text(encoding="utf-8")]
    assert openers, "the app opens links somewhere"
    for path in openers:
        text = path.read_text(encoding="utf-8")
        # Links go through the safe-scheme rule; the export notice opens only a regular file
        # of an export type that the app has just written (tests/ui/shell/test_shell_export.py).
        guard = "openable_export" if path.name == "export_notice.py" else "is_safe_url"
        assert guard in text, f"{path} opens URLs without {guard}"


def test_sql_is_never_built_from_user_values():
    """Every execute() gets a literal, a constant built from our own table names, or parameters."""
    for path in SOURCES:
        for node in ast.walk(_tree(path)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("execute", "executemany", "executescript") or not node.args:
                continue
            sql = node.args[0]
            assert not isinstance(sql, (ast.JoinedStr, ast.BinOp)) or _only_constants(sql), (
                f"{path}:{node.lineno} builds SQL from values; use ? parameters"
            )


def _only_constants(node: ast.AST) -> bool:
    """f-strings allowed only when they interpolate module-level UPPER_CASE constants or literals."""
    for part in ast.walk(node):
        if isinstance(part, ast.FormattedValue):
            value = part.value
            if not (isinstance(value, ast.Name) and value.id.isupper()) and not isinstance(
                value, ast.Constant
            ):
                return False
    return True
