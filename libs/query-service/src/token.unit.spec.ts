import {
  combineReceipts,
  consistencyToken,
  MAX_COMBINED_RECEIPTS,
  receiptsOf,
  tokenVersionOf,
} from './token';

const receipt = {
  streamId: 'payment-01HZ',
  streamVersion: '3',
  globalPosition: '42',
  replayed: false,
  transactionId: '7781',
  combined: [],
};

describe('a consistency token read from a receipt', () => {
  it('carries the stream version and the checkpoint', () => {
    expect(consistencyToken(receipt)).toEqual({
      streamId: 'payment-01HZ',
      streamVersion: 3,
      checkpoint: { transactionId: '7781', position: 42 },
    });
  });

  it('is absent when the request carries none or an empty one', () => {
    expect(consistencyToken(null)).toBeUndefined();
    expect(consistencyToken(undefined)).toBeUndefined();
    expect(
      consistencyToken({
        streamId: '',
        streamVersion: '0',
        globalPosition: '0',
        transactionId: '',
      }),
    ).toBeUndefined();
  });

  it('has no checkpoint when the command recorded nothing (no transaction id)', () => {
    expect(consistencyToken({ ...receipt, transactionId: '' })?.checkpoint).toBeUndefined();
  });

  it.each([
    [{ streamId: '' }, 'consistencyToken.streamId: is required'],
    [{ streamVersion: '0' }, 'consistencyToken.streamVersion: must be an integer of at least 1'],
    [{ streamVersion: '-2' }, 'consistencyToken.streamVersion: '],
    [{ transactionId: '12; DROP' }, 'consistencyToken.transactionId: '],
    [{ transactionId: '99999999999999999999' }, 'consistencyToken.transactionId: '],
    [{ globalPosition: '0' }, 'consistencyToken.globalPosition: '],
    [{ streamId: 'payment-\u0000' }, 'consistencyToken.streamId: must not contain control'],
  ])('refuses %j naming the field', (change, message) => {
    expect(() => consistencyToken({ ...receipt, ...change })).toThrow(message);
  });
});

describe('a combined consistency token', () => {
  const deposit = {
    streamId: 'account-01HZ',
    streamVersion: '4',
    globalPosition: '9',
    replayed: false,
    transactionId: '500',
    combined: [],
  };

  it('carries every receipt, the first on the token itself', () => {
    const token = consistencyToken(combineReceipts(receipt, deposit));
    expect(token).toMatchObject({ streamId: 'payment-01HZ', streamVersion: 3 });
    expect(token && receiptsOf(token)).toEqual([
      {
        streamId: 'payment-01HZ',
        streamVersion: 3,
        checkpoint: { transactionId: '7781', position: 42 },
      },
      {
        streamId: 'account-01HZ',
        streamVersion: 4,
        checkpoint: { transactionId: '500', position: 9 },
      },
    ]);
  });

  it('flattens receipts combined into combined ones, skipping an empty head', () => {
    const empty = {
      ...receipt,
      streamId: '',
      streamVersion: '0',
      globalPosition: '0',
      transactionId: '',
    };
    const token = consistencyToken({ ...empty, combined: [combineReceipts(deposit, receipt)] });
    expect(token && receiptsOf(token).map((r) => r.streamId)).toEqual([
      'account-01HZ',
      'payment-01HZ',
    ]);
  });

  it('names a malformed inner receipt by its place', () => {
    expect(() =>
      consistencyToken(combineReceipts(receipt, { ...deposit, streamVersion: '0' })),
    ).toThrow('consistencyToken.combined[0].streamVersion');
  });

  it(`refuses more than ${MAX_COMBINED_RECEIPTS} receipts`, () => {
    const many = Array.from({ length: MAX_COMBINED_RECEIPTS }, () => deposit);
    expect(() => consistencyToken(combineReceipts(receipt, ...many))).toThrow(
      'consistencyToken.combined: a token carries at most',
    );
  });

  it('gives the newest version it asks of a stream, 0 for a stream it does not name', () => {
    const token = consistencyToken(
      combineReceipts(receipt, deposit, { ...deposit, streamVersion: '6', transactionId: '' }),
    );
    expect(tokenVersionOf(token, 'account-01HZ')).toBe(6);
    expect(tokenVersionOf(token, 'payment-01HZ')).toBe(3);
    expect(tokenVersionOf(token, 'order-01HZ')).toBe(0);
    expect(tokenVersionOf(undefined, 'order-01HZ')).toBe(0);
  });
});
