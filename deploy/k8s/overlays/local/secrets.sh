#!/usr/bin/env bash
# Creates the local overlay's key material Secrets from the development PKI (deploy/local/pki.mjs):
# ledgerline-tls (the CA and every service's certificate and key), ledgerline-jwks (the dev
# token issuer's public keys) and ledgerline-privacy (the local stack's master key of personal
# data, <stack>/privacy/kek, made when missing). Run once before `kubectl apply -k deploy/k8s/overlays/local`;
# again after rotating the keys (kubectl apply keeps the Secrets in step).
#   bash deploy/k8s/overlays/local/secrets.sh [pki dir, default .stack/pki]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
PKI="${1:-$REPO/.stack/pki}"
node "$REPO/deploy/local/pki.mjs" ensure --dir "$PKI" --platform "$REPO/deploy/platform.json"
files=(--from-file="$PKI/ca.crt")
for name in $(node -e 'for (const s of require(process.argv[1]).services) console.log(s.name)' "$REPO/deploy/platform.json"); do
  files+=(--from-file="$PKI/$name.crt" --from-file="$PKI/$name.key")
done
kubectl create namespace ledgerline --dry-run=client -o yaml | kubectl apply -f -
kubectl -n ledgerline create secret generic ledgerline-tls "${files[@]}" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n ledgerline create secret generic ledgerline-jwks --from-file="$PKI/jwt/jwks.json" --dry-run=client -o yaml | kubectl apply -f -
KEK="$(dirname "$PKI")/privacy/kek"
if [ ! -s "$KEK" ]; then
  mkdir -p -m 700 "$(dirname "$KEK")"
  (umask 077 && head -c 32 /dev/urandom | base64 >"$KEK")
fi
kubectl -n ledgerline create secret generic ledgerline-privacy --from-file=kek="$KEK" --dry-run=client -o yaml | kubectl apply -f -
