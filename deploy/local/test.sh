#!/usr/bin/env bash
# Run the whole test suite against the local stack (no Docker):
#   bash deploy/local/test.sh [extra nx args, e.g. --projects=event-store]
# Starts (or reuses) the stack, exports POSTGRES_URL / REDIS_URL / KAFKA_BROKERS /
# ELASTICSEARCH_URL from <stack>/env and runs `nx run-many -t test`. The stack is left running.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="${LEDGERLINE_STACK_DIR:-$REPO/.stack}"

bash "$REPO/deploy/local/stack.sh" up
# shellcheck disable=SC1091
source "$STACK_DIR/env"
cd "$REPO"
exec npx nx run-many -t test --outputStyle=stream "$@"
