#!/usr/bin/env bash
# The whole test suite, on SQLite and on PostgreSQL.
# Usage: bash scripts/test.sh [extra cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

if ensure_postgres; then
  echo "PostgreSQL for tests: ${GLOSSA_TEST_POSTGRES//:postgres@/:***@}"
elif [ "${CI:-}" = "true" ]; then
  echo "error: CI=true and no PostgreSQL could be reached or started; the PostgreSQL suite must run" >&2
  exit 1
else
  echo "warning: no PostgreSQL reachable; only the SQLite variants will run" >&2
fi

# Real third-party test data (not committed): fetched once, then reused.
export GLOSSA_TEST_DATA="${GLOSSA_TEST_DATA:-$PWD/target/test-data}"
bash scripts/fetch-test-data.sh "$GLOSSA_TEST_DATA"
GLOSSA_TEST_DATA="$(cd "$GLOSSA_TEST_DATA" && pwd)"

cargo test --workspace --all-targets "$@"
cargo test --workspace --doc
