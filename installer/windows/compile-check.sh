#!/usr/bin/env bash
# Quick check of the Windows installer script (seconds; part of `installer/check quick`):
# compiles setup.nsi with Debian's makensis against a small stand-in payload laid out like the
# PyInstaller folder, and checks that the result is a Windows PE executable (an NSIS setup)
# whose name follows GAIC-Desktop-<version>-setup.exe. Installs `nsis` with apt-get when
# makensis is missing (needs root). Exit status 0 only when everything passed.
#
#   installer/windows/compile-check.sh [WORKDIR]     (default: a temporary folder, removed)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/gaic_desktop/__init__.py")"
[ -n "$VERSION" ] || { echo "compile-check: no __version__ in gaic_desktop/__init__.py" >&2; exit 1; }

if ! command -v makensis >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "compile-check: makensis is missing and installing nsis needs root (apt-get install nsis)" >&2
        exit 1
    fi
    echo "compile-check: installing nsis (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q -o DPkg::Lock::Timeout=600 nsis >/dev/null 2>&1 \
        || { apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=600 nsis >/dev/null; }
fi

if [ $# -ge 1 ]; then
    WORK="$1"; mkdir -p "$WORK"
else
    WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
fi
PAYLOAD="$WORK/payload"
rm -rf "$PAYLOAD"
# stand-in payload: the two programs, a nested Qt plugin, a resource with non-ASCII and '$' in
# names (quoting), so that the generated install/uninstall lists are exercised
mkdir -p "$PAYLOAD/_internal/PySide6/plugins/platforms" "$PAYLOAD/_internal/gaic_desktop/resources/samples"
cp "$HERE/gaic-desktop.ico" "$PAYLOAD/gaic-desktop.exe"
cp "$HERE/gaic-desktop.ico" "$PAYLOAD/gaic-desktop-cli.exe"
echo stand-in > "$PAYLOAD/_internal/PySide6/plugins/platforms/qwindows.dll"
echo stand-in > "$PAYLOAD/_internal/gaic_desktop/resources/samples/示例 \$x.gaic.json"

python3 "$HERE/nsis_filelist.py" "$PAYLOAD" "$WORK/payload.nsh" >/dev/null
start=$(date +%s.%N)
makensis -V2 -WX -DVERSION="$VERSION" -DPAYLOAD_NSH="$WORK/payload.nsh" -DOUTDIR="$WORK" "$HERE/setup.nsi"
secs=$(printf "%.1f" "$(echo "$(date +%s.%N) - $start" | bc)")

SETUP="$WORK/GAIC-Desktop-$VERSION-setup.exe"
[ -f "$SETUP" ] || { echo "compile-check: FAIL: $SETUP was not written" >&2; exit 1; }
# PE check by the bytes: "MZ" at 0, the offset at 0x3c points to "PE\0\0"
python3 - "$SETUP" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
pe = struct.unpack_from("<I", data, 0x3C)[0] if data[:2] == b"MZ" else 0
ok = pe and data[pe:pe + 4] == b"PE\0\0" and b"Nullsoft" in data
sys.exit(0 if ok else "compile-check: FAIL: not a PE executable made by NSIS: " + sys.argv[1])
machine = struct.unpack_from("<H", data, pe + 4)[0]
sys.exit(0 if machine == 0x8664 else f"compile-check: FAIL: machine {machine:#x}, want x86-64 (0x8664)")
EOF
grep -q 'Delete "$INSTDIR\\_internal\\gaic_desktop\\resources\\samples\\示例 $$x.gaic.json"' "$WORK/payload.nsh" \
    || { echo "compile-check: FAIL: uninstall list does not name the payload's files" >&2; exit 1; }
echo "compile-check: OK: $(basename "$SETUP") is a PE32+ (x86-64) setup, $(stat -c %s "$SETUP") bytes, makensis $(makensis -VERSION) in ${secs}s"
