"""The library: every review under the folders a team keeps them in, indexed for learning.

Qt-free (the window lives in ``pm_desktop.ui.library``). :mod:`.reading` opens a review file
read-only and unlocked through the same checks as opening it in the app; :mod:`.index` keeps
an SQLite database (FTS5) in the app's data folder that :mod:`.scan` refreshes from size,
modification time and content hash; :mod:`.queries` answers search, follow-up and trend
questions from it.
"""
