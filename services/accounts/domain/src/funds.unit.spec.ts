import { InvalidInput, MAX_AMOUNT_MINOR, NotFound, RuleViolation } from '@ledgerline/domain';
import {
  ACCOUNT_ID,
  NOW,
  RESERVATION_A,
  USD,
  accountOpened,
  closed,
  command,
  deposited,
  frozen,
  givenAccount,
  reserved,
  unfrozen,
} from './testing';

const money = { accountId: ACCOUNT_ID, amount: 300, currency: 'USD' };
const movement = { accountId: ACCOUNT_ID, amount: 300, currency: USD, at: NOW };

describe('DepositFunds', () => {
  it('adds money to the balance', () => {
    givenAccount(accountOpened, deposited(1000, 1000), reserved(RESERVATION_A, 400, 1000))
      .when(command('DepositFunds', { ...money, reference: 'top-up 42' }))
      .then([
        {
          type: 'FundsDeposited',
          data: { ...movement, reference: 'top-up 42', balance: 1300, reserved: 400 },
        },
      ]);
  });

  it.each([undefined, '', '  '])('records a missing reference (%p) as null', (reference) => {
    givenAccount(accountOpened)
      .when(command('DepositFunds', { ...money, reference }))
      .then([
        {
          type: 'FundsDeposited',
          data: { ...movement, reference: null, balance: 300, reserved: 0 },
        },
      ]);
  });

  it('accepts deposits on a frozen account', () => {
    givenAccount(accountOpened, frozen)
      .when(command('DepositFunds', money))
      .then([
        {
          type: 'FundsDeposited',
          data: { ...movement, reference: null, balance: 300, reserved: 0 },
        },
      ]);
  });

  it('refuses deposits on a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(command('DepositFunds', money))
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('refuses another currency', () => {
    givenAccount(accountOpened)
      .when(command('DepositFunds', { ...money, currency: 'EUR' }))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('refuses a balance beyond the exact-arithmetic limit', () => {
    givenAccount(accountOpened, deposited(MAX_AMOUNT_MINOR))
      .when(command('DepositFunds', { ...money, amount: 1 }))
      .thenThrows(RuleViolation, { rule: 'balance-limit-exceeded' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount()
      .when(command('DepositFunds', money))
      .thenThrows(NotFound, { entity: 'account', id: ACCOUNT_ID });
  });

  it.each([
    ['amount', { amount: 0 }],
    ['amount', { amount: 12.5 }],
    ['currency', { currency: 'dollars' }],
    ['accountId', { accountId: '42' }],
    ['reference', { reference: 'r'.repeat(201) }],
  ])('rejects an invalid %s', (field, data) => {
    givenAccount(accountOpened)
      .when(command('DepositFunds', { ...money, ...data }))
      .thenThrows(InvalidInput, { field });
  });
});

describe('CreditFunds', () => {
  const credit = { ...money, reference: 'payment 7' };

  it('adds money with the reference that explains it', () => {
    givenAccount(accountOpened, deposited(50))
      .when(command('CreditFunds', credit))
      .then([
        {
          type: 'FundsCredited',
          data: { ...movement, reference: 'payment 7', balance: 350, reserved: 0 },
        },
      ]);
  });

  it('accepts credits on a frozen account so refunds still reach it', () => {
    givenAccount(accountOpened, frozen)
      .when(command('CreditFunds', credit))
      .then([
        {
          type: 'FundsCredited',
          data: { ...movement, reference: 'payment 7', balance: 300, reserved: 0 },
        },
      ]);
  });

  it('refuses credits on a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(command('CreditFunds', credit))
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('refuses another currency', () => {
    givenAccount(accountOpened)
      .when(command('CreditFunds', { ...credit, currency: 'GBP' }))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('requires a reference', () => {
    givenAccount(accountOpened)
      .when(command('CreditFunds', { ...credit, reference: ' ' }))
      .thenThrows(InvalidInput, { field: 'reference' });
  });

  it('rejects an invalid amount', () => {
    givenAccount(accountOpened)
      .when(command('CreditFunds', { ...credit, amount: -1 }))
      .thenThrows(InvalidInput, { field: 'amount' });
  });
});

describe('WithdrawFunds', () => {
  it('takes money off the balance', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(command('WithdrawFunds', { ...money, reference: 'payout' }))
      .then([
        {
          type: 'FundsWithdrawn',
          data: { ...movement, reference: 'payout', balance: 700, reserved: 0 },
        },
      ]);
  });

  it('may take the available balance down to exactly zero', () => {
    givenAccount(accountOpened, deposited(500), reserved(RESERVATION_A, 200, 500))
      .when(command('WithdrawFunds', money))
      .then([
        {
          type: 'FundsWithdrawn',
          data: { ...movement, reference: null, balance: 200, reserved: 200 },
        },
      ]);
  });

  it('refuses to touch reserved money', () => {
    givenAccount(accountOpened, deposited(500), reserved(RESERVATION_A, 201, 500))
      .when(command('WithdrawFunds', money))
      .thenThrows(RuleViolation, { rule: 'insufficient-funds' });
  });

  it('refuses withdrawals from a frozen account', () => {
    givenAccount(accountOpened, deposited(1000), frozen)
      .when(command('WithdrawFunds', money))
      .thenThrows(RuleViolation, { rule: 'account-frozen' });
  });

  it('accepts withdrawals again once the account is unfrozen', () => {
    givenAccount(accountOpened, deposited(1000), frozen, unfrozen)
      .when(command('WithdrawFunds', money))
      .then([
        {
          type: 'FundsWithdrawn',
          data: { ...movement, reference: null, balance: 700, reserved: 0 },
        },
      ]);
  });

  it('refuses withdrawals from a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(command('WithdrawFunds', money))
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('refuses another currency', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(command('WithdrawFunds', { ...money, currency: 'EUR' }))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('does not find an account that was never opened', () => {
    givenAccount()
      .when(command('WithdrawFunds', money))
      .thenThrows(NotFound, { entity: 'account' });
  });

  it('rejects an invalid amount', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(command('WithdrawFunds', { ...money, amount: Number.NaN }))
      .thenThrows(InvalidInput, { field: 'amount' });
  });
});

describe('DebitFunds', () => {
  const debit = { ...money, reference: 'refund 9' };

  it('takes money off the balance with its reference', () => {
    givenAccount(accountOpened, deposited(300))
      .when(command('DebitFunds', debit))
      .then([
        {
          type: 'FundsDebited',
          data: { ...movement, reference: 'refund 9', balance: 0, reserved: 0 },
        },
      ]);
  });

  it('never takes the available balance below zero', () => {
    givenAccount(accountOpened, deposited(299))
      .when(command('DebitFunds', debit))
      .thenThrows(RuleViolation, { rule: 'insufficient-funds' });
  });

  it('refuses debits on a frozen account', () => {
    givenAccount(accountOpened, deposited(1000), frozen)
      .when(command('DebitFunds', debit))
      .thenThrows(RuleViolation, { rule: 'account-frozen' });
  });

  it('refuses debits on a closed account', () => {
    givenAccount(accountOpened, closed)
      .when(command('DebitFunds', debit))
      .thenThrows(RuleViolation, { rule: 'account-closed' });
  });

  it('refuses another currency', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(command('DebitFunds', { ...debit, currency: 'EUR' }))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('requires a reference', () => {
    givenAccount(accountOpened, deposited(1000))
      .when(command('DebitFunds', { ...debit, reference: '' }))
      .thenThrows(InvalidInput, { field: 'reference' });
  });
});
