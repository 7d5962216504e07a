// The payments command service (relay on unless RELAY_ENABLED=false) as its own process on a
// schema of the benchmark's choosing: BENCH_SCHEMA, GRPC_PORT and the usual env.
import '../src/instrumentation';
import { runCommandService } from '@ledgerline/command-service';
import { createPaymentsService } from '../src/service';

const schema = process.env['BENCH_SCHEMA'];
if (!schema) throw new Error('command.process: BENCH_SCHEMA is required');
runCommandService(createPaymentsService({ schema }));
