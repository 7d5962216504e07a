import * as grpc from '@grpc/grpc-js';
import { type ClientAuth } from './auth/client-auth';
import { checkHealth } from './health-client';
import { createClient } from './client';
import { LIVENESS_HEALTH_NAME } from './server';
import { unary } from './unary-call';
import { delay, type EchoHandler, probePackage, startProbeServer } from './testing/probe-server';

let handlerStarted: () => void = () => undefined;
const echo: EchoHandler = async ({ message, delayMs }) => {
  handlerStarted();
  await delay(delayMs);
  return { message };
};

const plaintext: ClientAuth = { credentials: grpc.credentials.createInsecure() };

// Kubernetes' native gRPC probes connect in plaintext and present no certificate, so a server
// under mTLS answers them on a health-only listener (GRPC_HEALTH_PORT).
describe('startGrpcServer with a health port', () => {
  it('answers grpc.health.v1 in plaintext there, with the statuses of the main port', async () => {
    const probe = await startProbeServer(echo, { healthPort: 0 });
    const healthAddress = `127.0.0.1:${String(probe.handle.healthPort)}`;

    try {
      expect(probe.handle.healthPort).toBeGreaterThan(0);
      for (const service of ['', 'ledgerline.platform.v1.ProbeService'])
        await expect(checkHealth(healthAddress, service, 2_000, plaintext)).resolves.toBe(
          'SERVING',
        );
    } finally {
      await probe.stop();
    }
  });

  it('serves nothing else there', async () => {
    const probe = await startProbeServer(echo, { healthPort: 0 });
    const { ProbeService } = probePackage();
    const onHealthPort = createClient(
      ProbeService,
      `127.0.0.1:${String(probe.handle.healthPort)}`,
      { retries: 0, auth: plaintext },
    );

    try {
      await expect(unary(onHealthPort, 'Echo', { message: 'hi' })).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
      });
    } finally {
      onHealthPort.close();
      await probe.stop();
    }
  });

  it('answers the liveness name SERVING from the start', async () => {
    const probe = await startProbeServer(echo, { healthPort: 0 });

    try {
      await expect(
        checkHealth(
          `127.0.0.1:${String(probe.handle.healthPort)}`,
          LIVENESS_HEALTH_NAME,
          2_000,
          plaintext,
        ),
      ).resolves.toBe('SERVING');
    } finally {
      await probe.stop();
    }
  });

  it('reports NOT_SERVING there once shutdown starts (liveness stays SERVING while calls drain), and closes with the server', async () => {
    const probe = await startProbeServer(echo, { healthPort: 0, shutdownGraceMs: 5_000 });
    const client = probe.client({ retries: 0 });
    const healthAddress = `127.0.0.1:${String(probe.handle.healthPort)}`;
    const inHandler = new Promise<void>((resolve) => (handlerStarted = resolve));
    const slow = unary(client, 'Echo', { message: 'slow', delayMs: 1_500 });
    await inHandler;

    const stopped = probe.handle.shutdown();
    const during = await checkHealth(healthAddress, '', 2_000, plaintext);
    const livenessDuring = await checkHealth(healthAddress, LIVENESS_HEALTH_NAME, 2_000, plaintext);
    await slow;
    await stopped;

    expect(during).toBe('NOT_SERVING');
    expect(livenessDuring).toBe('SERVING');
    await expect(checkHealth(healthAddress, '', 500, plaintext)).resolves.toBe('UNREACHABLE');
    await probe.stop();
  });
});
