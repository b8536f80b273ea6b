#!/usr/bin/env bash
# Run one command against a PostgreSQL server of its own, made for it and removed after it:
#
#   scripts/with-postgres.sh [--fast] COMMAND [ARG…]
#
# A cluster is made with initdb in a new temporary directory and started with pg_ctl, listening on a
# unix socket in that directory only (no TCP port, so nothing clashes with another run or a system
# server). COMMAND runs with DATABASE_URL naming the database `jixiao` on it (superuser `jixiao`, no
# password: the socket is reachable only through the directory). When COMMAND ends, fails or is
# interrupted, the server is stopped and the directory removed (trap), and the command's exit code is
# this script's. `--fast` turns durability off (fsync, synchronous commit, full-page writes): right for a
# test database that is thrown away, wrong for a benchmark of real work.
#
# PostgreSQL refuses to run as root: as root (CI) the server runs as the `postgres` user that Debian's
# package creates, and owns the directory; as anyone else it runs as that user, so a developer needs no
# system service and no sudo. The binaries are Debian's (scripts/setup-system.sh installs `postgresql`).
# For tests that stop and start the server, JIXIAO_PG_BIN, JIXIAO_PG_DATA and JIXIAO_PG_USER say how
# (`pg_ctl -D $JIXIAO_PG_DATA start` needs no options: they are in the cluster's postgresql.conf).
set -euo pipefail

fast=""
if [ "${1:-}" = "--fast" ]; then
    fast=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
    shift
fi
if [ "$#" -eq 0 ]; then
    echo "用法：scripts/with-postgres.sh [--fast] 命令 [参数…]" >&2
    exit 2
fi

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do  # Debian's layout, newest version last
    [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
    echo "未找到 PostgreSQL（initdb）：请先运行 make system 安装 Debian 的 postgresql 包。" >&2
    exit 2
fi

base="$(mktemp -d "${TMPDIR:-/tmp}/jixiao-pg.XXXXXX")"
as_owner=()
owner=""
if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    chown "$owner" "$base"
    as_owner=(runuser -u "$owner" --)
fi
pgdata="$base/data"

stop_server() {
    if [ -f "$pgdata/postmaster.pid" ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$base"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_owner[@]}" "$bindir/initdb" -D "$pgdata" -U jixiao --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
# in the cluster's own configuration, so a test that stops the server starts it again with `pg_ctl start`
printf "listen_addresses = ''\nunix_socket_directories = '%s'\nmax_connections = 200\n%s\n" "$base" "$fast" \
    | "${as_owner[@]}" tee -a "$pgdata/postgresql.conf" >/dev/null
if ! "${as_owner[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$base/server.log" -w -t 60 start >/dev/null; then
    echo "PostgreSQL 未能启动，日志如下：" >&2
    cat "$base/server.log" >&2
    exit 2
fi
"$bindir/createdb" -h "$base" -U jixiao jixiao

export DATABASE_URL="postgres://jixiao@${base//\//%2F}/jixiao"
export JIXIAO_PG_BIN="$bindir" JIXIAO_PG_DATA="$pgdata" JIXIAO_PG_USER="$owner"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}')：$base（临时，结束后删除）"
status=0
"$@" || status=$?
exit "$status"
