// Asks a gRPC server's standard health service (grpc.health.v1) whether it is SERVING.
//   node deploy/local/grpc-health.mjs 127.0.0.1:50051 [service] [--timeout-ms 2000]
// Exits 0 when SERVING; otherwise prints one line saying what answered (or did not) and exits 1.
import { createRequire } from 'node:module';

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
const client = new Health(address, grpc.credentials.createInsecure());
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
