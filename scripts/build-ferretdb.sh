#!/usr/bin/env bash
# Builds tools/ferretdb (FerretDB 1.24 embedded; SQLite or PostgreSQL backend) once and caches the binary,
# keyed by the hash of its sources and patches. Prints the binary's path on stdout; progress on
# stderr. FerretDB is built from a vendored copy (tools/ferretdb/vendor, git-ignored) with our
# patches (tools/ferretdb/patches/*.patch) applied: re-vendored whenever go.mod, go.sum or a
# patch changes, so `go test ./...` there runs against the patched FerretDB too.
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
patches=("$src"/patches/*.patch)
vendor_hash=$(cat "$src/go.mod" "$src/go.sum" "${patches[@]}" | sha256sum | cut -c1-16)
hash=$(cat "$src/go.mod" "$src/go.sum" "${patches[@]}" "$src"/*.go | sha256sum | cut -c1-16)
if [ "$(cat "$src/vendor/.pact-patched" 2>/dev/null)" != "$vendor_hash" ]; then
  echo "vendoring FerretDB and applying tools/ferretdb/patches…" >&2
  rm -rf "$src/vendor"
  (cd "$src" && go mod vendor) >&2
  for p in "${patches[@]}"; do
    patch -p1 --forward --batch --quiet -d "$src/vendor/github.com/FerretDB/FerretDB" <"$p" >&2 ||
      { rm -rf "$src/vendor"; echo "error: $p does not apply to the vendored FerretDB" >&2; exit 1; }
  done
  echo "$vendor_hash" >"$src/vendor/.pact-patched"
fi
cache="${PACT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pact-monitoring}"
bin="$cache/ferretdb-embedded-$hash"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  echo "building the embedded FerretDB (first run only, a few minutes)…" >&2
  (cd "$src" && go build -mod=vendor -trimpath -o "$bin.tmp.$$" .) >&2
  mv "$bin.tmp.$$" "$bin"
fi
echo "$bin"
