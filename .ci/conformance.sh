#!/usr/bin/env bash
# Runs the conformance suite against a server this script starts, then stops it (by PID).
# usage: .ci/conformance.sh NAME PORT SUITE_ARGS... -- SERVER_COMMAND...
#   NAME        label for the report (reports go to target/conformance/NAME.json and .log)
#   PORT        the port the server listens on
#   SUITE_ARGS  extra arguments for run-server-suite.sh (e.g. --exclude '12.*')
# Exits non-zero when the suite reports a FAILED case or the server does not come up.
set -uo pipefail
NAME=$1 PORT=$2
shift 2
SUITE_ARGS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do SUITE_ARGS+=("$1"); shift; done
shift # --
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONF=${CONFORMANCE_DIR:-$ROOT/../shared/conformance}
OUT=$ROOT/target/conformance
mkdir -p "$OUT"

"$@" >"$OUT/$NAME-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 300); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then echo "server $NAME exited:"; cat "$OUT/$NAME-server.log"; exit 1; fi
  sleep 0.1
done
"$CONF/run-server-suite.sh" 127.0.0.1 "$PORT" /echo --out "$OUT/$NAME.json" "${SUITE_ARGS[@]}" >"$OUT/$NAME.log" 2>&1
status=$?
grep -E "FAILED|UNIMPLEMENTED" "$OUT/$NAME.log" | head -50
tail -1 "$OUT/$NAME.log"
exit $status
