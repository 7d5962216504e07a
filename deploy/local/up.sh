#!/usr/bin/env bash
# Start the whole Ledgerline platform locally, without Docker.
#
#   bash deploy/local/up.sh            start servers + services, stay in the foreground and supervise;
#                                      Ctrl-C (or `npm run down` elsewhere) stops everything
#   bash deploy/local/up.sh --detach   return once everything is healthy (stop later with: bash deploy/local/stack.sh down)
#   bash deploy/local/up.sh --replicas N   N instances of every service (default 1); replica i > 0
#                                      listens on grpcPort + 100*i (and metricsPort + 100*i when
#                                      deploy/platform.json gives one), e.g. accounts on 15051 and
#                                      15151; its log and pid are <stack>/services/<name>.r<i>.*
#
# 1. `npm ci` when node_modules is missing or older than package-lock.json
# 2. deploy/local/stack.sh up (PostgreSQL, Redis, Kafka, Elasticsearch)
# 3. deploy/local/pki.mjs ensure: the development CA, a certificate per service and the JWT
#    signing key under TLS_DIR (default <stack>/pki; a TLS_DIR set by the caller is used as is)
# 4. `platform topics ensure`: every platform topic exists and is served before any service starts;
#    `platform db migrate` as the owner role (ledgerline_owner) migrates every schema and grants
#    each service's role (ledgerline_<service>) what its service needs (if it fails, the services
#    connect as the stack's POSTGRES_URL, as before the roles)
# 5. every service listed in deploy/platform.json runs as `node dist/services/<name>/main.js`
#    with the stack env (<stack>/env), POSTGRES_URL naming its own role (LEDGERLINE_PG_ROLES=0: the
#    stack's), plus GRPC_PORT, METRICS_PORT (its metricsPort), GRPC_TLS (default mtls), TLS_DIR,
#    TLS_IDENTITY=<name>, AUTH_JWKS (default TLS_DIR/jwt/jwks.json) and AUTH_ISSUER/AUTH_AUDIENCE
#    when set; logs and pids under <stack>/services/. <stack>/services/addresses.env lists every
#    service's replicas as <NAME>_ADDRESS=127.0.0.1:port[,127.0.0.1:port…] (ACCOUNTS_ADDRESS,
#    ACCOUNTS_QUERY_ADDRESS…): with --replicas > 1 each service gets them in its environment (the
#    checkout calls accounts, payments and orders round robin) and `platform load` reads them.
#    A service that exits is restarted after 1 s, 2 s, 4 s … (at most 30 s); one that needed
#    LEDGERLINE_CRASH_LOOP_RESTARTS (5) restarts within LEDGERLINE_CRASH_LOOP_WINDOW (60) s is
#    left down as crash-looping while the rest keep running.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${LEDGERLINE_STACK_DIR:-$REPO/.stack}"
SERVICES_DIR="$STACK_DIR/services"
STACK="$REPO/deploy/local/stack.sh"
PLATFORM="${LEDGERLINE_PLATFORM:-$REPO/deploy/platform.json}"
SERVICE_TIMEOUT="${LEDGERLINE_SERVICE_TIMEOUT:-90}"
CRASH_LOOP_RESTARTS="${LEDGERLINE_CRASH_LOOP_RESTARTS:-5}"
CRASH_LOOP_WINDOW="${LEDGERLINE_CRASH_LOOP_WINDOW:-60}"

DETACH=""
REPLICAS=1
while (($#)); do
  case "$1" in
    --detach | -d) DETACH=1 ;;
    --tracing) export LEDGERLINE_TRACING=1 ;; # stack.sh starts Zipkin; <stack>/env points services at it
    --replicas) REPLICAS="${2:-}"; shift ;;
    --replicas=*) REPLICAS="${1#--replicas=}" ;;
    -h | --help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "up: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ "$REPLICAS" =~ ^[1-9]$ ]] || { echo "up: --replicas must be 1 to 9, not '$REPLICAS'" >&2; exit 2; }

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

# 3. key material ---------------------------------------------------------------
# Every service serves mTLS with its own certificate and verifies bearer tokens against the dev
# JWKS; the variables are exported so each service (and the health checks) inherit them.
export TLS_DIR="${TLS_DIR:-$STACK_DIR/pki}"
export GRPC_TLS="${GRPC_TLS:-mtls}"
export AUTH_JWKS="${AUTH_JWKS:-$TLS_DIR/jwt/jwks.json}"
# Rate limits are counted in Redis, so they hold across every replica of a service.
export RATE_LIMIT_REDIS_URL="${RATE_LIMIT_REDIS_URL:-$REDIS_URL}"
node "$REPO/deploy/local/pki.mjs" ensure --dir "$TLS_DIR" --platform "$PLATFORM" ||
  die "could not create the key material in $(rel "$TLS_DIR")"

# 4. platform services ---------------------------------------------------------
# One line per instance: instance name, service, gRPC port, metrics port (or -), extra env.
# Replica 0 is named like its service (as with one replica); replica i > 0 is <name>.r<i> on
# grpcPort + 100*i.
mapfile -t SERVICES < <(node -e '
  const [file, replicas] = process.argv.slice(1);
  const p = require(file);
  for (const s of p.services ?? []) {
    if (!/^[a-z0-9-]+$/.test(s.name) || !Number.isInteger(s.grpcPort)) throw new Error(`bad service entry ${JSON.stringify(s)}`);
    // N replicas share one PostgreSQL: each pool gets about 1/N of the default size of its role
    // (libs/config DEFAULT_POOL_SIZES: command 8, query 6, saga 8) plus one, unless PG_POOL_SIZE is set.
    const shared = Number(replicas) > 1 && !process.env.PG_POOL_SIZE
      ? { PG_POOL_SIZE: Math.ceil(({ command: 8, query: 6, saga: 8 }[s.role] ?? 8) / Number(replicas)) + 1 }
      : {};
    const env = Object.entries({ ...shared, ...s.env }).map(([k, v]) => `${k}=${v}`).join(" ");
    for (let i = 0; i < Number(replicas); i++) {
      const metrics = Number.isInteger(s.metricsPort) && s.metricsPort > 0 ? s.metricsPort + 100 * i : "-";
      console.log([i === 0 ? s.name : `${s.name}.r${i}`, s.name, s.grpcPort + 100 * i, metrics, env].join("\t"));
    }
  }' "$PLATFORM" "$REPLICAS")


declare -A STARTED=()  # instance -> pid of the running process
declare -A PORT=() EXTRA=() SERVICE_OF=() METRICS=()
declare -A RESTARTS=() # name -> SECONDS of its recent restarts, space-separated
declare -A DUE=()      # name -> SECONDS at which it is started again
declare -A CRASH_LOOPING=()
STOPPING=""
ADDRESS_ENV="" # <NAME>_ADDRESS=… of every service's replicas, given to each service when --replicas > 1

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_service() {
  local name="$1" log="$SERVICES_DIR/$1.log" service="${SERVICE_OF[$1]}" metrics=()
  [[ "${METRICS[$name]}" == - ]] || metrics=(METRICS_PORT="${METRICS[$name]}")
  # shellcheck disable=SC2086
  setsid env GRPC_PORT="${PORT[$name]}" "${metrics[@]}" TLS_IDENTITY="$service" $(postgres_env "$service") \
    $ADDRESS_ENV ${EXTRA[$name]} \
    node "dist/services/$service/main.js" >>"$log" 2>&1 </dev/null &
  STARTED[$name]=$!
  echo "$!" >"$SERVICES_DIR/$name.pid"
  echo "127.0.0.1:${PORT[$name]}" >"$SERVICES_DIR/$name.addr"
}

# The URL of a PostgreSQL role: the stack's POSTGRES_URL with the role's name (stack.sh gives
# every role the stack's password).
role_url() {
  local rest="${POSTGRES_URL#*://}" password=""
  local userinfo="${rest%%@*}"
  [[ "$userinfo" != *:* ]] || password=":${userinfo#*:}"
  printf 'postgres://%s%s@%s' "$1" "$password" "${rest#*@}"
}

# A service connects as its own PostgreSQL role (ledgerline_<service>, created by stack.sh;
# ADR 0028) once `platform db migrate` granted that role its privileges; otherwise (or with
# LEDGERLINE_PG_ROLES=0) as the stack's POSTGRES_URL.
GRANTED_ROLES=" "
postgres_env() {
  local role="ledgerline_${1//-/_}"
  [[ "${LEDGERLINE_PG_ROLES:-1}" != 0 && "$GRANTED_ROLES" == *" $role "* ]] || return 0
  printf 'POSTGRES_URL=%s' "$(role_url "$role")"
}

# How a process ended, from its wait status.
describe_status() {
  local status="$1" signal
  if ((status > 128)) && signal="$(kill -l "$((status - 128))" 2>/dev/null)"; then
    printf 'killed by SIG%s' "$signal"
  else
    printf 'exited with status %s' "$status"
  fi
}

# A service that exited is restarted after 1 s, 2 s, 4 s … 30 s (doubling with its restarts in
# the window); after CRASH_LOOP_RESTARTS restarts in CRASH_LOOP_WINDOW seconds it stays down.
supervise() {
  [[ -z "$STOPPING" ]] || return 0
  local name pid status recent t delay
  for name in "${!STARTED[@]}"; do
    pid="${STARTED[$name]}"
    kill -0 "$pid" 2>/dev/null && continue
    status=0
    wait "$pid" 2>/dev/null || status=$?
    [[ -z "$STOPPING" ]] || return 0
    unset "STARTED[$name]"
    rm -f "$SERVICES_DIR/$name.pid"
    recent=""
    for t in ${RESTARTS[$name]:-}; do ((SECONDS - t < CRASH_LOOP_WINDOW)) && recent+="$t "; done
    RESTARTS[$name]="$recent"
    set -- $recent
    say "$name $(describe_status "$status"); last lines of $(rel "$SERVICES_DIR/$name.log"):"
    tail -n 5 "$SERVICES_DIR/$name.log" 2>/dev/null | cut -c1-300 | sed 's/^/    /'
    if (($# >= CRASH_LOOP_RESTARTS)); then
      CRASH_LOOPING[$name]=1
      say "$name is crash-looping ($# restarts in ${CRASH_LOOP_WINDOW}s): left down, the rest keep running"
      continue
    fi
    delay=$((1 << $#))
    ((delay <= 30)) || delay=30
    DUE[$name]=$((SECONDS + delay))
    say "$name: restarting in ${delay}s (restart $(($# + 1)) in the last ${CRASH_LOOP_WINDOW}s)"
  done
  for name in "${!DUE[@]}"; do
    ((SECONDS >= DUE[$name])) || continue
    unset "DUE[$name]"
    RESTARTS[$name]="${RESTARTS[$name]:-}$SECONDS "
    start_service "$name"
    say "$name restarted (pid ${STARTED[$name]})"
  done
}

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
  DUE=()
}

shutdown() {
  trap - INT TERM
  STOPPING=1
  say "shutting down"
  stop_services
  rm -f "$SERVICES_DIR/up.pid"
  bash "$STACK" down
  exit "${1:-0}"
}

# Waits one second without holding off the INT/TERM traps.
tick() {
  sleep 1 &
  wait $! || true
}

if ((${#SERVICES[@]})); then
  # Nx caches builds: this is quick when nothing changed, and never runs stale code. Only the
  # services' bundles: esbuild inlines the libs from their sources, so the libs' own compiled
  # output (`npm run build`, about 100 s on 2 cores) is not needed to run the platform.
  mkdir -p "$SERVICES_DIR"
  say "building services"
  NX_DAEMON=false npx nx run-many -t build --projects='tag:type:service' --outputStyle=static \
    >"$SERVICES_DIR/build.log" 2>&1 ||
    die "build failed; see $(rel "$SERVICES_DIR/build.log")"
  # A cache whose files were deleted by hand can report a bundle as restored that is not there.
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r _ service _ <<<"$line"
    [[ -f "dist/services/$service/main.js" ]] && continue
    say "a cached build left no bundle for $service: building again without the cache"
    NX_DAEMON=false npx nx run-many -t build --projects='tag:type:service' --skip-nx-cache \
      --outputStyle=static >>"$SERVICES_DIR/build.log" 2>&1 ||
      die "build failed; see $(rel "$SERVICES_DIR/build.log")"
    break
  done
  # Topics are created once, here, so services starting together never race to create them.
  say "ensuring Kafka topics"
  node dist/services/platform-cli/main.js topics ensure >"$SERVICES_DIR/topics.log" 2>&1 ||
    die "could not provision the Kafka topics; see $(rel "$SERVICES_DIR/topics.log")"
  # Schemas are migrated once, here, as their owner, which grants each service's role what it
  # needs: the services themselves may not change a schema (ADR 0028).
  # Should that fail (schemas another role made before the roles existed), the services connect
  # as the stack's POSTGRES_URL and migrate at start as before.
  say "migrating the schemas"
  if POSTGRES_URL="$(role_url ledgerline_owner)" node dist/services/platform-cli/main.js db migrate \
    >"$SERVICES_DIR/migrate.log" 2>&1; then
    GRANTED_ROLES=" $(sed -n 's/^granted: //p' "$SERVICES_DIR/migrate.log" | tr -d ,) "
  else
    say "could not migrate as the owner (see $(rel "$SERVICES_DIR/migrate.log"); README, Least privilege):" \
      "the services connect as the stack's POSTGRES_URL"
  fi
  trap 'shutdown 130' INT
  trap 'shutdown 143' TERM
  # Every service's replicas, for clients: the dependants' environment (round robin) when there
  # are several, and addresses.env for `platform load` and scripts.
  declare -A REPLICA_ADDRESSES=()
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name service port _ _ <<<"$line"
    REPLICA_ADDRESSES[$service]+="${REPLICA_ADDRESSES[$service]:+,}127.0.0.1:$port"
  done
  ADDRESS_ENV=""
  : >"$SERVICES_DIR/addresses.env.tmp"
  for service in "${!REPLICA_ADDRESSES[@]}"; do
    variable="$(printf '%s_ADDRESS' "$service" | tr 'a-z-' 'A-Z_')"
    echo "export $variable=${REPLICA_ADDRESSES[$service]}" >>"$SERVICES_DIR/addresses.env.tmp"
    ((REPLICAS == 1)) || ADDRESS_ENV+="$variable=${REPLICA_ADDRESSES[$service]} "
  done
  sort -o "$SERVICES_DIR/addresses.env" "$SERVICES_DIR/addresses.env.tmp" && rm -f "$SERVICES_DIR/addresses.env.tmp"
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name service port metrics extra <<<"$line"
    PORT[$name]="$port"
    SERVICE_OF[$name]="$service"
    METRICS[$name]="$metrics"
    EXTRA[$name]="$extra"
    if pid="$(cat "$SERVICES_DIR/$name.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null; then
      say "$name: stopping the instance left running by a previous up.sh (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      sleep 1
    fi
    port_open "$port" && die "$name: port $port is already in use"
    start_service "$name"
  done
  # Health: every service must answer SERVING within SERVICE_TIMEOUT; one that exits meanwhile
  # is restarted like any other, so a slow or flaky first start does not stop the rest.
  declare -A HEALTHY=()
  deadline=$((SECONDS + SERVICE_TIMEOUT))
  while ((${#HEALTHY[@]} < ${#SERVICES[@]})) && ((SECONDS < deadline)); do
    for line in "${SERVICES[@]}"; do
      IFS=$'\t' read -r name _ port _ <<<"$line"
      [[ -z "${HEALTHY[$name]:-}" && -n "${STARTED[$name]:-}" ]] || continue
      node deploy/local/grpc-health.mjs "127.0.0.1:$port" --timeout-ms 1000 2>/dev/null && HEALTHY[$name]=1
    done
    supervise
    ((${#HEALTHY[@]} < ${#SERVICES[@]})) && tick
  done
  unhealthy=()
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name _ port _ <<<"$line"
    [[ -n "${HEALTHY[$name]:-}" ]] || unhealthy+=("$name (127.0.0.1:$port, log $(rel "$SERVICES_DIR/$name.log"))")
  done
  if ((${#unhealthy[@]})); then
    printf 'up: not healthy within %ss: %s\n' "$SERVICE_TIMEOUT" "${unhealthy[*]}" >&2
    [[ -z "$DETACH" ]] || shutdown 1
    say "still supervising; the services above may yet come up"
  fi
  printf '%-20s %-22s %s\n' SERVICE GRPC LOG
  for line in "${SERVICES[@]}"; do
    IFS=$'\t' read -r name _ port _ <<<"$line"
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
# `stack.sh down` (npm run down) signals this pid first, so nothing is restarted while it stops.
echo "$$" >"$SERVICES_DIR/up.pid"
say "running in the foreground, restarting services that exit; Ctrl-C stops the services and the stack"
while :; do
  supervise
  tick
done
