#!/usr/bin/env bash
# Traffic-control benchmark (issue 6), run by hand, never by the test suite.
#
# One run, alternating rounds, same wrk settings for each target:
#   (a) raw Kestrel hello (bench/Hello): the ceiling
#   (m) Lakegate: a MOCK route with apiKeyRequired, the key in a usage plan with a plan throttle and
#       the stage's methodSettings throttle; limits far above the load, so nothing is refused, but
#       every request is hashed, looked up, metered in two token buckets and the account bucket,
#       and rendered through two VTL templates. Rate-limit store: in memory.
#   (r) the same Lakegate configuration with its buckets in Redis (a redis-server this script
#       starts on a free port), as a cluster would run.
# Reports per-round throughput ratios (m)/(a) and (r)/(a); target (m)/(a) >= 0.6.
#
# Knobs: ROUNDS=5 DURATION=10 WARMUP=5 THREADS=2 CONNECTIONS=64 KEEP_TMP=0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
KEEP_TMP=${KEEP_TMP:-0}
TARGET_RATIO=0.6
KEY=bench-traffic-key-0123456789abcdef

log() { printf '%s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
for knob in ROUNDS DURATION WARMUP THREADS CONNECTIONS; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a non-negative integer"
done
for tool in wrk curl node dotnet redis-server redis-cli awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required (apt-get install wrk redis-server)"
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lakegate-traffic.XXXXXX")
PIDS=()
cleanup() {
    local rc=$? pid
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ -f $TMP/redis.pid ]] && kill "$(cat "$TMP/redis.pid")" 2>/dev/null || true
    if [[ $KEEP_TMP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "building bench/Hello and src/Lakegate (Release)"
dotnet build -c Release --nologo -v q bench/Hello/Hello.csproj >"$TMP/build.log" 2>&1 || { tail -40 "$TMP/build.log"; die "build failed"; }
dotnet build -c Release --nologo -v q src/Lakegate/Lakegate.csproj >"$TMP/build.log" 2>&1 || { tail -40 "$TMP/build.log"; die "build failed"; }

read -r A_PORT M_PORT R_PORT REDIS_PORT < <(node -e '
const net = require("net"); const n = 4, s = [];
for (let i = 0; i < n; i++) { const x = net.createServer(); x.listen(0, "127.0.0.1", () => { s.push(x);
  if (s.length === n) { console.log(s.map(y => y.address().port).join(" ")); s.forEach(y => y.close()); } }); }')
[[ -n ${REDIS_PORT:-} ]] || die "could not pick free ports"

redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' --appendonly no \
    --dir "$TMP" --pidfile "$TMP/redis.pid" --logfile "$TMP/redis.log" >/dev/null
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping | grep -q PONG || die "redis-server did not start"

cat >"$TMP/traffic.yaml" <<YAML
version: 1
server:
  accessLog: false
  # Far above the load: the run measures the checks, not refusals.
  throttle: { rateLimit: 10000000, burstLimit: 1000000 }
apis:
  - id: bench
    routes:
      - route: GET /hello
        apiKeyRequired: true
        integration:
          type: mock
          requestTemplates: { application/json: '{"statusCode": 200}' }
          responses:
            - statusCode: 200
              responseTemplates: { text/plain: hello }
    stages:
      - name: prod
        methodSettings:
          "*/*": { throttlingRateLimit: 10000000, throttlingBurstLimit: 1000000 }
apiKeys:
  - { name: bench, value: $KEY }
usagePlans:
  - name: bench
    apiStages: [{ api: bench, stage: prod }]
    throttle: { rateLimit: 10000000, burstLimit: 1000000 }
    keys: [bench]
YAML

ENV=(Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 DOTNET_gcServer=1)
env "${ENV[@]}" dotnet bench/Hello/bin/Release/net10.0/Hello.dll --urls "http://127.0.0.1:$A_PORT" >"$TMP/a.log" 2>&1 &
PIDS+=("$!")
env "${ENV[@]}" dotnet src/Lakegate/bin/Release/net10.0/lakegate.dll serve --config "$TMP/traffic.yaml" \
    --urls "http://127.0.0.1:$M_PORT" --store "sqlite:$TMP/m.db" >"$TMP/m.log" 2>&1 &
PIDS+=("$!")
env "${ENV[@]}" dotnet src/Lakegate/bin/Release/net10.0/lakegate.dll serve --config "$TMP/traffic.yaml" \
    --urls "http://127.0.0.1:$R_PORT" --store "sqlite:$TMP/r.db" --rate-limit-store "redis://127.0.0.1:$REDIS_PORT" >"$TMP/r.log" 2>&1 &
PIDS+=("$!")

declare -A URL=([a]="http://127.0.0.1:$A_PORT/hello" [m]="http://127.0.0.1:$M_PORT/bench/prod/hello" [r]="http://127.0.0.1:$R_PORT/bench/prod/hello")
declare -A LABEL=([a]="(a) Kestrel hello" [m]="(m) Lakegate key+plan+throttle, memory" [r]="(r) Lakegate key+plan+throttle, Redis")
for t in a m r; do
    ok=0
    for _ in $(seq 1 150); do
        out=$(curl -s --max-time 2 -H "x-api-key: $KEY" -H 'Accept: text/plain' "${URL[$t]}" || true)
        [[ $out == hello ]] && { ok=1; break; }
        sleep 0.2
    done
    ((ok)) || { tail -30 "$TMP/$t.log" >&2; die "${LABEL[$t]} did not answer 'hello' at ${URL[$t]}"; }
    log "${LABEL[$t]} is up"
done
# Without the key the gateway must refuse: the checks are really on the path being measured.
[[ $(curl -s -o /dev/null -w '%{http_code}' "${URL[m]}") == 403 ]] || die "(m) served without an API key"

run_wrk() { # target seconds file
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 2s --latency -H "x-api-key: $KEY" -H 'Accept: text/plain' "${URL[$1]}" >"$3" 2>&1
}
parse() { # file -> "rps p99ms non2xx"
    awk 'function ms(v, n, u) { n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u);
            return u == "us" ? n / 1000 : u == "ms" ? n : u == "s" ? n * 1000 : n * 60000 }
         $1 == "99%" { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 } /Non-2xx/ { bad = $NF }
         /Socket errors:/ { bad += 1 }
         END { printf "%s %.3f %d\n", rps, p99, bad + 0 }' "$1"
}

for t in a m r; do log "warm-up ${LABEL[$t]}"; run_wrk "$t" "$WARMUP" "$TMP/warm-$t.txt"; done
declare -A RPS=() P99=()
RATIO_M=() RATIO_R=()
for ((i = 1; i <= ROUNDS; i++)); do
    order="a m r"; ((i % 2 == 0)) && order="r m a"
    for t in $order; do
        run_wrk "$t" "$DURATION" "$TMP/r$i-$t.txt"
        read -r rps p99 bad <<<"$(parse "$TMP/r$i-$t.txt")"
        ((bad == 0)) || { cat "$TMP/r$i-$t.txt" >&2; die "INVALID RUN: ${LABEL[$t]} had non-2xx responses or socket errors in round $i"; }
        RPS[$i,$t]=$rps; P99[$i,$t]=$p99
        log "$(printf '[round %d] %-42s %9.0f req/s  p99 %7.2f ms' "$i" "${LABEL[$t]}" "$rps" "$p99")"
    done
    RATIO_M+=("$(awk -v x="${RPS[$i,m]}" -v y="${RPS[$i,a]}" 'BEGIN { printf "%.3f", x / y }')")
    RATIO_R+=("$(awk -v x="${RPS[$i,r]}" -v y="${RPS[$i,a]}" 'BEGIN { printf "%.3f", x / y }')")
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s … %s", lo, hi }'; }
{
    echo "## $(date -u +%Y-%m-%d) — traffic control (issue 6): API key + usage plan + throttles vs raw Kestrel"
    echo
    echo "\`bench/traffic/run.sh\`: wrk -t$THREADS -c$CONNECTIONS, $ROUNDS rounds × ${DURATION} s alternating (a m r, then r m a), ${WARMUP} s warm-up,"
    echo "Server GC, access log off; load average before the run: $LOAD_BEFORE on $(nproc) cores; commit $(git rev-parse --short HEAD)."
    echo
    echo "| target | req/s (median) | p99 ms (median) |"
    echo "|---|---:|---:|"
    for t in a m r; do
        r=(); p=(); for ((i = 1; i <= ROUNDS; i++)); do r+=("${RPS[$i,$t]}"); p+=("${P99[$i,$t]}"); done
        printf '| %s | %.0f | %.2f |\n' "${LABEL[$t]}" "$(median "${r[@]}")" "$(median "${p[@]}")"
    done
    echo
    m=$(median "${RATIO_M[@]}"); rr=$(median "${RATIO_R[@]}")
    verdict=$(awk -v v="$m" -v t="$TARGET_RATIO" 'BEGIN { print (v >= t) ? "pass" : "FAIL" }')
    echo "| ratio | median of per-round | range | target | verdict |"
    echo "|---|---:|---:|---|---|"
    echo "| (m)/(a) | $m | $(range "${RATIO_M[@]}") | ≥ $TARGET_RATIO | $verdict |"
    echo "| (r)/(a) | $rr | $(range "${RATIO_R[@]}") | — | |"
} | tee "$TMP/report.md"
