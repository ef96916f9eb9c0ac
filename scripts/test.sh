#!/usr/bin/env bash
# The test command (npm test): unit tests, then end-to-end tests against real Redis and a
# real MongoDB-wire server, started if needed and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
npm run --silent build
# The embedded database (tools/ferretdb) has Go tests of its own (the write gate, the patched
# SQLite backend); run them with the whole suite when Go is here (it is wherever the embedded
# database is built), after build-ferretdb.sh has vendored and patched FerretDB for them.
go=$(command -v go || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || true)
if [ $# -eq 0 ] && [ -n "$go" ]; then
  bash scripts/build-ferretdb.sh >/dev/null
  (cd tools/ferretdb && "$go" test ./...)
fi
exec bash scripts/with-services.sh npx jest --config jest.config.js --runInBand "$@"
