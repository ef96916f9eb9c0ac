#!/usr/bin/env bash
# Debian's Chromium prints the report as PDF and drives the browser tests (playwright-core never
# downloads a browser). The report needs fonts Chromium does not bring: Noto Color Emoji (emoji
# people write would print as empty boxes) and DejaVu (Arabic, Hebrew and other scripts, and
# right-to-left text). Installs what is missing when this is a root shell with apt-get;
# otherwise explains.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
[ -x "$path" ] || packages+=(chromium)
for p in fonts-noto-color-emoji fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || packages+=("$p")
done
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${packages[*]} for the PDF report and the browser tests…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}") >&2
elif [ ! -x "$path" ]; then
  echo "error: $path is missing; install Debian's chromium package (or set CHROMIUM_PATH) for the PDF report and the browser tests." >&2
  exit 1
else
  echo "warning: ${packages[*]} not installed: emoji and some scripts print as empty boxes in PDF reports (apt-get install ${packages[*]})." >&2
fi
