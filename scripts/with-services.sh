#!/usr/bin/env bash
# Runs a command with the services the engine needs, starting only what is missing:
#   Redis:   $REDIS_URL if set; else 127.0.0.1:6379 if it answers; else redis-server if installed.
#   MongoDB: $MONGODB_URI if set; else a mongod on the PATH; else the embedded FerretDB 1.24
#            (tools/ferretdb, SQLite in a temp dir, loopback, a free port).
#            PACT_FERRETDB_BACKEND=postgresql runs the embedded FerretDB on its PostgreSQL backend
#            instead (chosen over a mongod on the PATH): on $PACT_FERRETDB_POSTGRESQL_URL if set
#            (used as is, kept), else on a fresh database created on 127.0.0.1:5432 (as $PGUSER,
#            default postgres, with psql) and dropped when the command ends.
# Whatever it started, it stops (by its own pid) when the command ends.
# With PACT_DATA_DIR set (npm start), the MongoDB-wire server keeps its data there across runs
# instead of in a temp dir.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pact-services.XXXXXX")
pids=()
data="${PACT_DATA_DIR:-$work}"
pg_created=""  # a PostgreSQL database this script created, dropped by cleanup
pg_admin=(psql -h 127.0.0.1 -p 5432 -U "${PGUSER:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qAt)

cleanup() {
  local code=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  # After FerretDB has stopped: FORCE ends any connection still open on it.
  if [ -n "$pg_created" ]; then
    "${pg_admin[@]}" -c "DROP DATABASE IF EXISTS \"$pg_created\" WITH (FORCE)" >/dev/null 2>&1 ||
      echo "warning: could not drop the PostgreSQL database $pg_created" >&2
  fi
  rm -rf "$work"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_port() {
  local host=$1 port=$2 what=$3 pid=$4
  for _ in $(seq 1 200); do
    port_open "$host" "$port" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "error: $what exited during start-up; its log:" >&2; cat "$work"/*.log >&2 || true; exit 1; }
    sleep 0.1
  done
  echo "error: $what did not listen on $host:$port within 20s" >&2
  exit 1
}

if [ -z "${REDIS_URL:-}" ]; then
  if port_open 127.0.0.1 6379; then
    export REDIS_URL=redis://127.0.0.1:6379
  elif command -v redis-server >/dev/null 2>&1; then
    redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
    pids+=($!)
    wait_port 127.0.0.1 6379 redis-server "$!"
    export REDIS_URL=redis://127.0.0.1:6379
    echo "services: started redis-server (pid ${pids[-1]}) on 127.0.0.1:6379" >&2
  else
    echo "error: no Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and redis-server is not installed." >&2
    echo "       Install Redis 7 (e.g. apt-get install redis-server) or set REDIS_URL." >&2
    exit 1
  fi
fi

case "${PACT_FERRETDB_BACKEND:-sqlite}" in
  sqlite | postgresql) ;;
  *)
    echo "error: PACT_FERRETDB_BACKEND must be sqlite (the default) or postgresql, not '$PACT_FERRETDB_BACKEND'." >&2
    exit 1
    ;;
esac

if [ -z "${MONGODB_URI:-}" ]; then
  port=$(free_port)
  if [ "${PACT_FERRETDB_BACKEND:-sqlite}" = postgresql ]; then
    pg_url="${PACT_FERRETDB_POSTGRESQL_URL:-}"
    if [ -z "$pg_url" ]; then
      if ! port_open 127.0.0.1 5432 || ! command -v psql >/dev/null 2>&1; then
        echo "error: PACT_FERRETDB_BACKEND=postgresql, but no PostgreSQL answers on 127.0.0.1:5432 (or psql is missing)" >&2
        echo "       and PACT_FERRETDB_POSTGRESQL_URL is not set. Start PostgreSQL or set the URL." >&2
        exit 1
      fi
      db="pact_$(date +%s)_$$"
      "${pg_admin[@]}" -c "CREATE DATABASE \"$db\"" >/dev/null
      pg_created=$db
      pg_url="postgres://${PGUSER:-postgres}@127.0.0.1:5432/$db"
    fi
    bin=$(bash "$root/scripts/build-ferretdb.sh")
    "$bin" -addr "127.0.0.1:$port" -postgresql-url "$pg_url" >"$work/ferretdb.out" 2>"$work/ferretdb.log" &
    pids+=($!)
    wait_port 127.0.0.1 "$port" "the embedded FerretDB" "$!"
    echo "services: started the embedded FerretDB 1.24 on PostgreSQL${pg_created:+ (database $pg_created, dropped at the end)} (pid ${pids[-1]}) on 127.0.0.1:$port" >&2
  elif command -v mongod >/dev/null 2>&1; then
    mkdir -p "$data/mongod"
    mongod --dbpath "$data/mongod" --port "$port" --bind_ip 127.0.0.1 >"$work/mongod.log" 2>&1 &
    pids+=($!)
    wait_port 127.0.0.1 "$port" mongod "$!"
    echo "services: started mongod (pid ${pids[-1]}) on 127.0.0.1:$port" >&2
  else
    bin=$(bash "$root/scripts/build-ferretdb.sh")
    mkdir -p "$data/ferretdb"
    "$bin" -addr "127.0.0.1:$port" -dir "$data/ferretdb" >"$work/ferretdb.out" 2>"$work/ferretdb.log" &
    pids+=($!)
    wait_port 127.0.0.1 "$port" "the embedded FerretDB" "$!"
    echo "services: started the embedded FerretDB 1.24 (pid ${pids[-1]}) on 127.0.0.1:$port" >&2
  fi
  export MONGODB_URI="mongodb://127.0.0.1:$port/pact"
fi

set +e
"$@"
status=$?
set -e
exit $status
