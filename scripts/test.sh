#!/usr/bin/env bash
# The test command (npm test): unit tests, then end-to-end tests against real Redis and a
# real MongoDB-wire server, started if needed and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
npm run --silent build
exec bash scripts/with-services.sh npx jest --config jest.config.js --runInBand "$@"
