#!/usr/bin/env bash
# Checks proto/ for wire- and source-breaking changes (buf FILE rules) against the main branch.
# Skips, saying why, when there is nothing to compare with yet (no local main, or main without
# proto/), so a fresh clone or the first contracts commit does not fail lint.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
if ! git rev-parse --verify -q refs/heads/main >/dev/null; then
  echo "buf breaking: skipped, no local main branch to compare against"
elif ! git cat-file -e main:proto/buf.yaml 2>/dev/null; then
  echo "buf breaking: skipped, main has no proto/ module yet"
else
  npx --no-install buf breaking proto --against '.git#branch=main,subdir=proto'
fi
