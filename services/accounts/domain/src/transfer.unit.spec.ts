import { fold, InvalidInput, MAX_AMOUNT_MINOR, NotFound, RuleViolation } from '@ledgerline/domain';
import type { TransferFunds } from './commands';
import { accountDecider } from './decider';
import type { AccountEvent } from './events';
import { decideTransfer } from './transfer';
import {
  ACCOUNT_ID,
  NOW,
  OWNER_ID,
  RESERVATION_A,
  USD,
  accountOpened,
  closed,
  deposited,
  frozen,
  reserved,
} from './testing';

const TO_ID = '01HZX3V9Q8W5T6Y7M8N9P0RBBB';
const TRANSFER_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** The destination's history: the testing helpers' events, re-addressed to TO_ID. */
const onDestination = (event: AccountEvent): AccountEvent =>
  ({ ...event, data: { ...event.data, accountId: TO_ID } }) as AccountEvent;

const transfer = (data: Partial<TransferFunds['data']> = {}): TransferFunds => ({
  type: 'TransferFunds',
  data: { fromAccountId: ACCOUNT_ID, toAccountId: TO_ID, amount: 300, currency: 'USD', ...data },
  metadata: { now: NOW, transferId: TRANSFER_ID },
});

/** given(source history, destination history).when(command).then([out], [in]) / thenThrows. */
const given = (source: AccountEvent[], destination: AccountEvent[]) => ({
  when: (command: TransferFunds) => {
    const decide = () =>
      decideTransfer(command, [
        fold(accountDecider, source),
        fold(accountDecider, destination.map(onDestination)),
      ]);
    return {
      then: (expected: ReturnType<typeof decideTransfer>) => expect(decide()).toEqual(expected),
      thenThrows: (errorClass: new (...args: never[]) => Error, fields: object) => {
        expect(decide).toThrow(errorClass);
        try {
          decide();
        } catch (error) {
          expect(error).toMatchObject(fields);
        }
      },
    };
  },
});

const leg = { transferId: TRANSFER_ID, amount: 300, currency: USD, reference: null, at: NOW };

describe('TransferFunds', () => {
  it('takes from the source and gives to the destination, each with its balances after', () => {
    given([accountOpened, deposited(1000)], [accountOpened, deposited(50)])
      .when(transfer({ reference: 'rent' }))
      .then([
        [
          {
            type: 'FundsTransferredOut',
            data: {
              ...leg,
              reference: 'rent',
              accountId: ACCOUNT_ID,
              counterpartyAccountId: TO_ID,
              balance: 700,
              reserved: 0,
            },
          },
        ],
        [
          {
            type: 'FundsTransferredIn',
            data: {
              ...leg,
              reference: 'rent',
              accountId: TO_ID,
              counterpartyAccountId: ACCOUNT_ID,
              balance: 350,
              reserved: 0,
            },
          },
        ],
      ]);
  });

  it('moves all the available funds but never the reserved ones', () => {
    const history = [accountOpened, deposited(1000), reserved(RESERVATION_A, 700, 1000)];
    given(history, [accountOpened])
      .when(transfer())
      .then([
        [
          {
            type: 'FundsTransferredOut',
            data: {
              ...leg,
              accountId: ACCOUNT_ID,
              counterpartyAccountId: TO_ID,
              balance: 700,
              reserved: 700,
            },
          },
        ],
        [
          {
            type: 'FundsTransferredIn',
            data: {
              ...leg,
              accountId: TO_ID,
              counterpartyAccountId: ACCOUNT_ID,
              balance: 300,
              reserved: 0,
            },
          },
        ],
      ]);
    given(history, [accountOpened])
      .when(transfer({ amount: 301 }))
      .thenThrows(RuleViolation, { rule: 'insufficient-funds' });
  });

  it.each([
    ['a frozen source', [frozen], [], 'account-frozen'],
    ['a frozen destination', [], [frozen], 'account-frozen'],
    ['a closed source', [closed], [], 'account-closed'],
    ['a closed destination', [], [closed], 'account-closed'],
  ])('refuses %s', (_name, sourceTail, destinationTail, rule) => {
    given([accountOpened, deposited(1000), ...sourceTail], [accountOpened, ...destinationTail])
      .when(transfer())
      .thenThrows(RuleViolation, { rule });
  });

  it('refuses an amount in another currency than the accounts hold', () => {
    given([accountOpened, deposited(1000)], [accountOpened])
      .when(transfer({ currency: 'EUR' }))
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('refuses accounts of different currencies', () => {
    const euroDestination = {
      type: 'AccountOpened',
      data: { ...accountOpened.data, currency: 'EUR' },
    } as AccountEvent;
    given([accountOpened, deposited(1000)], [euroDestination])
      .when(transfer())
      .thenThrows(RuleViolation, { rule: 'currency-mismatch' });
  });

  it('refuses a destination balance beyond the exact-arithmetic limit', () => {
    given([accountOpened, deposited(1000)], [accountOpened, deposited(MAX_AMOUNT_MINOR)])
      .when(transfer())
      .thenThrows(RuleViolation, { rule: 'balance-limit-exceeded' });
  });

  it.each([
    ['source', [], [accountOpened], ACCOUNT_ID],
    ['destination', [accountOpened, deposited(1000)], [], TO_ID],
  ])('does not find a %s that was never opened', (_which, source, destination, id) => {
    given(source, destination).when(transfer()).thenThrows(NotFound, { entity: 'account', id });
  });

  it.each([
    ['toAccountId', { toAccountId: ACCOUNT_ID.toUpperCase() }],
    ['fromAccountId', { fromAccountId: '42' }],
    ['amount', { amount: 0 }],
    ['amount', { amount: -5 }],
    ['amount', { amount: 1.5 }],
    ['currency', { currency: 'dollars' }],
    ['reference', { reference: 'r'.repeat(201) }],
  ])('rejects an invalid %s', (field, data) => {
    given([accountOpened, deposited(1000)], [accountOpened])
      .when(transfer(data))
      .thenThrows(InvalidInput, { field });
  });

  it('is folded into both states by evolve', () => {
    const [[out], [into]] = decideTransfer(transfer(), [
      fold(accountDecider, [accountOpened, deposited(1000)]),
      fold(accountDecider, [accountOpened].map(onDestination)),
    ]);
    const after = fold(accountDecider, [accountOpened, deposited(1000), out]);
    expect(after).toMatchObject({ status: 'open', balance: 700, reserved: 0 });
    expect(fold(accountDecider, [onDestination(accountOpened), into])).toMatchObject({
      balance: 300,
      ownerId: OWNER_ID,
    });
  });
});
