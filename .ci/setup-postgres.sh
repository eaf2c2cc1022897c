#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 with pgvector on 127.0.0.1 for the store contract tests, on a fresh Debian 12
# machine, as root. Debian 12 has no pgvector package, so it is built from Debian's own source package (from trixie)
# against the system PostgreSQL; the system apt lists are left untouched.
#
#   eval "$(.ci/setup-postgres.sh | tail -n 1)"   # exports TEST_DATABASE_URL
#
# Environment: PGPORT (default 9250), PGDATA_DIR (default: a new temp dir). The last line printed is
# `export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/xiaoer_test`; everything else goes to stderr.
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"  # runuser, used below, lives in sbin
PORT="${PGPORT:-9250}"
PG_BIN=/usr/lib/postgresql/15/bin
PG_CONFIG="$PG_BIN/pg_config"
log() { echo "setup-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "run as root (installs packages and starts the server as the postgres user)"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in postgresql-15 postgresql-server-dev-15 build-essential dpkg-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/vector.control" ]; then
  log "building pgvector from Debian's source package"
  work="$(mktemp -d)"
  mkdir -p "$work/lists/partial"
  echo 'deb-src http://deb.debian.org/debian trixie main' >"$work/sources.list"
  apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/lists")
  apt-get "${apt_private[@]}" update -qq >&2
  (cd "$work" && apt-get "${apt_private[@]}" source -qq pgvector >&2)
  src="$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  make -s -C "$src" PG_CONFIG="$PG_CONFIG" >&2
  make -s -C "$src" install PG_CONFIG="$PG_CONFIG" >&2
  rm -rf "$work"
fi

if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  log "a server already answers on 127.0.0.1:$PORT; using it"
  DATA=""
else
  DATA="${PGDATA_DIR:-$(mktemp -d /tmp/xiaoer-pg.XXXXXX)}"
  mkdir -p "$DATA"
  chown postgres:postgres "$DATA"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initdb in $DATA"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA" start >&2
fi

psql_() { runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_ -d postgres -c "select 1 from pg_database where datname = 'xiaoer_test'")" != "1" ]; then
  psql_ -d postgres -c 'create database xiaoer_test' >&2
fi
psql_ -d xiaoer_test -c 'create extension if not exists vector' >&2
[ -n "$DATA" ] && log "ready (data in $DATA; stop with: runuser -u postgres -- $PG_BIN/pg_ctl -D $DATA stop)"
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/xiaoer_test"
