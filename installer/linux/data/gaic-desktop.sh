#!/bin/sh
# /usr/bin/gaic-desktop: starts the program installed in /opt/apps/cn.gaic.desktop/files.
# The bundled Qt has no fcitx plugin; fcitx5 also speaks the ibus protocol, so a session set up
# for fcitx uses the bundled ibus plugin instead of having no input method at all.
APP=/opt/apps/cn.gaic.desktop/files
case "${QT_IM_MODULE:-}" in
  fcitx*)
    if ! ls "$APP"/_internal/PySide6/Qt/plugins/platforminputcontexts/libfcitx*.so >/dev/null 2>&1; then
      QT_IM_MODULE=ibus
      export QT_IM_MODULE
    fi ;;
esac
exec "$APP/gaic-desktop" "$@"
