import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

export interface HealthService {
  readonly health: HealthImplementation;
  /** Sets one name's status; a name not given at the start is added (and included in setAll). */
  set(name: string, status: ServingStatus): void;
  setAll(status: ServingStatus): void;
  /** Ends open Watch streams; they never end on their own, so they would stall a drain. */
  endWatches(): void;
}

/**
 * Adds grpc.health.v1.Health for the given service names ('' is the whole server). Watch
 * streams are tracked so shutdown can push NOT_SERVING to them and then close them.
 */
export const addHealthService = (
  server: grpc.Server,
  serviceNames: readonly string[],
): HealthService => {
  const health = new HealthImplementation();
  const names = new Set(serviceNames);
  const watches = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  health.addToServer({
    addService: (definition, implementation) => {
      const watch = implementation['watch'] as grpc.handleServerStreamingCall<unknown, unknown>;
      server.addService(definition, {
        ...implementation,
        watch: (call: grpc.ServerWritableStream<unknown, unknown>) => {
          watches.add(call);
          call.once('cancelled', () => watches.delete(call));
          watch(call);
        },
      });
    },
  });
  return {
    health,
    set: (name, status) => {
      names.add(name);
      health.setStatus(name, status);
    },
    setAll: (status) => {
      for (const name of names) health.setStatus(name, status);
    },
    endWatches: () => {
      for (const call of watches) call.end();
      watches.clear();
    },
  };
};
