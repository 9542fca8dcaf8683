#!/usr/bin/env bash
# The load benchmark in one command: builds what is missing, runs every scenario against each server in turn
# (server pinned to one CPU, load generator to another), stops everything it started, and writes
# benchmarks/results/<date>/{results.json,table.txt,throughput.svg} plus one log per process.
# See benchmarks/README.md for what is measured and how.
#
#   benchmarks/run-load.sh [--quick] [--servers netty,jetty,spring-tomcat,ws,ws-starter] [--out DIR]
#                          [--no-build] [-- LOADGEN_OPTIONS...]
#
# Environment: JAVA_HOME (default: the JDK 25 here), SERVER_JVM_FLAGS, LOADGEN_JVM_FLAGS, SERVER_CPU (0),
# LOADGEN_CPU (1), BASE_PORT (19080).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ALL_SERVERS="netty,jetty,spring-tomcat,ws,ws-starter"
SERVERS="$ALL_SERVERS"
QUICK=0
BUILD=1
OUT=""
LOADGEN_EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --servers) SERVERS="$2"; shift ;;
    --servers=*) SERVERS="${1#--servers=}" ;;
    --out) OUT="$2"; shift ;;
    --no-build) BUILD=0 ;;
    --) shift; LOADGEN_EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run-load: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# Same flags for every server. The heap is fixed and touched up front so that RSS growth is memory outside the heap;
# 5 GiB because Tomcat, with 64 KiB message buffers, needs ~240 KB of heap per connection at 15,000 connections.
SERVER_JVM_FLAGS="${SERVER_JVM_FLAGS:--Xms5g -Xmx5g -XX:+AlwaysPreTouch -XX:+UseG1GC --enable-native-access=ALL-UNNAMED}"
LOADGEN_JVM_FLAGS="${LOADGEN_JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseG1GC}"
SERVER_CPU="${SERVER_CPU:-0}"
LOADGEN_CPU="${LOADGEN_CPU:-1}"
BASE_PORT="${BASE_PORT:-19080}"

STARTED=$(date +%s)
STAMP=$(date +%Y-%m-%d-%H%M)
OUT="${OUT:-benchmarks/results/$STAMP}"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
NOTES="$OUT/notes.txt"
: > "$NOTES"

note() { echo "run-load: $*" >&2; echo "$*" >> "$NOTES"; }

# ---- every process we start is listed here and stopped on exit, Ctrl-C or error ----------------------------------
PIDS=()
stop_pid() {
  local pid="$1"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      note "process $pid ignored SIGTERM for 15 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  forget "$pid"
}
# Drops a PID from the list once it is reaped, so that a later cleanup never signals a recycled PID.
forget() {
  local keep=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  exit "$status"
}
trap cleanup EXIT
trap 'echo "run-load: interrupted" >&2; exit 130' INT TERM

# ---- limits and pinning ----------------------------------------------------------------------------------------
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
MEMORY_CONNS=15000
[[ $QUICK -eq 1 ]] && MEMORY_CONNS=5000
if [[ "$NOFILE" != unlimited && $((NOFILE - 1000)) -lt $MEMORY_CONNS ]]; then
  MEMORY_CONNS=$((NOFILE - 1000))
  note "open-file limit $NOFILE: idle-memory scenario reduced to $MEMORY_CONNS connections"
fi
CPUS=$(nproc)
PIN_SERVER=(); PIN_LOADGEN=()
if command -v taskset >/dev/null && [[ $CPUS -ge 2 ]]; then
  PIN_SERVER=(taskset -c "$SERVER_CPU")
  PIN_LOADGEN=(taskset -c "$LOADGEN_CPU")
else
  note "fewer than 2 CPUs or no taskset: server and load generator are NOT pinned"
fi

# ---- build -------------------------------------------------------------------------------------------------------
PEERS_JAR=benchmarks/peers/target/peers.jar
SPRING_JAR=benchmarks/peer-spring-tomcat/target/peer-spring-tomcat.jar
LOADGEN_JAR=benchmarks/loadgen/target/loadgen.jar
mvn_package() {
  mvn -B -q -o "$@" package -DskipTests >>"$OUT/build.log" 2>&1 || mvn -B -q "$@" package -DskipTests >>"$OUT/build.log" 2>&1
}
if [[ $BUILD -eq 1 ]]; then
  if [[ ! -f $PEERS_JAR || ! -f $SPRING_JAR || ! -f $LOADGEN_JAR ]]; then
    echo "run-load: building the peers and the load generator (log: $OUT/build.log)" >&2
    mvn_package -pl benchmarks/peers,benchmarks/peer-spring-tomcat,benchmarks/loadgen -am \
      || { echo "run-load: build failed, see $OUT/build.log" >&2; exit 1; }
  fi
  if [[ ",$SERVERS," == *",ws,"* && ! -f examples/target/ws-examples.jar ]]; then
    mvn_package -pl examples -am || note "ws: examples did not build (see build.log)"
  fi
  if [[ ",$SERVERS," == *",ws-starter,"* && ! -f benchmarks/ws-starter/target/ws-starter-bench.jar ]]; then
    mvn_package -pl benchmarks/ws-starter -am || note "ws-starter: benchmarks/ws-starter did not build (see build.log)"
  fi
fi
[[ -f $LOADGEN_JAR ]] || { echo "run-load: $LOADGEN_JAR is missing (run without --no-build)" >&2; exit 1; }

# ---- the servers: name, jar, arguments ({port}, {port2} are filled in) --------------------------------------------
server_jar() {
  case "$1" in
    netty|jetty) echo "$PEERS_JAR" ;;
    spring-tomcat) echo "$SPRING_JAR" ;;
    ws) echo examples/target/ws-examples.jar ;;
    ws-starter) echo benchmarks/ws-starter/target/ws-starter-bench.jar ;;
    *) return 1 ;;
  esac
}
server_args() {
  local port="$2" port2="$3"
  case "$1" in
    netty) echo "netty $port" ;;
    jetty) echo "jetty $port" ;;
    spring-tomcat) echo "--server.port=$port" ;;
    ws) echo "server $port" ;;
    ws-starter) echo "--ws.server.port=$port" ;;
  esac
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

QUICK_FLAG=()
[[ $QUICK -eq 1 ]] && QUICK_FLAG=(--quick)

JDK=$("$JAVA" -version 2>&1 | head -1 | tr -d '"')
CPU_MODEL=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run-load: $CPUS CPUs ($CPU_MODEL), $JDK, open files $NOFILE, load average $LOAD_AT_START" >&2
echo "run-load: servers pinned to CPU $SERVER_CPU, load generator to CPU $LOADGEN_CPU; server flags: $SERVER_JVM_FLAGS" >&2
echo "run-load: results in $OUT" >&2

RAN=()
i=0
IFS=',' read -r -a SELECTED <<< "$SERVERS"
for name in "${SELECTED[@]}"; do
  jar=$(server_jar "$name") || { note "$name: unknown server (known: $ALL_SERVERS), skipped"; continue; }
  if [[ ! -f "$jar" ]]; then
    note "$name: $jar is not built, skipped"
    continue
  fi
  port=$((BASE_PORT + 2 * i)); port2=$((port + 1)); i=$((i + 1))
  if ! port_free "$port" || ! port_free "$port2"; then
    note "$name: port $port or $port2 is in use, skipped"
    continue
  fi
  # shellcheck disable=SC2086,SC2046
  "${PIN_SERVER[@]}" "$JAVA" $SERVER_JVM_FLAGS -jar "$jar" $(server_args "$name" "$port" "$port2") \
    >"$OUT/$name.server.log" 2>&1 &
  spid=$!
  PIDS+=("$spid")
  echo "run-load: [$name] started pid $spid on port $port" >&2
  "${PIN_LOADGEN[@]}" "$JAVA" -jar "$LOADGEN_JAR" wait --port "$port" --timeout 60 --server-pid "$spid" 2>>"$OUT/$name.loadgen.log" &
  wpid=$!
  PIDS+=("$wpid")
  ready=1
  wait "$wpid" || ready=0
  forget "$wpid"
  if [[ $ready -eq 0 ]] || ! kill -0 "$spid" 2>/dev/null; then
    note "$name: not ready on port $port (no echo on /echo within 60 s or the process exited; see $name.server.log), skipped"
    stop_pid "$spid"
    continue
  fi
  # shellcheck disable=SC2086
  "${PIN_LOADGEN[@]}" "$JAVA" $LOADGEN_JVM_FLAGS -jar "$LOADGEN_JAR" suite --name "$name" --port "$port" \
    --server-pid "$spid" --memory-conns "$MEMORY_CONNS" --out "$RESULTS" "${QUICK_FLAG[@]}" "${LOADGEN_EXTRA[@]}" \
    > /dev/null 2> >(tee -a "$OUT/$name.loadgen.log" >&2) &
  lpid=$!
  PIDS+=("$lpid")
  wait "$lpid" || note "$name: some scenarios failed (see table)"
  forget "$lpid"
  stop_pid "$spid"
  RAN+=("$name")
done

ELAPSED=$(( $(date +%s) - STARTED ))
cat > "$OUT/meta.json" <<EOF
{"date":"$(date -Iseconds)","mode":"$([[ $QUICK -eq 1 ]] && echo quick || echo full)","cpus":$CPUS,"cpu_model":"$CPU_MODEL","jdk":"$JDK","server_jvm_flags":"$SERVER_JVM_FLAGS","loadgen_jvm_flags":"$LOADGEN_JVM_FLAGS","server_cpu":"$SERVER_CPU","loadgen_cpu":"$LOADGEN_CPU","open_files":"$NOFILE","memory_conns":$MEMORY_CONNS,"load_average_at_start":"$LOAD_AT_START","servers":"${RAN[*]:-}","elapsed_s":$ELAPSED,"baseline":"netty","subtitle":"$CPU_MODEL, $JDK; server on CPU $SERVER_CPU, load generator on CPU $LOADGEN_CPU; $(date +%Y-%m-%d)"}
EOF
if [[ ${#RAN[@]} -eq 0 ]]; then
  echo "run-load: no server ran" >&2
  exit 1
fi
echo >&2
"$JAVA" -jar "$LOADGEN_JAR" report --in "$RESULTS" --out-dir "$OUT" --baseline netty --meta "$OUT/meta.json"
if [[ -s "$NOTES" ]]; then
  echo; echo "Notes:"; sed 's/^/- /' "$NOTES"
fi
echo
echo "Wrote $OUT/results.json, $OUT/table.txt and $OUT/throughput.svg in ${ELAPSED} s."
