#!/usr/bin/env bash
# The main job (npm run demo): a compressed two-year monitoring cycle for the Pact's
# 12 working groups, on local defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# The PDF of the report needs Debian's chromium; without it the demo still runs and says so.
bash scripts/ensure-chromium.sh || true
npm run --silent build
exec bash scripts/with-services.sh node dist/apps/demo/src/main.js "$@"
