#!/usr/bin/env bash
# Installs what ReqDesk needs on Debian/Ubuntu and is missing, for `make run`
# (mode "run"), `make test` (mode "test"), `make bench` (mode "bench") or
# `make dist` (mode "dist"). As root it installs with apt;
# with password-less sudo it uses sudo; otherwise it prints the exact command
# and stops. Then it installs the frontend's npm packages if they changed.
set -euo pipefail
mode=${1:-run}
cd "$(dirname "$0")/.."

# Build: GTK and WebKitGTK 4.1 headers for the desktop window; a CJK font so
# the window shows Chinese.
pkgs=(libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config fonts-noto-cjk)
if [ "$mode" = test ]; then
  # Tests: a virtual X server, screenshots and xdotool (resizing the window
  # as a user would) for the desktop tests,
  # Chromium for the browser tests, poppler for reading PDFs back,
  # LibreOffice Calc (without its windows) to read the workbooks ReqDesk
  # writes and write ones it imports, as a user's office program would.
  pkgs+=(xvfb xauth x11-utils xdotool imagemagick chromium poppler-utils libreoffice-calc-nogui)
fi
if [ "$mode" = bench ]; then
  # The PDF rows read their documents' text back with poppler's pdftotext.
  pkgs+=(poppler-utils)
fi
if [ "$mode" = test ] || [ "$mode" = dist ]; then
  # Releases (`make dist`, and its test): the NSIS compiler, Authenticode
  # signing; to test them: 7-Zip lists the installer, wine64 runs it, rpm
  # reads the .rpm.
  pkgs+=(nsis osslsigncode)
  if [ "$mode" = test ]; then pkgs+=(p7zip-full wine64 rpm); fi
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "缺少系统软件包: ${missing[*]}；本脚本只会用 apt 安装（Debian/Ubuntu）。请用系统的包管理器安装后重试。" >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "缺少系统软件包: ${missing[*]}" >&2
    echo "请运行: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "安装系统软件包: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Toolchains the README asks for.
need_version() { # name have want
  if [ "$(printf '%s\n%s\n' "$3" "$2" | sort -V | head -1)" != "$3" ]; then
    echo "$1 版本过旧: 当前 $2，需要 $3 或更新" >&2
    exit 1
  fi
}
command -v go >/dev/null || { echo "需要 Go 1.24 或更新: https://go.dev/dl/" >&2; exit 1; }
command -v node >/dev/null || { echo "需要 Node.js 20.19 或更新" >&2; exit 1; }
need_version Go "$(go env GOVERSION | sed 's/^go//')" 1.24
need_version Node.js "$(node --version | sed 's/^v//')" 20.19.0

# Frontend packages, reinstalled only when the lock file changed.
stamp=frontend/node_modules/.reqdesk-lock
if [ ! -f "$stamp" ] || ! cmp -s frontend/package-lock.json "$stamp"; then
  echo "安装前端依赖 (npm ci)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp frontend/package-lock.json "$stamp"
fi
