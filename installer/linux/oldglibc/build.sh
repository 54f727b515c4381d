#!/usr/bin/env bash
# Release build of the Linux bundle on an old glibc base, so that it runs on 统信 UOS 20 (glibc 2.28).
# See README.md next to this file. One command (as root: debootstrap, chroot, mount):
#
#   sudo installer/linux/oldglibc/build.sh
#
# Steps: Debian 11 chroot (debootstrap) -> CPython 3.11 from Debian's source package, built so that
# it needs <= GLIBC_2.28 -> wheels pinned by installer/constraints/linux-<arch>.txt (downloaded once
# into a wheelhouse, offline afterwards) -> PyInstaller with installer/linux/gaic-desktop.spec ->
# glibc gate (objdump -T over every ELF, fails above the floor) -> smoke tests (host, Debian 11
# chroot, Debian 10 if a buster mirror is reachable) -> .deb via installer/linux's builder.
#
# Environment:
#   GAIC_GLIBC_CACHE  caches and outputs (default /work/cache-glibc; never inside the repo)
#   GAIC_ARCH         x86_64 (default: this machine) or aarch64 (UNVERIFIED, must run on an arm64 machine)
#   DEBIAN_MIRROR     Debian mirror for the bullseye chroot and the source package (deb.debian.org)
#   BUSTER_MIRROR     a mirror that still has Debian 10 (default http://archive.debian.org/debian)
#   GAIC_SPEC         the PyInstaller spec, relative to the repository (installer/linux/gaic-desktop.spec)
#   GAIC_REBUILD_PYTHON=1  rebuild CPython even if the cached build matches
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
CACHE=${GAIC_GLIBC_CACHE:-/work/cache-glibc}
ARCH=${GAIC_ARCH:-$(uname -m)}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BUSTER_MIRROR=${BUSTER_MIRROR:-http://archive.debian.org/debian}
SPEC=${GAIC_SPEC:-installer/linux/gaic-desktop.spec}  # relative to the repository
PY_PREFIX=/opt/gaic-python   # inside the chroot; a bind mount of $CACHE/python-$ARCH

case "$ARCH" in
    x86_64)  DEB_ARCH=amd64; FLOOR=2.28; LIBM_BASE=GLIBC_2.2.5 ;;
    aarch64) DEB_ARCH=arm64; FLOOR=2.31; LIBM_BASE=GLIBC_2.17 ;;  # UNVERIFIED (see README)
    *) echo "unsupported GAIC_ARCH=$ARCH (x86_64 or aarch64)" >&2; exit 2 ;;
esac
[ "$ARCH" = "$(uname -m)" ] || { echo "GAIC_ARCH=$ARCH must be built on a $ARCH machine (this is $(uname -m))" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap, chroot and bind mounts need it)" >&2; exit 2; }
case "$CACHE/" in "$REPO"/*) echo "GAIC_GLIBC_CACHE must be outside the repository" >&2; exit 2 ;; esac

CONSTRAINTS=$REPO/installer/constraints/linux-$ARCH.txt
ROOT=$CACHE/bullseye-$ARCH
OUT=$CACHE/out-$ARCH
# The build tools for CPython, and runtime libraries Qt needs (for the smoke test inside the chroot;
# the spec leaves them to the target system) — except libxcb-util1: libxcb-util.so.1 must be
# present to be bundled, Debian 10-based systems (UOS 20) only have libxcb-util.so.0.
CHROOT_PKGS=build-essential,pkg-config,libssl-dev,zlib1g-dev,libffi-dev,libbz2-dev,liblzma-dev,libsqlite3-dev,uuid-dev,ca-certificates,file,libfontconfig1,libfreetype6,libglib2.0-0,libdbus-1-3,libegl1,libgl1,libopengl0,libxkbcommon0,libxkbcommon-x11-0,libx11-xcb1,libxcb-util1
RUNTIME_PKGS=ca-certificates,libfontconfig1,libfreetype6,libglib2.0-0,libdbus-1-3,libegl1,libgl1,libopengl0,libxkbcommon0,libxkbcommon-x11-0,libx11-xcb1,binutils

mkdir -p "$CACHE" "$CACHE/src" "$CACHE/wheelhouse-$ARCH" "$CACHE/python-$ARCH"
exec 9>"$CACHE/.lock-$ARCH"
flock -n 9 || { echo "another build.sh is running on $CACHE" >&2; exit 2; }

# ---------------------------------------------------------------- steps, times, mounts
T_START=$(date +%s)
STEP_NAME=
STEP_T0=$T_START
TIMES=()
step() {
    local now; now=$(date +%s)
    [ -z "$STEP_NAME" ] || TIMES+=("$(printf '  %-34s %5ss' "$STEP_NAME" $((now - STEP_T0)))")
    STEP_NAME=$1
    STEP_T0=$now
    [ -z "$1" ] || printf '\n=== %s  (%s UTC)\n' "$1" "$(date -u +%H:%M:%S)"
}

MOUNTS=()
bind() {  # bind SRC TARGET-inside-ROOT
    mkdir -p "$2"
    mountpoint -q "$2" && return 0
    mount --bind "$1" "$2"
    MOUNTS+=("$2")
}
unmount_all() {
    local i
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount -l "${MOUNTS[$i]}" 2>/dev/null || true; done
    MOUNTS=()
}
trap unmount_all EXIT

mount_chroot() {  # mount_chroot ROOT [extra binds...]
    local r=$1
    bind /proc "$r/proc"
    bind /dev "$r/dev"
    cp -L /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
}
run_in() {  # run_in ROOT CMD...  (clean environment)
    local r=$1; shift
    chroot "$r" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
debootstrap_to() {  # debootstrap_to SUITE DIR MIRROR PACKAGES
    local suite=$1 dir=$2 mirror=$3 pkgs=$4
    if [ -e "$dir/.gaic-ready" ]; then echo "cached: $dir"; return 0; fi
    local d
    for d in "$dir" "$dir.tmp"; do  # leftovers of an interrupted run
        [ -e "$d" ] || continue
        if findmnt -rno TARGET | grep -q "^$d/"; then echo "$d has mounts; refusing to remove it" >&2; exit 1; fi
        rm -rf "$d"
    done
    debootstrap --variant=minbase --arch="$DEB_ARCH" --include="$pkgs" "$suite" "$dir.tmp" "$mirror"
    touch "$dir.tmp/.gaic-ready"
    mv "$dir.tmp" "$dir"
}

# ---------------------------------------------------------------- 0. host tools
step "host tools"
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
command -v objdump >/dev/null || need+=(binutils)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)   # icons for build-deb.sh
command -v dpkg-deb >/dev/null || need+=(dpkg)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi
[ -f "$CONSTRAINTS" ] || { echo "missing $CONSTRAINTS" >&2; exit 2; }

# ---------------------------------------------------------------- 1. Debian 11 chroot
step "debootstrap bullseye"
debootstrap_to bullseye "$ROOT" "$MIRROR" "$CHROOT_PKGS"
mount_chroot "$ROOT"
# A cached chroot made with an older package list gets what is missing.
installed=$(run_in "$ROOT" dpkg-query -W -f='${Package} ${db:Status-Status}\n' | awk '$2 == "installed" {print $1}')
missing=
for p in ${CHROOT_PKGS//,/ }; do grep -qx "$p" <<<"$installed" || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "installing into the cached chroot: $missing"
    run_in "$ROOT" apt-get update -q
    run_in "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
bind "$CACHE/src" "$ROOT/cache/src"
bind "$CACHE/wheelhouse-$ARCH" "$ROOT/cache/wheelhouse"
bind "$CACHE/python-$ARCH" "$ROOT$PY_PREFIX"
echo "chroot glibc: $(run_in "$ROOT" getconf GNU_LIBC_VERSION)"

# ---------------------------------------------------------------- 2. CPython source (Debian's)
step "CPython source"
if ! ls "$CACHE"/src/python3.11_*.debian.tar.xz >/dev/null 2>&1; then
    echo "deb-src $MIRROR bookworm main" >"$ROOT/etc/apt/sources.list.d/gaic-bookworm-src.list"
    run_in "$ROOT" apt-get update -q
    run_in "$ROOT" sh -c 'cd /cache/src && apt-get source --download-only python3.11'
    rm -f "$ROOT/etc/apt/sources.list.d/gaic-bookworm-src.list"
fi
ls -l "$CACHE"/src/python3.11_*

# ---------------------------------------------------------------- 3. CPython build
step "CPython build"
# libm got new default symbol versions in glibc 2.29 (exp, exp2, log, log2, pow); Debian 11's
# headers would bind to them. Pin the old ones: the code is the same, only the version differs.
COMPAT_H=$(cat <<EOF
/* Forced into every compile (-include): bind to symbol versions that exist in glibc $FLOOR. */
__asm__(".symver exp,exp@$LIBM_BASE");
__asm__(".symver exp2,exp2@$LIBM_BASE");
__asm__(".symver log,log@$LIBM_BASE");
__asm__(".symver log2,log2@$LIBM_BASE");
__asm__(".symver pow,pow@$LIBM_BASE");
EOF
)
# sem_clockwait (2.30) and pthread_cond_clockwait (2.30): configure would find them in glibc 2.31.
CONFIGURE_VARS="ac_cv_func_sem_clockwait=no ac_cv_func_pthread_cond_clockwait=no"
SRC_ID=$(cd "$CACHE/src" && ls python3.11_*.orig.tar.* python3.11_*.debian.tar.xz | tr '\n' ' ')
BUILD_ID=$(printf '%s\n%s\n%s\n%s\n' "$SRC_ID" "$COMPAT_H" "$CONFIGURE_VARS" "v4" | sha256sum | cut -c1-16)
if [ "${GAIC_REBUILD_PYTHON:-0}" != 1 ] && [ "$(cat "$CACHE/python-$ARCH/.gaic-build-id" 2>/dev/null)" = "$BUILD_ID" ]; then
    echo "cached: $CACHE/python-$ARCH ($BUILD_ID)"
else
    find "$CACHE/python-$ARCH" -mindepth 1 -delete
    mkdir -p "$CACHE/python-$ARCH/share/gaic"
    printf '%s\n' "$COMPAT_H" >"$CACHE/python-$ARCH/share/gaic/glibc-compat.h"
    rm -rf "$ROOT/build/cpython"
    mkdir -p "$ROOT/build/cpython"
    cat >"$ROOT/build/build-python.sh" <<EOF
set -euo pipefail
cd /build/cpython
tar xf /cache/src/python3.11_*.orig.tar.* --strip-components=1
tar xf /cache/src/python3.11_*.debian.tar.xz
# Debian's security fixes only (CVE and 3.11 backports), not its file-layout patches.
n=0
for p in \$(grep -E '^(CVE-|0[0-9]{3}-3\.11-|relfile-nullptr|frame_dealloc-crash|shutdown-deadlock)' debian/patches/series); do
    patch -p1 -N -s --no-backup-if-mismatch <debian/patches/\$p
    n=\$((n + 1))
done
echo "applied \$n Debian security patches"
# Debian builds pyexpat into libpython; built as an extension module, the backported
# CVE-2026-4224 fix needs the core-module define that later 3.x releases have at its top.
grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c ||
    sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' Modules/pyexpat.c
./configure --prefix=$PY_PREFIX --enable-shared --with-ensurepip=install \\
    CFLAGS="-include $PY_PREFIX/share/gaic/glibc-compat.h" \\
    LDFLAGS='-Wl,-rpath,\\\$\$ORIGIN/../lib' \\
    $CONFIGURE_VARS >configure.log
make -j\$(nproc) >make.log 2>&1 || { tail -n 40 make.log; exit 1; }
# setup.py only warns about extension modules that failed; a missing one is a broken interpreter.
if grep -A3 -E '^(Failed to build these modules|Following modules built successfully but were removed)' make.log | grep -vE '^(Failed|Following)' | grep -q '[a-z]'; then
    grep -A3 -E '^(Failed to build these modules|Following modules built successfully but were removed)' make.log
    exit 1
fi
make install >install.log 2>&1 || { tail -n 40 install.log; exit 1; }
EOF
    run_in "$ROOT" bash /build/build-python.sh
    rm -rf "$ROOT/build/cpython"
    # The interpreter itself must pass the gate before anything is built on it.
    cp "$HERE/glibc-gate.sh" "$ROOT/build/glibc-gate.sh"
    run_in "$ROOT" bash /build/glibc-gate.sh "$PY_PREFIX" "$FLOOR"
    echo "$BUILD_ID" >"$CACHE/python-$ARCH/.gaic-build-id"
fi
PY_VERSION=$(run_in "$ROOT" $PY_PREFIX/bin/python3.11 -c 'import sys; print(sys.version.split()[0])')
run_in "$ROOT" $PY_PREFIX/bin/python3.11 -c 'import sys, ssl, ctypes, lzma, bz2, zlib, sqlite3, decimal, pyexpat, xml.etree.ElementTree, uuid, hashlib; print(sys.version, ssl.OPENSSL_VERSION)'

# ---------------------------------------------------------------- 4. wheels (cached wheelhouse)
step "wheels"
cp "$CONSTRAINTS" "$ROOT/build/constraints.txt"
plats=()
floor_minor=${FLOOR#2.}
for ((m = floor_minor; m >= 17; m--)); do plats+=(--platform "manylinux_2_${m}_$ARCH"); done
plats+=(--platform "manylinux2014_$ARCH")
[ "$ARCH" = x86_64 ] && plats+=(--platform manylinux2010_x86_64 --platform manylinux1_x86_64)
dl=(run_in "$ROOT" $PY_PREFIX/bin/python3.11 -m pip download --disable-pip-version-check -q
    --only-binary=:all: "${plats[@]}" --python-version 3.11 --implementation cp
    --abi cp311 --abi abi3 --abi none -r /build/constraints.txt -c /build/constraints.txt -d /cache/wheelhouse)
if "${dl[@]}" --no-index --find-links /cache/wheelhouse >/dev/null 2>&1; then
    echo "wheelhouse complete (offline): $CACHE/wheelhouse-$ARCH"
else
    # Trust what the host trusts (a TLS-inspecting proxy's CA is in the host's bundle, not in
    # the chroot's).
    cp -L "${PIP_CERT:-${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}}" "$ROOT/build/host-ca.crt"
    "${dl[@]}" --cert /build/host-ca.crt
fi
ls "$CACHE/wheelhouse-$ARCH" | sed 's/^/  /'

# ---------------------------------------------------------------- 5. venv + project
step "venv + install"
rm -rf "$ROOT/build/src" "$ROOT/build/venv"
mkdir -p "$ROOT/build/src"
# The working tree as git sees it (tracked + untracked, not ignored), without build output.
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf -) |
    tar -xf - -C "$ROOT/build/src"
run_in "$ROOT" $PY_PREFIX/bin/python3.11 -m venv /build/venv
pipi=(run_in "$ROOT" /build/venv/bin/python -m pip install --disable-pip-version-check -q --no-index
      --find-links /cache/wheelhouse -c /build/constraints.txt)
"${pipi[@]}" -r /build/constraints.txt
"${pipi[@]}" --no-build-isolation /build/src
# setuptools was only needed to build the project. Left in the venv, PyInstaller's setuptools
# hooks alias tomli/backports/jaraco/more_itertools to its vendored copies and add a runtime hook
# that imports setuptools at every start of the program.
run_in "$ROOT" /build/venv/bin/python -m pip uninstall --disable-pip-version-check -q -y setuptools
run_in "$ROOT" /build/venv/bin/python -m pip list --disable-pip-version-check --format=freeze | sed 's/^/  /'

# ---------------------------------------------------------------- 6. PyInstaller
step "PyInstaller"
[ -f "$ROOT/build/src/$SPEC" ] || { echo "missing $SPEC (the Linux PyInstaller spec)" >&2; exit 1; }
rm -rf "$ROOT/build/dist" "$ROOT/build/work"
run_in "$ROOT" sh -c "cd /build/src && /build/venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
    --distpath /build/dist --workpath /build/work $SPEC"
BUNDLE_NAME=$(ls "$ROOT/build/dist")
[ "$(echo "$BUNDLE_NAME" | wc -l)" = 1 ] || { echo "expected one folder in dist/, got: $BUNDLE_NAME" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
cp -a "$ROOT/build/dist/$BUNDLE_NAME" "$OUT/"
BUNDLE=$OUT/$BUNDLE_NAME
EXE=$BUNDLE/gaic-desktop
[ -x "$EXE" ] || EXE=$(find "$BUNDLE" -maxdepth 1 -type f -executable | head -n1)
echo "bundle: $BUNDLE  executable: $EXE"

# ---------------------------------------------------------------- 7. glibc gate
step "glibc gate"
cp "$HERE/glibc-gate.sh" "$ROOT/build/glibc-gate.sh"
GATE_LOG=$CACHE/gate-$ARCH.log
# Run with the chroot's own (native) binutils, so that the same works on arm64.
if run_in "$ROOT" bash /build/glibc-gate.sh "/build/dist/$BUNDLE_NAME" "$FLOOR" | tee "$GATE_LOG"; then
    GATE="PASS"
else
    GATE="FAIL"
fi
GLIBC_MAX=$(sed -n 's/^GLIBC_MAX=//p' "$GATE_LOG")
[ "$GATE" = PASS ] || { echo "glibc gate FAILED: the bundle needs GLIBC_$GLIBC_MAX > $FLOOR" >&2; exit 1; }

# ---------------------------------------------------------------- 8. smoke tests
# smoke ROOT|host EXE-inside: selftest, validate, export, import of the exported PDF, validate again.
SAMPLE_REL=$(cd "$BUNDLE" && find . -path '*samples/sample-2021.gaic.json' | head -n1)
smoke() {
    local where=$1 exe=$2 tmp=$3
    local -a run
    if [ "$where" = host ]; then run=(env QT_QPA_PLATFORM=offscreen); else
        run=(chroot "$where" /usr/bin/env -i HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen
             PATH=/usr/bin:/bin); fi
    local bundle_dir; bundle_dir=$(dirname "$exe")
    mkdir -p "${where%host}$tmp/selftest"
    "${run[@]}" "$exe" --selftest --out "$tmp/selftest"
    "${run[@]}" "$exe" validate "$bundle_dir/$SAMPLE_REL" && rc=0 || rc=$?
    [ "$rc" -le 1 ] || { echo "validate of the sample: exit $rc" >&2; return 1; }
    "${run[@]}" "$exe" export "$bundle_dir/$SAMPLE_REL" -o "$tmp/sample.pdf"
    head -c 5 "${where%host}$tmp/sample.pdf" | grep -q '%PDF-' || { echo "export wrote no PDF" >&2; return 1; }
    "${run[@]}" "$exe" import "$tmp/sample.pdf" -o "$tmp/imported.gaic.json" --quiet
    "${run[@]}" "$exe" validate "$tmp/imported.gaic.json" && rc=0 || rc=$?
    [ "$rc" -le 1 ] || { echo "validate of the imported file: exit $rc" >&2; return 1; }
    echo "smoke test OK ($where): selftest, validate, export ($(stat -c %s "${where%host}$tmp/sample.pdf") bytes), import, validate"
}
SMOKE=()
# check LABEL CMD...: run CMD in a subshell that stops at its first failing command (errexit
# does not apply to a function called as an `if` condition), and record LABEL: OK or FAILED.
check() {
    local label=$1 rc
    shift
    set +e
    (set -e; "$@")
    rc=$?
    set -e
    if [ "$rc" = 0 ]; then SMOKE+=("$label: OK"); else SMOKE+=("$label: FAILED"); fi
}

step "smoke test: host"
host_glibc=$(getconf GNU_LIBC_VERSION | cut -d' ' -f2)
rm -rf "$CACHE/smoke" && mkdir -p "$CACHE/smoke"
check "host (glibc $host_glibc)" smoke host "$EXE" "$CACHE/smoke"

step "smoke test: Debian 11"
rm -rf "$ROOT/build/smoke" && mkdir -p "$ROOT/build/smoke"
check "Debian 11 chroot (glibc 2.31)" smoke "$ROOT" "/build/dist/$BUNDLE_NAME/$(basename "$EXE")" /build/smoke

step "bundle vs venv: Debian 11"
# Same interpreter and wheels: what freezing changed. PDF text and imported JSON identical,
# start-up to first paint (median of 5), printed.
cp "$HERE/compare.py" "$ROOT/build/compare.py"
rm -rf "$ROOT/build/compare"
if run_in "$ROOT" /build/venv/bin/python /build/compare.py /build/venv/bin/gaic-desktop \
        "/build/dist/$BUNDLE_NAME/$(basename "$EXE")" "/build/dist/$BUNDLE_NAME/$SAMPLE_REL" /build/compare |
        tee "$CACHE/compare-$ARCH.log"; then
    SMOKE+=("bundle vs venv in Debian 11: PDF text and imported JSON identical")
else
    SMOKE+=("bundle vs venv in Debian 11: FAILED (see $CACHE/compare-$ARCH.log)")
fi
STARTUP=$(sed -n 's/^start-up ratio bundle\/venv: //p' "$CACHE/compare-$ARCH.log")

step "smoke test: Debian 10"
if curl -fsS -m 15 -o /dev/null "$BUSTER_MIRROR/dists/buster/Release" 2>/dev/null; then
    BROOT=$CACHE/buster-$ARCH
    debootstrap_to buster "$BROOT" "$BUSTER_MIRROR" "$RUNTIME_PKGS"
    mount_chroot "$BROOT"
    rm -rf "$BROOT/build" && mkdir -p "$BROOT/build/smoke"
    cp -a "$BUNDLE" "$BROOT/build/"
    check "Debian 10 chroot (glibc 2.28)" smoke "$BROOT" "/build/$BUNDLE_NAME/$(basename "$EXE")" /build/smoke
else
    echo "SKIPPED: $BUSTER_MIRROR/dists/buster/Release is not reachable (set BUSTER_MIRROR to a Debian 10 mirror)"
    SMOKE+=("Debian 10 chroot (glibc 2.28): SKIPPED, no reachable buster mirror ($BUSTER_MIRROR)")
fi

# ---------------------------------------------------------------- 9. .deb
step ".deb"
DEB=
DEB_BUILDER=$REPO/installer/linux/build-deb.sh
if [ -x "$DEB_BUILDER" ]; then
    rm -rf "$OUT/deb"
    DEB=$(DEB_ARCH=$DEB_ARCH DEB_COMPRESS=${GAIC_DEB_COMPRESS:-xz} "$DEB_BUILDER" "$BUNDLE" "$OUT/deb" | tail -n1)
    [ -f "$DEB" ] || { echo "build-deb.sh made no .deb" >&2; exit 1; }
    echo "$DEB: $(stat -c %s "$DEB") bytes"
else
    echo "no installer/linux/build-deb.sh: skipped"
fi

# ---------------------------------------------------------------- 10. .deb on a clean Debian 11
# A minimal Debian 11 (no desktop): apt installs the .deb with the Depends it names, the
# installed command runs the selftest, dpkg -r removes it, autoremove takes the Depends again.
if [ -n "$DEB" ]; then
    step ".deb install/run/remove: Debian 11"
    DROOT=$CACHE/bullseye-min-$ARCH
    debootstrap_to bullseye "$DROOT" "$MIRROR" ca-certificates
    mount_chroot "$DROOT"
    mkdir -p "$DROOT/tmp/deb" && rm -rf "$DROOT/tmp/deb/"* && cp "$DEB" "$DROOT/tmp/deb/"
    deb_in=/tmp/deb/$(basename "$DEB")
    appid=$(dpkg-deb -f "$DEB" Package)
    deb_test() {
        run_in "$DROOT" apt-get update -q >/dev/null
        run_in "$DROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb_in" |
            grep -E '^(The following NEW|[0-9]+ upgraded|Setting up '"$appid"')' || true
        run_in "$DROOT" dpkg -s "$appid" | grep -q '^Status: install ok installed'
        rm -rf "$DROOT/tmp/st" && mkdir -p "$DROOT/tmp/st"
        run_in "$DROOT" env QT_QPA_PLATFORM=offscreen gaic-desktop --selftest --out /tmp/st
        # The real X11 path (xcb platform plugin, input-method plugins) under Xvfb, and a screenshot.
        run_in "$DROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xvfb xauth >/dev/null
        run_in "$DROOT" xvfb-run -a -s '-screen 0 1280x800x24' gaic-desktop --selftest --out /tmp/st \
            --screenshot /tmp/st/window-xcb.png | tee "$CACHE/deb-xcb.log"
        grep -q '平台插件 xcb' "$CACHE/deb-xcb.log" || { echo "the window did not open on the xcb platform" >&2; return 1; }
        cp "$DROOT/tmp/st/window-xcb.png" "$OUT/debian11-xcb.png"
        run_in "$DROOT" dpkg -r "$appid" >/dev/null
        [ ! -e "$DROOT/opt/apps/$appid" ] && [ ! -e "$DROOT/usr/bin/gaic-desktop" ] ||
            { echo "dpkg -r left files behind" >&2; return 1; }
        run_in "$DROOT" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q xvfb xauth >/dev/null
        run_in "$DROOT" env DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -q >/dev/null
    }
    check ".deb on a minimal Debian 11: apt install (Depends), selftest offscreen + on Xvfb (xcb), dpkg -r" deb_test
fi

# ---------------------------------------------------------------- summary
step ""
unmount_all
SUMMARY=$CACHE/last-result-$ARCH.txt
{
    echo "oldglibc build $ARCH, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD || echo ' + uncommitted changes')"
    echo "interpreter: CPython $PY_VERSION built in Debian 11 from $(cd "$CACHE/src" && ls python3.11_*.dsc) (+ Debian's security patches)"
    echo "glibc gate: $GATE, highest GLIBC_ needed = $GLIBC_MAX (floor $FLOOR) over $(sed -n 's/^glibc gate: \([0-9]*\) ELF.*/\1/p' "$GATE_LOG") ELF files"
    echo "bundle: $BUNDLE  $(du -sm "$BUNDLE" | cut -f1) MB, $(find "$BUNDLE" -type f | wc -l) files"
    [ -z "$DEB" ] || echo "deb: $DEB  $(( $(stat -c %s "$DEB") / 1048576 )) MB ($(stat -c %s "$DEB") bytes)"
    echo "start-up to first paint, bundle/venv (Debian 11 chroot, offscreen): ${STARTUP:-not measured}"
    echo "smoke tests:"
    printf '  %s\n' "${SMOKE[@]}"
    echo "times:"
    printf '%s\n' "${TIMES[@]}"
    echo "  total                              $(( $(date +%s) - T_START ))s"
} | tee "$SUMMARY"
for s in "${SMOKE[@]}"; do case "$s" in *FAILED*) exit 1 ;; esac; done
