"""pm-desktop: offline, blameless incident postmortems in one file."""

__version__ = "0.1.0"
APP_NAME = "pm-desktop"
ORG_NAME = "pm-desktop"
ORG_DOMAIN = "pm-desktop.org"
DESKTOP_FILE_NAME = "org.pm_desktop.PmDesktop"
