#!/usr/bin/env bash
# Opens ReqDesk: the desktop window when there is a display, otherwise the
# same app in serve mode for a browser (it prints the URL to open).
set -euo pipefail
bin=$1
shift
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin" "$@"
fi
echo "没有可用的图形显示（DISPLAY 未设置），改为浏览器模式启动。"
exec "$bin" serve "$@"
