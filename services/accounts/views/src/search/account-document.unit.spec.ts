import { type BalanceChange } from '../balances/balance-change';
import { type AccountDocument, accountDocument } from './account-document';

const opened: BalanceChange = {
  kind: 'insert',
  row: {
    accountId: 'a-1',
    ownerId: 'o-1',
    kind: 'merchant',
    currency: 'EUR',
    streamVersion: 1,
    at: '2025-03-01T09:00:00.000Z',
  },
};

const update = (fields: Omit<Extract<BalanceChange, { kind: 'update' }>['update'], 'accountId'>) =>
  ({ kind: 'update', update: { accountId: 'a-1', ...fields } }) as const;

describe('the accounts index document', () => {
  it('given an opening, starts open, empty, opened and updated at the same time', () => {
    expect(accountDocument(undefined, opened, 1)).toEqual({
      accountId: 'a-1',
      ownerId: 'o-1',
      kind: 'merchant',
      currency: 'EUR',
      status: 'open',
      frozenReason: null,
      balanceMinor: 0,
      reservedMinor: 0,
      availableMinor: 0,
      openedAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
      streamVersion: 1,
    });
  });

  it('given money moved, copies the balances and derives what is available', () => {
    const open = accountDocument(undefined, opened, 1);
    const moved = accountDocument(
      open,
      update({ balance: 1_000, reserved: 250, at: '2025-03-01T09:01:00.000Z' }),
      2,
    );
    expect(moved).toMatchObject({
      balanceMinor: 1_000,
      reservedMinor: 250,
      availableMinor: 750,
      status: 'open',
      openedAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:01:00.000Z',
      streamVersion: 2,
    });
  });

  it('given a freeze then an unfreeze, records the reason only while frozen and keeps the money', () => {
    const funded: AccountDocument = {
      ...accountDocument(undefined, opened, 1),
      balanceMinor: 500,
      availableMinor: 500,
    };
    const frozen = accountDocument(
      funded,
      update({
        status: { value: 'frozen', frozenReason: 'review' },
        at: '2025-03-02T00:00:00.000Z',
      }),
      3,
    );
    expect(frozen).toMatchObject({ status: 'frozen', frozenReason: 'review', balanceMinor: 500 });
    const unfrozen = accountDocument(
      frozen,
      update({ status: { value: 'open', frozenReason: null }, at: '2025-03-03T00:00:00.000Z' }),
      4,
    );
    expect(unfrozen).toMatchObject({ status: 'open', frozenReason: null, availableMinor: 500 });
  });

  it('given an update of an account it never saw, refuses it (the runtime parks the event)', () => {
    expect(() => accountDocument(undefined, update({ at: '2025-03-01T00:00:00.000Z' }), 2)).toThrow(
      'account a-1 has no document (event v2)',
    );
  });
});
