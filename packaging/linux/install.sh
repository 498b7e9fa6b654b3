#!/bin/sh
# Install pm-desktop for the current user on Linux: the launcher, the .pmreview file type, the
# icons and the AppStream metadata (and the bundle, when run from an unpacked bundle).
#
#   sh install.sh              install (no root needed; everything goes under ~/.local)
#   sh install.sh --uninstall  remove what install put there
#
# Run from dist/pm-desktop/share/pm-desktop/ (inside a built bundle, see packaging/README.md),
# the bundle is copied to ~/.local/opt/pm-desktop and linked as ~/.local/bin/pm-desktop.
# Run from packaging/linux/ of a checkout, it uses the `pm-desktop` command already on PATH
# (pip install, pipx or the venv).
set -eu

APP_ID=org.pm_desktop.PmDesktop
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
OPT=$HOME/.local/opt/pm-desktop
BUNDLE=$(cd "$HERE/../.." 2>/dev/null && pwd)

refresh() {
    # Each cache is optional: desktops also rescan on their own, only later.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA/mime"
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/mime/packages/$APP_ID.xml" \
        "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    if [ -L "$BIN/pm-desktop" ] && [ "$(readlink "$BIN/pm-desktop")" = "$OPT/pm-desktop" ]; then
        rm -f "$BIN/pm-desktop"
        rm -rf "$OPT"
    fi
    refresh
    echo "pm-desktop: removed from $DATA"
    exit 0
fi

# Which command the launcher runs: the bundle we sit in, else pm-desktop on PATH.
if [ -x "$BUNDLE/pm-desktop" ] && [ -d "$BUNDLE/_internal" ]; then
    mkdir -p "$OPT" "$BIN"
    cp -R "$BUNDLE/." "$OPT/"
    ln -sf "$OPT/pm-desktop" "$BIN/pm-desktop"
    COMMAND=$OPT/pm-desktop
elif command -v pm-desktop >/dev/null 2>&1; then
    COMMAND=$(command -v pm-desktop)
else
    echo "pm-desktop: no pm-desktop command found; install the app first (packaging/README.md)" >&2
    exit 1
fi

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo" "$DATA/icons"
# The launcher runs the command by absolute path: ~/.local/bin is not always on a desktop's PATH.
case "$COMMAND" in
*" "*) EXEC="\"$COMMAND\"" ;; # a quoted argument, as the desktop entry spec wants
*) EXEC=$COMMAND ;;
esac
sed -e "s|^Exec=pm-desktop|Exec=$EXEC|" -e "s|^TryExec=pm-desktop|TryExec=$COMMAND|" \
    "$HERE/$APP_ID.desktop" >"$DATA/applications/$APP_ID.desktop"
cp "$HERE/$APP_ID.xml" "$DATA/mime/packages/$APP_ID.xml"
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
cp -R "$HERE/icons/hicolor" "$DATA/icons/"
refresh
echo "pm-desktop: installed for $(id -un) in $DATA (launcher runs $COMMAND)"
