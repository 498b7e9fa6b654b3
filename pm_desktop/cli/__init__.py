"""The ``pm-desktop`` command: the GUI by default, sub-commands for headless work.

Contract (DESIGN.md): a user's mistake is one line on stderr naming the file and the problem, exit
code 1 (2 for usage errors); never a traceback. Qt is imported only when the GUI starts.
"""

from __future__ import annotations

import sys

from .main import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
