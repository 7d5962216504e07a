import * as grpc from '@grpc/grpc-js';
import { checkHealth, RpcError } from '@ledgerline/grpc';
import { findDetail } from '@ledgerline/proto';
import { eventually, servers, startTcpProxy, type TcpProxy } from '@ledgerline/testing';
import { type AccountsService, newId, startAccountsService } from '../fixtures/accounts-service';

const SERVICE = 'ledgerline.accounts.v1.AccountCommandService';

/** The whole server and the command service, as a probe sees them. */
const health = async (address: string) => ({
  server: await checkHealth(address, ''),
  service: await checkHealth(address, SERVICE),
});

describe('the accounts service when PostgreSQL goes away and comes back', () => {
  let proxy: TcpProxy;
  let service: AccountsService;

  beforeAll(async () => {
    const { postgresUrl } = await servers();
    const { hostname, port } = new URL(postgresUrl);
    // Only this service's connections run through the proxy: the shared server stays up.
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 5432) });
    service = await startAccountsService({
      POSTGRES_URL: proxy.via(postgresUrl),
      RELAY_ENABLED: 'false',
      PG_CONNECT_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    await proxy.restore();
    await service.stop();
    await proxy.close();
  });

  it('answers NOT_SERVING and UNAVAILABLE with RetryInfo while cut off, SERVING once back', async () => {
    const client = service.newClient({ retries: 0, deadlineMs: 5_000 });
    const openAccount = () =>
      client.openAccount({
        accountId: newId(),
        ownerId: newId(),
        kind: 'ACCOUNT_KIND_CUSTOMER',
        currency: 'USD',
      });

    expect(await health(service.address)).toEqual({ server: 'SERVING', service: 'SERVING' });

    await proxy.cut();

    await eventually(
      async () =>
        expect(await health(service.address)).toEqual({
          server: 'NOT_SERVING',
          service: 'NOT_SERVING',
        }),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    const refused = await openAccount().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RpcError);
    expect((refused as RpcError).code).toBe(grpc.status.UNAVAILABLE);
    expect(findDetail((refused as RpcError).errorDetails, 'RetryInfo')).toBeDefined();

    await proxy.restore();

    await eventually(
      async () =>
        expect(await health(service.address)).toEqual({ server: 'SERVING', service: 'SERVING' }),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    await expect(openAccount()).resolves.toMatchObject({ receipt: { streamVersion: '1' } });
  });
});
