#!/bin/sh
# Install the GridTerm terminal from this unpacked tarball (docs/bundle.md).
#
#   ./install.sh              as a user: ~/.local/lib/gridterm, ~/.local/bin/gridterm and the
#                             menu entry and icon under ~/.local/share; as root: --system
#   ./install.sh --system     /opt/gridterm, /usr/local/bin/gridterm, /usr/local/share
#   ./install.sh --prefix P   P/lib/gridterm, P/bin/gridterm, P/share
#   ./install.sh --uninstall  (with the same --system/--prefix) removes what was installed
#
# DESTDIR=/stage puts every file under /stage while the menu entry still names the final
# path (for building an image). An installed copy is replaced whole: settings, databases and
# logs live in the user's own folders and are never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=""
prefix=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --system) mode=system ;;
    --user) mode=user ;;
    --prefix) shift; prefix=${1:?--prefix needs a folder}; mode=prefix ;;
    --prefix=*) prefix=${1#--prefix=}; mode=prefix ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$mode" ]; then
  if [ "$(id -u)" = 0 ]; then mode=system; else mode=user; fi
fi
case "$mode" in
  system) app=/opt/gridterm; bin=/usr/local/bin; share=/usr/local/share ;;
  user) prefix=$HOME/.local; app=$prefix/lib/gridterm; bin=$prefix/bin
        share=${XDG_DATA_HOME:-$HOME/.local/share} ;;
  prefix) case "$prefix" in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
          app=$prefix/lib/gridterm; bin=$prefix/bin; share=$prefix/share ;;
esac
dest=${DESTDIR:-}
case "$app" in /?*) ;; *) echo "install.sh: bad install folder '$app'" >&2; exit 2 ;; esac
manifest="$dest$app/installed-files"

refresh_menus() {
  # Menus and icon caches pick the change up at once where the tools exist.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$dest$share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 \
     && [ -f "$dest$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$dest$share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$uninstall" = 1 ]; then
  if [ ! -f "$manifest" ]; then
    echo "install.sh: GridTerm is not installed in $app" >&2
    exit 1
  fi
  while IFS= read -r file; do
    rm -f "$dest$file"
  done < "$manifest"
  rm -rf "$dest$app" "$dest$app.old" "$dest$app.new"
  refresh_menus
  echo "GridTerm removed from $app (your settings, databases and logs stay)"
  exit 0
fi

[ -x "$here/gridterm/gridterm" ] || { echo "install.sh: no gridterm/ beside this script" >&2; exit 1; }

# The libraries the bundle takes from the desktop (docs/bundle.md): name what is missing
# before installing a program that could not start.
if command -v ldd >/dev/null 2>&1; then
  inside="$here/gridterm/_internal"
  LD_LIBRARY_PATH="$inside:$inside/PySide6/Qt/lib:$inside/PySide6"
  export LD_LIBRARY_PATH
  # (the Wayland and VA-API pieces load only where the desktop has their libraries)
  qt="$inside/PySide6/Qt"
  missing=$(for f in "$inside"/PySide6/*.so* "$inside"/libpython3*.so* \
                     "$qt"/plugins/platforms/libqxcb.so "$qt"/plugins/multimedia/*.so; do
              [ -f "$f" ] && ldd "$f" 2>/dev/null | awk '/not found/ {print $1}'
            done | sort -u | tr '\n' ' ')
  unset LD_LIBRARY_PATH
  if [ -n "$missing" ]; then
    echo "install.sh: this system lacks libraries GridTerm needs: $missing" >&2
    echo "  on Debian/Ubuntu: apt-get install libgl1 libegl1 libglib2.0-0 libfontconfig1" \
         "libdbus-1-3 libxkbcommon0 libpulse0 libgssapi-krb5-2" >&2
    exit 1
  fi
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  echo "install.sh: warning: no Chinese font installed; text would show as boxes" >&2
  echo "  on Debian/Ubuntu: apt-get install fonts-wqy-microhei (or fonts-noto-cjk)" >&2
fi

# The new copy goes beside the old one and takes its place in two renames.
mkdir -p "$(dirname "$dest$app")"
rm -rf "$dest$app.new" "$dest$app.old"
cp -a "$here/gridterm" "$dest$app.new"
[ -d "$dest$app" ] && mv "$dest$app" "$dest$app.old"
mv "$dest$app.new" "$dest$app"
rm -rf "$dest$app.old"

files=""
put() {  # put SOURCE TARGET MODE
  mkdir -p "$(dirname "$dest$2")"
  cp "$1" "$dest$2"
  chmod "$3" "$dest$2"
  files="$files$2
"
}
mkdir -p "$dest$bin"
ln -sfn "$app/gridterm" "$dest$bin/gridterm"
files="$files$bin/gridterm
"
entry=$(mktemp)
sed -e "s|^Exec=.*|Exec=$app/gridterm app|" -e "/^# install.sh/d" "$here/gridterm.desktop" > "$entry"
echo "TryExec=$app/gridterm" >> "$entry"
put "$entry" "$share/applications/gridterm.desktop" 644
rm -f "$entry"
put "$here/icons/gridterm.svg" "$share/icons/hicolor/scalable/apps/gridterm.svg" 644
for size in 48 128 256; do
  put "$here/icons/gridterm-$size.png" "$share/icons/hicolor/${size}x${size}/apps/gridterm.png" 644
done
printf '%s' "$files" > "$manifest"
refresh_menus

echo "GridTerm installed in $app"
echo "  start it from the menu (GridTerm) or with: $bin/gridterm"
case ":$PATH:" in *":$bin:"*) ;; *) echo "  ($bin is not on your PATH)" ;; esac
