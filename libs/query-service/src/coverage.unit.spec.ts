import {
  type Coverage,
  type CoverageFacts,
  describeGap,
  type PartitionApplied,
  type ParkedAt,
  proveCoverage,
} from './coverage';

const T = 'ledgerline.payment.events';
const at = (transactionId: number, position: number) => ({
  transactionId: String(transactionId),
  position,
});
const token = at(900, 50);

/** given(facts).then(expected): the proof as a table of recorded states. */
const given = (facts: Partial<CoverageFacts>) => {
  const full: CoverageFacts = {
    token,
    relay: at(900, 50),
    ends: [
      { topic: T, partition: 0, offset: '10' },
      { topic: T, partition: 1, offset: '7' },
    ],
    applied: [
      { topic: T, partition: 0, offset: '9', checkpoint: at(900, 50) },
      { topic: T, partition: 1, offset: '6', checkpoint: at(880, 44) },
    ],
    parked: [],
    ...facts,
  };
  return { coverage: proveCoverage(full), facts: full };
};

const applied = (partition: number, offset: string, checkpoint = at(1, 1)): PartitionApplied => ({
  topic: T,
  partition,
  offset,
  checkpoint,
});
const gapOf = (coverage: Coverage) => {
  if (coverage.covered) throw new Error('expected a gap');
  return coverage;
};

describe('a list view whose partitions have all been processed up to their sampled ends', () => {
  it('is covered when the relay has published up to the token', () => {
    expect(given({}).coverage).toEqual({ covered: true });
  });

  it('is covered when the relay is past the token', () => {
    expect(given({ relay: at(950, 3) }).coverage).toEqual({ covered: true });
  });

  it('is not covered while the relay is behind the token, whatever the partitions say', () => {
    const { coverage } = given({ relay: at(900, 49), ends: undefined });
    expect(gapOf(coverage).relayBehind).toBe(true);
  });

  it('orders by transaction id first: a larger position in an older transaction is behind', () => {
    expect(gapOf(given({ relay: at(899, 999), ends: undefined }).coverage).relayBehind).toBe(true);
  });
});

describe('a partition that has not processed everything below its sampled end', () => {
  it('is a gap naming how many messages it has not processed', () => {
    const { coverage } = given({ applied: [applied(0, '9'), applied(1, '3', at(880, 44))] });
    expect(gapOf(coverage).partitions).toEqual([
      { topic: T, partition: 1, endOffset: '7', appliedOffset: '3', missing: 3 },
    ]);
  });

  it('is covered when it has processed an event at or past the token (it keeps receiving newer ones)', () => {
    const { coverage } = given({ applied: [applied(0, '9'), applied(1, '3', at(900, 50))] });
    expect(coverage).toEqual({ covered: true });
  });

  it('is not covered by an event with a larger position from an older transaction', () => {
    const { coverage } = given({ applied: [applied(0, '9'), applied(1, '3', at(899, 70))] });
    expect(gapOf(coverage).partitions.map((p) => p.partition)).toEqual([1]);
  });

  it('is a gap of every message when nothing of it was processed yet', () => {
    const { coverage } = given({ applied: [applied(0, '9')] });
    expect(gapOf(coverage).partitions).toEqual([
      { topic: T, partition: 1, endOffset: '7', appliedOffset: undefined, missing: 7 },
    ]);
  });

  it('is covered when it is empty', () => {
    const { coverage } = given({
      ends: [{ topic: T, partition: 0, offset: '0' }],
      applied: [],
    });
    expect(coverage).toEqual({ covered: true });
  });

  it('is covered when its checkpoint is unknown (older runtime rows) but its offsets caught up', () => {
    const { coverage } = given({
      applied: [
        { topic: T, partition: 0, offset: '9', checkpoint: null },
        { topic: T, partition: 1, offset: '6', checkpoint: null },
      ],
    });
    expect(coverage).toEqual({ covered: true });
  });
});

describe('a view with parked events', () => {
  const parked = (checkpoint: ParkedAt['checkpoint']): ParkedAt => ({
    topic: T,
    streamId: 'payment-1',
    checkpoint,
  });

  it('is not covered when an event at or below the token is parked, though its offset was passed', () => {
    const { coverage } = given({ parked: [parked(at(900, 50))] });
    expect(gapOf(coverage)).toMatchObject({ relayBehind: false, partitions: [] });
    expect(gapOf(coverage).parked).toHaveLength(1);
  });

  it('is covered when only events past the token are parked', () => {
    expect(given({ parked: [parked(at(901, 1))] }).coverage).toEqual({ covered: true });
  });

  it('is not covered by a parked message whose place in the order is unknown', () => {
    expect(gapOf(given({ parked: [parked(null)] }).coverage).parked).toHaveLength(1);
  });
});

describe('the explanation of a gap', () => {
  it('names the store, the token, the relay and each partition behind', () => {
    const { coverage, facts } = given({
      relay: at(900, 50),
      applied: [applied(0, '9'), applied(1, '3', at(880, 44))],
      parked: [{ topic: T, streamId: 'payment-7', checkpoint: at(800, 2) }],
    });
    expect(describeGap(gapOf(coverage), facts, 'payments')).toBe(
      'has not applied every payments event up to transaction 900/position 50: ' +
        `partition ${T}/1 has 3 unprocessed messages below offset 7; ` +
        '1 events at or below it are parked (streams payment-7)',
    );
  });

  it('says when the relay has not published that far', () => {
    const { coverage, facts } = given({ relay: at(899, 3), ends: undefined });
    expect(describeGap(gapOf(coverage), facts, 'payments')).toContain(
      'the payments relay has published only up to transaction 899/position 3',
    );
  });
});
