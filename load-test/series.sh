#!/usr/bin/env bash
# Runs the load tool several times against one running server and prints one line per run.
# Usage (from the repository root, after the build): load-test/series.sh SERVER_PID [CLIENTS ...]
# Default client counts: 50 200 200 200 400 400 (the first run includes the server's warm-up).
# More load-tool arguments go in LOAD_ARGS, e.g. LOAD_ARGS="--state-server 402000".
set -euo pipefail
export LC_ALL=C
usage='usage: load-test/series.sh SERVER_PID [CLIENTS ...]'
pid=${1:?$usage}
shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(50 200 200 200 400 400)
read -r -a extra <<<"${LOAD_ARGS:-}"
field() { # the part of the tool's output matching $1, or stop
  local m
  m=$(grep -o -- "$1" <<<"$out" | head -1) || true
  if [ -z "$m" ]; then
    echo "clients $n: no '$1' in the tool's output:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "$m"
}
for n in "${counts[@]}"; do
  out=$(java -jar load-test/target/load-test.jar --clients "$n" --seconds 10 --pid "$pid" \
    ${extra[@]+"${extra[@]}"} 2>&1) || {
    echo "clients $n: load tool failed:"; grep -v '^SLF4J' <<<"$out"; exit 1; }
  # Assignments, so that set -e stops the series when a figure is missing.
  delivered=$(field 'delivered [0-9]* messages/s (expected [0-9]*), loss [0-9.]*%')
  latency=$(field 'p50 [0-9.]* ms, p99 [0-9.]* ms, p99.9 [0-9.]* ms')
  server=$(field 'server pid [0-9]*: CPU [0-9.]* cores, RSS [0-9]* MiB')
  tool=$(field 'load tool pid [0-9]*: CPU [0-9.]* cores')
  printf 'clients %s | %s | %s | %s | %s | load average %s\n' "$n" "$delivered" "$latency" \
    "${server/pid [0-9]*: /}" "${tool/pid [0-9]*: /}" "$(cut -d' ' -f1 /proc/loadavg)"
done
