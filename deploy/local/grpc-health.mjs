// Asks a gRPC server's standard health service (grpc.health.v1) whether it is SERVING.
//   node deploy/local/grpc-health.mjs 127.0.0.1:15051 [service] [--timeout-ms 2000]
// Exits 0 when SERVING; otherwise prints one line saying what answered (or did not) and exits 1.
// Unless GRPC_TLS=off it calls with mTLS: trusts TLS_DIR/ca.crt and presents the certificate
// TLS_DIR/<TLS_IDENTITY or operator>.crt (the health service needs no bearer token). TLS_DIR
// defaults to ${LEDGERLINE_STACK_DIR:-<repo>/.stack}/pki.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { protoPath } = require('grpc-health-check');

const args = process.argv.slice(2);
const timeoutIndex = args.indexOf('--timeout-ms');
const timeoutMs = timeoutIndex >= 0 ? Number(args[timeoutIndex + 1]) : 2000;
if (timeoutIndex >= 0) args.splice(timeoutIndex, 2);
const [address, service = ''] = args;
if (!address) {
  console.error('usage: grpc-health.mjs <host:port> [service] [--timeout-ms N]');
  process.exit(2);
}
const definition = protoLoader.loadSync(protoPath, { keepCase: true, enums: String });
const { Health } = grpc.loadPackageDefinition(definition).grpc.health.v1;

const credentials = () => {
  const mode = process.env.GRPC_TLS || 'mtls';
  if (mode === 'off') return grpc.credentials.createInsecure();
  if (mode !== 'mtls') {
    console.error(`grpc-health: GRPC_TLS must be mtls or off, not ${mode}`);
    process.exit(2);
  }
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const stack = process.env.LEDGERLINE_STACK_DIR || join(repo, '.stack');
  const dir = process.env.TLS_DIR || join(stack, 'pki');
  const identity = process.env.TLS_IDENTITY || 'operator';
  try {
    return grpc.credentials.createSsl(
      readFileSync(join(dir, 'ca.crt')),
      readFileSync(join(dir, `${identity}.key`)),
      readFileSync(join(dir, `${identity}.crt`)),
    );
  } catch (error) {
    console.error(
      `grpc-health: cannot read the ${identity} certificate in ${dir}: ${error.message}`,
    );
    process.exit(2);
  }
};
// Node warns when TLS SNI is an IP address: the certificates name localhost too, so use that.
const ipHost = /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+$/i.test(address);
const options =
  ipHost && process.env.GRPC_TLS !== 'off' ? { 'grpc.ssl_target_name_override': 'localhost' } : {};
const client = new Health(address, credentials(), options);
client.check({ service }, { deadline: Date.now() + timeoutMs }, (error, response) => {
  client.close();
  if (error) {
    console.error(`grpc-health: ${address} ${error.details || error.message}`);
    process.exit(1);
  }
  if (response.status !== 'SERVING') {
    console.error(`grpc-health: ${address} is ${response.status}`);
    process.exit(1);
  }
  process.exit(0);
});
