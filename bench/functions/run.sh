#!/usr/bin/env bash
# Functions benchmark, run by hand (never by the test suite): the same Node handler (handler.js) behind
#   (l) Lakegate: REST API, AWS_PROXY to a function run by aws-lambda-ric worker processes (lakegate.yaml)
#   (i) serverless-offline 13.9.0 --useInProcess (its fastest mode: the handler runs inside its process)
#   (w) serverless-offline 13.9.0 in its default mode (worker threads)
# under wrk, in alternating rounds (l i w, l i w, ...), so a slow moment of the machine hits all three.
# Reports req/s, p50 and p99 per target (median over rounds) and Lakegate's ratios to each baseline.
#
# Needs: npm ci --prefix tests/conformance/functions (aws-lambda-ric) and npm ci --prefix bench/functions.
# Knobs: ROUNDS=3 DURATION=10 WARMUP=5 THREADS=2 CONNECTIONS=16 TARGETS=l,i,w KEEP_TMP=0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/bench/functions
cd "$ROOT"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
TARGETS=${TARGETS:-l,i,w}
KEEP_TMP=${KEEP_TMP:-0}

log() { printf '%s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

for knob in ROUNDS DURATION WARMUP THREADS CONNECTIONS; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a non-negative integer"
done
IFS=',' read -r -a SELECTED <<<"$TARGETS"
for t in "${SELECTED[@]}"; do [[ $t == l || $t == i || $t == w ]] || die "TARGETS may only hold l, i, w"; done
for tool in wrk curl node dotnet awk; do command -v "$tool" >/dev/null 2>&1 || die "$tool is required"; done
[[ -f tests/conformance/functions/node_modules/aws-lambda-ric/dist/rapid-client.node ]] \
    || die "aws-lambda-ric is not built: npm ci --prefix tests/conformance/functions"
[[ -f $HERE/node_modules/serverless/bin/serverless.js ]] || die "serverless is not installed: npm ci --prefix bench/functions"

declare -A LABEL=([l]="(l) Lakegate + aws-lambda-ric" [i]="(i) serverless-offline --useInProcess" [w]="(w) serverless-offline default (worker threads)")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lakegate-fnbench.XXXXXX")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    [[ $KEEP_TMP == 1 ]] && log "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

log "building src/Lakegate (Release)"
dotnet build src/Lakegate -c Release -nologo -v quiet >"$TMP/build.log" 2>&1 || { tail -30 "$TMP/build.log" >&2; die "build failed"; }

declare -A URL LOGF
start() { # target
    local t=$1 port
    port=$(free_port)
    LOGF[$t]=$TMP/$t.log
    case $t in
        l)
            URL[l]="http://127.0.0.1:$port/bench/prod/hello"
            setsid env Logging__LogLevel__Default=Warning DOTNET_gcServer=1 \
                dotnet src/Lakegate/bin/Release/net10.0/lakegate.dll serve --config "$HERE/lakegate.yaml" \
                --store "sqlite:$TMP/lakegate.db" --urls "http://127.0.0.1:$port" >"${LOGF[l]}" 2>&1 &
            ;;
        i|w)
            URL[$t]="http://127.0.0.1:$port/prod/hello"
            local mode=()
            [[ $t == i ]] && mode=(--useInProcess)
            (cd "$HERE" && exec setsid env SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off SLS_DEPRECATION_DISABLE='*' \
                node node_modules/serverless/bin/serverless.js offline start --host 127.0.0.1 --httpPort "$port" \
                --lambdaPort "$(free_port)" --websocketPort "$(free_port)" "${mode[@]}" >"${LOGF[$t]}" 2>&1) &
            ;;
    esac
    PIDS+=($!)
    for _ in $(seq 1 300); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "${URL[$t]}" || true) == 200 ]] && { log "${LABEL[$t]} ready at ${URL[$t]}"; return; }
        sleep 0.2
    done
    tail -30 "${LOGF[$t]}" >&2
    die "${LABEL[$t]} did not answer 200"
}

run_wrk() { # target seconds out
    timeout --kill-after=5 $(($2 + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s --latency "${URL[$1]}" >"$3" 2>&1 \
        || { cat "$3" >&2; die "wrk against ${LABEL[$1]} failed"; }
}

# "rps p50_ms p99_ms errors" from wrk --latency output (errors: non-2xx plus socket errors).
parse_wrk() {
    awk '
        function ms(v,  n, u) { n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u)
            return u == "us" ? n / 1000 : u == "ms" ? n + 0 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : "" }
        $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { line = $0; sub(/.*Socket errors: */, "", line); gsub(/,/, "", line); n = split(line, f, " "); for (i = 2; i <= n; i += 2) errors += f[i] }
        END { if (rps == "" || p50 == "" || p99 == "") exit 1; printf "%s %.3f %.3f %d\n", rps, p50, p99, errors + 0 }' "$1"
}

mkdir -p "$ROOT/bench/results"
for t in "${SELECTED[@]}"; do start "$t"; done
if ((WARMUP > 0)); then
    for t in "${SELECTED[@]}"; do log "warm-up ${LABEL[$t]}"; run_wrk "$t" "$WARMUP" "$TMP/warmup-$t.txt"; done
fi

declare -A RPS P50 P99
for r in $(seq 1 "$ROUNDS"); do
    for t in "${SELECTED[@]}"; do
        log "round $r/$ROUNDS: ${LABEL[$t]}"
        run_wrk "$t" "$DURATION" "$TMP/r$r-$t.txt"
        read -r rps p50 p99 errors <<<"$(parse_wrk "$TMP/r$r-$t.txt")" || die "cannot parse wrk output"
        ((errors == 0)) || { cat "$TMP/r$r-$t.txt" >&2; tail -20 "${LOGF[$t]}" >&2; die "${LABEL[$t]}: $errors errors; the run is invalid"; }
        RPS[$r,$t]=$rps P50[$r,$t]=$p50 P99[$r,$t]=$p99
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values() { local -n m=$1; for r in $(seq 1 "$ROUNDS"); do echo "${m[$r,$2]}"; done; }
ratios() { local -n m=$1; for r in $(seq 1 "$ROUNDS"); do awk -v a="${m[$r,$2]}" -v b="${m[$r,$3]}" 'BEGIN { printf "%.3f\n", a / b }'; done; }

{
    echo "- commit $(git rev-parse --short HEAD)$([[ -n $(git status --porcelain) ]] && echo ' (dirty)'), $(nproc) cores, load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\`, $ROUNDS rounds alternating ${SELECTED[*]}, ${WARMUP}s warm-up each; Lakegate: maxConcurrency 4, minWarm 4"
    echo
    echo "| target | req/s (median) | p50 ms | p99 ms | req/s per round |"
    echo "|---|---:|---:|---:|---|"
    for t in "${SELECTED[@]}"; do
        echo "| ${LABEL[$t]} | $(values RPS "$t" | median) | $(values P50 "$t" | median) | $(values P99 "$t" | median) | $(values RPS "$t" | paste -sd' ') |"
    done
    if [[ " ${SELECTED[*]} " == *" l "* ]]; then
        echo
        echo "| Lakegate vs | throughput l/x (median of per-round; range) | p50 l/x | p99 l/x |"
        echo "|---|---|---|---|"
        for x in i w; do
            [[ " ${SELECTED[*]} " == *" $x "* ]] || continue
            tr=$(ratios RPS l "$x"); p5=$(ratios P50 l "$x"); p9=$(ratios P99 l "$x")
            echo "| ${LABEL[$x]} | $(median <<<"$tr") ($(sort -g <<<"$tr" | head -1) … $(sort -g <<<"$tr" | tail -1)) | $(median <<<"$p5") | $(median <<<"$p9") |"
        done
    fi
} | tee "$ROOT/bench/results/functions-latest.md"
