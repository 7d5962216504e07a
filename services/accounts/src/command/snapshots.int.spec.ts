import { ACCOUNT_STATE_VERSION } from '@ledgerline/accounts-domain';
import { type AccountsService, startAccountsService } from '../fixtures/accounts-service';
import { coldDeposit, openLongAccount } from '../fixtures/long-account';

// An old account is loaded from its latest snapshot and the events after it, so a command reads
// about as much on a 5,000-event account as on a new one (the benchmark `snapshots` times it).

const SNAPSHOT_EVERY = 200;
const EVENTS = 5_000;

let service: AccountsService;
let accountId: string;
let streamId: string;

beforeAll(async () => {
  service = await startAccountsService({
    RELAY_ENABLED: 'false',
    ACCOUNT_SNAPSHOT_EVERY: String(SNAPSHOT_EVERY),
  });
  ({ accountId, streamId } = await openLongAccount(service.store, {
    events: EVENTS,
    snapshotEvery: SNAPSHOT_EVERY,
  }));
}, 60_000);
afterAll(() => service?.stop());

describe('an account of 5,000 events', () => {
  it('is loaded from its latest snapshot and the events after it', async () => {
    const withSnapshot = await coldDeposit(service.store, accountId, SNAPSHOT_EVERY);
    expect(withSnapshot.read).toEqual({ events: 0, snapshotVersion: EVENTS });

    const later = await coldDeposit(service.store, accountId, SNAPSHOT_EVERY);
    expect(later.read).toEqual({ events: 1, snapshotVersion: EVENTS });
  });

  it('is folded from its first event without snapshots, to the same state', async () => {
    const folded = await coldDeposit(service.store, accountId, 0);
    const fromSnapshot = await coldDeposit(service.store, accountId, SNAPSHOT_EVERY);
    expect(folded.read).toEqual({ events: folded.version - 1, snapshotVersion: undefined });
    expect(fromSnapshot.read.snapshotVersion).toBe(EVENTS);
    expect(fromSnapshot.state).toEqual({ ...folded.state, balance: folded.version });
  });

  it('ignores snapshots taken of another shape of the account state', async () => {
    expect(await service.store.loadSnapshot(streamId, ACCOUNT_STATE_VERSION)).toMatchObject({
      version: EVENTS,
    });
    expect(await service.store.loadSnapshot(streamId, ACCOUNT_STATE_VERSION + 1)).toBeUndefined();
  });

  it('is snapshotted by the RPCs too, every ACCOUNT_SNAPSHOT_EVERY events', async () => {
    const before = await service.store.streamVersion(streamId);
    const toNext = SNAPSHOT_EVERY - (before % SNAPSHOT_EVERY);
    for (let i = 0; i < toNext; i++)
      await service.client.depositFunds({
        accountId,
        amount: { amountMinor: '1', currency: 'USD' },
      });
    expect(await service.store.loadSnapshot(streamId, ACCOUNT_STATE_VERSION)).toMatchObject({
      version: before + toNext,
    });
  });
});
