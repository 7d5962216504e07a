import * as grpc from '@grpc/grpc-js';
import { type HealthImplementation, service as healthService } from 'grpc-health-check';
import { type MethodRule } from './auth/access-table';
import { guardService, type ServerSecurity } from './auth/guard';
import { type ServerTls } from './auth/tls';
import { addHealthService } from './health';
import { type Logger } from './logger';
import { type Readiness } from './readiness';
import { reflectionFor, serviceNameOf } from './reflection';

export interface ServiceBinding {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
  /**
   * Rules for a service whose contract is not under proto/ (test fixtures), by method name;
   * every service of the platform has its rules in proto/ledgerline/access.json.
   */
  readonly accessRules?: Readonly<Record<string, MethodRule>>;
}

export interface GrpcServerOptions {
  readonly host: string;
  /** 0 picks a free port; the handle reports the bound one. */
  readonly port: number;
  readonly services: readonly ServiceBinding[];
  readonly logger: Logger;
  /** Larger requests fail with RESOURCE_EXHAUSTED before any handler runs. Default 1 MiB. */
  readonly maxReceiveMessageLength?: number;
  /** How long shutdown waits for in-flight calls before cancelling them. Default 10 s. */
  readonly shutdownGraceMs?: number;
  /**
   * What health answers from: SERVING only while its conditions are met (and a name per
   * component). Without it, everything is SERVING from the bind until shutdown.
   */
  readonly readiness?: Readiness;
  /**
   * Who may call: every method of `services` passes the guard (authentication, the scope of
   * proto/ledgerline/access.json, admission). Health is always open.
   */
  readonly security: ServerSecurity;
  /** Mutual TLS; without it the server listens in plaintext (GRPC_TLS=off). */
  readonly tls?: ServerTls;
  /** Serve server reflection (GRPC_REFLECTION); off by default. */
  readonly reflection?: boolean;
  /** Extra grpc-js server options (transport limits, keepalive, connection age). */
  readonly serverOptions?: grpc.ServerOptions;
  /**
   * A second listener on `host:healthPort`, plaintext, serving only grpc.health.v1 with the same
   * statuses (GRPC_HEALTH_PORT): Kubernetes' native gRPC probes cannot present a client
   * certificate. It tells nothing but SERVING or not. 0 picks a free port; absent: none.
   */
  readonly healthPort?: number;
}

export interface GrpcServerHandle {
  readonly port: number;
  readonly server: grpc.Server;
  readonly health: HealthImplementation;
  /** The bound plaintext health-only port, when `healthPort` was given. */
  readonly healthPort?: number;
  /** Marks NOT_SERVING, drains in-flight calls for the grace period, then forces. Idempotent. */
  shutdown(): Promise<void>;
}

const ONE_MIB = 1024 * 1024;

/**
 * A health name that is SERVING from the bind on, whatever the readiness conditions, and stays
 * so while calls drain: a liveness probe asks it, so a lost database makes a process unready,
 * never restarted; only a process that cannot answer at all fails it.
 */
export const LIVENESS_HEALTH_NAME = 'ledgerline.liveness';
const TLS_REFRESH_MS = 5_000;

/**
 * Starts a gRPC server with the given services, each behind the call guard, plus the standard
 * health service (and server reflection when asked). Health reports SERVING for the server ('') and each service once bound, or, with
 * `readiness`, while the service can serve; NOT_SERVING from the start of shutdown.
 */
export const startGrpcServer = async (options: GrpcServerOptions): Promise<GrpcServerHandle> => {
  const { logger, shutdownGraceMs = 10_000 } = options;
  const server = new grpc.Server({
    ...options.serverOptions,
    'grpc.max_receive_message_length': options.maxReceiveMessageLength ?? ONE_MIB,
  });
  for (const { definition, implementation, accessRules } of options.services)
    server.addService(
      definition,
      guardService(definition, implementation, options.security, logger, accessRules),
    );

  const serviceNames = ['', ...options.services.map((s) => serviceNameOf(s.definition) ?? '')];
  const health = addHealthService(server, serviceNames);
  if (options.reflection)
    reflectionFor([...options.services.map((s) => s.definition), healthService]).addToServer(
      server,
    );

  const { tls } = options;
  const port = await bind(
    server,
    `${options.host}:${options.port}`,
    tls?.credentials ?? grpc.ServerCredentials.createInsecure(),
  );
  // A renewed certificate or a new revocation list applies to new connections within seconds.
  const tlsRefresh = tls
    ? setInterval(() => {
        try {
          if (tls.refresh()) logger.info({}, 'TLS certificates reloaded');
        } catch (error) {
          logger.warn({ err: error }, 'TLS certificates unreadable; keeping the previous ones');
        }
      }, TLS_REFRESH_MS).unref()
    : undefined;
  const probes = options.healthPort === undefined ? undefined : new grpc.Server();
  let healthPort: number | undefined;
  if (probes) {
    health.health.addToServer(probes);
    healthPort = await bind(
      probes,
      `${options.host}:${options.healthPort}`,
      grpc.ServerCredentials.createInsecure(),
    );
  }
  const { readiness } = options;
  let stopFollowing: (() => void) | undefined;
  if (readiness) {
    const apply = () => {
      for (const [name, status] of readiness.statuses(serviceNames)) health.set(name, status);
    };
    stopFollowing = readiness.onChange(apply);
    apply();
  } else health.setAll('SERVING');
  // Set on the implementation, not through `health.set`: setAll('NOT_SERVING') leaves it alone.
  health.health.setStatus(LIVENESS_HEALTH_NAME, 'SERVING');
  logger.info(
    {
      host: options.host,
      port,
      healthPort,
      services: serviceNames.slice(1),
      tls: tls !== undefined,
    },
    'gRPC server listening',
  );

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= drain(server, shutdownGraceMs, logger, () => {
      stopFollowing?.();
      clearInterval(tlsRefresh);
      void options.security.admission?.close?.();
      health.setAll('NOT_SERVING');
      health.endWatches();
      // Probes see NOT_SERVING while the calls drain; the health listener has nothing to drain.
    }).then(() => probes?.forceShutdown());
    return stopping;
  };
  return {
    port,
    server,
    health: health.health,
    ...(healthPort !== undefined && { healthPort }),
    shutdown,
  };
};

const bind = (
  server: grpc.Server,
  address: string,
  credentials: grpc.ServerCredentials,
): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(address, credentials, (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );

const drain = async (
  server: grpc.Server,
  graceMs: number,
  logger: Logger,
  stopServing: () => void,
): Promise<void> => {
  stopServing();
  logger.info({ graceMs }, 'gRPC server draining');
  let timer: NodeJS.Timeout | undefined;
  const drained = new Promise<boolean>((resolve) => server.tryShutdown(() => resolve(true)));
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const completed = await Promise.race([drained, timedOut]);
  clearTimeout(timer);
  if (!completed) {
    logger.warn({ graceMs }, 'gRPC server drain timed out; cancelling in-flight calls');
    server.forceShutdown();
  }
  logger.info({}, 'gRPC server stopped');
};
