#!/usr/bin/env bash
# Real PostgreSQL, Kafka (KRaft) and Temporal on this machine, without Docker.
#
#   infra.sh install   fetch and build what is missing (idempotent, cached)
#   infra.sh up        install if needed, then start every engine that is not running
#   infra.sh down      stop the engines this script started
#   infra.sh status    each engine, its port, its version, where its logs are
#   infra.sh restart <postgres|kafka|temporal>   stop one engine and start it again (chaos runs)
#
# Everything lives under $COUNTY_ENGINES_HOME (default: /var/cache/county-appeals when run
# as root, otherwise ~/.cache/county-appeals): downloads, builds, data, logs and pid files.
# Nothing is written into the repository.
#
# A second, private set of engines (a chaos run restarts its engines and must not touch anybody
# else's) reuses the built binaries and keeps its own data, logs and pid files:
#   COUNTY_ENGINES_STATE=/tmp/chaos-engines COUNTY_PG_PORT=15432 COUNTY_KAFKA_PORT=19092 \
#   COUNTY_KAFKA_CONTROLLER_PORT=19093 COUNTY_TEMPORAL_PORT=17233 COUNTY_TEMPORAL_UI_PORT=18233 \
#   bash deploy/local/infra.sh up      (and the same variables with down and status)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

if [[ $(id -u) -eq 0 ]]; then default_home=/var/cache/county-appeals; else default_home="${XDG_CACHE_HOME:-$HOME/.cache}/county-appeals"; fi
HOME_DIR="${COUNTY_ENGINES_HOME:-$default_home}"
STATE_DIR="${COUNTY_ENGINES_STATE:-$HOME_DIR}"
BIN="$HOME_DIR/bin"
LIB="$HOME_DIR/lib"
DATA="$STATE_DIR/data"
LOGS="$STATE_DIR/logs"
RUN="$STATE_DIR/run"

PG_PORT="${COUNTY_PG_PORT:-5432}"
KAFKA_PORT="${COUNTY_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${COUNTY_KAFKA_CONTROLLER_PORT:-9093}"
# after an unclean stop the broker checks every partition's files before it answers; with many
# partitions that takes minutes on a small machine, so the wait is long while its process lives
KAFKA_START_WITHIN="${COUNTY_KAFKA_START_WITHIN:-600}"
TEMPORAL_PORT="${COUNTY_TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${COUNTY_TEMPORAL_UI_PORT:-8233}"
# a transaction left open by a client (an analyst's idle session, a stuck process) holds back
# what every subscriber in the cluster may read (see the README): such sessions end after this
PG_IDLE_IN_TRANSACTION_TIMEOUT="${COUNTY_PG_IDLE_IN_TRANSACTION_TIMEOUT:-60s}"
PG_USER=county
PG_PASSWORD=county
PG_DB=county

say() { printf '%s\n' "$*"; }
fail() { printf 'infra: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

who_holds() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -E 's/.*users:\(\("([^"]+)",pid=([0-9]+).*/\1 (pid \2)/' | head -1; }

wait_until() { # wait_until <seconds> <description> <command...>: poll, never sleep blindly past readiness
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

wait_for_engine() { # wait_for_engine <name> <seconds> <probe>: until it answers, as long as its process lives
  local name=$1 limit=$2 probe=$3
  local began=$SECONDS deadline=$((SECONDS + limit)) told=$((SECONDS + 30))
  until "$probe" >/dev/null 2>&1; do
    pid_alive "$name" || return 2
    ((SECONDS < deadline)) || return 1
    if ((SECONDS >= told)); then
      say "$name: still starting after $((SECONDS - began)) s (process $(cat "$RUN/$name.pid") is alive; an engine stopped uncleanly checks its files first); waiting up to $limit s"
      told=$((SECONDS + 30))
    fi
    sleep 0.2
  done
}

need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"; }

pid_alive() { [[ -f "$RUN/$1.pid" ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

pg_bin() {
  local dir
  for dir in "/usr/lib/postgresql/$PG_MAJOR/bin"; do [[ -x "$dir/postgres" ]] && { echo "$dir"; return; }; done
  return 1
}

as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

kafka_probe() { node "$here/probe.mjs" kafka 127.0.0.1 "$KAFKA_PORT"; }
temporal_probe() { "$BIN/temporal" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null | grep -q SERVING; }
pg_probe() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -Atqc 'select 1' 2>/dev/null | grep -q 1; }

# ---------------------------------------------------------------- install

install_postgres() {
  if pg_bin >/dev/null; then return; fi
  say "postgres: PostgreSQL $PG_MAJOR is not installed; installing Debian's postgresql-$PG_MAJOR"
  [[ $(id -u) -eq 0 ]] || fail "PostgreSQL $PG_MAJOR is missing and this user cannot apt-get install it: run 'sudo apt-get install postgresql-$PG_MAJOR'"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$PG_MAJOR" >/dev/null
  pg_bin >/dev/null || fail "postgresql-$PG_MAJOR installed but its binaries are not in /usr/lib/postgresql/$PG_MAJOR/bin"
}

install_java_libs() { # install_java_libs <profile> <dir>
  local profile=$1 dir=$2
  [[ -f "$dir/.complete" ]] && return
  need java "install a JDK 17 (Debian: openjdk-17-jdk-headless)"
  need mvn "install Maven (Debian: maven)"
  say "$profile: resolving jars from Maven Central into $dir"
  rm -rf "$dir"; mkdir -p "$dir"
  mvn -q -B -f "$here/engines.pom.xml" -P "$profile" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -Dreload4j.version="$RELOAD4J_VERSION" -Dslf4j.version="$SLF4J_VERSION" \
    -Dtemporal-test-server.version="$TEMPORAL_TEST_SERVER_VERSION" -DincludeScope=runtime -DoutputDirectory="$dir" >"$LOGS/mvn-$profile.log" 2>&1 ||
    fail "Maven could not resolve $profile (see $LOGS/mvn-$profile.log)"
  touch "$dir/.complete"
}

install_temporal_cli() {
  # go install does not stamp a version into the binary, so a stamp file records what was built
  if [[ -x "$BIN/temporal" && "$(cat "$BIN/temporal.version" 2>/dev/null)" == "$TEMPORAL_CLI_VERSION" ]]; then return; fi
  need go "install Go 1.23 or later to build the Temporal CLI"
  say "temporal: building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (a few minutes the first time)"
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >"$LOGS/go-install-temporal.log" 2>&1 ||
    fail "go install of the Temporal CLI failed (see $LOGS/go-install-temporal.log)"
  echo "$TEMPORAL_CLI_VERSION" >"$BIN/temporal.version"
}

install_helm() {
  # helm renders and lints deploy/helm in the tests (no cluster needed); built like the Temporal CLI
  if [[ -x "$BIN/helm" && "$(cat "$BIN/helm.version" 2>/dev/null)" == "$HELM_VERSION" ]]; then return; fi
  need go "install Go 1.23 or later to build helm"
  say "helm: building helm $HELM_VERSION with go install (a few minutes the first time)"
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >"$LOGS/go-install-helm.log" 2>&1 ||
    fail "go install of helm failed (see $LOGS/go-install-helm.log)"
  echo "$HELM_VERSION" >"$BIN/helm.version"
}

TEST_SERVER_JVM_FLAGS="-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# The test server's JVM spends most of its start loading classes. A class-data sharing archive
# (AppCDS), made here once from one start of the server, lets each later start map them instead
# (about 1.2 s -> 0.5 s on a quiet 2-core machine, 4-9 s -> 2-4 s with that machine loaded). It
# belongs to one JDK build and one server version, so a stamp beside it says which; the wrapper
# runs without it when it is missing (it is an optimisation: install goes on when it cannot be made),
# and a JVM that cannot use it starts without it (-Xshare:auto).
TEST_SERVER_CDS="$LIB/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION.jsa"

test_server_cds_stamp() { printf '%s %s\n' "$TEMPORAL_TEST_SERVER_VERSION" "$(java -version 2>&1 | tr '\n' ' ')"; }

install_test_server_cds() {
  if [[ -f "$TEST_SERVER_CDS" && "$(cat "$TEST_SERVER_CDS.version" 2>/dev/null)" == "$(test_server_cds_stamp)" ]]; then return; fi
  say "test-server: making a class-data sharing archive for faster JVM starts"
  rm -f "$TEST_SERVER_CDS.version"
  # the server, on a port of its choosing, records the classes it loaded until it listens; the
  # JVM writes them to the archive when it exits on SIGTERM; it is renamed into place when whole
  local partial="$TEST_SERVER_CDS.$$.partial"
  # shellcheck disable=SC2086
  java $TEST_SERVER_JVM_FLAGS -XX:ArchiveClassesAtExit="$partial" -cp "$LIB/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION/*" \
    io.temporal.testserver.TestServer 0 >"$LOGS/test-server-cds.log" 2>&1 &
  local pid=$!
  if ! wait_until 120 "the test server to listen" bash -c "ss -ltnpH 2>/dev/null | grep -q 'pid=$pid,'"; then
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$partial"
    say "test-server: it did not listen within 120 s, so it runs without an archive (see $LOGS/test-server-cds.log)"
    return
  fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  if [[ ! -f "$partial" ]]; then say "test-server: the JVM wrote no archive, so it runs without one (see $LOGS/test-server-cds.log)"; return; fi
  mv -f "$partial" "$TEST_SERVER_CDS"
  test_server_cds_stamp >"$TEST_SERVER_CDS.version"
}

install_test_server_wrapper() {
  cat >"$BIN/temporal-test-server" <<EOF
#!/usr/bin/env bash
# Temporal's time-skipping test server (Java), started as '<this> <port>' (0: a free port of its
# choosing). It uses the class-data sharing archive infra.sh install made, when there is one.
cds=()
[[ -f "$TEST_SERVER_CDS" ]] && cds=(-XX:SharedArchiveFile="$TEST_SERVER_CDS" -Xshare:auto)
exec java $TEST_SERVER_JVM_FLAGS "\${cds[@]}" -cp "$LIB/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION/*" io.temporal.testserver.TestServer "\$@"
EOF
  chmod +x "$BIN/temporal-test-server"
}

cmd_install() {
  mkdir -p "$BIN" "$LIB" "$DATA" "$LOGS" "$RUN"
  if [[ $(id -u) -eq 0 && "$STATE_DIR" != "$HOME_DIR" ]]; then chmod 755 "$STATE_DIR" "$DATA"; fi
  install_postgres
  install_java_libs kafka "$LIB/kafka-$KAFKA_VERSION"
  install_java_libs temporal-test-server "$LIB/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION"
  install_temporal_cli
  install_helm
  install_test_server_cds
  install_test_server_wrapper
}

# ---------------------------------------------------------------- postgres

pg_up() {
  local bin; bin="$(pg_bin)"
  if pg_probe; then say "postgres: already running on 127.0.0.1:$PG_PORT"; return; fi
  if port_open "$PG_PORT"; then fail "port $PG_PORT is taken by $(who_holds "$PG_PORT") and it is not this project's PostgreSQL; stop it (for Debian's cluster: pg_ctlcluster $PG_MAJOR main stop) and run again"; fi
  local pgdata="$DATA/postgres"
  mkdir -p "$pgdata" "$RUN/pg-socket"
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$pgdata" "$RUN/pg-socket"; chmod 700 "$pgdata"; touch "$LOGS/postgres.log"; chown postgres "$LOGS/postgres.log"; fi
  if [[ ! -f "$pgdata/PG_VERSION" ]]; then
    say "postgres: initialising a cluster in $pgdata"
    as_pg "$bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-initdb.log" 2>&1 ||
      fail "initdb failed (see $LOGS/postgres-initdb.log)"
    cat >>"$pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$RUN/pg-socket'
max_connections = 400
shared_buffers = 256MB
EOF
    cat >"$pgdata/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128 scram-sha-256
EOF
  fi
  as_pg "$bin/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 60 start >/dev/null ||
    fail "PostgreSQL did not start (see $LOGS/postgres.log)"
  as_pg "$bin/psql" -h "$RUN/pg-socket" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt >/dev/null <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
ALTER ROLE $PG_USER SET idle_in_transaction_session_timeout = '$PG_IDLE_IN_TRANSACTION_TIMEOUT';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
EOF
  wait_until 30 postgres pg_probe || fail "PostgreSQL started but does not accept $PG_USER@127.0.0.1:$PG_PORT"
  say "postgres: started on 127.0.0.1:$PG_PORT"
}

pg_down() {
  local bin; bin="$(pg_bin)" || return 0
  if [[ -f "$DATA/postgres/postmaster.pid" ]]; then
    as_pg "$bin/pg_ctl" -D "$DATA/postgres" -m fast -w stop >/dev/null 2>&1 && say "postgres: stopped" || say "postgres: was not running"
  else say "postgres: was not running"; fi
}

# ---------------------------------------------------------------- kafka

kafka_up() {
  if kafka_probe; then say "kafka: already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  local p; for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$p" && fail "port $p is taken by $(who_holds "$p"), which is not a Kafka broker answering on $KAFKA_PORT; stop it and run again"
  done
  local conf="$DATA/kafka/server.properties" libdir="$LIB/kafka-$KAFKA_VERSION"
  mkdir -p "$DATA/kafka/logs"
  sed -e "s#@LOG_DIR@#$DATA/kafka/logs#" -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
    "$here/kafka/server.properties" >"$conf"
  sed -e "s#@LOG_FILE@#$LOGS/kafka.log#" "$here/kafka/log4j.properties" >"$DATA/kafka/log4j.properties"
  local java_opts=(-Xms512m -Xmx512m -XX:+UseG1GC "-Dlog4j.configuration=file:$DATA/kafka/log4j.properties" -cp "$libdir/*")
  if [[ ! -f "$DATA/kafka/logs/meta.properties" ]]; then
    [[ -f "$DATA/kafka/cluster-id" ]] || java "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1 >"$DATA/kafka/cluster-id"
    java "${java_opts[@]}" kafka.tools.StorageTool format -t "$(cat "$DATA/kafka/cluster-id")" -c "$conf" --ignore-formatted >"$LOGS/kafka-format.log" 2>&1 ||
      fail "formatting Kafka storage failed (see $LOGS/kafka-format.log)"
  fi
  setsid nohup java "${java_opts[@]}" kafka.Kafka "$conf" >"$LOGS/kafka.out" 2>&1 </dev/null &
  echo $! >"$RUN/kafka.pid"
  local rc=0
  wait_for_engine kafka "$KAFKA_START_WITHIN" kafka_probe || rc=$?
  ((rc != 2)) || fail "Kafka stopped while starting (see $LOGS/kafka.log and $LOGS/kafka.out)"
  ((rc == 0)) || fail "Kafka did not answer on 127.0.0.1:$KAFKA_PORT within $KAFKA_START_WITHIN s (see $LOGS/kafka.log and $LOGS/kafka.out)"
  say "kafka: started on 127.0.0.1:$KAFKA_PORT (KRaft, version $KAFKA_VERSION)"
}

stop_pid() { # stop_pid <name>
  local name=$1
  if pid_alive "$name"; then
    local pid; pid="$(cat "$RUN/$name.pid")"
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    rm -f "$RUN/$name.pid"
    say "$name: stopped"
  else
    rm -f "$RUN/$name.pid"
    say "$name: was not running (started by this script)"
  fi
}

# ---------------------------------------------------------------- temporal

# How the dev server is set up for throughput on one machine (measured in docs/capacity.md):
# - SQLite in WAL mode with synchronous=NORMAL: a commit appends to the log instead of rewriting
#   and syncing the journal; a crash of the server loses nothing, a power loss at most the last
#   commits. The server reaches its one database connection for every read and write, so this
#   cost is paid by every signal, workflow task, timer and visibility update.
# - one partition per task queue (the default is 4): on a single node, more partitions only
#   forward polls and tasks between partitions and spill tasks to the database.
TEMPORAL_THROUGHPUT=(
  --sqlite-pragma journal_mode=wal
  --sqlite-pragma synchronous=normal
  --dynamic-config-value matching.numTaskqueueReadPartitions=1
  --dynamic-config-value matching.numTaskqueueWritePartitions=1
)

temporal_up() {
  if temporal_probe; then say "temporal: already running on 127.0.0.1:$TEMPORAL_PORT (UI http://127.0.0.1:$TEMPORAL_UI_PORT)"; return; fi
  local p; for p in "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT"; do
    port_open "$p" && fail "port $p is taken by $(who_holds "$p"), which is not a Temporal server answering on $TEMPORAL_PORT; stop it and run again"
  done
  local attrs=() line
  while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    attrs+=(--search-attribute "$line")
  done <"$here/search-attributes.txt"
  mkdir -p "$DATA/temporal"
  setsid nohup "$BIN/temporal" server start-dev \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$DATA/temporal/temporal.db" --namespace default \
    --log-format json --log-level warn \
    --dynamic-config-value frontend.enableUpdateWorkflowExecution=true \
    "${TEMPORAL_THROUGHPUT[@]}" \
    "${attrs[@]}" >"$LOGS/temporal.log" 2>&1 </dev/null &
  echo $! >"$RUN/temporal.pid"
  local rc=0
  wait_for_engine temporal 300 temporal_probe || rc=$?
  ((rc != 2)) || fail "Temporal stopped while starting (see $LOGS/temporal.log)"
  ((rc == 0)) || fail "Temporal did not answer on 127.0.0.1:$TEMPORAL_PORT within 300 s (see $LOGS/temporal.log)"
  say "temporal: started on 127.0.0.1:$TEMPORAL_PORT, Web UI http://127.0.0.1:$TEMPORAL_UI_PORT"
}

# ---------------------------------------------------------------- commands

cmd_up() {
  need node "install Node.js 20"
  cmd_install
  pg_up
  kafka_up
  temporal_up
  say "engines are up (data and logs in $STATE_DIR)"
}

cmd_down() {
  stop_pid temporal
  stop_pid kafka
  pg_down
}

cmd_restart() {
  case "${1:-}" in
    postgres) pg_down; pg_up ;;
    kafka) stop_pid kafka; kafka_up ;;
    temporal) stop_pid temporal; temporal_up ;;
    *) echo "usage: $0 restart postgres|kafka|temporal" >&2; exit 2 ;;
  esac
}

line() { printf '%-10s %-8s %-22s %-28s %s\n' "$@"; }

cmd_status() {
  line engine state address version logs
  local state
  if pg_probe; then state=up; else state=down; fi
  line postgres "$state" "127.0.0.1:$PG_PORT" "$({ pg_bin >/dev/null && "$(pg_bin)/postgres" --version | awk '{print $3}'; } || echo 'not installed')" "$LOGS/postgres.log"
  if kafka_probe; then state=up; else state=down; fi
  line kafka "$state" "127.0.0.1:$KAFKA_PORT" "$KAFKA_VERSION (KRaft)" "$LOGS/kafka.log"
  if [[ -x "$BIN/temporal" ]] && temporal_probe; then state=up; else state=down; fi
  line temporal "$state" "127.0.0.1:$TEMPORAL_PORT" "cli $TEMPORAL_CLI_VERSION" "$LOGS/temporal.log"
  line temporal-ui "$state" "http://127.0.0.1:$TEMPORAL_UI_PORT" "" ""
  local tts=missing; [[ -x "$BIN/temporal-test-server" ]] && tts=installed
  line test-server "$tts" "(started by tests)" "java $TEMPORAL_TEST_SERVER_VERSION" "$BIN/temporal-test-server"
}

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  restart) cmd_restart "${2:-}" ;;
  home) echo "$HOME_DIR" ;;
  *) echo "usage: $0 install|up|down|status|restart <engine>|home" >&2; exit 2 ;;
esac
