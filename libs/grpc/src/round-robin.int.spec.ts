import * as grpc from '@grpc/grpc-js';
import { createClient } from './client';
import { probePackage, startProbeServer } from './testing/probe-server';
import { unary } from './unary-call';

describe('a client given several replicas (host:port,host:port)', () => {
  it('spreads its calls over every replica, over mTLS checked against the first host', async () => {
    const served = [0, 0];
    const replicas = await Promise.all(
      [0, 1].map((i) =>
        startProbeServer(({ message }) => {
          served[i]! += 1;
          return { message };
        }),
      ),
    );
    const client = createClient(
      probePackage().ProbeService,
      replicas.map((r) => r.address).join(','),
    );

    try {
      for (let i = 0; i < 20; i += 1) await unary(client, 'Echo', { message: String(i) });

      // Round robin: once both connections are ready every replica takes every other call.
      expect(served[0]! + served[1]!).toBe(20);
      expect(Math.min(...served)).toBeGreaterThanOrEqual(5);
    } finally {
      client.close();
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });

  it('keeps answering from the other replica when one stops', async () => {
    const replicas = await Promise.all(
      [0, 1].map(() => startProbeServer(({ message }) => ({ message }))),
    );
    const client = createClient(
      probePackage().ProbeService,
      replicas.map((r) => r.address).join(','),
    );

    try {
      await unary(client, 'Echo', { message: 'both up' });
      await replicas[0]!.stop();
      for (let i = 0; i < 10; i += 1)
        await expect(unary(client, 'Echo', { message: String(i) })).resolves.toMatchObject({
          message: String(i),
        });
    } finally {
      client.close();
      await replicas[1]!.stop();
    }
  });

  it('fails a call as UNAVAILABLE only when no replica answers', async () => {
    const replica = await startProbeServer(({ message }) => ({ message }));
    const address = replica.address;
    await replica.stop();
    const client = createClient(probePackage().ProbeService, `${address},${address}`, {
      retries: 0,
      deadlineMs: 2_000,
    });

    try {
      await expect(unary(client, 'Echo', {})).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
    } finally {
      client.close();
    }
  });
});
