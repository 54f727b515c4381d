#!/usr/bin/env bash
# Screenshot of the installed program on a real X server (Xvfb + openbox), e.g. after
# `dpkg -i` of the .deb:   installer/linux/xvfb-screenshot.sh OUT.png [REPORT.gaic.json]
# Needs xvfb, openbox, imagemagick (apt-get install -y xvfb openbox imagemagick).
# Uses a throw-away HOME; starts and stops only its own processes.
set -euo pipefail
OUT=${1:?usage: xvfb-screenshot.sh OUT.png [REPORT.gaic.json]}
REPORT=${2:-}
EXE=${GAIC_EXE:-gaic-desktop}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/gaic-shot.XXXXXX")
DISP=:$((90 + RANDOM % 9))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT
Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=$DISP openbox >/dev/null 2>&1 & pids+=($!)
sleep 1
if [ -n "$REPORT" ]; then cp "$REPORT" "$TMP/report.gaic.json"; REPORT=$TMP/report.gaic.json; fi
env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY HOME="$TMP" DISPLAY="$DISP" LANG=zh_CN.UTF-8 \
  "$EXE" ${REPORT:+"$REPORT"} >"$TMP/app.log" 2>&1 & pids+=($!)
sleep "${GAIC_SHOT_WAIT:-8}"
kill -0 "${pids[2]}" 2>/dev/null || { cat "$TMP/app.log" >&2; echo "the program exited early" >&2; exit 1; }
DISPLAY=$DISP import -window root "$OUT"
echo "$OUT"
