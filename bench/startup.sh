#!/usr/bin/env bash
# Local mode's start-up, as a user meets it: from the README's run command
# (./mvnw -pl routes -am spring-boot:test-run) to the first POST /event that answers 200.
#
#   bench/startup.sh                 # 3 starts with a new data directory, then 3 restarts on a kept one
#   RUNS=5 PORT=8080 bench/startup.sh
#
# The first build is not counted (the command is run once before, to compile). Each start is stopped
# with SIGTERM, as Ctrl-C would, before the next one. Prints each time and where it went: the embedded
# servers and Spring Boot's own "Started ... in" figure.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
PORT=${PORT:-8080}
work=$(mktemp -d)
stop_local() {
    pkill -TERM -f io.caravan.local.LocalCaravan 2>/dev/null || true
    for _ in $(seq 1 60); do pgrep -f io.caravan.local.LocalCaravan >/dev/null || return 0; sleep 0.5; done
}
trap 'stop_local; rm -rf "$work"' EXIT

if curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
    echo "port $PORT is taken: stop what runs there first"; exit 1
fi
echo "first build (not counted)"
./mvnw -B -q -ntp -pl routes -am test-compile

now_ms() { date +%s%3N; }

start_once() { # $1 = data directory, $2 = label
    local log="$work/run.log" t0 t1 status
    t0=$(now_ms)
    CARAVAN_DATA_DIR="$1" SERVER_PORT=$PORT ./mvnw -B -ntp -q -pl routes -am spring-boot:test-run > "$log" 2>&1 &
    while :; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/event" -d '{"description":"up?"}' 2>/dev/null || true)
        [ "$status" = 200 ] && break
        if ! pgrep -f io.caravan.local.LocalCaravan >/dev/null && [ $(( $(now_ms) - t0 )) -gt 60000 ]; then
            tail -40 "$log"; echo "local mode did not start"; exit 1
        fi
        sleep 0.05
    done
    t1=$(now_ms)
    # where it went: the embedded servers (started side by side: the longest), Spring Boot's own figure
    # (logged once every runner has run, which may be just after the first request was answered)
    local servers boot
    servers=$(grep -oE 'Embedded [a-z]+ started in [0-9]+ ms' "$log" | awk '$(NF-1) > m {m = $(NF-1)} END {print m+0}' || true)
    for _ in $(seq 1 100); do grep -q 'Started LocalCaravan' "$log" && break; sleep 0.1; done
    boot=$(grep -oE 'Started LocalCaravan in [0-9.]+ seconds \(process running for [0-9.]+\)' "$log" | head -1 || true)
    printf '%-7s run command -> POST /event 200: %5.2f s   (embedded servers ready after %d ms; %s)\n' \
        "$2" "$(echo "($t1 - $t0) / 1000" | bc -l)" "$servers" "$boot"
    stop_local
    wait || true
}

for i in $(seq 1 "$RUNS"); do
    start_once "$work/new-$i" "new $i"
done
for i in $(seq 0 "$RUNS"); do
    start_once "$work/kept" "kept $i"   # kept 0 makes the directory (a new start); 1.. restart on it, as a user does
done
