import { type RecordedEvent } from '@ledgerline/event-store';
import { fromCloudEventMessage, toCloudEventMessage } from '@ledgerline/relay';
import { publishedEventOf } from './published';

const recorded: RecordedEvent = {
  type: 'PaymentCreated',
  data: { paymentId: 'p-1', amount: 1_250, nested: { at: '2026-01-01T00:00:00.000Z' } },
  eventId: '0b3c5a52-3d4e-4c59-9a64-1d1f9c0d8f11',
  streamId: 'payment-p-1',
  streamVersion: 3,
  globalPosition: 42,
  transactionId: '9007199254740993',
  schemaVersion: 2,
  metadata: { correlationId: 'c-1', causationId: 'k-1', actor: 'ops', traceparent: '00-ab-cd-01' },
  recordedAt: new Date('2026-01-02T03:04:05.678Z'),
};

describe('a stored event fed to a rebuild', () => {
  it('is what live delivery hands the handlers after the relay encodes it', () => {
    // given
    const message = toCloudEventMessage(recorded, 'ledgerline/payments');
    // when
    const live = fromCloudEventMessage({
      topic: 't',
      partition: 0,
      offset: '0',
      key: message.key,
      value: Buffer.from(message.value),
      headers: message.headers ?? {},
      timestamp: '0',
    });
    // then
    expect(publishedEventOf(recorded, 'ledgerline/payments')).toEqual(live);
  });

  it('leaves out the metadata the event does not carry, as the relay does', () => {
    const bare = { ...recorded, metadata: {} };
    const message = toCloudEventMessage(bare, 's');
    const live = fromCloudEventMessage({
      topic: 't',
      partition: 0,
      offset: '0',
      key: message.key,
      value: Buffer.from(message.value),
      headers: message.headers ?? {},
      timestamp: '0',
    });
    expect(publishedEventOf(bare, 's')).toEqual(live);
  });
});
