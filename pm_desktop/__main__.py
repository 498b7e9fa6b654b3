import sys

if __name__ == "__main__":  # the export process (multiprocessing "spawn") imports this module
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app's export process starts here
    from pm_desktop.cli import main

    sys.exit(main())
