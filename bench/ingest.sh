#!/usr/bin/env bash
# Event ingest benchmark, exactly as issue 10's table was made (docs/benchmarks.md):
#   the production jar, events only, against a given Redis; wrk -t2 -c64 in its own process, a warm-up,
#   then the measured run; redis-benchmark XADDs the same payload with the same trimming, same Redis,
#   same run; prints requests/s, p99, the ratio, and the events lost (accepted, never consumed).
#
#   bench/ingest.sh                      # Redis at redis://127.0.0.1:6379, 10 s warm-up, 20 s measured
#   REDIS_URL=redis://host:6379 WARMUP=10 MEASURE=20 CONNECTIONS=64 JAVA=/usr/lib/jvm/.../bin/java JAVA_OPTS=... bench/ingest.sh
#
# Needs wrk and redis-benchmark (Debian: apt-get install wrk redis-tools). Builds the jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
WARMUP=${WARMUP:-10}
SECONDS_MEASURED=${MEASURE:-20}  # not SECONDS: bash counts its own seconds in that one
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19876}
JAVA=${JAVA:-java}                            # the image runs Java 25: JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC}   # the image's collector (docker/Dockerfile)
STREAM=bench-ingest-$$

redis_host=$(echo "$REDIS_URL" | sed -E 's#redis://([^@]*@)?([^:/]+).*#\2#')
redis_port=$(echo "$REDIS_URL" | sed -E 's#redis://([^@]*@)?[^:/]+:?([0-9]*).*#\2#'); redis_port=${redis_port:-6379}

jar=$(ls routes/target/caravan-routes-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
    ./mvnw -B -q -ntp -pl routes -am package -DskipTests
    jar=$(ls routes/target/caravan-routes-*.jar | grep -v original | head -1)
fi

work=$(mktemp -d)
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    redis-cli -h "$redis_host" -p "$redis_port" DEL "$STREAM" "$STREAM:dead-letter" bench-raw >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- the application: events only, its stream private to this run, otherwise as shipped ----------------
# (the consumer logs every event at INFO, as seed 001's does, into $work/app.log)
# shellcheck disable=SC2086
CARAVAN_SERVICES=events CARAVAN_REDIS_URL="$REDIS_URL" CARAVAN_EVENTS_STREAM="$STREAM" \
CARAVAN_EVENTS_CONSUMER_DEADLETTERSTREAM="$STREAM:dead-letter" \
SERVER_PORT=$PORT MANAGEMENT_SERVER_PORT=$MANAGEMENT_PORT \
    "$JAVA" $JAVA_OPTS -Djava.io.tmpdir="$work" -jar "$jar" > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
    curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/event" -d '{"description":"up?"}' 2>/dev/null | grep -q 200 && break
    kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/app.log"; echo "the application did not start"; exit 1; }
    sleep 0.5
done

metric() { # the sum of a Prometheus counter of the application, from its management port
    { curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/observe/metrics" 2>/dev/null || true; } \
        | { grep -E "^$1(\{| )" || true; } | awk '{s+=$NF} END {printf "%d", s}'
}

echo "warm-up: ${WARMUP}s"
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/post-event.lua "http://127.0.0.1:$PORT/event" > /dev/null
accepted_before=$(metric caravan_events_accepted_total)

echo "measuring: ${SECONDS_MEASURED}s, $CONNECTIONS connections"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" -s bench/post-event.lua --latency "http://127.0.0.1:$PORT/event" > "$work/wrk.txt"
cat "$work/wrk.txt"
http_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
http_p99=$(awk '/ 99%/ {print $2}' "$work/wrk.txt")

# the same JVM's plain Spring MVC endpoint (no Camel, no Redis), for scale
wrk -t2 -c"$CONNECTIONS" -d10s --latency "http://127.0.0.1:$MANAGEMENT_PORT/observe/health/live" > "$work/live.txt"
live_rps=$(awk '/Requests\/sec/ {print $2}' "$work/live.txt")
live_p99=$(awk '/ 99%/ {print $2}' "$work/live.txt")

# every accepted event consumed and acknowledged? Waits as long as the consumer makes progress (a slow
# consumer is lag, not loss); gives up after 10 s without progress
stalled=0; last=-1
while [ "$stalled" -lt 20 ]; do
    accepted=$(metric caravan_events_accepted_total); consumed=$(metric caravan_events_consumed_total)
    [ "${consumed:-0}" -ge "${accepted:-0}" ] && break
    if [ "${consumed:-0}" -gt "$last" ]; then stalled=0; last=${consumed:-0}; else stalled=$((stalled + 1)); fi
    sleep 0.5
done
accepted=$(metric caravan_events_accepted_total); consumed=$(metric caravan_events_consumed_total)
lost=$((accepted - consumed))
[ "$lost" -lt 0 ] && lost=0

# --- the reference: the same payload, the same exact trimming, straight to Redis, same run -------------
payload='{"id":1234567890123456789,"description":"hello world","timestamp":"2026-11-21T21:59:50.325197293Z"}'
# about as long as the measured run: redis-benchmark stops after a count, not a duration
redis-benchmark -h "$redis_host" -p "$redis_port" -c "$CONNECTIONS" -n $((SECONDS_MEASURED * 60000)) -q \
    XADD bench-raw MAXLEN 100 '*' EventStream "$payload" > "$work/raw.txt" 2>&1
raw_rps=$(tr '\r' '\n' < "$work/raw.txt" | grep -oE '[0-9.]+ requests per second' | tail -1 | awk '{print $1}')

echo
echo "| path | requests/s | p99 |"
echo "|---|---|---|"
echo "| POST /event (production jar, events only, $CONNECTIONS connections) | $http_rps | $http_p99 |"
echo "| GET /observe/health/live, same JVM (Spring MVC, no Camel; 10 s) | $live_rps | $live_p99 |"
echo "| XADD straight to Redis (redis-benchmark -c $CONNECTIONS) | $raw_rps | |"
awk -v h="$http_rps" -v r="$raw_rps" 'BEGIN { if (r > 0) printf "POST /event / raw XADD = %.3f\n", h / r }'
echo "events accepted: $((accepted - accepted_before)) in the measured run, $accepted with the warm-up; lost (accepted, never consumed): $lost"
