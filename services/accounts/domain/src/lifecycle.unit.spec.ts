import { InvalidInput, NotFound, RuleViolation } from '@ledgerline/domain';
import type { AccountEvent } from './events';
import {
  ACCOUNT_ID,
  NOW,
  OWNER_ID,
  RESERVATION_A,
  USD,
  accountOpened,
  closed,
  command,
  deposited,
  frozen,
  givenAccount,
  released,
  reserved,
  captured,
} from './testing';

const open = (
  data: Partial<{ accountId: string; ownerId: string; kind: string; currency: string }>,
) =>
  command('OpenAccount', {
    accountId: ACCOUNT_ID,
    ownerId: OWNER_ID,
    kind: 'merchant',
    currency: 'USD',
    ...data,
  });

describe('OpenAccount', () => {
  it('opens an account on an empty stream', () => {
    givenAccount()
      .when(open({}))
      .then([
        {
          type: 'AccountOpened',
          data: {
            accountId: ACCOUNT_ID,
            ownerId: OWNER_ID,
            kind: 'merchant',
            currency: USD,
            at: NOW,
          },
        },
      ]);
  });

  it('normalises ids so one account never gets two spellings', () => {
    givenAccount()
      .when(open({ accountId: ACCOUNT_ID.toUpperCase() }))
      .then([
        {
          type: 'AccountOpened',
          data: {
            accountId: ACCOUNT_ID,
            ownerId: OWNER_ID,
            kind: 'merchant',
            currency: USD,
            at: NOW,
          },
        },
      ]);
  });

  it('refuses to open an account twice', () => {
    givenAccount(accountOpened)
      .when(open({}))
      .thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it('refuses to reopen a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(open({}))
      .thenThrows(RuleViolation, { rule: 'already-exists' });
  });

  it.each([
    ['accountId', { accountId: 'not-an-id' }],
    ['ownerId', { ownerId: '' }],
    ['kind', { kind: 'savings' }],
    ['currency', { currency: 'usd' }],
    ['currency', { currency: 'XXX' }],
  ])('rejects an invalid %s', (field, data) => {
    givenAccount().when(open(data)).thenThrows(InvalidInput, { field });
  });
});

describe('FreezeAccount', () => {
  const freeze = (reason = 'fraud review') =>
    command('FreezeAccount', { accountId: ACCOUNT_ID, reason });

  it('freezes an open account with a reason', () => {
    givenAccount(accountOpened)
      .when(freeze('  chargeback spike  '))
      .then([
        {
          type: 'AccountFrozen',
          data: { accountId: ACCOUNT_ID, reason: 'chargeback spike', at: NOW },
        },
      ]);
  });

  it('refuses to freeze a frozen account', () => {
    givenAccount(accountOpened, frozen)
      .when(freeze())
      .thenThrows(RuleViolation, { rule: 'illegal-transition' });
  });

  it('refuses to freeze a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(freeze())
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(freeze()).thenThrows(NotFound, { entity: 'account', id: ACCOUNT_ID });
  });

  it.each(['', '   ', 'x'.repeat(501)])('rejects the reason %p', (reason) => {
    givenAccount(accountOpened).when(freeze(reason)).thenThrows(InvalidInput, { field: 'reason' });
  });
});

describe('UnfreezeAccount', () => {
  const unfreeze = command('UnfreezeAccount', { accountId: ACCOUNT_ID });

  it('unfreezes a frozen account', () => {
    givenAccount(accountOpened, frozen)
      .when(unfreeze)
      .then([{ type: 'AccountUnfrozen', data: { accountId: ACCOUNT_ID, at: NOW } }]);
  });

  it('refuses to unfreeze an account that is not frozen', () => {
    givenAccount(accountOpened)
      .when(unfreeze)
      .thenThrows(RuleViolation, { rule: 'illegal-transition' });
  });

  it('refuses to unfreeze a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(unfreeze)
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(unfreeze).thenThrows(NotFound, { entity: 'account' });
  });

  it('rejects an invalid accountId', () => {
    givenAccount()
      .when(command('UnfreezeAccount', { accountId: 'nope' }))
      .thenThrows(InvalidInput, { field: 'accountId' });
  });
});

describe('CloseAccount', () => {
  const close = command('CloseAccount', { accountId: ACCOUNT_ID });
  const closedEvent: AccountEvent = {
    type: 'AccountClosed',
    data: { accountId: ACCOUNT_ID, at: NOW },
  };

  it('closes an account at zero balance', () => {
    givenAccount(accountOpened).when(close).then([closedEvent]);
  });

  it('closes an account whose money all went out again', () => {
    givenAccount(
      accountOpened,
      deposited(500),
      reserved(RESERVATION_A, 500, 500),
      captured(RESERVATION_A, 500, 0),
    )
      .when(close)
      .then([closedEvent]);
  });

  it('closes a frozen account at zero balance', () => {
    givenAccount(accountOpened, frozen).when(close).then([closedEvent]);
  });

  it('refuses to close an account with money on it', () => {
    givenAccount(accountOpened, deposited(1))
      .when(close)
      .thenThrows(RuleViolation, { rule: 'balance-not-zero' });
  });

  it('refuses to close an account with an open reservation', () => {
    givenAccount(accountOpened, deposited(500), reserved(RESERVATION_A, 200, 500))
      .when(close)
      .thenThrows(RuleViolation, { rule: 'open-reservations' });
  });

  it('counts a released reservation as money still on the account', () => {
    givenAccount(
      accountOpened,
      deposited(500),
      reserved(RESERVATION_A, 200, 500),
      released(RESERVATION_A, 200, 500),
    )
      .when(close)
      .thenThrows(RuleViolation, { rule: 'balance-not-zero' });
  });

  it('refuses to close a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(close)
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount().when(close).thenThrows(NotFound, { entity: 'account' });
  });
});
