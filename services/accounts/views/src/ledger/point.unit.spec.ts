import { InvalidInput } from '@ledgerline/domain';
import { parseLedgerTarget } from './point';

describe('a ledger point as a caller writes it', () => {
  it('reads a global position, a checkpoint and an RFC 3339 time', () => {
    expect(parseLedgerTarget('1234')).toEqual({ kind: 'position', position: 1234 });
    expect(parseLedgerTarget('98765/1234')).toEqual({
      kind: 'checkpoint',
      checkpoint: { transactionId: '98765', position: 1234 },
    });
    expect(parseLedgerTarget('2026-12-01T09:30:00+01:00')).toEqual({
      kind: 'time',
      at: new Date('2026-12-01T08:30:00Z'),
    });
  });

  it('refuses anything else, naming the field', () => {
    for (const text of ['yesterday', '2026-12-01', '-5', '1/2/3'])
      expect(() => parseLedgerTarget(text)).toThrow(InvalidInput);
    expect(() => parseLedgerTarget('soon')).toThrow(/^at: /);
  });
});
