#!/usr/bin/env bash
# Runs the load tool several times against one running server and prints one line per run.
# Usage (from the repository root, after the build): load-test/series.sh SERVER_PID [N ...]
# Default client counts: 50 200 200 200 400 400 (the first run includes the server's warm-up).
# More load-tool arguments go in LOAD_ARGS, e.g. LOAD_ARGS="--state-server 402000".
set -euo pipefail
pid=${1:?usage: load-test/series.sh SERVER_PID [CLIENTS ...]}
shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(50 200 200 200 400 400)
for n in "${counts[@]}"; do
  out=$(java -jar load-test/target/load-test.jar --clients "$n" --seconds 10 --pid "$pid" \
    ${LOAD_ARGS:-} 2>&1) || {
    echo "clients $n: load tool failed:"; echo "$out" | grep -v '^SLF4J'; exit 1; }
  printf 'clients %s | %s | %s | %s | %s | load average %s\n' "$n" \
    "$(grep -o 'delivered [0-9]* messages/s (expected [0-9]*), loss [0-9.]*%' <<<"$out")" \
    "$(grep -o 'p50 [0-9.]* ms, p99 [0-9.]* ms, p99.9 [0-9.]* ms' <<<"$out")" \
    "$(grep -o 'server pid [0-9]*: CPU [0-9.]* cores, RSS [0-9]* MiB' <<<"$out" | sed 's/pid [0-9]*: //')" \
    "$(grep -o 'load tool pid [0-9]*: CPU [0-9.]* cores' <<<"$out" | sed 's/pid [0-9]*: //')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
done
