"""Start the GUI. Imported lazily so headless commands never load Qt."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    from pm_desktop.ui.app import run

    return run(file=args.file, demo=args.demo, smoke=args.smoke)
