import { type RecordedEvent } from '@ledgerline/event-store';
import { type IncomingMessage } from '@ledgerline/messaging';
import { fromCloudEventMessage, MalformedEventMessage, toCloudEventMessage } from './cloud-events';
import { topicForCategory } from './topics';

const event: RecordedEvent = {
  type: 'FundsDeposited',
  data: { accountId: 'a1', amountMinor: 500, currency: 'EUR' },
  eventId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
  streamId: 'account-a1',
  streamVersion: 3,
  globalPosition: 42,
  transactionId: '9007199254740993',
  schemaVersion: 2,
  metadata: {
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
  recordedAt: new Date('2026-11-23T10:00:00.000Z'),
};

const asIncoming = (headers: Record<string, string>, value: string): IncomingMessage => ({
  topic: topicForCategory('account'),
  partition: 0,
  offset: '7',
  key: 'account-a1',
  value: Buffer.from(value),
  headers,
  timestamp: '0',
});

describe('CloudEvents Kafka binding', () => {
  it('puts attributes in ce_ headers, the stream id in the key and the data in the value', () => {
    const message = toCloudEventMessage(event, 'ledgerline/accounts');
    expect(message.key).toBe('account-a1');
    expect(JSON.parse(message.value.toString())).toEqual(event.data);
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: 'FundsDeposited',
      ce_source: 'ledgerline/accounts',
      ce_subject: 'account-a1',
      ce_time: '2026-11-23T10:00:00.000Z',
      ce_streamversion: '3',
      ce_position: '42',
      ce_transactionid: '9007199254740993',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cmd-1',
      traceparent: event.metadata.traceparent,
    });
  });

  it('reads back what it wrote', () => {
    const message = toCloudEventMessage(event, 'ledgerline/accounts');
    const read = fromCloudEventMessage(
      asIncoming({ ...message.headers }, message.value.toString()),
    );
    expect(read).toEqual({
      eventId: event.eventId,
      type: 'FundsDeposited',
      source: 'ledgerline/accounts',
      streamId: 'account-a1',
      streamVersion: 3,
      position: 42,
      transactionId: '9007199254740993',
      schemaVersion: 2,
      time: '2026-11-23T10:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      traceparent: event.metadata.traceparent,
      data: event.data,
    });
  });

  it('rejects a message without the required attributes or with a non-JSON value', () => {
    expect(() => fromCloudEventMessage(asIncoming({ ce_id: 'x' }, '{}'))).toThrow(
      MalformedEventMessage,
    );
    expect(() => fromCloudEventMessage(asIncoming({ ce_id: 'x' }, '{}'))).toThrow(
      /missing header\(s\) ce_specversion/,
    );
    const { headers } = toCloudEventMessage(event, 's');
    expect(() => fromCloudEventMessage(asIncoming({ ...headers }, '{oops'))).toThrow(
      'value is not JSON',
    );
  });
});
