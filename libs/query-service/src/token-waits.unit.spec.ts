import { type EventSource } from './sources';
import { type ReceiptPosition } from './token';
import { planTokenWaits, type ViewReads } from './token-waits';

const payments: EventSource = { schema: 'payments', categories: ['payment'] };
const accounts: EventSource = { schema: 'accounts', categories: ['account'] };

/** A view of the payments store only, in a service whose only source is payments. */
const paymentsView: ViewReads = {
  reads: (streamId) => streamId.startsWith('payment-'),
  sourceOf: (streamId) => (streamId.startsWith('payment-') ? payments : undefined),
};

const receipt = (
  streamId: string,
  streamVersion: number,
  transactionId?: string,
  position = 1,
): ReceiptPosition => ({
  streamId,
  streamVersion,
  checkpoint: transactionId === undefined ? undefined : { transactionId, position },
});

describe('the waits a token asks of a view', () => {
  it('given a receipt of another context, asks nothing of an entity or a list read', () => {
    const deposit = [receipt('account-01A', 3, '900', 7)];
    expect(planTokenWaits(deposit, 'entity', paymentsView)).toEqual({
      checkpoints: [],
      versions: [],
    });
    expect(planTokenWaits(deposit, 'list', paymentsView)).toEqual({
      checkpoints: [],
      versions: [],
    });
  });

  it('given a combined token, a list read waits for the newest checkpoint of its own store only', () => {
    const waits = planTokenWaits(
      [
        receipt('payment-01A', 2, '100', 5),
        receipt('account-01A', 3, '900', 7),
        receipt('payment-01B', 1, '120', 6),
      ],
      'list',
      paymentsView,
    );
    expect(waits).toEqual({
      checkpoints: [{ streamId: 'payment-01B', checkpoint: { transactionId: '120', position: 6 } }],
      versions: [],
    });
  });

  it('given a combined token, an entity read waits for each of its streams at the newest version', () => {
    const waits = planTokenWaits(
      [
        receipt('payment-01A', 2, '100'),
        receipt('account-01A', 3, '900'),
        receipt('payment-01A', 4, '130'),
        receipt('payment-01B', 1, '120'),
      ],
      'entity',
      paymentsView,
    );
    expect(waits.checkpoints).toEqual([]);
    expect(waits.versions).toEqual([
      { streamId: 'payment-01A', version: 4 },
      { streamId: 'payment-01B', version: 1 },
    ]);
  });

  it('given a receipt without a transaction id, a list read falls back to its stream', () => {
    expect(planTokenWaits([receipt('payment-01A', 2)], 'list', paymentsView)).toEqual({
      checkpoints: [],
      versions: [{ streamId: 'payment-01A', version: 2 }],
    });
  });

  it('given receipts of two stores a view reads, a list read waits for both', () => {
    const both: ViewReads = {
      reads: () => true,
      sourceOf: (streamId) => (streamId.startsWith('payment-') ? payments : accounts),
    };
    const waits = planTokenWaits(
      [receipt('payment-01A', 2, '100', 5), receipt('account-01A', 3, '90', 7)],
      'list',
      both,
    );
    expect(waits.checkpoints.map((c) => c.streamId)).toEqual(['payment-01A', 'account-01A']);
  });
});
