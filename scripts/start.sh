#!/usr/bin/env bash
# npm start: the engine for people on this machine (API with the pages, a worker), on the same
# local services as the demo, keeping its data in .pact-data/ (or $PACT_DATA_DIR) across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# The PDF of a report needs Debian's chromium; without it everything else works and says so.
bash scripts/ensure-chromium.sh || true
npm run --silent build
export PACT_DATA_DIR="${PACT_DATA_DIR:-$PWD/.pact-data}"
# Evidence files' bodies beside the database's data.
export EVIDENCE_FILES_DIR="${EVIDENCE_FILES_DIR:-$PACT_DATA_DIR/evidence-files}"
exec bash scripts/with-services.sh node dist/apps/start/src/main.js "$@"
