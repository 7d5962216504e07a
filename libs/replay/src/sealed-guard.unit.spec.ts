import { type RecordedEvent } from '@ledgerline/event-store';
import { ReplayError } from './errors';
import { refusingSealedValues } from './sealed-guard';

const recorded = (type: string, data: Record<string, unknown>, position = 1): RecordedEvent => ({
  eventId: `event-${position}`,
  streamId: 'order-1',
  streamVersion: position,
  globalPosition: position,
  transactionId: '1',
  type,
  schemaVersion: 1,
  data,
  metadata: {},
  recordedAt: new Date(0),
});

const SEALED = 'enc:v1:6f1c2a9e-0000-4000-8000-000000000000:AAAA';

describe('a replay without a keyring', () => {
  it('passes events without sealed values through as stored', async () => {
    // given events whose personal fields are plaintext or the marker
    const events = [
      recorded('OrderPlaced', { lines: [{ description: 'A blue mug' }] }),
      recorded('OrderCancelled', { reason: '[redacted]' }, 2),
    ];

    // when the guard opens them
    const opened = await refusingSealedValues('orders').open(events);

    // then they come back unchanged
    expect(opened).toEqual(events);
  });

  it.each([
    ['a top-level field', { reason: SEALED }],
    ['a field of an array element', { lines: [{ sku: 'S' }, { description: SEALED }] }],
  ])(
    'refuses an event with a sealed value in %s, naming the event and the setting',
    async (_, data) => {
      // given an event holding a sealed value
      const events = [recorded('OrderPlaced', { lines: [] }), recorded('OrderShipped', data, 7)];

      // when the guard opens them
      const opened = refusingSealedValues('orders').open(events);

      // then it refuses, saying which event and what is missing
      await expect(opened).rejects.toBeInstanceOf(ReplayError);
      await expect(opened).rejects.toMatchObject({ kind: 'sealed-without-keyring' });
      await expect(opened).rejects.toThrow(
        /^orders event 7 \(OrderShipped, order-1\) .* no keyring .*\(PRIVACY_KEK_FILE.* copySealedValues/,
      );
    },
  );
});
