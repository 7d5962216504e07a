#!/usr/bin/env node
// Readiness probe for the Ledgerline local servers.
//
//   node deploy/local/health.mjs <kafka|elasticsearch|postgres|redis> [--timeout <seconds>] [--url <address>]
//
// Exits 0 as soon as the server answers a real request, 1 when it did not within
// --timeout seconds (default 0 = a single attempt). The address comes from --url,
// else from the platform environment variable (KAFKA_BROKERS, ELASTICSEARCH_URL,
// POSTGRES_URL, REDIS_URL), else from the local-stack default. On failure the last
// error is printed to stderr. Client libraries are resolved from the repository's
// node_modules, so run it from anywhere inside the repo.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const DEFAULTS = {
  kafka: ['KAFKA_BROKERS', '127.0.0.1:9092'],
  elasticsearch: ['ELASTICSEARCH_URL', 'http://127.0.0.1:9200'],
  postgres: ['POSTGRES_URL', 'postgres://ledgerline:ledgerline@127.0.0.1:5432/ledgerline'],
  redis: ['REDIS_URL', 'redis://127.0.0.1:6379'],
};

function parseArgs(argv) {
  const opts = { target: undefined, timeout: 0, url: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--url') opts.url = argv[++i];
    else if (!opts.target) opts.target = a;
    else throw new Error(`unexpected argument: ${a}`);
  }
  if (!opts.target || !(opts.target in DEFAULTS)) {
    throw new Error(
      `usage: health.mjs <${Object.keys(DEFAULTS).join('|')}> [--timeout s] [--url address]`,
    );
  }
  if (!Number.isFinite(opts.timeout) || opts.timeout < 0) throw new Error('--timeout must be >= 0');
  return opts;
}

// Hide credentials when an address is echoed in an error message.
const redact = (s) => String(s).replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

const probes = {
  async kafka(address) {
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      clientId: 'ledgerline-health',
      brokers: address
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      connectionTimeout: 2000,
      requestTimeout: 3000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const { brokers, controller } = await admin.describeCluster();
      if (!brokers.length) throw new Error('cluster reports no brokers');
      if (controller === null || controller === undefined || controller < 0)
        throw new Error('no active controller yet');
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },

  async elasticsearch(address) {
    const url = `${address.replace(/\/+$/, '')}/_cluster/health?wait_for_status=yellow&timeout=1s`;
    const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok || !['yellow', 'green'].includes(body.status)) {
      throw new Error(`cluster health ${res.status} status=${body.status ?? 'unknown'}`);
    }
  },

  async postgres(address) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: address, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => {});
    }
  },

  async redis(address) {
    const Redis = require('ioredis');
    const client = new Redis(address, {
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      const pong = await client.ping();
      if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
    } finally {
      client.disconnect();
    }
  },
};

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const [envName, fallback] = DEFAULTS[opts.target];
  const address = opts.url || process.env[envName] || fallback;
  const deadline = Date.now() + opts.timeout * 1000;
  let lastError;
  for (;;) {
    try {
      await probes[opts.target](address);
      return 0;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stderr.write(
    `${opts.target} at ${redact(address)} not ready: ${redact(lastError?.message ?? lastError)}\n`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  },
);
