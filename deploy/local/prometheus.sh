# Prometheus for the local stack (sourced by deploy/local/stack.sh): Debian's `prometheus`
# package unpacked under <stack>/prometheus (no root needed, nothing installed system-wide),
# scraping every service of deploy/platform.json with deploy/prometheus/prometheus.yml and its
# alert rules. Port LEDGERLINE_PROMETHEUS_PORT (default 9090, platform.json's monitoring),
# wait LEDGERLINE_PROMETHEUS_TIMEOUT (30 s); LEDGERLINE_PROMETHEUS=off leaves it out.
# Needs: HOST, STACK_DIR, REPO, spawn, live_pid, stop_pid, port_open, say, die, not_ready, can_apt.

PROM_PORT="${LEDGERLINE_PROMETHEUS_PORT:-9090}"
PROM_TIMEOUT="${LEDGERLINE_PROMETHEUS_TIMEOUT:-30}"
PROM_DIR="$STACK_DIR/prometheus"
PROM_BIN="$PROM_DIR/root/usr/bin/prometheus"
PROMTOOL="$PROM_DIR/root/usr/bin/promtool"
PROM_CONFIG="$REPO/deploy/prometheus/prometheus.yml"
PROM_STARTED=""

prometheus_enabled() { [[ "${LEDGERLINE_PROMETHEUS:-on}" != off ]]; }

# The .deb from the configured Debian mirror, unpacked with dpkg -x: both work without root
# when the apt lists are present; as root the lists are refreshed first when the download fails.
prometheus_install() {
  [[ -x "$PROM_BIN" && -x "$PROMTOOL" ]] && return 0
  command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
    die "prometheus: apt-get and dpkg are needed to fetch Debian's prometheus package (or set LEDGERLINE_PROMETHEUS=off)"
  local log="$PROM_DIR/install.log" deb
  mkdir -p "$PROM_DIR/deb"
  rm -f "$PROM_DIR"/deb/*.deb
  say "prometheus: fetching Debian's prometheus package (log: $(rel "$log"))"
  if ! (cd "$PROM_DIR/deb" && apt-get download prometheus) >>"$log" 2>&1 9>&-; then
    can_apt || die "prometheus: apt-get download prometheus failed; see $(rel "$log") (as root, stack.sh refreshes the apt lists)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      (cd "$PROM_DIR/deb" && apt-get download prometheus); } >>"$log" 2>&1 9>&- ||
      die "prometheus: apt-get download prometheus failed; see $(rel "$log")"
  fi
  deb="$(ls "$PROM_DIR"/deb/prometheus_*.deb 2>/dev/null | head -1)"
  [[ -n "$deb" ]] || die "prometheus: no package downloaded; see $(rel "$log")"
  rm -rf "$PROM_DIR/root"
  dpkg -x "$deb" "$PROM_DIR/root" >>"$log" 2>&1 || die "prometheus: dpkg -x $deb failed; see $(rel "$log")"
  rm -f "$deb"
  [[ -x "$PROM_BIN" && -x "$PROMTOOL" ]] || die "prometheus: the package has no usr/bin/prometheus and promtool; see $(rel "$log")"
}

prometheus_ready() { curl -fsS -m 2 "http://$HOST:$PROM_PORT/-/ready" >/dev/null 2>&1; }

prometheus_start() {
  prometheus_enabled || return 0
  mkdir -p "$PROM_DIR"
  # promtool is installed even when a Prometheus is already running: the tests use it.
  prometheus_install
  if live_pid "$PROM_DIR/prometheus.pid" "$PROM_BIN" >/dev/null; then return 0; fi
  rm -f "$PROM_DIR/prometheus.pid"
  if port_open "$PROM_PORT"; then
    prometheus_ready && {
      say "prometheus: using the server already listening on $HOST:$PROM_PORT (not started by this stack)"
      return 0
    }
    die "prometheus: port $PROM_PORT is taken by a process that is not a ready Prometheus (try: ss -ltnp 'sport = :$PROM_PORT')"
  fi
  "$PROMTOOL" check config "$PROM_CONFIG" >"$PROM_DIR/check.log" 2>&1 ||
    die "prometheus: $(rel "$PROM_CONFIG") is invalid; see $(rel "$PROM_DIR/check.log")"
  say "prometheus: starting $("$PROM_BIN" --version 2>&1 | head -1 | cut -d' ' -f3) on $HOST:$PROM_PORT"
  spawn "$PROM_DIR/prometheus.pid" "$PROM_DIR/prometheus.log" \
    "$PROM_BIN" --config.file="$PROM_CONFIG" --storage.tsdb.path="$PROM_DIR/data" \
    --storage.tsdb.retention.time=2d --web.listen-address="$HOST:$PROM_PORT" --web.enable-lifecycle ||
    not_ready prometheus "$HOST:$PROM_PORT" 0 "$PROM_DIR/prometheus.log"
  PROM_STARTED=1
}

prometheus_wait() {
  prometheus_enabled || return 0
  local deadline=$((SECONDS + PROM_TIMEOUT))
  until prometheus_ready; do
    if [[ -n "$PROM_STARTED" ]] && ! live_pid "$PROM_DIR/prometheus.pid" "$PROM_BIN" >/dev/null; then
      rm -f "$PROM_DIR/prometheus.pid"
      die "prometheus exited before becoming ready on $HOST:$PROM_PORT; see $(rel "$PROM_DIR/prometheus.log")"
    fi
    ((SECONDS >= deadline)) && not_ready prometheus "$HOST:$PROM_PORT" "$PROM_TIMEOUT" "$PROM_DIR/prometheus.log"
    sleep 0.2
  done
}

prometheus_down() {
  local pid
  if pid="$(live_pid "$PROM_DIR/prometheus.pid" "$PROM_BIN")"; then stop_pid prometheus "$pid"; fi
  rm -f "$PROM_DIR/prometheus.pid"
}

prometheus_status() {
  local state=down owner=-
  prometheus_ready && state=up
  if live_pid "$PROM_DIR/prometheus.pid" "$PROM_BIN" >/dev/null; then owner=started-by-us
  elif [[ $state == up ]]; then owner=external; fi
  status_line prometheus "$HOST:$PROM_PORT" "$state" "$owner"
}
