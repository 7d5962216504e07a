import type * as grpc from '@grpc/grpc-js';
import { type PeerCertificate, TLSSocket } from 'node:tls';
import { workloadOf } from './tls';

type ServerCall = Pick<grpc.ServerUnaryCall<unknown, unknown>, 'getAuthContext'>;

/** The HTTP/2 session a call came on: one per connection, its TLS socket behind `socket`. */
interface Connection {
  readonly socket?: unknown;
}

/** Interceptor layers wrap a call's base object; more than this many is not a layout we know. */
const MAX_CALL_LAYERS = 16;

/**
 * The connection of a call, from grpc-js's call objects (a unary call holds its intercepting
 * call, interceptors chain through `nextCall`, the base one holds the HTTP/2 stream). grpc-js
 * exposes no connection, and its `getAuthContext` re-reads the peer certificate on every call
 * (`TLSSocket.getPeerCertificate` builds the whole certificate with its fingerprints: tens of
 * microseconds). Undefined when the objects are laid out otherwise: the caller then asks
 * `getAuthContext` as before.
 */
export const connectionOf = (call: ServerCall): Connection | undefined => {
  let layer: unknown = (call as { call?: unknown }).call;
  for (let depth = 0; depth < MAX_CALL_LAYERS; depth++) {
    if (typeof layer !== 'object' || layer === null) return undefined;
    const { stream, nextCall } = layer as { stream?: { session?: unknown }; nextCall?: unknown };
    if (stream !== undefined) {
      const session = stream.session;
      return typeof session === 'object' && session !== null ? session : undefined;
    }
    layer = nextCall;
  }
  return undefined;
};

const workloads = new WeakMap<object, string | undefined>();

const fromAuthContext = (call: ServerCall): string | undefined =>
  workloadOf(call.getAuthContext().sslPeerCertificate);

/**
 * The platform workload a mutual-TLS peer's certificate names (its SPIFFE id), undefined when it
 * names none or the connection is not an authorised TLS one. Read once per connection: a TLS 1.3
 * connection keeps the certificate it was opened with (1.3 has no renegotiation), so later calls
 * on it reuse the answer. Over TLS 1.2 a client may renegotiate with another certificate, so there
 * it is read on every call, as grpc-js does.
 */
export const peerWorkloadOf = (call: ServerCall): string | undefined => {
  const connection = connectionOf(call);
  const socket = connection?.socket;
  if (!connection || !(socket instanceof TLSSocket)) return fromAuthContext(call);
  if (!socket.authorized) return undefined;
  if (workloads.has(connection)) return workloads.get(connection);
  // Without a certificate Node answers an empty object.
  const certificate: Partial<PeerCertificate> = socket.getPeerCertificate();
  const workload = certificate.raw ? workloadOf(certificate as PeerCertificate) : undefined;
  if (socket.getProtocol() === 'TLSv1.3') workloads.set(connection, workload);
  return workload;
};
