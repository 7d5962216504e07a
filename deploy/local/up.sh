#!/usr/bin/env bash
# Start the whole Ledgerline platform locally, without Docker.
#
#   bash deploy/local/up.sh            start servers + services, stay in the foreground; Ctrl-C stops everything
#   bash deploy/local/up.sh --detach   return once everything is healthy (stop later with: bash deploy/local/stack.sh down)
#
# 1. `npm ci` when node_modules is missing or older than package-lock.json
# 2. deploy/local/stack.sh up (PostgreSQL, Redis, Kafka, Elasticsearch)
# 3. every service listed in deploy/platform.json runs as `node dist/services/<name>/main.js`
#    with the stack env (<stack>/env) plus GRPC_PORT; logs and pids under <stack>/services/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${LEDGERLINE_STACK_DIR:-$REPO/.stack}"
SERVICES_DIR="$STACK_DIR/services"
STACK="$REPO/deploy/local/stack.sh"
PLATFORM="${LEDGERLINE_PLATFORM:-$REPO/deploy/platform.json}"
SERVICE_TIMEOUT="${LEDGERLINE_SERVICE_TIMEOUT:-60}"

DETACH=""
for arg in "$@"; do
  case "$arg" in
    --detach | -d) DETACH=1 ;;
    -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "up: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'up: %s\n' "$*"; }
die() { printf 'up: %s\n' "$*" >&2; exit 1; }
rel() { case "$1" in "$REPO"/*) printf '%s' "${1#"$REPO"/}" ;; *) printf '%s' "$1" ;; esac; }

cd "$REPO"

# 1. dependencies --------------------------------------------------------------
bash "$REPO/deploy/local/ensure-deps.sh"

# 2. servers -------------------------------------------------------------------
bash "$STACK" up
# shellcheck disable=SC1091
source "$STACK_DIR/env"

# 3. platform services ---------------------------------------------------------
mapfile -t SERVICES < <(node -e '
  const p = require(process.argv[1]);
  for (const s of p.services ?? []) {
    if (!/^[a-z0-9-]+$/.test(s.name) || !Number.isInteger(s.grpcPort)) throw new Error(`bad service entry ${JSON.stringify(s)}`);
    const env = Object.entries(s.env ?? {}).map(([k, v]) => `${k}=${v}`).join(" ");
    console.log([s.name, s.grpcPort, env].join("\t"));
  }' "$PLATFORM")

declare -A STARTED=()

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_services() {
  local name pid i
  for name in "${!STARTED[@]}"; do
    pid="${STARTED[$name]}"
    kill -TERM "$pid" 2>/dev/null || continue
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$SERVICES_DIR/$name.pid" "$SERVICES_DIR/$name.addr"
    say "$name stopped"
  done
  STARTED=()
}

shutdown() {
  trap - INT TERM
  say "shutting down"
  stop_services
  bash "$STACK" down
  exit "${1:-0}"
}

if ((${#SERVICES[@]})); then
  # Nx caches builds: this is quick when nothing changed, and never runs stale code.
  mkdir -p "$SERVICES_DIR"
  say "building services"
  NX_DAEMON=false npx nx run-many -t build --outputStyle=static >"$SERVICES_DIR/build.log" 2>&1 ||
    die "build failed; see $(rel "$SERVICES_DIR/build.log")"
  trap 'shutdown 130' INT
  trap 'shutdown 143' TERM
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name port extra <<<"$line"
    if pid="$(cat "$SERVICES_DIR/$name.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null; then
      say "$name: stopping the instance left running by a previous up.sh (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      sleep 1
    fi
    port_open "$port" && die "$name: port $port is already in use"
    log="$SERVICES_DIR/$name.log"
    # shellcheck disable=SC2086
    setsid env GRPC_PORT="$port" $extra node "dist/services/$name/main.js" >>"$log" 2>&1 </dev/null &
    STARTED[$name]=$!
    echo "$!" >"$SERVICES_DIR/$name.pid"
    echo "127.0.0.1:$port" >"$SERVICES_DIR/$name.addr"
  done
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name port _ <<<"$line"
    deadline=$((SECONDS + SERVICE_TIMEOUT))
    until node deploy/local/grpc-health.mjs "127.0.0.1:$port" --timeout-ms 1000 2>/dev/null; do
      if ! kill -0 "${STARTED[$name]}" 2>/dev/null || ((SECONDS >= deadline)); then
        printf 'up: %s did not answer its gRPC health check on 127.0.0.1:%s within %ss; see %s\n' \
          "$name" "$port" "$SERVICE_TIMEOUT" "$(rel "$SERVICES_DIR/$name.log")" >&2
        shutdown 1
      fi
      sleep 0.5
    done
  done
  printf '%-20s %-22s %s\n' SERVICE GRPC LOG
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name port _ <<<"$line"
    printf '%-20s %-22s %s\n' "$name" "127.0.0.1:$port" "$(rel "$SERVICES_DIR/$name.log")"
  done
else
  say "no platform services declared in deploy/platform.json yet"
fi

if [[ -n "$DETACH" ]]; then
  say "detached; stop everything with: bash deploy/local/stack.sh down"
  exit 0
fi

trap 'shutdown 130' INT
trap 'shutdown 143' TERM
say "running in the foreground; Ctrl-C stops the services and the stack"
while :; do
  # A service that exits takes the platform down with it (its log says why).
  for name in "${!STARTED[@]}"; do
    if ! kill -0 "${STARTED[$name]}" 2>/dev/null; then
      say "$name exited; see $(rel "$SERVICES_DIR/$name.log")"
      unset "STARTED[$name]"
      shutdown 1
    fi
  done
  sleep 1 &
  wait $! || true
done
