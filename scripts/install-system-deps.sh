#!/usr/bin/env bash
# Debian packages the tests and the headless host need: Chromium (driven by playwright-core; never
# `npx playwright install`), CJK fonts so Chinese renders in screenshots and PDFs, and poppler's
# pdftotext, with which the tests read back the text of the PDFs the app prints.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
# Chromium's UI locales: without them it runs in en-US whatever --lang says, and date inputs read
# mm/dd/yyyy instead of 年/月/日.
[ -f /usr/lib/chromium/locales/zh-CN.pak ] || need+=(chromium-l10n)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
