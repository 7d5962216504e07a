// The payments query service as its own process, on names of the benchmark's choosing so it
// projects and serves nothing but the benchmark's payments: BENCH_READ_SCHEMA,
// BENCH_SOURCE_SCHEMA, BENCH_PROJECTION_PREFIX, BENCH_SEARCH_ALIAS, BENCH_CACHE_NAMESPACE, plus
// GRPC_PORT and the usual env.
// The query service is a project of its own; the benchmark runs it next to the command service.
// eslint-disable-next-line @nx/enforce-module-boundaries
import '../query/src/instrumentation';
import { runQueryService } from '@ledgerline/query-service';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { paymentsQuery } from '../query/src/service';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`query.process: ${name} is required`);
  return value;
};

runQueryService(
  paymentsQuery({
    readSchema: required('BENCH_READ_SCHEMA'),
    sourceSchema: required('BENCH_SOURCE_SCHEMA'),
    projectionPrefix: required('BENCH_PROJECTION_PREFIX'),
    searchAlias: required('BENCH_SEARCH_ALIAS'),
    cacheNamespace: required('BENCH_CACHE_NAMESPACE'),
    projector: {
      consumer: { sessionTimeoutMs: 10_000 },
      lagIntervalMs: 60_000,
      // `--bulk-batches 0` measures the handlers-only path for comparison.
      bulkBatches: process.env['BENCH_BULK_BATCHES'] !== 'false',
    },
  }),
);
