#!/usr/bin/env bash
# Pack a PyInstaller one-folder bundle into a .deb in the UOS/Kylin application layout:
#
#   installer/linux/build-deb.sh BUNDLE_DIR OUT_DIR      # BUNDLE_DIR = .../dist/gaic-desktop
#
#   /opt/apps/cn.gaic.desktop/info                       UOS application metadata (JSON)
#   /opt/apps/cn.gaic.desktop/files/                     the bundle (gaic-desktop + _internal/)
#   /opt/apps/cn.gaic.desktop/entries/applications/      desktop entry
#   /opt/apps/cn.gaic.desktop/entries/icons/hicolor/     app icon, .gaic.json file icon
#   /opt/apps/cn.gaic.desktop/entries/mime/packages/     the application/x-gaic-report type
#   /usr/bin/gaic-desktop                                the command (a small sh launcher)
#   /usr/share/{applications,icons,mime}/...             symlinks to entries/, so that Debian
#                                                        and other non-UOS systems see them too
#
# Package name = appid = cn.gaic.desktop. data.tar is gzip (dpkg 1.19 on UOS 20 / Kylin V10
# cannot read zstd). PNG icons are rendered from the SVGs with rsvg-convert, or with PySide6
# (set GAIC_BUILD_PYTHON to a Python that has it; installer/check does).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# The system libraries the bundle leaves to the system (see SYSTEM_LIBRARIES in
# gaic-desktop.spec), with versions that Debian 10 / UOS 20 (glibc 2.28) already ship.
DEPENDS="libc6 (>= 2.28), libegl1 (>= 1.1.0), libgl1 (>= 1.1.0), libfontconfig1 (>= 2.13.1),
 libfreetype6 (>= 2.9.1), libglib2.0-0 (>= 2.58), libdbus-1-3 (>= 1.12), libuuid1 (>= 2.33),
 libzstd1 (>= 1.3.8), libx11-6 (>= 2:1.6.7), libx11-xcb1 (>= 2:1.6.7), libxcb1 (>= 1.13),
 libxcb-glx0 (>= 1.13), libxcb-randr0 (>= 1.13), libxcb-render0 (>= 1.13), libxcb-shape0 (>= 1.13),
 libxcb-shm0 (>= 1.13), libxcb-sync1 (>= 1.13), libxcb-xfixes0 (>= 1.13), libxcb-xkb1 (>= 1.13),
 libxcb-cursor0 (>= 0.1.1), libxcb-icccm4 (>= 0.4.1), libxcb-image0 (>= 0.4.0),
 libxcb-keysyms1 (>= 0.4.0), libxcb-render-util0 (>= 0.3.9), libxkbcommon0 (>= 0.8.2),
 libxkbcommon-x11-0 (>= 0.8.2)"
if [ "${1:-}" = --depends ]; then  # the package names, one a line (installer/check installs them)
  echo "$DEPENDS" | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep .
  exit 0
fi
BUNDLE=${1:?usage: build-deb.sh BUNDLE_DIR OUT_DIR}
OUT=${2:?usage: build-deb.sh BUNDLE_DIR OUT_DIR}
APPID=cn.gaic.desktop
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/gaic_desktop/__init__.py")
ARCH=${DEB_ARCH:-$(dpkg --print-architecture)}
# xz by default: 62 MB against gzip's 81 MB for the same bundle (80 MB budget), ~1 min on 2 cores;
# dpkg 1.19 of UOS 20 / Kylin V10 reads both, never zstd (it cannot read that).
COMPRESS=${DEB_COMPRESS:-xz}
case "$COMPRESS" in gzip|xz) ;; *) echo "build-deb.sh: compression must be gzip or xz" >&2; exit 2 ;; esac
[ -x "$BUNDLE/gaic-desktop" ] || { echo "build-deb.sh: no bundle at $BUNDLE" >&2; exit 2; }

mkdir -p "$OUT"
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/gaic-deb.XXXXXX")
trap 'rm -rf "$ROOT"' EXIT
chmod 755 "$ROOT"
APP=$ROOT/opt/apps/$APPID
ENTRIES=$APP/entries
mkdir -p "$APP/files" "$ENTRIES/applications" "$ENTRIES/mime/packages" "$ROOT/usr/bin" "$ROOT/DEBIAN"
cp -a "$BUNDLE/." "$APP/files/"
install -m 755 "$HERE/data/gaic-desktop.sh" "$APP/files/gaic-desktop.sh"
install -m 644 "$HERE/data/$APPID.desktop" "$ENTRIES/applications/$APPID.desktop"
install -m 644 "$HERE/data/$APPID.xml" "$ENTRIES/mime/packages/$APPID.xml"

# Icons: scalable SVG + PNG sizes, for the application and for .gaic.json files.
render_png() {  # SVG SIZE OUT
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w "$2" -h "$2" -o "$3" "$1"
  else
    QT_QPA_PLATFORM=offscreen "${GAIC_BUILD_PYTHON:-python3}" - "$1" "$2" "$3" <<'PY'
import sys
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
svg, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
img = QImage(size, size, QImage.Format.Format_ARGB32)
img.fill(Qt.GlobalColor.transparent)
painter = QPainter(img)
painter.setRenderHint(QPainter.RenderHint.Antialiasing)
QSvgRenderer(svg).render(painter, QRectF(0, 0, size, size))
painter.end()
sys.exit(0 if img.save(out) else 1)
PY
  fi
}
for kind in apps:$APPID mimetypes:application-x-gaic-report; do
  dir=${kind%%:*} name=${kind#*:}
  mkdir -p "$ENTRIES/icons/hicolor/scalable/$dir"
  install -m 644 "$HERE/data/$name.svg" "$ENTRIES/icons/hicolor/scalable/$dir/$name.svg"
  for size in 16 24 32 48 64 128 256; do
    mkdir -p "$ENTRIES/icons/hicolor/${size}x${size}/$dir"
    render_png "$HERE/data/$name.svg" "$size" "$ENTRIES/icons/hicolor/${size}x${size}/$dir/$name.png"
  done
done

# The same entries where every freedesktop system looks (relative symlinks into /opt).
( cd "$ENTRIES" && find . \( -type f -o -type l \) | sed 's|^\./||' ) | while read -r rel; do
  mkdir -p "$ROOT/usr/share/$(dirname "$rel")"
  ln -s "/opt/apps/$APPID/entries/$rel" "$ROOT/usr/share/$rel"
done
ln -s "/opt/apps/$APPID/files/gaic-desktop.sh" "$ROOT/usr/bin/gaic-desktop"

cat > "$APP/info" <<EOF
{
  "appid": "$APPID",
  "name": "政府信息公开年报编制器",
  "version": "$VERSION",
  "arch": ["$ARCH"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": true,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
EOF

SIZE_KB=$(du -sk --apparent-size "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<EOF
Package: $APPID
Version: $VERSION
Architecture: $ARCH
Maintainer: GAIC Desktop builders <gaic-desktop@localhost>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Recommends: libwayland-client0 (>= 1.16), libwayland-cursor0 (>= 1.16), libwayland-egl1 (>= 1.16)
Section: utils
Priority: optional
Description: 政府信息公开年报编制器 (GAIC Desktop)
 离线编制政府信息公开工作年度报告：按国办格式录入表格，边录入边检查，
 保存为 .gaic.json 文件，导出可签发的 PDF。
 .
 Offline editor for the annual report on government information
 disclosure: official forms, live consistency checks, PDF export.
EOF
install -m 755 "$HERE/data/postinst" "$ROOT/DEBIAN/postinst"
install -m 755 "$HERE/data/postrm" "$ROOT/DEBIAN/postrm"

DEB=$OUT/${APPID}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Z"$COMPRESS" -z6 --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
