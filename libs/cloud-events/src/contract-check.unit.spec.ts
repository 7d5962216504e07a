import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent } from '@ledgerline/event-store';
import { EventContractCheck, eventContractCheckFromEnv } from './contract-check';

const schemas = join(__dirname, '..', '..', '..', 'docs', 'events', 'schemas');

const createdV2 = {
  paymentId: 'p-1',
  orderId: 'o-1',
  payerAccountId: 'a-1',
  payeeAccountId: 'a-2',
  currency: 'EUR',
  amount: 500,
  ownerId: null,
  at: '2026-12-07T10:00:00.000Z',
};

const event = (over: Partial<RecordedEvent>): RecordedEvent => ({
  type: 'PaymentCreated',
  data: createdV2,
  eventId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
  streamId: 'payment-p-1',
  streamVersion: 1,
  globalPosition: 1,
  transactionId: '1',
  schemaVersion: 2,
  metadata: {},
  recordedAt: new Date('2026-12-07T10:00:00.000Z'),
  ...over,
});

describe('checking events against their published schemas', () => {
  const check = new EventContractCheck(schemas);

  it('passes events that match their type and version', async () => {
    const { ownerId: _, ...v1 } = createdV2;
    expect(
      await check.violations([
        event({}),
        event({ data: { ...createdV2, ownerId: 'alice' } }),
        event({ schemaVersion: 1, data: v1 }),
      ]),
    ).toEqual([]);
  });

  it('passes personal fields sealed, as relays publish them by default (RELAY_PERSONAL_DATA)', async () => {
    const { ownerId: _, ...facts } = createdV2;
    const sealed = 'enc:v1:6f1c2a9e-0000-4000-8000-000000000000:q83vEjRWeJA';
    expect(
      await check.violations([
        event({
          type: 'PaymentFailed',
          schemaVersion: 1,
          streamVersion: 2,
          data: { ...facts, reason: sealed, reservationId: null },
        }),
      ]),
    ).toEqual([]);
  });

  it('names a missing field, a wrong type and an undocumented field', async () => {
    const { ownerId: _, ...v1 } = createdV2;
    const [missing, retyped, extra] = await check.violations([
      event({ data: v1 }),
      event({ data: { ...createdV2, amount: '500' } }),
      event({ data: { ...createdV2, note: 'x' } }),
    ]);
    expect(missing?.problems).toEqual([
      "payment/PaymentCreated.v2.json: (the payload) must have required property 'ownerId'",
    ]);
    expect(retyped?.problems).toEqual(['payment/PaymentCreated.v2.json: /amount must be number']);
    expect(extra?.problems).toEqual([
      'payment/PaymentCreated.v2.json: (the payload) must NOT have additional properties ({"additionalProperty":"note"})',
    ]);
  });

  it('flags a type or version without a schema in a published category', async () => {
    const [unknownType, unknownVersion] = await check.violations([
      event({ type: 'PaymentTeleported' }),
      event({ schemaVersion: 3 }),
    ]);
    expect(unknownType?.problems).toEqual([
      'no published schema payment/PaymentTeleported.v2.json',
    ]);
    expect(unknownVersion?.problems).toEqual([
      'no published schema payment/PaymentCreated.v3.json',
    ]);
  });

  it("leaves a category that publishes no contract alone (a test's own)", async () => {
    expect(await check.violations([event({ streamId: 'cat1234-x', data: { n: 1 } })])).toEqual([]);
  });

  it('records each violation as a JSON line when the environment names a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'contracts-')), 'violations.ndjson');
    const fromEnv = eventContractCheckFromEnv({
      EVENT_CONTRACTS_DIR: schemas,
      EVENT_CONTRACT_VIOLATIONS_FILE: file,
    });
    await fromEnv?.violations([event({}), event({ data: { ...createdV2, amount: '500' } })]);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        type: 'PaymentCreated',
        schemaVersion: 2,
        streamId: 'payment-p-1',
      }),
    ]);
    expect(eventContractCheckFromEnv({})).toBeUndefined();
  });
});
