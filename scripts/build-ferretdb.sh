#!/usr/bin/env bash
# Builds tools/ferretdb (FerretDB 1.24 embedded, SQLite backend) once and caches the binary,
# keyed by the hash of its sources. Prints the binary's path on stdout; progress on stderr.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/tools/ferretdb"
if ! command -v go >/dev/null 2>&1; then
  for d in /usr/local/go/bin /usr/lib/go/bin; do [ -x "$d/go" ] && PATH="$d:$PATH"; done
fi
if ! command -v go >/dev/null 2>&1; then
  echo "error: no MongoDB-wire server available: MONGODB_URI is not set, there is no mongod on the PATH," >&2
  echo "       and Go is not installed to build the embedded FerretDB (tools/ferretdb)." >&2
  echo "       Set MONGODB_URI to a MongoDB 7 server, install mongod, or install Go >= 1.22." >&2
  exit 1
fi
hash=$(cat "$src/go.mod" "$src/go.sum" "$src"/*.go | sha256sum | cut -c1-16)
cache="${PACT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pact-monitoring}"
bin="$cache/ferretdb-embedded-$hash"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  echo "building the embedded FerretDB (first run only, a few minutes)…" >&2
  (cd "$src" && go build -trimpath -o "$bin.tmp.$$" .) >&2
  mv "$bin.tmp.$$" "$bin"
fi
echo "$bin"
