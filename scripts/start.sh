#!/usr/bin/env bash
# One command for a newcomer: brings Node 22, installs dependencies, builds, and starts Redress.
# With a display and a downloadable Electron it opens the desktop app; otherwise (a server, CI, these
# sandboxed machines) it starts the headless host, which serves the same app on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build:renderer
if [ "${REDRESS_HEADLESS:-0}" != "1" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && node -e "require('electron')" >/dev/null 2>&1; then
  npm run build:electron
  exec npx electron .
fi
# In the language the host will speak (LC_ALL/LC_MESSAGES/LANG, English only for en*; localeFromEnv).
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
  en*) echo "redress: no display or no Electron binary here; starting the headless host (open the URL it prints)." >&2 ;;
  *) echo "redress：本机没有显示器或 Electron，改为启动无界面主机（请在浏览器中打开它打印的链接）。" >&2 ;;
esac
exec npm run host -- "$@"
