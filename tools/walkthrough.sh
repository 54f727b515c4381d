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
# press and release with a pause: a quick `click 1` right after `xdotool type` was sometimes lost
click() { xdotool mousemove "$1" "$2"; sleep 0.1; xdotool mousedown 1; sleep 0.1; xdotool mouseup 1; sleep 0.5; }
dclick() { xdotool mousemove "$1" "$2" click --repeat 2 --delay 80 1; sleep 0.5; }
kill9() { kill -9 "$(cat "$W/app.pid")" 2>/dev/null || true; sleep 0.5; }
stop() {
    for p in app openbox xvfb cupsd; do
        [ -f "$W/$p.pid" ] && kill "$(cat "$W/$p.pid")" 2>/dev/null || true
        rm -f "$W/$p.pid"
    done
}
wins() { xdotool search --onlyvisible --name . 2>/dev/null | while read -r id; do
    echo "$id $(xdotool getwindowname "$id" 2>/dev/null) $(xdotool getwindowgeometry "$id" | tr '\n' ' ')"; done; }

# The scripted day. Coordinates are those of the main window as openbox places it at 1366×768
# (1280×728 at 44,52); every step writes a screenshot to look at. Checks that can be made
# without eyes are made here too (files on disk) and printed as PASS/FAIL lines.
TAB3=(520 110); CELL_A=(553 409); CELL_B=(625 409); WARN1=(1140 211); EXPLAIN=(1096 719)
X1_WARN=(1180 375); SAVE_EXPL=(821 541); READ_ONLY=(690 409)
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; fi; }
slotdir() { echo "$HOME/.local/share/GAIC/GAIC Desktop/recovery"; }
all() {
    start
    stop_app
    rm -rf "$HOME" && mkdir -p "$HOME/Documents" "$W/shots"
    rm -f "$W"/.~day.gaic.json.*
    cp "$ROOT/resources/samples/hanyang-2020.gaic.json" "$W/day.gaic.json"
    run "$W/day.gaic.json"; shot 01-open
    click "${TAB3[@]}"; shot 02-tab3
    # a letter in a number cell: a Chinese message, the value unchanged
    click "${CELL_A[@]}"; typ a; shot 03-letter-typing; key Return; shot 04-letter-enter
    # a typo that breaks the column check, then its fix
    click "${CELL_A[@]}"; typ 2040; key Return; sleep 1; shot 05-typo
    # the text's figure (X-1 warning, 4th in the panel): its sentence is selected and underlined
    click "${X1_WARN[@]}"; sleep 0.5; shot 05b-x1-sentence
    # table 三 scrolled: 「三、本年度办理结果」 stays readable
    xdotool mousemove 700 600; for _ in 1 2 3 4 5 6; do xdotool click 5; sleep 0.15; done
    sleep 0.5; shot 05c-label-scrolled; for _ in 1 2 3 4 5 6; do xdotool click 4; sleep 0.1; done
    click "${CELL_A[@]}"; typ 204; key Return; sleep 1; shot 06-fixed
    # explain the warning: a thin explanation is refused in the dialog, a real reason accepted
    click "${WARN1[@]}"; click "${EXPLAIN[@]}"; shot 07-explain-dialog
    typ 经核实无误; click "${SAVE_EXPL[@]}"; sleep 0.5; shot 09-thin-refused
    check "thin explanation refused: the dialog stays" 'wins | grep -q "添加说明 —"'
    key ctrl+a; typ "因本报告须于2021年1月20日经区政府常务会议审定后签发，落款日期届时填写。"
    shot 11-explain-typed
    # 保存说明 — a second click when the first was lost: after `xdotool type` of Chinese (it
    # remaps a spare keycode per character) the first click is swallowed, in any dialog
    for _ in 1 2 3; do wins | grep -q "添加说明 —" || break; click "${SAVE_EXPL[@]}"; sleep 1.5; done
    shot 12-explained
    check "explanation accepted: the dialog closed" '! wins | grep -q "添加说明 —"'
    # Ctrl+E from inside a cell editor opens 导出PDF
    click "${TAB3[@]}"; dclick "${CELL_B[@]}"; shot 13-editor-open
    key ctrl+e; sleep 1; shot 14-ctrl-e; key Escape; sleep 0.5; key Escape
    # 打印预览 (文件 menu) -> last page -> print to the CUPS-PDF printer
    click 73 44; sleep 0.5; shot 15-file-menu; key v; sleep 3; shot 16-preview   # 打印预览(V)
    click 680 41; sleep 1; shot 17-preview-last
    if lpstat -p PDF >/dev/null 2>&1; then
        rm -f "$W"/cups-pdf-out/*.pdf
        click 858 41; sleep 2; shot 18-print-dialog; key Return
        for _ in $(seq 60); do sleep 1; ls "$W"/cups-pdf-out/*.pdf >/dev/null 2>&1 && ! lpstat -o | grep -q . && break; done
        shot 21-printed
        f=$(ls "$W"/cups-pdf-out/*.pdf 2>/dev/null | head -1)
        check "printed PDF has 16 A4 pages" '[ -n "$f" ] && pdfinfo "$f" | grep -q "Pages: *16" && pdfinfo "$f" | grep -q "(A4)"'
    else
        echo "SKIP print: no CUPS printer PDF (apt-get install cups-pdf; tools/walkthrough.sh cups)"; key Escape
    fi
    # F1 opens 使用说明 at the current tab
    key F1; sleep 1.5; shot 22-f1-help; key Escape; sleep 0.5
    # kill -9 about 1.5 s after an edit -> restart -> recovery offered, with the edit
    click "${TAB3[@]}"; click "${CELL_B[@]}"; typ 19; key Return; sleep 1.2; shot 23-before-kill; kill9
    check "recovery copy holds the edit" 'grep -q "19" "$(slotdir)"/*.gaic.json'
    run "$W/day.gaic.json"; shot 27-recovery-offer
    check "recovery offered" 'wins | grep -q 恢复未保存的年报'
    key Return; sleep 1.5; click "${TAB3[@]}"; shot 28-recovered-edit
    wins | tee "$W/windows-after-recovery.txt"
    check "one window after recovery" '[ "$(wins | grep -c 政府信息公开年报编制器)" = 1 ]'
    # 落款日期 typed on the keyboard while blank, then saved: is the date in the file?
    stop_app; rm -rf "$(slotdir)"; rm -f "$W"/.~day.gaic.json.*
    cp "$ROOT/resources/samples/hanyang-2020.gaic.json" "$W/day.gaic.json"
    run "$W/day.gaic.json"; click 500 447; key ctrl+a; typ "2021年1月20日"; key Tab; sleep 0.5
    shot 60-date-typed; key ctrl+s; sleep 1
    check "typed 落款日期 saved" 'grep -q "2021-01-20" "$W/day.gaic.json"'
    # a fresh 新建 from last year's file
    stop_app; rm -rf "$(slotdir)"; rm -f "$W"/.~day.gaic.json.*
    run; shot 40-start-nofile
    key ctrl+n; sleep 1; shot 41-new-dialog
    click 700 290; typ 武汉市汉阳区人民政府; click 700 324; key ctrl+a; typ 2021
    click 440 399; click 650 431; typ "$W/day.gaic.json"; shot 42-new-filled
    click 804 463; sleep 1.5; shot 43-new-created; click "${TAB3[@]}"; shot 44-new-tab3
    key ctrl+s; sleep 1.5; shot 45-first-save; key Escape
    stop_app
    # a second copy of the program on the same file, opened 只读: the bar says it, typing is refused
    rm -rf "$(slotdir)"; rm -f "$W"/.~day.gaic.json.*
    run "$W/day.gaic.json"; first=$(cat "$W/app.pid")
    run "$W/day.gaic.json"
    for _ in $(seq 20); do wins | grep -q 文件已被打开 && break; sleep 0.5; done; shot 51-second-copy
    check "second copy asks who has the file" 'wins | grep -q 文件已被打开'
    click "${READ_ONLY[@]}"; sleep 1; shot 52-read-only-bar
    click "${TAB3[@]}"; click 553 461; typ 5; sleep 0.5; shot 53-read-only-typing
    stop_app; echo "$first" >"$W/app.pid"; stop_app
    echo "screenshots in $W/shots"
}
stop_app() { [ -f "$W/app.pid" ] && kill -9 "$(cat "$W/app.pid")" 2>/dev/null || true; rm -f "$W/app.pid"; sleep 0.5; }
# A CUPS-PDF printer named PDF writing into $W/cups-pdf-out (needs root; starts cupsd if none runs).
cups() {
    pgrep -x cupsd >/dev/null || { /usr/sbin/cupsd -f >"$W/cupsd.log" 2>&1 & echo $! >"$W/cupsd.pid"; sleep 2; }
    lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
    mkdir -p "$W/cups-pdf-out" && chmod 1777 "$W/cups-pdf-out"
    sed -i "s|^Out .*|Out $W/cups-pdf-out|" /etc/cups/cups-pdf.conf
}

cmd="${1:-all}"; shift || true
case "$cmd" in
    start|stop|kill9|wins|all|cups|stop_app) "$cmd" ;;
    run) run "$@" ;;
    shot) shot "$1" ;;
    key) key "$@" ;;
    type) typ "$1" ;;
    click) click "$1" "$2" ;;
    dclick) dclick "$1" "$2" ;;
    *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
