# Sourced by deploy/local/stack.sh: Zipkin's server, the local trace UI, started only when
# tracing is on (`stack.sh up --tracing`, or LEDGERLINE_TRACING=1). The jar comes from Maven
# Central through deploy/local/zipkin/pom.xml, like Kafka's and Elasticsearch's. Zipkin's server
# takes no OTLP: services send spans with the Zipkin exporter to OTEL_EXPORTER_ZIPKIN_ENDPOINT,
# which `stack.sh env` (and so up.sh) exports while tracing is on.
# Port: LEDGERLINE_ZIPKIN_PORT (9411). Wait: LEDGERLINE_ZIPKIN_TIMEOUT (60 s). Heap: 256m.

ZIPKIN_PORT="${LEDGERLINE_ZIPKIN_PORT:-9411}"
ZIPKIN_TIMEOUT="${LEDGERLINE_ZIPKIN_TIMEOUT:-60}"
ZIPKIN_POM="$REPO/deploy/local/zipkin/pom.xml"
ZIPKIN_DIR="$STACK_DIR/zipkin"
ZIPKIN_STARTED=""

# Asked for per `up`: the env file that `up` writes names Zipkin only when it started it.
tracing_on() { [[ "${LEDGERLINE_TRACING:-}" == 1 ]]; }

zipkin_version() { sed -n 's:.*<zipkin.version>\(.*\)</zipkin.version>.*:\1:p' "$ZIPKIN_POM" | head -1; }

zipkin_env() {
  tracing_on || return 0
  echo "export OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://$HOST:$ZIPKIN_PORT/api/v2/spans"
}

zipkin_jar() {
  local lib="$ZIPKIN_DIR/lib" stamp
  stamp="$(sha256sum "$ZIPKIN_POM" | cut -c1-16)"
  if [[ -f "$lib/.stamp" && "$(cat "$lib/.stamp")" == "$stamp" ]]; then return 0; fi
  ensure_maven
  say "zipkin: resolving Zipkin $(zipkin_version) with Maven into $(rel "$lib")"
  rm -rf "$lib"
  mkdir -p "$lib"
  mvn -q -B -Dstyle.color=never -f "$ZIPKIN_POM" dependency:copy -DoutputDirectory="$lib" \
    >>"$ZIPKIN_DIR/maven.log" 2>&1 ||
    die "zipkin: Maven could not resolve the server jar; see $(rel "$ZIPKIN_DIR/maven.log")"
  echo "$stamp" >"$lib/.stamp"
}

zipkin_healthy() { curl -fsS -m 2 "http://$HOST:$ZIPKIN_PORT/health" 2>/dev/null | grep -q '"UP"'; }

zipkin_start() {
  mkdir -p "$ZIPKIN_DIR"
  if live_pid "$ZIPKIN_DIR/zipkin.pid" zipkin-server.jar >/dev/null; then return 0; fi
  rm -f "$ZIPKIN_DIR/zipkin.pid"
  if port_open "$ZIPKIN_PORT"; then
    zipkin_healthy && { say "zipkin: using the server already on $HOST:$ZIPKIN_PORT"; return 0; }
    die "zipkin: port $ZIPKIN_PORT is taken by a process that is not Zipkin (LEDGERLINE_ZIPKIN_PORT)"
  fi
  ensure_jdk
  zipkin_jar
  say "zipkin: starting Zipkin $(zipkin_version) (in-memory storage) on $HOST:$ZIPKIN_PORT"
  # In-memory storage: traces of a local run, gone with the process.
  # Bound to the loopback address like every other server of the stack.
  QUERY_PORT="$ZIPKIN_PORT" ARMERIA_PORTS_0_IP="$HOST" ARMERIA_PORTS_0_PORT="$ZIPKIN_PORT" \
    ARMERIA_PORTS_0_PROTOCOLS_0=http \
    spawn "$ZIPKIN_DIR/zipkin.pid" "$ZIPKIN_DIR/zipkin.log" \
    "$(java_home)/bin/java" -Xms64m -Xmx256m -Djava.awt.headless=true \
    -jar "$ZIPKIN_DIR/lib/zipkin-server.jar" ||
    not_ready zipkin "$HOST:$ZIPKIN_PORT" 0 "$ZIPKIN_DIR/zipkin.log"
  ZIPKIN_STARTED=1
}

zipkin_wait() {
  local deadline=$((SECONDS + ZIPKIN_TIMEOUT))
  until zipkin_healthy; do
    if [[ -n "$ZIPKIN_STARTED" ]] && ! live_pid "$ZIPKIN_DIR/zipkin.pid" zipkin-server.jar >/dev/null; then
      rm -f "$ZIPKIN_DIR/zipkin.pid"
      die "zipkin exited before becoming ready on $HOST:$ZIPKIN_PORT; see $(rel "$ZIPKIN_DIR/zipkin.log")"
    fi
    ((SECONDS >= deadline)) && not_ready zipkin "$HOST:$ZIPKIN_PORT" "$ZIPKIN_TIMEOUT" "$ZIPKIN_DIR/zipkin.log"
    sleep 0.5
  done
  say "zipkin: traces at http://$HOST:$ZIPKIN_PORT/zipkin/"
}

zipkin_down() {
  local pid
  if pid="$(live_pid "$ZIPKIN_DIR/zipkin.pid" zipkin-server.jar)"; then stop_pid zipkin "$pid"; fi
  rm -f "$ZIPKIN_DIR/zipkin.pid"
}

zipkin_status() {
  local state=down owner=-
  zipkin_healthy && state=up
  if live_pid "$ZIPKIN_DIR/zipkin.pid" zipkin-server.jar >/dev/null; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; fi
  [[ $state == up ]] || return 0
  status_line zipkin "$HOST:$ZIPKIN_PORT" "$state" "$owner"
}
