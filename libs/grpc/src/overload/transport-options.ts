import type * as grpc from '@grpc/grpc-js';

/** The settings `serverTransportOptions` reads (libs/config `overloadSettings`). */
export interface TransportLimitsConfig {
  readonly GRPC_MAX_CONCURRENT_STREAMS: number;
  readonly GRPC_MAX_CONNECTION_AGE_MS: number;
  readonly GRPC_MAX_CONNECTION_AGE_GRACE_MS: number;
  readonly GRPC_MAX_CONNECTION_IDLE_MS: number;
}

/** The server pings a connection that has been quiet this long, to find dead peers. */
export const SERVER_KEEPALIVE_TIME_MS = 60_000;
/** A ping not answered within this long closes the connection and fails its calls. */
export const SERVER_KEEPALIVE_TIMEOUT_MS = 20_000;

/**
 * The options of `new grpc.Server(...)` that bound what one client connection may hold. Only
 * options grpc-js 1.14 reads on the server side (build/src/server.js) are set:
 * - `grpc.max_concurrent_streams`: the HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS the server
 *   announces; a client's calls beyond it wait in the client instead of piling up here;
 * - `grpc.keepalive_time_ms` / `grpc.keepalive_timeout_ms`: server-side pings, so a peer that
 *   vanished without a FIN (a crashed host, a dropped NAT entry) frees its streams within
 *   time + timeout instead of never;
 * - `grpc.max_connection_age_ms` (grpc-js adds ±10 % jitter) and `_grace_ms`: a GOAWAY after
 *   the age makes long-lived clients reconnect, so new replicas get a share of them; calls still
 *   running get the grace period;
 * - `grpc.max_connection_idle_ms`: a connection without calls is closed after this long.
 * Not set: `grpc.keepalive_permit_without_calls` is a client (channel) option in grpc-js, and its
 * server does not enforce a ping policy (no `grpc.http2.min_ping_interval_without_data_ms`), so
 * setting either here would promise a protection that does not exist.
 */
export const serverTransportOptions = (config: TransportLimitsConfig): grpc.ServerOptions => ({
  'grpc.max_concurrent_streams': config.GRPC_MAX_CONCURRENT_STREAMS,
  'grpc.keepalive_time_ms': SERVER_KEEPALIVE_TIME_MS,
  'grpc.keepalive_timeout_ms': SERVER_KEEPALIVE_TIMEOUT_MS,
  'grpc.max_connection_age_ms': config.GRPC_MAX_CONNECTION_AGE_MS,
  'grpc.max_connection_age_grace_ms': config.GRPC_MAX_CONNECTION_AGE_GRACE_MS,
  'grpc.max_connection_idle_ms': config.GRPC_MAX_CONNECTION_IDLE_MS,
});
