import { type AccountState } from '@ledgerline/accounts-domain';
import { type ActingFor, ownedBy } from '@ledgerline/command-service';
import { Forbidden } from '@ledgerline/grpc';

// Who may touch an account: its owner, a caller acting for any owner (owners:any, workloads), or
// the checkout saga on behalf of the account's owner. The reasons never name the owner.

/** OpenAccount: a caller bound to its own subject opens accounts for itself only. */
export const checkOpenedFor = (actor: ActingFor | undefined, ownerId: string): void => {
  if (actor !== undefined && !ownedBy(ownerId, actor.subject))
    throw new Forbidden('ownership', 'an account may be opened only for its own owner');
};

/**
 * Every other command, given the account's state: a missing account is left to the decider (it
 * answers NOT_FOUND, whoever asks); someone else's is refused. Frozen and closed are the
 * decider's rules too.
 */
export const ownerCheck =
  (actor: ActingFor | undefined) =>
  (state: AccountState): void => {
    if (actor === undefined || state.status === 'none') return;
    if (ownedBy(state.ownerId, actor.subject)) return;
    throw new Forbidden(
      'ownership',
      actor.onBehalf
        ? 'the order pays from an account its customer does not own'
        : 'the account belongs to another owner',
    );
  };
