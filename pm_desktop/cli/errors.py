"""The one exception the CLI turns into a one-line message and an exit code."""

from __future__ import annotations


class CliError(Exception):
    def __init__(self, message: str, code: int = 1):
        super().__init__(message.splitlines()[0] if message else "failed")
        self.code = code
