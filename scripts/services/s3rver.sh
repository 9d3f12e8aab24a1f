#!/usr/bin/env bash
# Starts a throw-away S3 emulator (s3rver 3.7.1, pinned in tests/conformance/s3rver) for the dataset
# S3-source tests, on loopback and a free port. (awsproxy's aws-emulators.sh starts the same server
# among others; whichever runs, tests read LAKEGATE_TEST_S3.)
#   s3rver.sh install      npm ci the pinned s3rver (needs node and npm)
#   s3rver.sh start DIR    start it with its buckets under DIR; prints LAKEGATE_TEST_S3=... on stdout
#   s3rver.sh stop DIR     stop it; a no-op when nothing runs there
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
suite="$root/tests/conformance/s3rver"

log() { echo "s3rver.sh: $*" >&2; }
die() { log "$*"; exit 1; }

free_port() {
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

cmd_install() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "node and npm are required"
    npm ci --prefix "$suite" --no-audit --no-fund --loglevel=error >&2
}

cmd_start() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: s3rver.sh start DIR"
    [[ -f "$suite/node_modules/s3rver/bin/s3rver.js" ]] || die "s3rver not installed; run: $0 install"
    mkdir -p "$dir/data"
    dir=$(cd "$dir" && pwd)
    if [[ -f "$dir/s3rver.pid" ]] && kill -0 "$(cat "$dir/s3rver.pid")" 2>/dev/null; then
        die "s3rver already runs in $dir; run: $0 stop $dir"
    fi

    local port
    port=$(free_port)
    [[ "$port" =~ ^[0-9]+$ ]] || die "could not pick a free port"
    nohup node "$suite/node_modules/s3rver/bin/s3rver.js" -d "$dir/data" -a 127.0.0.1 -p "$port" --silent >"$dir/s3rver.log" 2>&1 </dev/null &
    echo $! >"$dir/s3rver.pid"

    # Bounded wait: 100 tries, 0.1 s apart, for the port to accept connections.
    local i
    for i in $(seq 1 100); do
        if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
            echo "LAKEGATE_TEST_S3='http://127.0.0.1:$port'"
            return 0
        fi
        kill -0 "$(cat "$dir/s3rver.pid")" 2>/dev/null || { tail -n 30 "$dir/s3rver.log" >&2 || true; die "s3rver exited before listening"; }
        sleep 0.1
    done
    cmd_stop "$dir"
    die "s3rver did not listen on 127.0.0.1:$port"
}

cmd_stop() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: s3rver.sh stop DIR"
    if [[ -f "$dir/s3rver.pid" ]] && kill -0 "$(cat "$dir/s3rver.pid")" 2>/dev/null; then
        kill "$(cat "$dir/s3rver.pid")" || log "kill failed (ignored)"
    fi
    rm -f "$dir/s3rver.pid"
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) die "usage: s3rver.sh install | start DIR | stop DIR" ;;
esac
