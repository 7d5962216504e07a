import * as grpc from '@grpc/grpc-js';
import { bindCaller, type Caller } from '@ledgerline/grpc';
import { commandEnvelope } from './command-call';

const alice: Caller = { kind: 'user', subject: 'alice', scopes: new Set(['funds:move']) };
const deposit = { type: 'DepositFunds', data: { currency: 'USD', amount: 100 } };
const transfer = { type: 'TransferFunds', data: { amount: 100 } };
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const metadataWith = (headers: Record<string, string>, caller?: Caller) => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  if (caller) bindCaller(metadata, caller);
  return metadata;
};

describe('commandEnvelope', () => {
  it('hashes a one-stream request as stored hashes were taken, so a retry across versions replays', () => {
    // given a call with an idempotency key
    const metadata = metadataWith({ 'idempotency-key': 'k-1' });

    // when the envelope of a deposit is built
    const { envelope } = commandEnvelope(metadata, undefined, deposit, { streamId: 'account-1' });

    // then the hash is sha256 of the sorted JSON of stream, type and data
    expect(envelope.idempotency).toEqual({
      key: 'k-1',
      requestHash: '357a35dc4c371690e60c2c8b8554d9c08598e20e360ab0a6b00f5ef266050afb',
    });
    expect(envelope.metadata.idempotencyKey).toBe('k-1');
  });

  it('hashes a request over several streams over the streams, in their order', () => {
    // given the request's own key
    const metadata = metadataWith({});

    // when the envelope of a transfer over two streams is built
    const { envelope } = commandEnvelope(metadata, 'k-2', transfer, {
      streamIds: ['account-1', 'account-2'],
    });

    // then the hash names both streams
    expect(envelope.idempotency?.requestHash).toBe(
      '256ea4abb56ffe77ffbc0b885d0e22150c4532058ee1e577c1fcc35ad8ec2af8',
    );
  });

  it('carries correlation, causation and the verified actor, and no key when none is sent', () => {
    // given a call of a verified caller who claims another actor in a header
    const metadata = metadataWith(
      { 'x-correlation-id': 'c-1', 'x-causation-id': 'e-1', 'x-actor': 'mallory' },
      alice,
    );

    // when the envelope is built
    const { envelope } = commandEnvelope(metadata, undefined, deposit, { streamId: 'account-1' });

    // then the events record the verified actor and the propagated ids, and nothing replays
    expect(envelope).toEqual({
      metadata: { correlationId: 'c-1', causationId: 'e-1', actor: 'alice' },
    });
  });

  it("continues the caller's trace, and stores no traceparent when there is no trace", () => {
    // given one call naming a trace parent and one naming none (tracing off in this process)
    const traced = commandEnvelope(metadataWith({ traceparent: TRACEPARENT }), undefined, deposit, {
      streamId: 'account-1',
    });
    const untraced = commandEnvelope(metadataWith({}), undefined, deposit, {
      streamId: 'account-1',
    });

    // then the first stores a traceparent of the caller's trace, the second none
    expect(traced.envelope.metadata.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-/);
    expect(untraced.envelope.metadata).not.toHaveProperty('traceparent');
  });
});
