import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { type ClientOptions, createClient } from '../client';
import { type ServerSecurityParts } from '../auth/server-security';
import { type ErrorMapper } from '../error-mapping';
import { type GrpcServerOptions, startGrpcServer } from '../server';
import { type UnaryHandler, unaryHandlers } from '../unary-handler';
import { recordingLogger } from './recording-logger';
import { testServerSecurity } from './test-security';

export type EchoHandler = UnaryHandler<platformV1.EchoRequest__Output, platformV1.EchoResponse>;

export const probePackage = () =>
  loadPackage(['ledgerline/platform/v1/probe.proto']).ledgerline.platform.v1;

export const delay = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });

type ProbeOptions = Partial<
  Pick<
    GrpcServerOptions,
    'maxReceiveMessageLength' | 'shutdownGraceMs' | 'reflection' | 'healthPort'
  >
> & {
  errorMappers?: readonly ErrorMapper[];
  /** Default: the environment's (testServerSecurity). */
  security?: ServerSecurityParts;
};

/** A real server on 127.0.0.1 with an ephemeral port hosting ProbeService with `echo`. */
export const startProbeServer = async (echo: EchoHandler, options: ProbeOptions = {}) => {
  const { errorMappers = [], security = testServerSecurity('probe'), ...serverOptions } = options;
  const logger = recordingLogger();
  const { ProbeService } = probePackage();
  const unary = unaryHandlers({ logger, errorMappers });
  const implementation: platformV1.ProbeServiceHandlers = { Echo: unary(echo) };
  const handle = await startGrpcServer({
    ...security,
    host: '127.0.0.1',
    port: 0,
    services: [{ definition: ProbeService.service, implementation }],
    logger,
    ...serverOptions,
  });
  const address = `127.0.0.1:${handle.port}`;
  const clients: { close(): void }[] = [];
  const client = (clientOptions?: ClientOptions) => {
    const created = createClient(ProbeService, address, clientOptions);
    clients.push(created);
    return created;
  };
  const stop = async () => {
    for (const created of clients) created.close();
    await handle.shutdown();
  };
  return { handle, address, logger, client, stop };
};
