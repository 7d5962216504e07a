import { type Attributes, type Histogram, metrics } from '@opentelemetry/api';
import type * as grpc from '@grpc/grpc-js';

/** The semantic conventions' advice for RPC durations, in seconds (5 ms … 10 s). */
const RPC_DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Records one call's end: its gRPC status code. */
export type CallTimer = (code: grpc.status) => void;

/**
 * `rpc.server.call.duration` of the OpenTelemetry semantic conventions (the successor of
 * `rpc.server.duration`, in seconds), with `rpc.system`, `rpc.service`, `rpc.method` and
 * `rpc.grpc.status_code`; Prometheus shows it as `rpc_server_call_duration_{bucket,sum,count}`
 * with those labels dotted to underscores. Every guarded unary call is timed from the moment the
 * server hands it over (authentication and rate limits included) to its response.
 *
 * Per call it costs a clock read and one histogram record: the attribute sets of a method are
 * built once per status code, not per call.
 */
export const rpcServerMetrics = () => {
  // Looked up when the server starts, after the composition root registered its provider.
  const histogram: Histogram = metrics
    .getMeter('ledgerline.grpc')
    .createHistogram('rpc.server.call.duration', {
      description: 'Duration of RPCs handled by this server, by method and gRPC status code',
      unit: 's',
      advice: { explicitBucketBoundaries: RPC_DURATION_BUCKETS_SECONDS },
    });
  return {
    /** A timer factory for one method, `path` as gRPC names it: `/package.Service/Method`. */
    method(path: string): () => CallTimer {
      const [, service = '', method = ''] = /^\/([^/]+)\/([^/]+)$/.exec(path) ?? [];
      const byCode = new Map<number, Attributes>();
      const attributesOf = (code: number): Attributes => {
        let attributes = byCode.get(code);
        if (!attributes) {
          attributes = {
            'rpc.system': 'grpc',
            'rpc.service': service,
            'rpc.method': method,
            'rpc.grpc.status_code': code,
          };
          byCode.set(code, attributes);
        }
        return attributes;
      };
      return () => {
        const started = performance.now();
        let done = false;
        return (code) => {
          if (done) return;
          done = true;
          histogram.record((performance.now() - started) / 1000, attributesOf(code));
        };
      };
    },
  };
};
