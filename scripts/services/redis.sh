#!/usr/bin/env bash
# Starts a throw-away Redis for tests: loopback only, a free port, no persistence.
#   redis.sh install      install redis-server from Debian if it is missing (needs root)
#   redis.sh start DIR    start a daemon under DIR; prints LAKEGATE_TEST_REDIS=... on stdout
#   redis.sh stop DIR     shut it down; a no-op when nothing runs there
# Only the (shell-quoted) assignment goes to stdout so callers can `eval "export $(redis.sh start D)"`.
set -euo pipefail

log() { echo "redis.sh: $*" >&2; }
die() { log "$*"; exit 1; }

cmd_install() {
    if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
        log "Redis already installed: $(command -v redis-server)"
        return 0
    fi
    log "installing redis-server from apt"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server >&2
    # Debian's package may start a service on 6379; tests use their own, so leave it alone.
    command -v redis-server >/dev/null 2>&1 || die "apt-get installed redis-server but it is not on PATH"
}

free_port() {
    # Node is always present on our machines; python may not be.
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

cmd_start() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: redis.sh start DIR"
    command -v redis-server >/dev/null 2>&1 || die "no redis-server found; run: $0 install"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ -f "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        die "a server already runs in $dir; run: $0 stop $dir"
    fi

    local port
    port=$(free_port)
    [[ "$port" =~ ^[0-9]+$ ]] || die "could not pick a free port"
    log "starting Redis on 127.0.0.1:$port in $dir"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 \
        || die "redis-server failed to start"
    echo "$port" >"$dir/redis.port"

    # Bounded wait: 100 tries, 0.1 s apart.
    local i
    for i in $(seq 1 100); do
        if [[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" == "PONG" ]]; then
            echo "LAKEGATE_TEST_REDIS='127.0.0.1:$port'"
            return 0
        fi
        sleep 0.1
    done
    tail -n 30 "$dir/redis.log" >&2 || true
    die "Redis did not answer PING on 127.0.0.1:$port"
}

cmd_stop() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: redis.sh stop DIR"
    if [[ -f "$dir/redis.port" ]] && redis-cli -h 127.0.0.1 -p "$(cat "$dir/redis.port")" shutdown nosave >/dev/null 2>&1; then
        rm -f "$dir/redis.port"
        return 0
    fi
    if [[ -f "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        kill "$(cat "$dir/redis.pid")" || log "kill failed (ignored)"
    else
        log "nothing running in $dir"
    fi
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) die "usage: redis.sh install | start DIR | stop DIR" ;;
esac
