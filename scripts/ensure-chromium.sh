#!/usr/bin/env bash
# The browser test drives Debian's Chromium (playwright-core never downloads a browser).
# Installs it when missing and this is a root shell with apt-get; otherwise explains.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser test…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
else
  echo "error: $path is missing; install Debian's chromium package (or set CHROMIUM_PATH) for the browser test." >&2
  exit 1
fi
