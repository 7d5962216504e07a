#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than package-lock.json.
# npm writes node_modules/.package-lock.json on every install: compare against the lockfile.
# `npm install` rather than `npm ci`: the lockfile written by npm 11 here lists only this
# platform's optional binaries (SWC, buf, Nx), which `npm ci` then reports as missing; versions
# are pinned exactly in package.json and the lockfile either way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: node_modules missing or older than package-lock.json: running npm install"
  npm install --no-audit --no-fund
fi
