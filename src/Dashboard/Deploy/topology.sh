#!/bin/sh
# The scale-out topology on one machine: a PostgreSQL cluster, the migrate step, 2 web instances, 2 workers and
# nginx in front (nginx.conf beside this script), every part on loopback, all state under one folder.
#
#   src/Dashboard/Deploy/topology.sh start [FOLDER]   # default FOLDER: /tmp/insights-topology; prints the address
#   src/Dashboard/Deploy/topology.sh stop  [FOLDER]
#
# Needs Debian's postgresql and nginx packages and a built Dashboard (dotnet build -c Release src/Dashboard, or set
# INSIGHTS_DLL to another build). Ports: PORT (nginx, default 8080), 5001-5002 (web), 5101-5102 (workers), 5433 (PostgreSQL).
set -eu

command="${1:-}"
root="${2:-/tmp/insights-topology}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dll="${INSIGHTS_DLL:-$repo/src/Dashboard/bin/Release/net10.0/Insights.Dashboard.dll}"
port="${PORT:-8080}"
pg_port=5433
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# PostgreSQL refuses to run as root: as root its tools run as the postgres user.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    [ -f "$dll" ] || { echo "no build at $dll: run 'dotnet build -c Release src/Dashboard' or set INSIGHTS_DLL" >&2; exit 1; }
    mkdir -p "$root/files" "$root/logs" "$root/nginx/logs" "$root/nginx/temp"
    if [ ! -d "$root/pg" ]; then
        mkdir -p "$root/pg"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$root/pg"
        as_postgres "$pg_bin/initdb" -D "$root/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$root/logs/initdb.log"
    fi
    as_postgres "$pg_bin/pg_ctl" -D "$root/pg/data" -l "$root/pg/server.log" -w \
        -o "-p $pg_port -k $root/pg -c listen_addresses=127.0.0.1" start >/dev/null
    as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'insights'" | grep -q 1 ||
        as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres insights

    set -- --Storage:Provider=Postgres "--ConnectionStrings:Insights=Host=127.0.0.1;Port=$pg_port;Database=insights;Username=postgres" \
        "--Storage:DataDirectory=$root/files"
    dotnet "$dll" migrate "$@"
    for instance in web:5001 web:5002 worker:5101 worker:5102; do
        role="${instance%%:*}"; http="${instance##*:}"
        nohup dotnet "$dll" --role "$role" --urls "http://127.0.0.1:$http" "$@" >"$root/logs/$role-$http.log" 2>&1 &
        echo $! >"$root/logs/$role-$http.pid"
    done

    user=""; [ "$(id -u)" = 0 ] && user="user root;"
    upstreams="        server 127.0.0.1:5001 max_fails=1 fail_timeout=30s;\\
        server 127.0.0.1:5002 max_fails=1 fail_timeout=30s;"
    sed -e "s|@USER@|$user|" -e "s|@PORT@|$port|" -e "s|@UPSTREAMS@|$upstreams|" "$here/nginx.conf" >"$root/nginx/nginx.conf"
    nohup nginx -p "$root/nginx" -c "$root/nginx/nginx.conf" -e "$root/nginx/logs/error.log" >"$root/logs/nginx.log" 2>&1 &
    echo $! >"$root/logs/nginx.pid"

    # Ready when nginx answers the health check through a web instance.
    tries=0
    until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
        tries=$((tries + 1))
        [ "$tries" -lt 180 ] || { echo "not answering after 3 minutes; see $root/logs" >&2; exit 1; }
        sleep 1
    done
    echo "Insights is at http://127.0.0.1:$port (logs in $root/logs; stop with: $0 stop $root)"
}

stop() {
    pids=""
    for pidfile in "$root"/logs/*.pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        # nginx stops gracefully on QUIT; an instance on TERM (a worker gives its running jobs back to the queue).
        case "$pidfile" in *nginx.pid) signal=QUIT ;; *) signal=TERM ;; esac
        kill -s "$signal" "$pid" 2>/dev/null && pids="$pids $pid"
        rm -f "$pidfile"
    done
    # Up to 60 s for them to finish; what is still running then is killed (its jobs run again after their lease).
    tries=0
    for pid in $pids; do
        while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 60 ]; do tries=$((tries + 1)); sleep 1; done
        kill -s KILL "$pid" 2>/dev/null || true
    done
    if [ -d "$root/pg/data" ]; then
        as_postgres "$pg_bin/pg_ctl" -D "$root/pg/data" -m fast -w stop >/dev/null || true
    fi
    echo "stopped (data kept in $root; delete the folder to start afresh)"
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop [FOLDER]" >&2; exit 2 ;;
esac
