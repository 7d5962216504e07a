import * as grpc from '@grpc/grpc-js';
import { RuleViolation } from '@ledgerline/domain';
import { type platformV1 } from '@ledgerline/proto';
import { callAbortSignal, callDeadline } from './call-context';
import { outgoingMetadata, readCallMetadata } from './call-metadata';
import { unary } from './unary-call';
import { delay, type EchoHandler, startProbeServer } from './testing/probe-server';

const failing = (name: string) => Object.assign(new Error('down'), { name });

describe('createClient', () => {
  it('retries UNAVAILABLE within one logical call', async () => {
    let invocations = 0;
    const flaky: EchoHandler = ({ message }) => {
      invocations += 1;
      if (invocations <= 2) throw failing('Unavailable');
      return { message };
    };
    const probe = await startProbeServer(flaky);

    try {
      const response: platformV1.EchoResponse__Output = await unary(probe.client(), 'Echo', {
        message: 'third time lucky',
      });

      expect(response.message).toBe('third time lucky');
      expect(invocations).toBe(3);
    } finally {
      await probe.stop();
    }
  });

  it('does not retry FAILED_PRECONDITION', async () => {
    let invocations = 0;
    const probe = await startProbeServer(() => {
      invocations += 1;
      throw new RuleViolation('open-account', 'closed');
    });

    try {
      await expect(unary(probe.client(), 'Echo', {})).rejects.toMatchObject({
        code: grpc.status.FAILED_PRECONDITION,
      });
      expect(invocations).toBe(1);
    } finally {
      await probe.stop();
    }
  });

  it('gives up on UNAVAILABLE after the configured retries', async () => {
    let invocations = 0;
    const probe = await startProbeServer(() => {
      invocations += 1;
      throw failing('Unavailable');
    });

    try {
      await expect(unary(probe.client({ retries: 1 }), 'Echo', {})).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      expect(invocations).toBe(2);
    } finally {
      await probe.stop();
    }
  });

  it('sets a default deadline the server sees and honours by cancelling the handler', async () => {
    let seenDeadline: Date | undefined;
    let aborted: Promise<void> | undefined;
    const probe = await startProbeServer(async ({ message }, call) => {
      seenDeadline = callDeadline(call);
      const signal = callAbortSignal(call);
      aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
      await delay(2_000, signal);
      return { message };
    });
    const started = Date.now();

    try {
      await expect(unary(probe.client({ deadlineMs: 200 }), 'Echo', {})).rejects.toMatchObject({
        code: grpc.status.DEADLINE_EXCEEDED,
      });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(seenDeadline!.getTime()).toBeLessThanOrEqual(started + 200 + 50);
      await expect(aborted).resolves.toBeUndefined();
    } finally {
      await probe.stop();
    }
  });

  it('lets one call override the default deadline', async () => {
    const probe = await startProbeServer(async ({ message, delayMs }) => {
      await delay(delayMs);
      return { message };
    });
    const client = probe.client({ deadlineMs: 100 });

    try {
      await expect(
        unary(client, 'Echo', { message: 'patient', delayMs: 300 }, { deadlineMs: 2_000 }),
      ).resolves.toMatchObject({ message: 'patient' });
    } finally {
      await probe.stop();
    }
  });

  it('propagates the correlation id, and the server generates one when absent', async () => {
    const probe = await startProbeServer(({ message }, call) => ({
      message,
      correlationId: readCallMetadata(call.metadata).correlationId,
    }));
    const client = probe.client();

    try {
      const propagated = await unary(
        client,
        'Echo',
        {},
        {
          metadata: outgoingMetadata({ correlationId: 'corr-42', causationId: 'cmd-1' }),
        },
      );
      const generated = await unary(client, 'Echo', {});

      expect(propagated.correlationId).toBe('corr-42');
      expect(generated.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await probe.stop();
    }
  });

  it('types methods, requests and responses from the generated client', async () => {
    const probe = await startProbeServer(({ message }) => ({ message }));
    const client = probe.client();

    try {
      // @ts-expect-error: not a method of ProbeService
      await expect(unary(client, 'Missing', {})).rejects.toThrow();
      // @ts-expect-error: EchoRequest has no field `amount`
      await unary(client, 'Echo', { amount: 1 });
    } finally {
      await probe.stop();
    }
  });
});
