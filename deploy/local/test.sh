#!/usr/bin/env bash
# Runs every check and test against the real local stack (no Docker):
#   bash deploy/local/test.sh [extra nx args, e.g. --projects=event-store]
# Installs dependencies if needed, starts (or reuses) the stack, exports POSTGRES_URL / REDIS_URL /
# KAFKA_BROKERS / ELASTICSEARCH_URL from <stack>/env, creates the development key material
# (deploy/local/pki.mjs ensure into TLS_DIR, default <stack>/pki; tests call services with mTLS
# and a bearer token, see tools/jest-security.js), then type-checks, lints and runs all test
# tiers of every project (and checks formatting). Ends with one summary line; the stack is left running.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${LEDGERLINE_STACK_DIR:-$REPO/.stack}"
export NX_DAEMON=false NX_NO_CLOUD=true KAFKAJS_NO_PARTITIONER_WARNING=1

cd "$REPO"
bash deploy/local/ensure-deps.sh
bash deploy/local/stack.sh up
# shellcheck disable=SC1091
source "$STACK_DIR/env"
export TLS_DIR="${TLS_DIR:-$STACK_DIR/pki}"
node deploy/local/pki.mjs ensure --dir "$TLS_DIR"

rm -rf dist/test-results && mkdir -p dist/test-results
status=0
npx prettier --check . --log-level warn || status=$?
# Type checks and lints use no server: two at a time, one per core.
npx nx run-many -t typecheck lint --parallel=2 --outputStyle=stream "$@" || status=$?
npx nx run-many -t test --outputStyle=stream "$@" || status=$?
node tools/test-summary.mjs dist/test-results || status=$?
exit "$status"
