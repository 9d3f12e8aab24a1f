#!/usr/bin/env bash
# Lakegate loopback benchmark, run by hand (never by the test suite). See bench/README.md.
#
# Measures in one run, in alternating rounds:
#   (a) the raw Kestrel backend (bench/Hello)
#   (b) bare YARP IHttpForwarder in front of it (bench/BareYarp)
#   (c) Lakegate's http_proxy integration in front of the same backend
#
# Knobs (environment): TARGETS=a,b,c  ROUNDS=5  DURATION=10  WARMUP=5  THREADS=2  CONNECTIONS=64
#                      WRK_TIMEOUT=2s  GC_SERVER=1  ROTATE=0  AA=0  READY_TRIES=150  KEEP_TMP=0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

TARGETS=${TARGETS:-a,b,c}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
WRK_TIMEOUT=${WRK_TIMEOUT:-2s}
# Hello and BareYarp are Web SDK projects (Server GC by default); Lakegate's CLI may not be. Forcing one GC
# mode on all three keeps the comparison about forwarding. GC_SERVER= (empty) leaves each app's own setting.
GC_SERVER=${GC_SERVER-1}
# ROTATE=1 starts each round one target later (a b c, b c a, c a b, ...) so no target always runs first.
ROTATE=${ROTATE:-0}
# AA=1 runs a second bare YARP as (c) instead of Lakegate: (b) and (c) are then identical, and the
# spread of (c)/(b) and p99(c) - p99(b) is this machine's noise floor.
AA=${AA:-0}
READY_TRIES=${READY_TRIES:-150}
KEEP_TMP=${KEEP_TMP:-0}

# Targets to beat, reported against (not enforced by the exit code).
TARGET_THROUGHPUT_RATIO=0.85
TARGET_P99_ADDED_MS=1.0

log() { printf '%s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

for knob in ROUNDS DURATION WARMUP THREADS CONNECTIONS READY_TRIES; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "$knob must be a non-negative integer, got '${!knob}'"
done
((ROUNDS >= 1 && DURATION >= 1 && THREADS >= 1 && CONNECTIONS >= THREADS)) \
    || die "need ROUNDS>=1, DURATION>=1, THREADS>=1 and CONNECTIONS>=THREADS"
[[ -z $GC_SERVER || $GC_SERVER == 0 || $GC_SERVER == 1 ]] || die "GC_SERVER must be 0, 1 or empty"
[[ $ROTATE == 0 || $ROTATE == 1 ]] || die "ROTATE must be 0 or 1"
[[ $AA == 0 || $AA == 1 ]] || die "AA must be 0 or 1"

# Taken before this script adds load of its own: a busy machine makes every number here noise.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CORES=$(nproc)
BUSY=0
if awk -v l="${LOAD_BEFORE%% *}" -v c="$CORES" 'BEGIN { exit !(l > c / 2) }'; then
    BUSY=1
    log "WARNING: load average is $LOAD_BEFORE on $CORES cores before the benchmark starts (another process, or a run that just ended); the results will be noisy"
fi

# Parse TARGETS into an ordered, de-duplicated list.
SELECTED=()
IFS=',' read -r -a requested <<<"$TARGETS"
for t in "${requested[@]}"; do
    t=${t// /}
    [[ $t == a || $t == b || $t == c ]] || die "TARGETS may only contain a, b, c (got '$TARGETS')"
    [[ " ${SELECTED[*]-} " == *" $t "* ]] || SELECTED+=("$t")
done
((${#SELECTED[@]} > 0)) || die "TARGETS is empty"
has() { [[ " ${SELECTED[*]} " == *" $1 "* ]]; }

declare -A LABEL=(
    [a]="(a) Kestrel hello"
    [b]="(b) bare YARP"
    [c]="(c) Lakegate http_proxy"
)
[[ $AA == 1 ]] && LABEL[c]="(c) bare YARP again (A/A)"

# --- processes and temp files, all cleaned up on exit -------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lakegate-bench.XXXXXX")
PIDS=()  # servers
CHILD="" # the build or wrk being waited for
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local pid
    [[ -n $CHILD ]] && kill "$CHILD" 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ $KEEP_TMP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command in the background and waits for it: bash runs traps only between commands, and `wait`
# is interruptible, so an INT/TERM stops the benchmark at once instead of after the current wrk run.
run_child() { # command...
    local rc=0
    "$@" &
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=""
    return "$rc"
}

show_log() { # file
    log "---- last lines of $1 ----"
    tail -n 40 "$1" >&2 || true
    log "----"
}

# --- tools --------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "wrk not found; installing it with apt-get"
    timeout 300 apt-get update >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y wrk >&2 || die "apt-get install wrk failed"
fi
for tool in wrk curl node dotnet awk timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

# --- build --------------------------------------------------------------------------------------------
build() { # project
    log "building $1 (Release)"
    run_child timeout 900 dotnet build -c Release --nologo -v q "$1" >"$TMP/build.log" 2>&1 || {
        show_log "$TMP/build.log"
        die "build of $1 failed"
    }
}
build bench/Hello/Hello.csproj
if has b || { has c && [[ $AA == 1 ]]; }; then build bench/BareYarp/BareYarp.csproj; fi
if has c && [[ $AA == 0 ]]; then build src/Lakegate/Lakegate.csproj; fi

HELLO_DLL=bench/Hello/bin/Release/net10.0/Hello.dll
YARP_DLL=bench/BareYarp/bin/Release/net10.0/BareYarp.dll
LAKEGATE_DLL=src/Lakegate/bin/Release/net10.0/lakegate.dll

# --- ports: ask the kernel for three at once so they are distinct -------------------------------------
read -r HELLO_PORT YARP_PORT LAKEGATE_PORT < <(node -e '
const net = require("net");
const n = 3, servers = [];
for (let i = 0; i < n; i++) {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => {
    servers.push(s);
    if (servers.length === n) {
      console.log(servers.map(x => x.address().port).join(" "));
      servers.forEach(x => x.close());
    }
  });
}')
[[ -n ${LAKEGATE_PORT:-} ]] || die "could not pick free ports"

declare -A URL=(
    [a]="http://127.0.0.1:$HELLO_PORT/hello"
    [b]="http://127.0.0.1:$YARP_PORT/hello"
    [c]="http://127.0.0.1:$LAKEGATE_PORT/bench/prod/hello"
)
declare -A SERVER_PID=()
declare -A SERVER_LOG=()

SERVER_ENV=(
    Logging__LogLevel__Default=Warning
    ASPNETCORE_ENVIRONMENT=Production
    DOTNET_ENVIRONMENT=Production
    DOTNET_NOLOGO=1
)
[[ -n $GC_SERVER ]] && SERVER_ENV+=("DOTNET_gcServer=$GC_SERVER")

start_server() { # target command...
    local t=$1
    shift
    SERVER_LOG[$t]="$TMP/server-$t.log"
    env "${SERVER_ENV[@]}" "$@" >"${SERVER_LOG[$t]}" 2>&1 &
    SERVER_PID[$t]=$!
    PIDS+=("$!")
}

wait_ready() { # target
    local t=$1 url=${URL[$1]} out="" i
    for ((i = 1; i <= READY_TRIES; i++)); do
        if ! kill -0 "${SERVER_PID[$t]}" 2>/dev/null; then
            show_log "${SERVER_LOG[$t]}"
            die "${LABEL[$t]} exited during start-up"
        fi
        out=$(curl -s --max-time 2 -w '\n%{http_code}' "$url" 2>/dev/null || true)
        if [[ $out == $'hello\n200' ]]; then
            log "${LABEL[$t]} is up at $url"
            return 0
        fi
        sleep 0.2
    done
    show_log "${SERVER_LOG[$t]}"
    die "${LABEL[$t]} did not answer 200 'hello' at $url after $READY_TRIES tries (last answer: ${out//$'\n'/ status })"
}

# (a) always runs: (b) and (c) forward to it.
start_server a dotnet "$HELLO_DLL" --urls "http://127.0.0.1:$HELLO_PORT"
wait_ready a
if has b; then
    start_server b dotnet "$YARP_DLL" --urls "http://127.0.0.1:$YARP_PORT" --backend "http://127.0.0.1:$HELLO_PORT"
    wait_ready b
fi
if has c && [[ $AA == 1 ]]; then
    # The same program as (b) on another port, loaded on Lakegate's invoke path (Hello answers every path).
    start_server c dotnet "$YARP_DLL" --urls "http://127.0.0.1:$LAKEGATE_PORT" --backend "http://127.0.0.1:$HELLO_PORT"
    wait_ready c
elif has c; then
    cat >"$TMP/bench.yaml" <<EOF
version: 1
server:
  accessLog: false
  # The account-wide throttle (API Gateway's 10,000 rps default) would turn most of this load into
  # 429s; raise it so the run measures forwarding. Its per-request check still runs.
  throttle: { rateLimit: 10000000, burstLimit: 1000000 }
apis:
  - id: bench
    type: rest
    routes:
      - route: ANY /{proxy+}
        integration:
          type: http_proxy
          uri: http://127.0.0.1:$HELLO_PORT/{proxy}
    stages:
      - name: prod
EOF
    start_server c dotnet "$LAKEGATE_DLL" serve --config "$TMP/bench.yaml" \
        --urls "http://127.0.0.1:$LAKEGATE_PORT" --store "sqlite:$TMP/bench.db"
    wait_ready c
fi

# --- wrk runs -----------------------------------------------------------------------------------------
run_wrk() { # target seconds output-file
    local t=$1 secs=$2 out=$3
    run_child timeout --kill-after=5 $((secs + 30)) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout "$WRK_TIMEOUT" --latency "${URL[$t]}" >"$out" 2>&1 || {
        cat "$out" >&2 || true
        die "wrk against ${LABEL[$t]} failed or overran"
    }
}

# Prints "rps p50_ms p99_ms non2xx socket_errors" from one wrk --latency output; wrk prints times as
# 123.45us / 1.23ms / 1.23s / 1.23m / 1.23h.
parse_wrk() { # file
    awk '
        function ms(v,   n, u) {
            n = v; sub(/[a-z]+$/, "", n)
            u = v; sub(/^[0-9.]+/, "", u)
            if (u == "us") return n / 1000
            if (u == "ms") return n + 0
            if (u == "s")  return n * 1000
            if (u == "m")  return n * 60000
            if (u == "h")  return n * 3600000
            return ""
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $NF }
        /Socket errors:/ {
            line = $0; sub(/.*Socket errors: */, "", line); gsub(/,/, "", line)
            n = split(line, f, " ")
            for (i = 2; i <= n; i += 2) sock += f[i]
        }
        END {
            if (rps == "" || p50 == "" || p99 == "") exit 1
            printf "%s %.4f %.4f %d %d\n", rps, p50, p99, non2xx + 0, sock + 0
        }' "$1"
}

mkdir -p bench/results
RAW=bench/results/raw
rm -rf "$RAW"
mkdir -p "$RAW"

if ((WARMUP > 0)); then
    for t in "${SELECTED[@]}"; do
        log "warm-up ${LABEL[$t]}: ${WARMUP}s"
        run_wrk "$t" "$WARMUP" "$RAW/warmup-$t.txt"
    done
fi

round_order() { # round
    local n=${#SELECTED[@]} shift=0 i
    [[ $ROTATE == 1 ]] && shift=$((($1 - 1) % n))
    for ((i = 0; i < n; i++)); do printf '%s ' "${SELECTED[$(((i + shift) % n))]}"; done
}

declare -A RPS=() P50=() P99=() NON2XX=() SOCK=() ORDER=()
for ((r = 1; r <= ROUNDS; r++)); do
    ORDER[$r]=$(round_order "$r")
    for t in ${ORDER[$r]}; do
        out="$RAW/round$r-$t.txt"
        run_wrk "$t" "$DURATION" "$out"
        parsed=$(parse_wrk "$out") || { cat "$out" >&2; die "could not parse wrk output for ${LABEL[$t]}"; }
        read -r RPS[$r,$t] P50[$r,$t] P99[$r,$t] NON2XX[$r,$t] SOCK[$r,$t] <<<"$parsed"
        log "$(printf '[round %d/%d] %-24s %10.0f req/s  p50 %8.3f ms  p99 %8.3f ms  non-2xx %s  socket errors %s' \
            "$r" "$ROUNDS" "${LABEL[$t]}" "${RPS[$r,$t]}" "${P50[$r,$t]}" "${P99[$r,$t]}" "${NON2XX[$r,$t]}" "${SOCK[$r,$t]}")"
        # A gateway that answers errors is fast for the wrong reason: the whole run is invalid.
        if [[ ${NON2XX[$r,$t]} != 0 || ${SOCK[$r,$t]} != 0 ]]; then
            cat "$out" >&2
            [[ -n ${SERVER_LOG[$t]:-} ]] && show_log "${SERVER_LOG[$t]}"
            die "INVALID RUN: ${LABEL[$t]} had ${NON2XX[$r,$t]} non-2xx/3xx responses and ${SOCK[$r,$t]} socket errors in round $r"
        fi
    done
done

# --- statistics ---------------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s %s\n", lo, hi }'; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }

declare -A MED_RPS=() MED_P50=() MED_P99=()
for t in "${SELECTED[@]}"; do
    rps=() p50=() p99=()
    for ((r = 1; r <= ROUNDS; r++)); do rps+=("${RPS[$r,$t]}"); p50+=("${P50[$r,$t]}"); p99+=("${P99[$r,$t]}"); done
    MED_RPS[$t]=$(median "${rps[@]}")
    MED_P50[$t]=$(median "${p50[@]}")
    MED_P99[$t]=$(median "${p99[@]}")
done

# One row of the ratio table. Each round gives a paired value (x and y measured back to back), and the
# verdict uses the median of those: a slow round (another process, a GC storm) then moves x and y together
# instead of skewing one target's median. The ratio of the per-target medians is shown for comparison.
ratio_row() { # label x y kind(ratio|p99diff) target-text check(awk expression over v, or "")
    local label=$1 x=$2 y=$3 kind=$4 target=$5 check=$6
    if ! has "$x" || ! has "$y"; then
        printf '| %s | n/a | n/a | n/a | %s | not measured |\n' "$label" "$target"
        return
    fi
    local per=() r fmt of_medians paired lo hi verdict=""
    for ((r = 1; r <= ROUNDS; r++)); do
        if [[ $kind == ratio ]]; then per+=("$(calc "${RPS[$r,$x]} / ${RPS[$r,$y]}")")
        else per+=("$(calc "${P99[$r,$x]} - ${P99[$r,$y]}")"); fi
    done
    if [[ $kind == ratio ]]; then of_medians=$(calc "${MED_RPS[$x]} / ${MED_RPS[$y]}"); fmt='%.3f'
    else of_medians=$(calc "${MED_P99[$x]} - ${MED_P99[$y]}"); fmt='%+.3f ms'; fi
    paired=$(median "${per[@]}")
    read -r lo hi <<<"$(minmax "${per[@]}")"
    if [[ -n $check ]]; then
        if awk -v v="$paired" "BEGIN { exit !($check) }"; then verdict="PASS"; else verdict="**FAIL**"; fi
    fi
    # shellcheck disable=SC2059
    printf "| %s | $fmt | $fmt … $fmt | $fmt | %s | %s |\n" "$label" "$paired" "$lo" "$hi" "$of_medians" "$target" "$verdict"
}

# --- report -------------------------------------------------------------------------------------------
REPORT="$TMP/report.md"
{
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -n $(git status --porcelain 2>/dev/null || true) ]] && commit="$commit (dirty)"
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    wrkv=$(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2; exit }' || true)
    if [[ -n $GC_SERVER ]]; then gc_text="DOTNET_gcServer=$GC_SERVER on all servers"; else gc_text="each app's own setting"; fi
    echo "## Lakegate loopback benchmark"
    echo
    echo "- when: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
    echo "- host: $(nproc) cores ${cpu:+($cpu)}, $(uname -sr), .NET SDK $(dotnet --version), $wrkv, load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout $WRK_TIMEOUT --latency\`, $ROUNDS rounds alternating ${SELECTED[*]}$([[ $ROTATE == 1 ]] && echo ", order rotated each round"), ${WARMUP}s warm-up each; GC: $gc_text"
    for t in "${SELECTED[@]}"; do echo "- ${LABEL[$t]}: ${URL[$t]}"; done
    if [[ $BUSY == 1 ]]; then
        echo
        echo "> **Warning:** the load average was $LOAD_BEFORE on $CORES cores before the run started. Something else was using the CPU, so treat these numbers as noise."
    fi
    echo
    for ((r = 1; r <= ROUNDS; r++)); do
        echo "### Round $r (run order: ${ORDER[$r]% })"
        echo
        echo "| target | req/s | p50 ms | p99 ms | non-2xx | socket errors |"
        echo "|---|---:|---:|---:|---:|---:|"
        for t in "${SELECTED[@]}"; do
            printf '| %s | %.0f | %.3f | %.3f | %d | %d |\n' "${LABEL[$t]}" "${RPS[$r,$t]}" "${P50[$r,$t]}" "${P99[$r,$t]}" "${NON2XX[$r,$t]}" "${SOCK[$r,$t]}"
        done
        echo
    done
    echo "### Median over $ROUNDS rounds"
    echo
    echo "| target | req/s | p50 ms | p99 ms |"
    echo "|---|---:|---:|---:|"
    for t in "${SELECTED[@]}"; do
        printf '| %s | %.0f | %.3f | %.3f |\n' "${LABEL[$t]}" "${MED_RPS[$t]}" "${MED_P50[$t]}" "${MED_P99[$t]}"
    done
    echo
    echo "### Ratios"
    echo
    echo "Each round measures the targets back to back; the verdict uses the median of those per-round values."
    echo
    echo "| metric | median of per-round (verdict) | per-round range | from the medians above | target | verdict |"
    echo "|---|---:|---:|---:|---|---|"
    ratio_row "throughput (b)/(a)" b a ratio "—" ""
    ratio_row "throughput (c)/(b)" c b ratio "≥ $TARGET_THROUGHPUT_RATIO" "v >= $TARGET_THROUGHPUT_RATIO"
    ratio_row "p99 added by (c) over (b): p99(c) − p99(b)" c b p99diff "≤ $TARGET_P99_ADDED_MS ms" "v <= $TARGET_P99_ADDED_MS"
    ratio_row "p99 added by the YARP hop: p99(b) − p99(a)" b a p99diff "—" ""
    echo
    echo "Raw wrk output: bench/results/raw/. Compare ratios within one run only (see bench/README.md)."
} >"$REPORT"

cp "$REPORT" bench/results/latest.md
cat "$REPORT"
log "written to bench/results/latest.md"
