#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for tests: loopback only, a free port, trust auth, no fsync.
#   postgres.sh install      install PostgreSQL from Debian if no initdb is present (needs root)
#   postgres.sh start DIR    initdb + start under DIR; prints LAKEGATE_TEST_POSTGRES=... on stdout
#   postgres.sh stop DIR     fast shutdown; a no-op when nothing runs there
# Only the (shell-quoted) assignment goes to stdout so callers can `eval "export $(postgres.sh start D)"`.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
    # Newest major version wins when several are installed.
    local initdb
    initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$initdb" ]] || return 1
    dirname "$initdb"
}

cmd_install() {
    if find_bindir >/dev/null; then
        log "PostgreSQL already installed in $(find_bindir)"
        return 0
    fi
    log "installing PostgreSQL from apt"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    # Debian's package creates and starts a cluster on 5432; tests use their own, so leave it alone.
    find_bindir >/dev/null || die "apt-get installed postgresql but no initdb under /usr/lib/postgresql/*/bin"
}

free_port() {
    # Node is always present on our machines; python may not be.
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

cmd_start() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: postgres.sh start DIR"
    local bindir
    bindir=$(find_bindir) || die "no PostgreSQL found; run: $0 install"
    id -u postgres >/dev/null 2>&1 || die "no 'postgres' user; run: $0 install"

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # initdb refuses to run as root, so the cluster belongs to the postgres user, which must be
    # able to reach DIR from /.
    chmod 755 "$dir"
    mkdir -p "$dir/sock"
    chown -R postgres: "$dir"
    if ! runuser -u postgres -- test -x "$dir"; then
        die "user postgres cannot traverse $dir; use a directory under /tmp (mktemp -d)"
    fi

    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        runuser -u postgres -- "$bindir/initdb" -D "$dir/data" --auth=trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi

    if runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        die "a server already runs in $dir/data; run: $0 stop $dir"
    fi

    local port
    port=$(free_port)
    [[ "$port" =~ ^[0-9]+$ ]] || die "could not pick a free port"
    log "starting PostgreSQL ($bindir) on 127.0.0.1:$port, data in $dir/data"
    # Another process may grab the port between free_port and listen; pg_ctl then fails and the log says so.
    if ! runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $dir/sock -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >&2; then
        tail -n 30 "$dir/postgres.log" >&2 || true
        die "pg_ctl start failed"
    fi
    # Single-quoted because the value holds ';', which would end the command inside `eval "export ..."`.
    echo "LAKEGATE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

cmd_stop() {
    local dir=${1:-}
    [[ -n "$dir" ]] || die "usage: postgres.sh stop DIR"
    local bindir
    bindir=$(find_bindir) || { log "no PostgreSQL installed; nothing to stop"; return 0; }
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed (ignored)"
    else
        log "nothing running in $dir"
    fi
}

case "${1:-}" in
    install) cmd_install ;;
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    *) die "usage: postgres.sh install | start DIR | stop DIR" ;;
esac
