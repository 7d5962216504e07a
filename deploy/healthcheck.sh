#!/bin/sh
# The container's health check (deploy/Dockerfile HEALTHCHECK): asks this process's gRPC health
# service whether the whole server ('') is SERVING. On the plaintext health-only port when
# GRPC_HEALTH_PORT is set; otherwise on GRPC_PORT, with mTLS unless GRPC_TLS=off, presenting this
# service's own certificate (TLS_DIR/<TLS_IDENTITY or SERVICE>.crt): health needs no token.
set -eu
if [ "${GRPC_HEALTH_PORT:-0}" != "0" ]; then
  exec env GRPC_TLS=off node deploy/local/grpc-health.mjs "127.0.0.1:${GRPC_HEALTH_PORT}"
fi
exec env TLS_IDENTITY="${TLS_IDENTITY:-${SERVICE:-operator}}" \
  node deploy/local/grpc-health.mjs "127.0.0.1:${GRPC_PORT:?GRPC_PORT is not set}"
