#!/usr/bin/env bash
# Checks proto/ for wire- and source-breaking changes (buf FILE rules) against a baseline:
#  * on another branch: main (what the branch would change once merged);
#  * on main (CI runs on a clone of main, where comparing with main would compare with itself):
#    HEAD when proto/ has uncommitted changes, else the newest release tag (v*) before HEAD,
#    else the previous commit (HEAD~1).
# Skips, saying why, when there is nothing to compare with (no main, a first commit, a shallow
# clone without the parent, a baseline without proto/), so those do not fail lint.
#   bash libs/proto/buf-breaking.sh [--print-baseline]   (only say which commit it would compare with)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

skip() {
  echo "buf breaking: skipped, $1"
  exit 0
}

commit_of() { git rev-parse --verify -q "$1^{commit}" 2>/dev/null || true; }

head=$(commit_of HEAD)
main=$(commit_of refs/heads/main)
[ -n "$main" ] || skip "no local main branch to compare against"
branch=$(git symbolic-ref -q --short HEAD || true)
if [ "$branch" != main ] && [ "$head" != "$main" ]; then
  baseline=$main
  why="main"
elif ! git diff --quiet HEAD -- proto; then
  baseline=$head
  why="HEAD (uncommitted changes to proto/)"
else
  tag=$(git describe --tags --abbrev=0 --match 'v*' HEAD~1 2>/dev/null || true)
  if [ -n "$tag" ]; then
    baseline=$(commit_of "$tag")
    why="the last release tag $tag"
  else
    baseline=$(commit_of HEAD~1)
    [ -n "$baseline" ] ||
      skip "HEAD has no parent here (first commit, or a shallow clone: git fetch --deepen=1)"
    why="the previous commit"
  fi
fi
if [ "${1:-}" = --print-baseline ]; then
  echo "$baseline $why"
  exit 0
fi
git cat-file -e "$baseline:proto/buf.yaml" 2>/dev/null || skip "$why has no proto/ module yet"
echo "buf breaking: proto/ against $why (${baseline:0:12})"
npx --no-install buf breaking proto --against ".git#ref=$baseline,subdir=proto"
