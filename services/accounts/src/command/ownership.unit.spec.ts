import { type AccountState } from '@ledgerline/accounts-domain';
import { type CurrencyCode } from '@ledgerline/domain';
import { Forbidden } from '@ledgerline/grpc';
import { checkOpenedFor, ownerCheck } from './ownership';

const ALICE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const BOB = '01HZX3V9Q8W5T6Y7M8N9P0RB0B';

const account = (ownerId: string, status: 'open' | 'closed' = 'open'): AccountState => ({
  status,
  accountId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  ownerId,
  kind: 'customer',
  currency: 'USD' as CurrencyCode,
  balance: 0,
  reserved: 0,
  openReservations: {},
  recentSettlements: [],
  olderSettlementsForgotten: false,
});

const refusal = (act: () => void): { rule: string; message: string } | undefined => {
  try {
    act();
    return undefined;
  } catch (error) {
    if (!(error instanceof Forbidden)) throw error;
    return { rule: error.rule, message: error.message };
  }
};

describe('who may open an account', () => {
  it('given a caller bound to its own subject, when it opens an account for itself, then it may', () => {
    expect(
      refusal(() => checkOpenedFor({ subject: ALICE, onBehalf: false }, ALICE)),
    ).toBeUndefined();
  });

  it('compares ids however they are cased', () => {
    const upper = ALICE.toUpperCase();
    expect(
      refusal(() => checkOpenedFor({ subject: upper, onBehalf: false }, ALICE)),
    ).toBeUndefined();
  });

  it('given a caller bound to its own subject, when it opens an account for someone else, then it is refused', () => {
    expect(refusal(() => checkOpenedFor({ subject: ALICE, onBehalf: false }, BOB))).toEqual({
      rule: 'ownership',
      message: 'permission denied: an account may be opened only for its own owner',
    });
  });

  it('given a caller acting for any owner, then it may open anyone’s account', () => {
    expect(refusal(() => checkOpenedFor(undefined, BOB))).toBeUndefined();
  });
});

describe('who may act on an account', () => {
  it('given the owner, then it may', () => {
    expect(
      refusal(() => ownerCheck({ subject: ALICE, onBehalf: false })(account(ALICE))),
    ).toBeUndefined();
  });

  it('given someone else, then it is refused without naming the owner', () => {
    const refused = refusal(() => ownerCheck({ subject: BOB, onBehalf: false })(account(ALICE)));
    expect(refused).toEqual({
      rule: 'ownership',
      message: 'permission denied: the account belongs to another owner',
    });
    expect(refused?.message).not.toContain(ALICE);
  });

  it('given the saga acting for a customer who does not own the account, then it is refused as the order’s', () => {
    expect(refusal(() => ownerCheck({ subject: BOB, onBehalf: true })(account(ALICE)))).toEqual({
      rule: 'ownership',
      message: 'permission denied: the order pays from an account its customer does not own',
    });
  });

  it('given no account, then it leaves the answer (NOT_FOUND) to the decider, whoever asks', () => {
    expect(
      refusal(() => ownerCheck({ subject: BOB, onBehalf: false })({ status: 'none' })),
    ).toBeUndefined();
  });

  it('given a closed account of someone else, then ownership is refused before the decider speaks', () => {
    expect(
      refusal(() => ownerCheck({ subject: BOB, onBehalf: false })(account(ALICE, 'closed'))),
    ).toMatchObject({
      rule: 'ownership',
    });
  });

  it('given a caller acting for any owner, then it may act on any account', () => {
    expect(refusal(() => ownerCheck(undefined)(account(ALICE)))).toBeUndefined();
  });
});
