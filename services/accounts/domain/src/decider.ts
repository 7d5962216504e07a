import type { Decider } from '@ledgerline/domain';
import type { AccountCommand } from './commands';
import { decideAccount } from './decide';
import type { AccountEvent } from './events';
import { evolveAccount } from './evolve';
import { initialAccountState, type AccountState } from './state';

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  initialState: initialAccountState,
  decide: decideAccount,
  evolve: evolveAccount,
};
