import sys

if __name__ == "__main__":  # the export process (multiprocessing "spawn") imports this module
    if getattr(sys, "frozen", False):  # a frozen app's export process starts here
        import multiprocessing

        multiprocessing.freeze_support()
    from pm_desktop.cli import main

    sys.exit(main())
