import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { clientAuthFromEnv } from './auth/client-auth';
import { callAbortSignal } from './call-context';
import { unary } from './unary-call';
import { delay, type EchoHandler, startProbeServer } from './testing/probe-server';

const echo: EchoHandler = async ({ message, delayMs }, call) => {
  await delay(delayMs, callAbortSignal(call));
  return { message };
};

type HealthClient = grpc.Client & {
  Check(
    request: { service: string },
    callback: grpc.requestCallback<{ status: string }>,
  ): grpc.ClientUnaryCall;
  Watch(request: { service: string }): grpc.ClientReadableStream<{ status: string }>;
};

const healthClient = (address: string): HealthClient => {
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, { enums: String }));
  const Health = (pkg['grpc'] as grpc.GrpcObject)['health'] as grpc.GrpcObject;
  const Ctor = (Health['v1'] as grpc.GrpcObject)['Health'] as grpc.ServiceClientConstructor;
  // No token: health is open to anyone who can connect (with mTLS, any platform certificate).
  return new Ctor(
    address,
    clientAuthFromEnv({ ...process.env, LEDGERLINE_TOKEN: '' }).credentials,
  ) as unknown as HealthClient;
};

const listServicesByReflection = (address: string): Promise<string[]> => {
  const reflectionProto = path.join(
    path.dirname(require.resolve('@grpc/reflection')),
    '../proto/grpc/reflection/v1/reflection.proto',
  );
  const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(reflectionProto));
  const v1 = ((pkg['grpc'] as grpc.GrpcObject)['reflection'] as grpc.GrpcObject)[
    'v1'
  ] as grpc.GrpcObject;
  const Ctor = v1['ServerReflection'] as grpc.ServiceClientConstructor;
  const client = new Ctor(address, clientAuthFromEnv().credentials);
  return new Promise((resolve, reject) => {
    type ListServicesResponse = { listServicesResponse: { service: { name: string }[] } };
    const open = client['ServerReflectionInfo'] as () => grpc.ClientDuplexStream<object, unknown>;
    const stream = open.call(client);
    stream.on('data', (response: ListServicesResponse) => {
      resolve(response.listServicesResponse.service.map((s) => s.name));
      stream.end();
      client.close();
    });
    stream.on('error', reject);
    stream.write({ listServices: '' });
  });
};

describe('startGrpcServer', () => {
  it('answers the standard health check with SERVING for the server and each service', async () => {
    const probe = await startProbeServer(echo);
    const health = healthClient(probe.address);

    try {
      for (const service of ['', 'ledgerline.platform.v1.ProbeService']) {
        await expect(unary(health, 'Check', { service })).resolves.toEqual({ status: 'SERVING' });
      }
    } finally {
      health.close();
      await probe.stop();
    }
  });

  it('serves no reflection unless asked to', async () => {
    const probe = await startProbeServer(echo);

    try {
      await expect(listServicesByReflection(probe.address)).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
      });
    } finally {
      await probe.stop();
    }
  });

  it('lists the registered services through server reflection when enabled', async () => {
    const probe = await startProbeServer(echo, { reflection: true });

    try {
      const services = await listServicesByReflection(probe.address);

      expect(services).toEqual(
        expect.arrayContaining(['ledgerline.platform.v1.ProbeService', 'grpc.health.v1.Health']),
      );
    } finally {
      await probe.stop();
    }
  });

  it('rejects an oversize request with RESOURCE_EXHAUSTED before the handler runs', async () => {
    const handled = jest.fn(echo);
    const probe = await startProbeServer(handled, { maxReceiveMessageLength: 1024 });
    const client = probe.client({ retries: 0 });

    try {
      await expect(unary(client, 'Echo', { message: 'x'.repeat(2048) })).rejects.toMatchObject({
        code: grpc.status.RESOURCE_EXHAUSTED,
      });
      await expect(unary(client, 'Echo', { message: 'x'.repeat(512) })).resolves.toBeDefined();
      expect(handled).toHaveBeenCalledTimes(1);
    } finally {
      await probe.stop();
    }
  });

  describe('shutdown', () => {
    it('lets an in-flight call finish, reports NOT_SERVING and refuses new calls', async () => {
      const probe = await startProbeServer(echo, { shutdownGraceMs: 5_000 });
      const client = probe.client({ retries: 0 });
      const health = healthClient(probe.address);
      const watched: string[] = [];
      const watch = health.Watch({ service: 'ledgerline.platform.v1.ProbeService' });
      watch.on('data', ({ status }: { status: string }) => watched.push(status));
      watch.on('error', () => undefined); // ends with CANCELLED when the server stops
      await unary(client, 'Echo', { message: 'warm-up' });

      const slow = unary(client, 'Echo', { message: 'slow', delayMs: 300 });
      await delay(50); // let the slow call reach the handler
      const stopped = probe.handle.shutdown();

      await expect(unary(client, 'Echo', { message: 'late' })).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      await expect(slow).resolves.toEqual({ message: 'slow', correlationId: '' });
      await stopped;
      expect(watched).toEqual(['SERVING', 'NOT_SERVING']);
      health.close();
      await probe.stop();
    });

    it('cancels calls still running when the grace period ends', async () => {
      const probe = await startProbeServer(echo, { shutdownGraceMs: 100 });
      const client = probe.client({ retries: 0 });

      const stuck = unary(client, 'Echo', { message: 'stuck', delayMs: 5_000 });
      await delay(50);
      const started = Date.now();
      await probe.stop();

      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(stuck).rejects.toMatchObject({ code: grpc.status.CANCELLED });
    });
  });
});
