import * as grpc from '@grpc/grpc-js';
import { RuleViolation } from '@ledgerline/domain';
import { loadConfig, securitySettings } from '@ledgerline/config';
import {
  type GrpcServerHandle,
  serverSecurityFrom,
  startGrpcServer,
  unaryHandlers,
} from '@ledgerline/grpc';
import { createLogger } from '@ledgerline/logging';
import { loadPackage } from '@ledgerline/proto';
import { type AccountsClient, createAccountsClient } from './accounts-client';

// The client against a stub AccountCommandService on a real gRPC server: which RPC each method
// calls, what travels as metadata, and which failures it retries.

interface Seen {
  readonly rpc: string;
  readonly request: unknown;
  readonly metadata: grpc.Metadata;
}

let server: GrpcServerHandle;
let client: AccountsClient;
const seen: Seen[] = [];
let answer: (rpc: string) => unknown = (rpc) => ({ receipt: { streamId: rpc } });

beforeAll(async () => {
  const logger = createLogger({ service: 'accounts-client-test', level: 'silent' });
  const { service } = loadPackage(['ledgerline/accounts/v1/accounts.proto']).ledgerline.accounts.v1
    .AccountCommandService;
  const unary = unaryHandlers({ logger });
  const implementation = Object.fromEntries(
    Object.keys(service).map((rpc) => [
      rpc,
      unary((request, call) => {
        seen.push({ rpc, request, metadata: call.metadata });
        return answer(rpc);
      }),
    ]),
  );
  server = await startGrpcServer({
    ...serverSecurityFrom(loadConfig(securitySettings), 'accounts'),
    host: '127.0.0.1',
    port: 0,
    services: [{ definition: service, implementation }],
    logger,
  });
  client = createAccountsClient(`127.0.0.1:${server.port}`);
});
afterAll(async () => {
  client.close();
  await server.shutdown();
});
beforeEach(() => {
  seen.length = 0;
  answer = (rpc) => ({ receipt: { streamId: rpc } });
});

describe('createAccountsClient', () => {
  it.each([
    ['openAccount', 'OpenAccount'],
    ['depositFunds', 'DepositFunds'],
    ['withdrawFunds', 'WithdrawFunds'],
    ['reserveFunds', 'ReserveFunds'],
    ['captureReservation', 'CaptureReservation'],
    ['releaseReservation', 'ReleaseReservation'],
    ['creditFunds', 'CreditFunds'],
    ['debitFunds', 'DebitFunds'],
    ['freezeAccount', 'FreezeAccount'],
    ['unfreezeAccount', 'UnfreezeAccount'],
    ['closeAccount', 'CloseAccount'],
  ] as const)('%s calls %s and resolves with its response', async (method, rpc) => {
    const response = await client[method]({ accountId: 'a-1' });
    expect(seen.map((s) => s.rpc)).toEqual([rpc]);
    expect(seen[0]?.request).toMatchObject({ accountId: 'a-1' });
    expect(response.receipt).toMatchObject({ streamId: rpc, streamVersion: '0' });
  });

  it('sends the idempotency key, correlation and causation ids and on-behalf-of as headers', async () => {
    await client.depositFunds(
      { accountId: 'a-1' },
      { idempotencyKey: 'k-1', correlationId: 'c-1', causationId: 'e-1', onBehalfOf: 'cust-1' },
    );
    const metadata = seen[0]?.metadata;
    expect(metadata?.get('idempotency-key')).toEqual(['k-1']);
    expect(metadata?.get('x-correlation-id')).toEqual(['c-1']);
    expect(metadata?.get('x-causation-id')).toEqual(['e-1']);
    expect(metadata?.get('x-on-behalf-of')).toEqual(['cust-1']);
  });

  it('retries UNAVAILABLE within one call', async () => {
    answer = (rpc) => {
      if (seen.length < 3) throw Object.assign(new Error('down'), { name: 'Unavailable' });
      return { receipt: { streamId: rpc } };
    };
    await expect(client.closeAccount({ accountId: 'a-1' })).resolves.toMatchObject({
      receipt: { streamId: 'CloseAccount' },
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry FAILED_PRECONDITION', async () => {
    answer = () => {
      throw new RuleViolation('balance-not-zero', 'account a-1 still holds 5 USD');
    };
    await expect(client.closeAccount({ accountId: 'a-1' })).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: 'account a-1 still holds 5 USD',
    });
    expect(seen).toHaveLength(1);
  });

  it('gives up at the per-call deadline', async () => {
    answer = () => new Promise(() => undefined);
    await expect(
      client.depositFunds({ accountId: 'a-1' }, { deadlineMs: 100 }),
    ).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
  });
});
