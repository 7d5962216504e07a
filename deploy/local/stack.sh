#!/usr/bin/env bash
# Ledgerline local infrastructure without Docker (see docs/adr/0003-local-stack-without-docker.md).
#
#   bash deploy/local/stack.sh up       start (or reuse) PostgreSQL, Redis, Kafka 3.9.1 (KRaft), Elasticsearch 8.19.2,
#                                       and Prometheus scraping the platform's services (deploy/local/prometheus.sh)
#   bash deploy/local/stack.sh up --tracing   the same and Zipkin (traces; or LEDGERLINE_TRACING=1)
#   bash deploy/local/stack.sh down     stop what `up` started (and platform services started by up.sh)
#   bash deploy/local/stack.sh down --services   stop only the platform services (every replica)
#                                       started by up.sh; the servers keep running
#   bash deploy/local/stack.sh status   one line per server: name, address, up/down, started-by-us/external
#   bash deploy/local/stack.sh env      print the platform environment as `export` lines
#   bash deploy/local/stack.sh stop kafka|elasticsearch    stop one server that `up` started (fault tests)
#   bash deploy/local/stack.sh start kafka|elasticsearch   start it again and wait until it is healthy
#
# Everything (binaries, data, logs, pid files) lives under ${LEDGERLINE_STACK_DIR:-<repo>/.stack}.
# Ports: LEDGERLINE_{PG,REDIS,KAFKA,KAFKA_CONTROLLER,ES,ES_TRANSPORT}_PORT.
# Heaps: LEDGERLINE_KAFKA_HEAP (default 1g, -Xms512m), LEDGERLINE_ES_HEAP (default 1g).
# Waits: LEDGERLINE_{KAFKA,ES,PG,REDIS}_TIMEOUT (90/120/30/15 s), LEDGERLINE_STOP_TIMEOUT (30 s).
# JDK: the first Java 17+ among LEDGERLINE_JAVA_HOME, JAVA_HOME, `java` on PATH, /usr/lib/jvm/*.
# Missing PostgreSQL, Redis, JDK 17 or Maven are installed from Debian when run as root with apt-get.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${LEDGERLINE_STACK_DIR:-$REPO/.stack}"
HOST=127.0.0.1

PG_PORT="${LEDGERLINE_PG_PORT:-5432}"
REDIS_PORT="${LEDGERLINE_REDIS_PORT:-6379}"
KAFKA_PORT="${LEDGERLINE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${LEDGERLINE_KAFKA_CONTROLLER_PORT:-9093}"
ES_PORT="${LEDGERLINE_ES_PORT:-9200}"
ES_TRANSPORT_PORT="${LEDGERLINE_ES_TRANSPORT_PORT:-9300}"

KAFKA_TIMEOUT="${LEDGERLINE_KAFKA_TIMEOUT:-90}"
ES_TIMEOUT="${LEDGERLINE_ES_TIMEOUT:-120}"
PG_TIMEOUT="${LEDGERLINE_PG_TIMEOUT:-30}"
REDIS_TIMEOUT="${LEDGERLINE_REDIS_TIMEOUT:-15}"
STOP_TIMEOUT="${LEDGERLINE_STOP_TIMEOUT:-30}"

PG_USER=ledgerline PG_PASSWORD=ledgerline PG_DB=ledgerline
PG_OWNER=ledgerline_owner # owns the platform's schemas; migrations run as it (ADR 0028)
ES_USER=ledgerline-es

KAFKA_POM="$REPO/deploy/local/kafka/pom.xml"
ES_POM="$REPO/deploy/local/elasticsearch/pom.xml"
HEALTH="$REPO/deploy/local/health.mjs"

KAFKA_DIR="$STACK_DIR/kafka"
ES_DIR="$STACK_DIR/elasticsearch"
PG_DIR="$STACK_DIR/postgres"
REDIS_DIR="$STACK_DIR/redis"
SERVICES_DIR="$STACK_DIR/services"
# shellcheck source=deploy/local/zipkin.sh
source "$REPO/deploy/local/zipkin.sh"

# Show paths relative to the repo when they are inside it (shorter messages).
rel() { case "$1" in "$REPO"/*) printf '%s' "${1#"$REPO"/}" ;; *) printf '%s' "$1" ;; esac; }
say() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }
# The one-line failure message required for every wait: server, address, timeout, log.
not_ready() { die "$1 did not become ready on $2 within ${3}s; see $(rel "$4")"; }

# ---------------------------------------------------------------------------- env

platform_env() {
  cat <<EOF
export POSTGRES_URL=postgres://$PG_USER:$PG_PASSWORD@$HOST:$PG_PORT/$PG_DB
export REDIS_URL=redis://$HOST:$REDIS_PORT
export KAFKA_BROKERS=$HOST:$KAFKA_PORT
export ELASTICSEARCH_URL=http://$HOST:$ES_PORT
EOF
  zipkin_env
}

# ---------------------------------------------------------------------------- helpers

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# pid from a pid file when that process is alive and its command line contains $2.
live_pid() {
  local file="$1" needle="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(tr -dc '0-9' <"$file")"
  pid_alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$needle" || return 1
  printf '%s' "$pid"
}

have_node_modules() { [[ -d "$REPO/node_modules/kafkajs" ]]; }

# health <kafka|elasticsearch|postgres|redis> <timeout-seconds> <log-file>
health() {
  local target="$1" timeout="$2" log="$3"
  case "$target" in
    kafka)
      if have_node_modules; then
        KAFKA_BROKERS="$HOST:$KAFKA_PORT" node "$HEALTH" kafka --timeout "$timeout" 2>>"$log"
      else
        # Without node_modules (before `npm ci`) fall back to: port open + broker log says started.
        local deadline=$((SECONDS + timeout))
        while :; do
          port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_DIR/kafka.log" 2>/dev/null && return 0
          ((SECONDS >= deadline)) && return 1
          sleep 1
        done
      fi
      ;;
    elasticsearch)
      local deadline=$((SECONDS + timeout))
      while :; do
        if curl -fsS -m 5 "http://$HOST:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>>"$log"; then
          return 0
        fi
        ((SECONDS >= deadline)) && return 1
        sleep 1
      done
      ;;
    postgres)
      local deadline=$((SECONDS + timeout))
      until pg_isready -q -h "$HOST" -p "$PG_PORT" 2>>"$log"; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.5
      done
      ;;
    redis)
      local deadline=$((SECONDS + timeout))
      until [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>>"$log")" == PONG ]]; do
        ((SECONDS >= deadline)) && return 1
        sleep 0.5
      done
      ;;
  esac
}

# Start "$@" detached from this shell (own session, stdin closed), write its pid to $1.
spawn() {
  local pidfile="$1" log="$2"
  shift 2
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" >>"$log" 2>&1 </dev/null 9>&- &
  local i
  for i in $(seq 1 50); do [[ -s "$pidfile" ]] && return 0; sleep 0.1; done
  return 1
}

# stop_pid <name> <pid>: SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    pid_alive "$pid" || { say "$name stopped (pid $pid)"; return 0; }
    sleep 0.2
  done
  say "$name did not stop within ${STOP_TIMEOUT}s; sending SIGKILL to pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
}

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed${2:+ ($2)}"; }

apt_install() {
  need apt-get
  say "installing Debian packages: $* (log: $(rel "$STACK_DIR/apt.log"))"
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
  } >>"$STACK_DIR/apt.log" 2>&1 9>&- || die "apt-get install $* failed; see $(rel "$STACK_DIR/apt.log")"
}

# A JDK >= 17 for Kafka and Elasticsearch (ES 8.19 needs 17+). Honours LEDGERLINE_JAVA_HOME / JAVA_HOME.
find_java_home() {
  local cand v
  for cand in "${LEDGERLINE_JAVA_HOME:-}" "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
    /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*; do
    [[ -n "$cand" && -x "$cand/bin/java" ]] || continue
    v="$("$cand/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [[ "$v" =~ ^[0-9]+$ ]] && ((v >= 17)) && { printf '%s' "$cand"; return 0; }
  done
  return 1
}

# apt-get may install what is missing: as root on a Debian-like system.
can_apt() { [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; }

# Before anything runs Java: install a JDK 17 from Debian when none is found and apt-get may.
ensure_jdk() {
  [[ -z "$JAVA_HOME_FOUND" ]] || return 0
  JAVA_HOME_FOUND="$(find_java_home)" && return 0
  can_apt || die "no Java 17+ JDK found (set LEDGERLINE_JAVA_HOME, or apt-get install openjdk-17-jdk-headless)"
  apt_install openjdk-17-jdk-headless
  JAVA_HOME_FOUND="$(find_java_home)" || die "no Java 17+ JDK found after installing openjdk-17-jdk-headless; see $(rel "$STACK_DIR/apt.log")"
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  can_apt || die "mvn is required but not installed (apt-get install maven)"
  apt_install maven
  need mvn "apt-get install maven"
}

JAVA_HOME_FOUND=""
java_home() {
  if [[ -z "$JAVA_HOME_FOUND" ]]; then
    JAVA_HOME_FOUND="$(find_java_home)" ||
      die "no Java 17+ JDK found (set LEDGERLINE_JAVA_HOME, or apt-get install openjdk-17-jdk-headless)"
  fi
  printf '%s' "$JAVA_HOME_FOUND"
}

# ---------------------------------------------------------------------------- postgres

psql_admin() {
  # Superuser access: trust over TCP as postgres, else peer auth over the socket as the postgres OS user.
  if psql -h "$HOST" -p "$PG_PORT" -U postgres -d postgres -w -tAc 'SELECT 1' >/dev/null 2>&1; then
    psql -h "$HOST" -p "$PG_PORT" -U postgres -d postgres -w -v ON_ERROR_STOP=1 -q "$@"
  elif id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -q "$@"
  else
    return 1
  fi
}

pg_cluster_for_port() {
  # "<version> <name>" of an installed Debian cluster configured for $PG_PORT.
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }' | grep .
}

postgres_up() {
  mkdir -p "$PG_DIR"
  local log="$PG_DIR/stack.log" cluster
  if pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null; then
    [[ -f "$PG_DIR/started-by-stack" ]] || say "postgres: using the server already listening on $HOST:$PG_PORT"
  else
    if ! cluster="$(pg_cluster_for_port)"; then
      command -v pg_lsclusters >/dev/null 2>&1 || apt_install postgresql
      cluster="$(pg_cluster_for_port)" ||
        die "postgres: no Debian cluster configured for port $PG_PORT (see pg_lsclusters); create one with pg_createcluster"
    fi
    say "postgres: starting cluster $cluster"
    # shellcheck disable=SC2086
    pg_ctlcluster --skip-systemctl-redirect $cluster start >>"$log" 2>&1 9>&- ||
      not_ready postgres "$HOST:$PG_PORT" 0 "$log"
    echo "$cluster" >"$PG_DIR/started-by-stack"
    health postgres "$PG_TIMEOUT" "$log" || not_ready postgres "$HOST:$PG_PORT" "$PG_TIMEOUT" "/var/log/postgresql/postgresql-${cluster// /-}.log"
  fi
  # Provision role + database (idempotent).
  psql_admin >>"$log" 2>&1 <<SQL || die "postgres: could not provision role/database $PG_DB as superuser; see $(rel "$log")"
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSIF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER' AND rolcanlogin AND rolcreatedb) THEN
    ALTER ROLE $PG_USER LOGIN CREATEDB;
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL
  local services
  services="$(platform_services)" || die "postgres: could not read the services of $(rel "${LEDGERLINE_PLATFORM:-$REPO/deploy/platform.json}")"
  # shellcheck disable=SC2086
  postgres_roles $services || die "postgres: could not create the platform's roles; see $(rel "$log")"
}

# The services deploy/platform.json declares, one name a line.
platform_services() {
  node -e 'for (const s of require(process.argv[1]).services ?? []) console.log(s.name)' \
    "${LEDGERLINE_PLATFORM:-$REPO/deploy/platform.json}"
}

# postgres_roles <service>...: the owner role, which migrations run as, and one login role per
# service (ledgerline_<service>, dashes as underscores) that `platform db migrate` grants exactly
# what the service does (docs/adr/0028-least-privilege-in-the-stores.md). Idempotent. $PG_USER
# (tests, operators' psql) is a member of the owner, so it reads and repairs what the owner made.
postgres_roles() {
  local roles="'$PG_OWNER'" name
  for name in "$@"; do
    [[ "$name" =~ ^[a-z0-9-]+$ ]] || die "postgres: bad service name '$name'"
    roles+=", 'ledgerline_${name//-/_}'"
  done
  psql_admin >>"$PG_DIR/stack.log" 2>&1 <<SQL
DO \$\$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY[$roles] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, '$PG_PASSWORD');
    END IF;
  END LOOP;
END
\$\$;
GRANT CONNECT, CREATE ON DATABASE $PG_DB TO $PG_OWNER;
SELECT format('GRANT %I TO %I', '$PG_OWNER', '$PG_USER')
 WHERE NOT pg_has_role('$PG_USER', '$PG_OWNER', 'MEMBER')\gexec
SQL
}

postgres_down() {
  [[ -f "$PG_DIR/started-by-stack" ]] || return 0
  local cluster
  cluster="$(cat "$PG_DIR/started-by-stack")"
  say "postgres: stopping cluster $cluster (started by up)"
  # shellcheck disable=SC2086
  pg_ctlcluster --skip-systemctl-redirect $cluster stop -m fast >>"$PG_DIR/stack.log" 2>&1 || true
  rm -f "$PG_DIR/started-by-stack"
}

# ---------------------------------------------------------------------------- redis

redis_up() {
  mkdir -p "$REDIS_DIR"
  local log="$REDIS_DIR/redis.log"
  if command -v redis-cli >/dev/null 2>&1 && [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; then
    [[ -f "$REDIS_DIR/started-by-stack" ]] || say "redis: using the server already listening on $HOST:$REDIS_PORT"
    return 0
  fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  # The Debian package may have started its own instance on install.
  if [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; then return 0; fi
  say "redis: starting redis-server on $HOST:$REDIS_PORT"
  redis-server --daemonize yes --bind "$HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --logfile "$log" --pidfile "$REDIS_DIR/redis.pid" >>"$log" 2>&1 9>&- ||
    not_ready redis "$HOST:$REDIS_PORT" 0 "$log"
  echo "redis-server" >"$REDIS_DIR/started-by-stack"
  health redis "$REDIS_TIMEOUT" "$log" || not_ready redis "$HOST:$REDIS_PORT" "$REDIS_TIMEOUT" "$log"
}

redis_down() {
  [[ -f "$REDIS_DIR/started-by-stack" ]] || return 0
  say "redis: stopping $HOST:$REDIS_PORT (started by up)"
  redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  local pid
  if pid="$(live_pid "$REDIS_DIR/redis.pid" redis-server)"; then stop_pid redis "$pid"; fi
  rm -f "$REDIS_DIR/started-by-stack" "$REDIS_DIR/redis.pid"
}

# ---------------------------------------------------------------------------- kafka

kafka_version() { sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -1; }

kafka_libs() {
  local lib="$KAFKA_DIR/lib" stamp
  stamp="$(sha256sum "$KAFKA_POM" | cut -c1-16)"
  if [[ -f "$lib/.stamp" && "$(cat "$lib/.stamp")" == "$stamp" ]]; then return 0; fi
  ensure_maven
  say "kafka: resolving Kafka $(kafka_version) jars with Maven into $(rel "$lib")"
  rm -rf "$lib"
  mkdir -p "$lib"
  mvn -q -B -Dstyle.color=never -f "$KAFKA_POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$lib" >>"$KAFKA_DIR/maven.log" 2>&1 ||
    die "kafka: Maven could not resolve the broker jars; see $(rel "$KAFKA_DIR/maven.log")"
  echo "$stamp" >"$lib/.stamp"
}

kafka_config() {
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  cat >"$KAFKA_DIR/server.properties" <<EOF
# Generated by deploy/local/stack.sh on every \`up\`; edit the script, not this file.
# Single-node KRaft: this process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$KAFKA_DIR/data

# Topics are created explicitly by the platform (migrations/tests), never implicitly.
auto.create.topics.enable=false
num.partitions=3
default.replication.factor=1
min.insync.replicas=1

# Internal topics on a single node: RF 1, few partitions for a fast first start.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10

# Fast consumer-group turnaround for tests.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000

num.network.threads=3
num.io.threads=4
log.retention.hours=168
log.segment.bytes=1073741824
EOF
  cat >"$KAFKA_DIR/log4j.properties" <<EOF
# reload4j (log4j 1.x API) configuration for the local broker. Generated by deploy/local/stack.sh.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$KAFKA_DIR/kafka.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.kafka.controller=INFO
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
log4j.logger.org.apache.kafka.clients.NetworkClient=WARN
EOF
}

kafka_java() {
  local jh
  jh="$(java_home)"
  "$jh/bin/java" -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$KAFKA_DIR/lib/*" "$@"
}

kafka_format() {
  [[ -f "$KAFKA_DIR/data/meta.properties" ]] && return 0
  if [[ ! -s "$KAFKA_DIR/cluster-id" ]]; then
    kafka_java kafka.tools.StorageTool random-uuid 2>>"$KAFKA_DIR/format.log" | tail -1 | tr -d '[:space:]' >"$KAFKA_DIR/cluster-id.tmp"
    [[ -s "$KAFKA_DIR/cluster-id.tmp" ]] || die "kafka: could not generate a cluster id; see $(rel "$KAFKA_DIR/format.log")"
    mv "$KAFKA_DIR/cluster-id.tmp" "$KAFKA_DIR/cluster-id"
  fi
  say "kafka: formatting KRaft storage (cluster id $(cat "$KAFKA_DIR/cluster-id"))"
  kafka_java kafka.tools.StorageTool format -t "$(cat "$KAFKA_DIR/cluster-id")" -c "$KAFKA_DIR/server.properties" \
    >>"$KAFKA_DIR/format.log" 2>&1 || die "kafka: formatting the KRaft storage failed; see $(rel "$KAFKA_DIR/format.log")"
}

KAFKA_STARTED=""
kafka_start() {
  mkdir -p "$KAFKA_DIR"
  local pid
  if pid="$(live_pid "$KAFKA_DIR/kafka.pid" kafka.Kafka)"; then
    return 0 # ours, running (or still starting): kafka_wait checks it
  fi
  rm -f "$KAFKA_DIR/kafka.pid"
  if port_open "$KAFKA_PORT"; then
    if health kafka 5 "$KAFKA_DIR/health.log"; then
      say "kafka: using the broker already listening on $HOST:$KAFKA_PORT (not started by this stack)"
      return 0
    fi
    die "kafka: port $KAFKA_PORT is taken by a process that is not a healthy Kafka broker (try: ss -ltnp 'sport = :$KAFKA_PORT')"
  fi
  ensure_jdk
  kafka_libs
  kafka_config
  kafka_format
  local jh
  jh="$(java_home)"
  say "kafka: starting Kafka $(kafka_version) (KRaft) on $HOST:$KAFKA_PORT"
  spawn "$KAFKA_DIR/kafka.pid" "$KAFKA_DIR/kafka.out" \
    "$jh/bin/java" -Xms512m "-Xmx${LEDGERLINE_KAFKA_HEAP:-1g}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_DIR/log4j.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$KAFKA_DIR/lib/*" kafka.Kafka "$KAFKA_DIR/server.properties" ||
    not_ready kafka "$HOST:$KAFKA_PORT" 0 "$KAFKA_DIR/kafka.out"
  KAFKA_STARTED=1
}

kafka_wait() {
  local log="$KAFKA_DIR/kafka.log" deadline=$((SECONDS + KAFKA_TIMEOUT))
  if [[ -z "$KAFKA_STARTED" ]]; then
    health kafka "$KAFKA_TIMEOUT" "$KAFKA_DIR/health.log" && return 0
  else
    while :; do
      health kafka 2 "$KAFKA_DIR/health.log" && return 0
      # Fail fast when the broker we just launched has already exited (bad config, port in use, ...).
      if ! live_pid "$KAFKA_DIR/kafka.pid" kafka.Kafka >/dev/null; then
        # If the JVM died before log4j was set up, its stderr (kafka.out) is the useful log.
        [[ -s "$KAFKA_DIR/kafka.out" ]] && log="$KAFKA_DIR/kafka.out"
        rm -f "$KAFKA_DIR/kafka.pid"
        die "kafka exited before becoming ready on $HOST:$KAFKA_PORT; see $(rel "$log")"
      fi
      ((SECONDS >= deadline)) && break
    done
  fi
  not_ready kafka "$HOST:$KAFKA_PORT" "$KAFKA_TIMEOUT" "$log"
}

kafka_down() {
  local pid
  if pid="$(live_pid "$KAFKA_DIR/kafka.pid" kafka.Kafka)"; then
    stop_pid kafka "$pid"
  fi
  rm -f "$KAFKA_DIR/kafka.pid"
}

# ---------------------------------------------------------------------------- elasticsearch

es_version() { sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$ES_POM" | head -1; }
ES_HOME="" # set by es_install / es_home
es_home() { ES_HOME="$ES_DIR/dist/elasticsearch-$(es_version)"; }

es_user() {
  id "$ES_USER" >/dev/null 2>&1 && return 0
  [[ $EUID -eq 0 ]] || die "elasticsearch: refuses to run as root and user $ES_USER does not exist; run up once as root"
  say "elasticsearch: creating system user $ES_USER (Elasticsearch refuses to run as root)"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --user-group "$ES_USER"
}

es_install() {
  es_home
  local stamp="$ES_DIR/dist/.installed-$(es_version)"
  [[ -f "$stamp" && -x "$ES_HOME/bin/elasticsearch" ]] && return 0
  ensure_maven
  mkdir -p "$ES_DIR/dist"
  say "elasticsearch: resolving Elasticsearch $(es_version) (integ-test-zip) with Maven"
  rm -rf "$ES_DIR/dist/zip" "$ES_HOME"
  mvn -q -B -Dstyle.color=never -f "$ES_POM" dependency:copy-dependencies -DincludeTypes=zip -DexcludeTransitive=true \
    -DoutputDirectory="$ES_DIR/dist/zip" >>"$ES_DIR/maven.log" 2>&1 ||
    die "elasticsearch: Maven could not resolve the distribution; see $(rel "$ES_DIR/maven.log")"
  local zip
  zip="$(ls "$ES_DIR"/dist/zip/elasticsearch-*.zip | head -1)"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$ES_DIR/dist"
  else
    (cd "$ES_DIR/dist" && "$(java_home)/bin/jar" xf "$zip") && chmod -R u+x,g+x,o+x "$ES_HOME/bin"
  fi
  rm -rf "$ES_DIR/dist/zip"
  [[ -x "$ES_HOME/bin/elasticsearch" ]] || die "elasticsearch: unpacking $zip did not produce $ES_HOME/bin/elasticsearch"
  touch "$stamp"
}

es_config() {
  mkdir -p "$ES_DIR/data" "$ES_DIR/logs" "$ES_DIR/tmp" "$ES_DIR/run"
  cat >"$ES_HOME/config/elasticsearch.yml" <<EOF
# Generated by deploy/local/stack.sh on every \`up\`; edit the script, not this file.
cluster.name: ledgerline
node.name: ledgerline-1
discovery.type: single-node
network.host: $HOST
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
path.data: $ES_DIR/data
path.logs: $ES_DIR/logs
xpack.security.enabled: false
action.destructive_requires_name: false
# Work on nearly full developer disks: never block writes on disk watermarks.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  # Keep JVM side files (GC log, heap dumps, crash files) in the stack folder, not relative to the cwd.
  cat >"$ES_HOME/config/jvm.options.d/ledgerline.options" <<EOF
-Xlog:disable
-Xlog:all=warning:stderr:utctime,level,tags
-Xlog:gc*,gc+age=trace,safepoint:file=$ES_DIR/logs/gc.log:utctime,level,pid,tags:filecount=4,filesize=16m
-XX:HeapDumpPath=$ES_DIR/data
-XX:ErrorFile=$ES_DIR/logs/hs_err_pid%p.log
EOF
  [[ $EUID -eq 0 ]] || return 0 # not root: Elasticsearch simply runs as the current user
  chown -R "$ES_USER:" "$ES_DIR"
  # Elasticsearch runs as $ES_USER: every directory above its folder must be traversable.
  local d="$ES_DIR"
  while d="$(dirname "$d")"; [[ "$d" != / ]]; do
    if ! runuser -u "$ES_USER" -- test -x "$d" 2>/dev/null; then
      say "elasticsearch: granting o+x on $d so $ES_USER can reach $(rel "$ES_DIR")"
      chmod o+x "$d"
    fi
  done
}

ES_STARTED=""
es_start() {
  mkdir -p "$ES_DIR"
  if live_pid "$ES_DIR/run/elasticsearch.pid" org.elasticsearch >/dev/null; then return 0; fi
  if port_open "$ES_PORT"; then
    if health elasticsearch 5 "$ES_DIR/health.log"; then
      say "elasticsearch: using the node already listening on $HOST:$ES_PORT (not started by this stack)"
      return 0
    fi
    die "elasticsearch: port $ES_PORT is taken by a process that is not a healthy Elasticsearch (try: ss -ltnp 'sport = :$ES_PORT')"
  fi
  rm -f "$ES_DIR/run/elasticsearch.pid"
  [[ $EUID -ne 0 ]] || es_user
  ensure_jdk
  es_install
  es_config
  local jh
  jh="$(java_home)"
  say "elasticsearch: starting Elasticsearch $(es_version) on $HOST:$ES_PORT"
  # `-d` daemonizes once the node has started and writes the server pid to -p.
  # The launcher runs in the background so that the readiness wait below owns the timeout.
  (
    cd "$ES_HOME"
    as_es=()
    [[ $EUID -ne 0 ]] || as_es=(runuser -u "$ES_USER" --)
    setsid "${as_es[@]}" env ES_JAVA_HOME="$jh" ES_JAVA_OPTS="-Xms${LEDGERLINE_ES_HEAP:-1g} -Xmx${LEDGERLINE_ES_HEAP:-1g}" \
      ES_TMPDIR="$ES_DIR/tmp" "$ES_HOME/bin/elasticsearch" -d -p "$ES_DIR/run/elasticsearch.pid" \
      >>"$ES_DIR/logs/startup.log" 2>&1 </dev/null 9>&- &
    echo $! >"$ES_DIR/run/launcher.pid"
  )
  ES_STARTED=1
}

es_wait() {
  local log="$ES_DIR/logs/ledgerline.log" deadline=$((SECONDS + ES_TIMEOUT)) launcher
  launcher="$(cat "$ES_DIR/run/launcher.pid" 2>/dev/null || true)"
  while :; do
    health elasticsearch 0 "$ES_DIR/health.log" && return 0
    # Fail fast when the launcher exited without leaving a running node behind.
    if [[ -n "$ES_STARTED" ]] && ! pid_alive "$launcher" && ! live_pid "$ES_DIR/run/elasticsearch.pid" org.elasticsearch >/dev/null; then
      [[ -s "$log" ]] || log="$ES_DIR/logs/startup.log"
      die "elasticsearch exited before becoming ready on $HOST:$ES_PORT; see $(rel "$log")"
    fi
    ((SECONDS >= deadline)) && break
    sleep 1
  done
  [[ -s "$log" ]] || log="$ES_DIR/logs/startup.log"
  not_ready elasticsearch "$HOST:$ES_PORT" "$ES_TIMEOUT" "$log"
}

es_down() {
  local pid
  if pid="$(live_pid "$ES_DIR/run/elasticsearch.pid" org.elasticsearch)"; then
    stop_pid elasticsearch "$pid"
  fi
  rm -f "$ES_DIR/run/elasticsearch.pid" "$ES_DIR/run/launcher.pid"
}

# ---------------------------------------------------------------------------- platform services (up.sh)

services_down() {
  local f pid name
  # A foreground up.sh supervises the services: told first, it restarts none of them.
  if pid="$(live_pid "$SERVICES_DIR/up.pid" up.sh)"; then
    say "stopping the supervising up.sh (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  fi
  for f in "$SERVICES_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if pid="$(live_pid "$f" "dist/services/$(service_of "$name")/main.js")"; then stop_pid "$name" "$pid"; fi
    rm -f "$f" "$SERVICES_DIR/$name.addr"
  done
}

# The service an up.sh instance runs: replica i > 0 of accounts is accounts.r<i>.
service_of() { printf '%s' "${1%.r[0-9]*}"; }

# ---------------------------------------------------------------------------- prometheus

# shellcheck source=deploy/local/prometheus.sh
source "$REPO/deploy/local/prometheus.sh"

# ---------------------------------------------------------------------------- commands

ensure_stack_dir() {
  mkdir -p "$STACK_DIR"
  # Serialises concurrent up/down. Every long-lived child is started with `9>&-` so it
  # does not inherit (and hold) the lock.
  exec 9>"$STACK_DIR/stack.lock"
  flock -w 300 9 || die "another stack.sh is holding $(rel "$STACK_DIR/stack.lock") for more than 300s"
}

print_table() {
  printf '%-14s %-22s %s\n' SERVER ADDRESS ENV
  printf '%-14s %-22s %s\n' postgres "$HOST:$PG_PORT" "POSTGRES_URL=postgres://$PG_USER:***@$HOST:$PG_PORT/$PG_DB"
  printf '%-14s %-22s %s\n' redis "$HOST:$REDIS_PORT" "REDIS_URL=redis://$HOST:$REDIS_PORT"
  printf '%-14s %-22s %s\n' kafka "$HOST:$KAFKA_PORT" "KAFKA_BROKERS=$HOST:$KAFKA_PORT"
  printf '%-14s %-22s %s\n' elasticsearch "$HOST:$ES_PORT" "ELASTICSEARCH_URL=http://$HOST:$ES_PORT"
  ! prometheus_enabled || printf '%-14s %-22s %s\n' prometheus "$HOST:$PROM_PORT" "http://$HOST:$PROM_PORT/alerts (promtool: $(rel "$PROMTOOL"))"
  printf 'env file: %s  (source it: . %s)\n' "$(rel "$STACK_DIR/env")" "$(rel "$STACK_DIR/env")"
}

cmd_up() {
  ensure_stack_dir
  need node
  need curl
  local t0=$SECONDS
  # JVM servers start in parallel; PostgreSQL and Redis are provisioned meanwhile.
  kafka_start
  es_start
  if tracing_on; then zipkin_start; fi
  postgres_up
  redis_up
  prometheus_start
  kafka_wait
  es_wait
  if tracing_on; then zipkin_wait; fi
  prometheus_wait
  platform_env >"$STACK_DIR/env.tmp" && mv "$STACK_DIR/env.tmp" "$STACK_DIR/env"
  say "ready in $((SECONDS - t0))s"
  print_table
}

cmd_down() {
  ensure_stack_dir
  if [[ "${1:-}" == --services ]]; then
    # A foreground up.sh that is told to stop takes the servers down with it.
    ! live_pid "$SERVICES_DIR/up.pid" up.sh >/dev/null ||
      die "a foreground up.sh supervises the services; stop it (Ctrl-C) or use: stack.sh down"
    services_down
    return 0
  fi
  services_down
  prometheus_down
  kafka_down
  es_down
  zipkin_down
  redis_down
  postgres_down
}

status_line() {
  local name="$1" addr="$2" state="$3" owner="$4"
  printf '%-14s %-22s %-5s %s\n' "$name" "$addr" "$state" "$owner"
}

cmd_status() {
  mkdir -p "$STACK_DIR"
  local state owner log=/dev/null
  # kafka
  if port_open "$KAFKA_PORT" && health kafka 0 "$log" 2>/dev/null; then state=up; else state=down; fi
  if live_pid "$KAFKA_DIR/kafka.pid" kafka.Kafka >/dev/null; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; else owner=-; fi
  status_line kafka "$HOST:$KAFKA_PORT" "$state" "$owner"
  # elasticsearch
  if health elasticsearch 0 "$log" 2>/dev/null; then state=up; else state=down; fi
  if live_pid "$ES_DIR/run/elasticsearch.pid" org.elasticsearch >/dev/null; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; else owner=-; fi
  status_line elasticsearch "$HOST:$ES_PORT" "$state" "$owner"
  # postgres
  if command -v pg_isready >/dev/null && pg_isready -q -h "$HOST" -p "$PG_PORT"; then state=up; else state=down; fi
  if [[ -f "$PG_DIR/started-by-stack" ]]; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; else owner=-; fi
  status_line postgres "$HOST:$PG_PORT" "$state" "$owner"
  # redis
  if [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; then state=up; else state=down; fi
  if [[ -f "$REDIS_DIR/started-by-stack" ]]; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; else owner=-; fi
  status_line redis "$HOST:$REDIS_PORT" "$state" "$owner"
  zipkin_status
  prometheus_status
  # platform services started by up.sh
  local f name pid
  for f in "$SERVICES_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if pid="$(live_pid "$f" "dist/services/$(service_of "$name")/main.js")"; then
      status_line "$name" "$(cat "$SERVICES_DIR/$name.addr" 2>/dev/null || echo '?')" up "started-by-us (pid $pid)"
    fi
  done
}

usage() {
  sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

cmd_one() {
  local action="$1" server="${2:-}"
  ensure_stack_dir
  case "$action:$server" in
    stop:kafka)
      kafka_down
      ! port_open "$KAFKA_PORT" || die "kafka on $HOST:$KAFKA_PORT was not started by this stack ($(rel "$STACK_DIR")); cannot stop it"
      ;;
    stop:elasticsearch)
      es_down
      ! port_open "$ES_PORT" || die "elasticsearch on $HOST:$ES_PORT was not started by this stack ($(rel "$STACK_DIR")); cannot stop it"
      ;;
    start:kafka) KAFKA_STARTED="" && kafka_start && kafka_wait ;;
    start:elasticsearch) ES_STARTED="" && es_start && es_wait ;;
    *) die "usage: stack.sh start|stop kafka|elasticsearch" ;;
  esac
}

case "${1:-}" in
  up)
    [[ "${2:-}" != --tracing ]] || export LEDGERLINE_TRACING=1
    cmd_up
    ;;
  start | stop) cmd_one "$1" "${2:-}" ;;
  down)
    [[ -z "${2:-}" || "${2:-}" == --services ]] || die "usage: stack.sh down [--services]"
    cmd_down "${2:-}"
    ;;
  status) cmd_status ;;
  env) platform_env ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
