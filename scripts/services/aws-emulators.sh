#!/usr/bin/env bash
# Starts throw-away AWS-compatible services for tests, on loopback and free ports:
# dynalite (DynamoDB), s3rver (S3) and kinesalite (Kinesis), pinned in tests/conformance/aws-emulators.
#   aws-emulators.sh install      npm ci the pinned emulators (needs node and npm)
#   aws-emulators.sh start DIR    start all three under DIR; prints LAKEGATE_TEST_DYNAMODB=..., LAKEGATE_TEST_S3=...,
#                                 LAKEGATE_TEST_KINESIS=... on stdout (one line, shell-quoted)
#   aws-emulators.sh stop DIR     stop them; a no-op when nothing runs there
# Only the assignments go to stdout so callers can `eval "export $(aws-emulators.sh start D)"`.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
suite="$root/tests/conformance/aws-emulators"
names=(dynalite s3rver kinesalite)

log() { echo "aws-emulators.sh: $*" >&2; }
die() { log "$*"; exit 1; }

cmd_install() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "node and npm are required"
    npm ci --prefix "$suite" --no-audit --no-fund --loglevel=error >&2
}

cmd_start() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: aws-emulators.sh start DIR"
    [[ -d "$suite/node_modules/dynalite" ]] || die "emulators not installed; run: $0 install"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    local name
    for name in "${names[@]}"; do
        if [[ -f "$dir/$name.pid" ]] && kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
            die "$name already runs in $dir; run: $0 stop $dir"
        fi
        rm -f "$dir/$name.port"
    done

    for name in "${names[@]}"; do
        # Each listens on port 0 and writes the port the kernel gave it to $dir/$name.port.
        nohup node "$suite/start.js" "$name" "$dir" >"$dir/$name.log" 2>&1 </dev/null &
        echo $! >"$dir/$name.pid"
    done

    # Bounded wait: 200 tries, 0.1 s apart, for all three ports.
    local i missing
    for i in $(seq 1 200); do
        missing=0
        for name in "${names[@]}"; do
            if [[ ! -s "$dir/$name.port" ]]; then
                missing=1
                kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || { tail -n 30 "$dir/$name.log" >&2 || true; cmd_stop "$dir"; die "$name exited before listening"; }
            fi
        done
        if [[ $missing -eq 0 ]]; then
            echo "LAKEGATE_TEST_DYNAMODB='http://127.0.0.1:$(cat "$dir/dynalite.port")'" \
                 "LAKEGATE_TEST_S3='http://127.0.0.1:$(cat "$dir/s3rver.port")'" \
                 "LAKEGATE_TEST_KINESIS='http://127.0.0.1:$(cat "$dir/kinesalite.port")'"
            return 0
        fi
        sleep 0.1
    done
    for name in "${names[@]}"; do tail -n 10 "$dir/$name.log" >&2 || true; done
    cmd_stop "$dir"
    die "the emulators did not start within 20 s"
}

cmd_stop() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: aws-emulators.sh stop DIR"
    local name pid stopped=0
    for name in "${names[@]}"; do
        if [[ -f "$dir/$name.pid" ]]; then
            pid=$(cat "$dir/$name.pid")
            if kill -0 "$pid" 2>/dev/null; then
                kill "$pid" 2>/dev/null || log "kill $name ($pid) failed (ignored)"
                stopped=1
            fi
            rm -f "$dir/$name.pid" "$dir/$name.port"
        fi
    done
    [[ $stopped -eq 1 ]] || log "nothing running in $dir"
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) die "usage: aws-emulators.sh install | start DIR | stop DIR" ;;
esac
