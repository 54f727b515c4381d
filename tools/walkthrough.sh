#!/usr/bin/env bash
# The officer's whole day in a real X window at 1366×768 (Xvfb + openbox + xdotool).
#
#   tools/walkthrough.sh start            # own Xvfb on :57 + openbox, throwaway HOME
#   tools/walkthrough.sh run FILE         # launch the program on FILE (background, pid in $W/app.pid)
#   tools/walkthrough.sh shot NAME        # screenshot of the whole screen -> $W/shots/NAME.png
#   tools/walkthrough.sh key KEYS...      # xdotool key to the active window
#   tools/walkthrough.sh type TEXT        # xdotool type (UTF-8 works: Chinese is typed as keysyms)
#   tools/walkthrough.sh click X Y        # left click at screen coordinates
#   tools/walkthrough.sh kill9            # kill -9 the program started by `run`
#   tools/walkthrough.sh stop             # stop the program, openbox and Xvfb we started (by pid)
#   tools/walkthrough.sh all              # the scripted day (see docs/walkthrough.md)
#
# Needs (Debian): xvfb xdotool openbox imagemagick x11-utils; optional cups-pdf (a PDF printer).
# Nothing outside $W (default /tmp/walk) and the throwaway HOME is touched; only our own pids are killed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-/work/main/.venv/bin/python}"
W="${W:-/tmp/walk}"
DISP="${DISP:-:57}"
export DISPLAY="$DISP" QT_QPA_PLATFORM=xcb HOME="${WALK_HOME:-$W/home}"
export LANG=zh_CN.UTF-8 LC_ALL="${LC_ALL:-C.UTF-8}"
mkdir -p "$W/shots" "$HOME"

start() {
    if [ -f "$W/xvfb.pid" ] && kill -0 "$(cat "$W/xvfb.pid")" 2>/dev/null; then return 0; fi
    Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp >"$W/xvfb.log" 2>&1 &
    echo $! >"$W/xvfb.pid"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    openbox >"$W/openbox.log" 2>&1 &
    echo $! >"$W/openbox.pid"
    sleep 1
}

run() {
    (cd "$ROOT" && exec "$PY" -m gaic_desktop "$@") >"$W/app.log" 2>&1 &
    echo $! >"$W/app.pid"
    for _ in $(seq 100); do
        xdotool search --pid "$(cat "$W/app.pid")" --onlyvisible --name . >/dev/null 2>&1 && break
        sleep 0.2
    done
    sleep 1.5
}

shot() { import -window root "$W/shots/$1.png"; echo "$W/shots/$1.png"; }
key() { xdotool key --delay 80 "$@"; sleep 0.4; }
typ() { xdotool type --delay 60 "$1"; sleep 0.3; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.5; }
dclick() { xdotool mousemove "$1" "$2" click --repeat 2 --delay 80 1; sleep 0.5; }
kill9() { kill -9 "$(cat "$W/app.pid")" 2>/dev/null || true; sleep 0.5; }
stop() {
    for p in app openbox xvfb; do
        [ -f "$W/$p.pid" ] && kill "$(cat "$W/$p.pid")" 2>/dev/null || true
        rm -f "$W/$p.pid"
    done
}
wins() { xdotool search --onlyvisible --name . 2>/dev/null | while read -r id; do
    echo "$id $(xdotool getwindowname "$id" 2>/dev/null) $(xdotool getwindowgeometry "$id" | tr '\n' ' ')"; done; }

# The scripted day. Coordinates are those of the window as laid out at 1366×768 by openbox
# (maximised on first start); every step writes a screenshot to look at.
all() {
    start
    rm -rf "$HOME" && mkdir -p "$HOME/Documents"
    cp "$ROOT/resources/samples/hanyang-2020.gaic.json" "$W/day.gaic.json"
    run "$W/day.gaic.json"
    shot 01-open
    # 1. a letter in a number cell (table 二 tab via Ctrl+PgDown)
    key ctrl+Next; shot 02-tab2
    "$ROOT/tools/walkthrough_day.sh"
}

cmd="${1:-all}"; shift || true
case "$cmd" in
    start|stop|kill9|wins|all) "$cmd" ;;
    run) run "$@" ;;
    shot) shot "$1" ;;
    key) key "$@" ;;
    type) typ "$1" ;;
    click) click "$1" "$2" ;;
    dclick) dclick "$1" "$2" ;;
    *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
