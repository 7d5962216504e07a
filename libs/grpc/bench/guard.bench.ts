// What the call guard costs per call, side by side in one run on one probe service:
// `npm run bench -- guard [--seconds 5] [--callers 32]`.
//
// 1. plain:      no guard, plaintext: grpc-js alone (the floor).
// 2. token:      guard, plaintext (GRPC_TLS=off), a bearer token on every call.
// 3. mtls+token: guard, mutual TLS with the operator certificate, a bearer token (the default).
// 4. mtls:       guard, mutual TLS, the probe workload's certificate and no token.
// Each: `callers` closed loops of Echo for `seconds`; calls/s, p50/p99 and CPU µs per call of
// this process (client and server share it, as the difference is what matters). Then the cost
// of one token verification that is not remembered (a new token per call).
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import * as grpc from '@grpc/grpc-js';
import { loadConfig, securitySettings } from '@ledgerline/config';
import { loadPackage, type platformV1 } from '@ledgerline/proto';
import { mintToken } from '@ledgerline/testing';
import { join } from 'node:path';
import { emitResult, figure } from '@ledgerline/bench';
import {
  type ClientAuth,
  clientAuthFromEnv,
  createClient,
  createTokenVerifier,
  serverSecurityFrom,
  startGrpcServer,
  unary,
  unaryHandlers,
  workloadClientAuth,
} from '../src';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return Number(at >= 0 ? process.argv[at + 1] : fallback);
};
const seconds = arg('seconds', 5);
const callers = arg('callers', 32);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const { ProbeService } = loadPackage(['ledgerline/platform/v1/probe.proto']).ledgerline.platform.v1;
const echo = ({ message }: platformV1.EchoRequest__Output) => ({ message, correlationId: '' });

const settings = loadConfig(securitySettings);
if (settings.TLS_DIR === '' || settings.AUTH_JWKS === '')
  throw new Error('guard.bench: TLS_DIR and AUTH_JWKS are needed (tools/bench.mjs sets them)');

const startServer = async (mode: 'plain' | 'off' | 'mtls') => {
  if (mode === 'plain') {
    const server = new grpc.Server();
    server.addService(ProbeService.service, {
      Echo: (
        call: grpc.ServerUnaryCall<platformV1.EchoRequest__Output, unknown>,
        done: grpc.sendUnaryData<unknown>,
      ) => done(null, echo(call.request)),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    return { port, stop: () => new Promise<void>((r) => server.tryShutdown(() => r())) };
  }
  const handle = await startGrpcServer({
    ...serverSecurityFrom({ ...settings, GRPC_TLS: mode }, 'probe'),
    host: '127.0.0.1',
    port: 0,
    logger: silent,
    services: [
      {
        definition: ProbeService.service,
        implementation: { Echo: unaryHandlers({ logger: silent })(echo) },
      },
    ],
  });
  return { port: handle.port, stop: () => handle.shutdown() };
};

const measure = async (label: string, mode: 'plain' | 'off' | 'mtls', auth: ClientAuth) => {
  const server = await startServer(mode);
  const client = createClient(ProbeService, `127.0.0.1:${server.port}`, { auth, retries: 0 });
  await unary(client, 'Echo', { message: 'warm-up' });
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < started + seconds * 1000) {
        const at = performance.now();
        await unary(client, 'Echo', { message: 'x' });
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  client.close();
  await server.stop();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))] ?? NaN;
  const row = {
    label,
    perSecond: Math.round((latencies.length * 1000) / elapsed),
    p50: at(0.5).toFixed(2),
    p99: at(0.99).toFixed(2),
    cpuUsPerCall: Math.round((used.user + used.system) / latencies.length),
  };
  console.log(
    `${row.label.padEnd(11)} ${String(row.perSecond).padStart(7)} calls/s   p50 ${row.p50} ms   p99 ${row.p99} ms   CPU ${row.cpuUsPerCall} µs/call`,
  );
  return row;
};

const main = async () => {
  const startedAt = new Date().toISOString();
  const token = process.env['LEDGERLINE_TOKEN'] ?? '';
  if (token === '') throw new Error('guard.bench: LEDGERLINE_TOKEN is not set');
  const plaintext = { credentials: grpc.credentials.createInsecure() };
  console.log(`guard: ${callers} callers × ${seconds} s each, Echo on one process`);
  const rows = [
    await measure('plain', 'plain', plaintext),
    await measure('token', 'off', { ...plaintext, token }),
    await measure('mtls+token', 'mtls', clientAuthFromEnv()),
    await measure('mtls', 'mtls', workloadClientAuth({ ...settings, TLS_IDENTITY: '' }, 'probe')),
  ];
  const [plain] = rows;
  for (const row of rows.slice(1))
    console.log(
      `${row.label}: +${row.cpuUsPerCall - (plain?.cpuUsPerCall ?? 0)} µs CPU per call over plain`,
    );

  // A token verified for the first time (each distinct): the signature check itself.
  const verifier = createTokenVerifier({
    jwks: settings.AUTH_JWKS,
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
    clockToleranceSeconds: settings.AUTH_CLOCK_TOLERANCE_SECONDS,
  });
  const key = join(settings.TLS_DIR, 'jwt', 'signing-key.json');
  const tokens = await Promise.all(
    Array.from({ length: 2_000 }, (_, i) =>
      mintToken({ sub: `u${i}`, scopes: ['probe:echo'], key }),
    ),
  );
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const t of tokens) await verifier.verify(t);
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(
    `first verification of a token (ES256): ${((elapsed * 1000) / tokens.length).toFixed(0)} µs wall, ${Math.round((used.user + used.system) / tokens.length)} µs CPU`,
  );
  emitResult({
    name: 'guard',
    startedAt,
    parameters: { seconds, callers },
    figures: [
      ...rows.flatMap((row) => [
        figure(`${row.label}.rate`, `${row.label}: calls`, row.perSecond, 'calls/s'),
        figure(`${row.label}.p50`, `${row.label}: p50`, Number(row.p50), 'ms'),
        figure(`${row.label}.p99`, `${row.label}: p99`, Number(row.p99), 'ms'),
        figure(
          `${row.label}.cpu`,
          `${row.label}: CPU per call (both sides)`,
          row.cpuUsPerCall,
          'µs',
        ),
      ]),
      figure(
        'firstVerification.cpu',
        'first verification of a token (ES256), CPU',
        (used.user + used.system) / tokens.length,
        'µs',
      ),
    ],
    curves: [],
  });
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
