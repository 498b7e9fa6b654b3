"""Data files shipped with pm-desktop (fonts, icons, the example review, templates).

Found at run time with ``importlib.resources.files("pm_desktop.resources")``.
"""
