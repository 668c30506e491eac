#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests, on loopback only:
#   postgres_server.sh start DIR    initdb in DIR/data, start on a free port with its socket in
#                                   DIR/sock, create the database hpo_test, and write its URL
#                                   to DIR/url (what the tests read)
#   postgres_server.sh restart DIR  pg_ctl restart -m fast, as an administrator would
#   postgres_server.sh stop DIR     stop it and remove DIR
# PostgreSQL refuses to run as root: as root the server runs as the user postgres (runuser),
# as anyone else it runs as that user. As root its files (data, socket) go to a folder of its
# own under /tmp, named in DIR/server: the build tree may sit below a folder the user postgres
# cannot enter (a checkout in `mktemp -d`, mode 700).
set -euo pipefail

command=${1:?usage: postgres_server.sh start|restart|stop DIR}
dir=${2:?usage: postgres_server.sh start|restart|stop DIR}
bin=/usr/lib/postgresql/15/bin
server=$dir
[[ -f $dir/server ]] && server=$(cat "$dir/server")
data=$server/data

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [[ -f $data/postmaster.pid ]]; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true; fi
}

case $command in
start)
  [[ -x $bin/initdb ]] || { echo "postgres_server.sh: $bin/initdb missing: apt-get install postgresql (scripts/setup)" >&2; exit 1; }
  stop
  [[ $server == "$dir" ]] || rm -rf "$server"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    server=$(mktemp -d /tmp/hpo-postgres.XXXXXX)
    echo "$server" >"$dir/server"
    data=$server/data
    chown postgres:postgres "$server"
    install -d -o postgres -g postgres -m 700 "$data" "$server/sock"
  else
    install -d -m 700 "$data" "$server/sock"
  fi
  as_owner "$bin/initdb" -D "$data" -U postgres -A trust >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # A port nobody listens on now; another process may take it before the server does, so a
  # failed start tries another.
  for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if as_owner "$bin/pg_ctl" -D "$data" -l "$data/log" -w \
         -o "-p $port -c listen_addresses=127.0.0.1 -k $server/sock -c max_connections=200" start >/dev/null; then
      echo "$port" >"$dir/port"
      break
    fi
  done
  [[ -f $dir/port ]] || { echo "postgres_server.sh: the server did not start:" >&2; cat "$data/log" >&2; exit 1; }
  as_owner "$bin/psql" -q -h "$server/sock" -p "$port" -U postgres -d postgres -c "CREATE DATABASE hpo_test" >/dev/null
  echo "postgresql://postgres@127.0.0.1:$port/hpo_test" >"$dir/url"
  echo "PostgreSQL 15 on 127.0.0.1:$port: $(cat "$dir/url")"
  ;;
restart)
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/log" -m fast -w restart >/dev/null
  ;;
stop)
  stop
  [[ $server == "$dir" ]] || rm -rf "$server"
  rm -rf "$dir"
  ;;
*)
  echo "postgres_server.sh: unknown command \"$command\": start, restart or stop" >&2
  exit 2
  ;;
esac
