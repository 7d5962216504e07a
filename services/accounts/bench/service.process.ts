// The accounts service as its own process on a schema of the benchmark's choosing, so the load
// generator and the server do not share one event loop: BENCH_SCHEMA, GRPC_PORT and the usual env.
import '../src/instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { accountsService } from '../src/service';

const schema = process.env['BENCH_SCHEMA'];
if (!schema) throw new Error('service.process: BENCH_SCHEMA is required');
runCommandService(accountsService({ schema }));
