import { type KafkaEncoder, useLeanKafkaEncoding } from './lean-encoder';

interface KafkaRecord {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer;
  value: string;
  headers: Record<string, string | Buffer>;
}
// kafkajs's record encoder (record batch v2 format); kafkajs publishes no types for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const encodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (
  record: KafkaRecord,
) => KafkaEncoder;

const headersOf = (n: number): Record<string, string | Buffer> => ({
  ce_specversion: '1.0',
  ce_id: `0b6c8d4e-2f1a-4c3b-9d5e-${String(n).padStart(12, '0')}`,
  ce_type: 'FundsDeposited',
  ce_subject: `account-${n}`,
  ce_streamversion: String(n * 977),
  ce_position: String(2 ** 40 + n),
  'content-type': Buffer.from('application/json'),
  // Multi-byte text, and a header longer than an encoder's former first buffer (512 bytes).
  ce_actor: `ü-${'x'.repeat(n % 2 === 0 ? 3 : 700)}`,
});

/** Records of every size class: varints of one to three bytes, values beyond 512 bytes. */
const records = Array.from({ length: 40 }, (_, n) => ({
  offsetDelta: n * 300,
  timestampDelta: n * 1_000,
  key: Buffer.from(`account-${n}`),
  value: JSON.stringify({ n, pad: 'v'.repeat(n * 40) }),
  headers: headersOf(n),
}));

const encodeAll = () => records.map((record) => encodeRecord(record).buffer.toString('hex'));

describe('lean kafkajs encoding', () => {
  afterAll(() => useLeanKafkaEncoding(true));

  it('writes the same bytes as kafkajs for records with headers', () => {
    // given what kafkajs's own encoder writes
    useLeanKafkaEncoding(false);
    const expected = encodeAll();
    // when the lean encoder writes the same records
    const applied = useLeanKafkaEncoding(true);
    const actual = encodeAll();
    // then it applies to the pinned kafkajs (no 512-byte first buffer) and every byte matches
    expect(applied).toBe(true);
    expect(encodeRecord(records[0]!).buf.length).toBeLessThan(512);
    expect(actual).toEqual(expected);
  });

  it('can be switched off again', () => {
    // given the lean encoder, switched off
    useLeanKafkaEncoding(false);
    // when a record is encoded
    const encoder = encodeRecord(records[0]!);
    // then kafkajs started it on its own 512-byte buffer
    expect(encoder.buf.length).toBe(512);
  });
});
