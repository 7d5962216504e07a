import { loadConfig, securitySettings } from '@ledgerline/config';
import { unary } from '../unary-call';
import { startProbeServer } from '../testing/probe-server';
import { workloadClientAuth } from './client-auth';
import { connectionOf, peerWorkloadOf } from './peer-workload';

// Real mutual TLS (the test setup's platform CA): the workload is read off the connection each
// call came on, so two clients with different certificates must never see each other's.
const seen: { connection: object | undefined; workload: string | undefined }[] = [];
let probe: Awaited<ReturnType<typeof startProbeServer>>;

beforeAll(async () => {
  probe = await startProbeServer(({ message }, call) => {
    seen.push({ connection: connectionOf(call), workload: peerWorkloadOf(call) });
    return { message };
  });
});
afterAll(() => probe.stop());
beforeEach(() => (seen.length = 0));

// The setup's token lets any certificate of the platform call Echo.
const clientAs = (identity: string) =>
  probe.client({
    auth: {
      ...workloadClientAuth({ ...loadConfig(securitySettings), TLS_IDENTITY: identity }, identity),
      token: process.env['LEDGERLINE_TOKEN'] ?? '',
    },
  });

describe('the peer workload of a call', () => {
  it('is read off the connection the calls share', async () => {
    // given one client, one connection
    const client = clientAs('operator');

    // when it calls three times
    for (let i = 0; i < 3; i++) await unary(client, 'Echo', { message: 'hi' });

    // then every call names the connection's certificate's workload, on one connection
    expect(seen.map((call) => call.workload)).toEqual(['operator', 'operator', 'operator']);
    expect(seen[0]?.connection).toBeDefined();
    expect(new Set(seen.map((call) => call.connection)).size).toBe(1);
  });

  it('is each connection its own, calls interleaved', async () => {
    // given two clients with different certificates
    const operator = clientAs('operator');
    const accounts = clientAs('accounts');

    // when their calls interleave
    await Promise.all([
      unary(operator, 'Echo', { message: 'a' }),
      unary(accounts, 'Echo', { message: 'b' }),
      unary(operator, 'Echo', { message: 'c' }),
      unary(accounts, 'Echo', { message: 'd' }),
    ]);

    // then each call names its own connection's workload
    const byConnection = new Map<object | undefined, Set<string | undefined>>();
    for (const { connection, workload } of seen)
      byConnection.set(connection, (byConnection.get(connection) ?? new Set()).add(workload));
    expect([...byConnection.values()].map((workloads) => [...workloads]).sort()).toEqual([
      ['accounts'],
      ['operator'],
    ]);
  });
});
