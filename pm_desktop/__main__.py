import sys

from pm_desktop.cli import main

sys.exit(main())
