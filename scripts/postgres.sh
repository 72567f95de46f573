#!/usr/bin/env bash
# Makes a PostgreSQL server reachable for the test suite and exports
# GLOSSA_TEST_POSTGRES (an admin URL the tests use to create and drop their
# own databases). Sourced by scripts/test.sh.
#
# Order: an existing GLOSSA_TEST_POSTGRES; a server on 127.0.0.1:5432 that
# accepts the postgres user; an installed but stopped cluster, started with
# pg_ctlcluster; as root, Debian's postgresql package installed and started.
# Under CI=true failing to reach PostgreSQL is an error.

pg_try() {
  PGCONNECT_TIMEOUT=3 psql "$1" -Atqc 'SELECT 1' >/dev/null 2>&1
}

pg_start_clusters() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  local v
  for v in $(ls /etc/postgresql 2>/dev/null); do
    echo "starting PostgreSQL $v/main" >&2
    pg_ctlcluster --skip-systemctl-redirect "$v" main start >&2 || true
  done
  sleep 2
}

pg_install() {
  [ "$(id -u)" = 0 ] || return 1
  command -v apt-get >/dev/null 2>&1 || return 1
  echo "installing PostgreSQL from Debian's packages" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || return 1
  pg_start_clusters
}

# Fresh Debian installs refuse passwordless TCP logins; give the postgres
# role a password over the local socket (as the postgres OS user).
pg_set_password() {
  [ "$(id -u)" = 0 ] || return 1
  command -v runuser >/dev/null 2>&1 || return 1
  runuser -u postgres -- psql -Atqc "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1
}

ensure_postgres() {
  if [ -n "${GLOSSA_TEST_POSTGRES:-}" ] && pg_try "$GLOSSA_TEST_POSTGRES"; then
    return 0
  fi
  local trust="postgres://postgres@127.0.0.1:5432/postgres"
  local pw="postgres://postgres:postgres@127.0.0.1:5432/postgres"
  command -v psql >/dev/null 2>&1 || pg_install || true
  for attempt in 1 2 3; do
    if pg_try "$trust"; then export GLOSSA_TEST_POSTGRES="$trust"; return 0; fi
    if pg_try "$pw"; then export GLOSSA_TEST_POSTGRES="$pw"; return 0; fi
    if pg_set_password && pg_try "$pw"; then export GLOSSA_TEST_POSTGRES="$pw"; return 0; fi
    case $attempt in
      1) pg_start_clusters || true ;;
      2) pg_install || true ;;
    esac
  done
  unset GLOSSA_TEST_POSTGRES
  return 1
}
