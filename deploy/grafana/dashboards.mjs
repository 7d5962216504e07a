#!/usr/bin/env node
// The Grafana dashboards, one per concern, generated as JSON into deploy/grafana/dashboards/
// (provisioned by docker-compose.yml's grafana service). Every query uses only metrics the
// services export: services/checkout/src/checkout/connection-budget.e2e.spec.ts scrapes a running
// platform and checks each name used here and in deploy/prometheus/alerts.yml.
//
//   node deploy/grafana/dashboards.mjs           check: exit 1 when a file is not what it generates
//   node deploy/grafana/dashboards.mjs --write   (re)write them
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const here = path.dirname(fileURLToPath(import.meta.url));
const COMMANDS = 'job=~"accounts|payments|orders"';
const QUERIES = 'job=~"accounts-query|payments-query|orders-query"';
const CHECKOUT = 'job="checkout"';

/** A time series panel: `targets` are [legend, PromQL] pairs. */
const panel = (title, unit, targets, description = '') => ({ title, unit, targets, description });

const rpcPanels = (selector) => [
  panel('Calls per second by method', 'reqps', [
    [
      '{{job}} {{rpc_method}}',
      `sum by (job, rpc_method) (rate(rpc_server_call_duration_count{${selector}}[1m]))`,
    ],
  ]),
  panel(
    'Failed calls per second by status code',
    'reqps',
    [
      [
        '{{job}} {{rpc_method}} code {{rpc_grpc_status_code}}',
        `sum by (job, rpc_method, rpc_grpc_status_code) (rate(rpc_server_call_duration_count{${selector},rpc_grpc_status_code!="0"}[1m]))`,
      ],
    ],
    'gRPC status codes: 3 INVALID_ARGUMENT, 5 NOT_FOUND, 8 RESOURCE_EXHAUSTED (overload), 9 FAILED_PRECONDITION, 13 INTERNAL, 14 UNAVAILABLE, 16 UNAUTHENTICATED',
  ),
  panel('p50 / p99 latency by method', 's', [
    [
      'p50 {{job}} {{rpc_method}}',
      `histogram_quantile(0.5, sum by (job, rpc_method, le) (rate(rpc_server_call_duration_bucket{${selector}}[5m])))`,
    ],
    [
      'p99 {{job}} {{rpc_method}}',
      `histogram_quantile(0.99, sum by (job, rpc_method, le) (rate(rpc_server_call_duration_bucket{${selector}}[5m])))`,
    ],
  ]),
];

const runtimePanels = (selector) => [
  panel(
    'PostgreSQL pool: connections in use, waiting callers, limit',
    'short',
    [
      [
        '{{pool}} open',
        `sum by (pool) (ledgerline_pg_pool_connections{${selector},state="total"})`,
      ],
      ['{{pool}} idle', `sum by (pool) (ledgerline_pg_pool_connections{${selector},state="idle"})`],
      [
        '{{pool}} waiting',
        `sum by (pool) (ledgerline_pg_pool_connections{${selector},state="waiting"})`,
      ],
      ['{{pool}} max', `sum by (pool) (ledgerline_pg_pool_max_connections{${selector}})`],
    ],
    'Open = max with callers waiting is saturation: calls wait PG_CONNECT_TIMEOUT_MS, then fail UNAVAILABLE.',
  ),
  panel('Event loop delay p99 and utilization', 's', [
    ['{{job}} delay p99', `max by (job) (nodejs_eventloop_delay_p99_seconds{${selector}})`],
    [
      '{{job}} utilization (0..1)',
      `max by (job) (nodejs_eventloop_utilization_ratio{${selector}})`,
    ],
  ]),
  panel('Heap in use and CPU', 'bytes', [
    ['{{job}} heap', `sum by (job) (nodejs_heap_used_bytes{${selector}})`],
    ['{{job}} resident', `sum by (job) (process_resident_memory_bytes{${selector}})`],
  ]),
  panel('CPU seconds per second', 'percentunit', [
    ['{{job}}', `sum by (job) (rate(process_cpu_seconds_total{${selector}}[1m]))`],
  ]),
];

export const DASHBOARDS = {
  commands: {
    title: 'Ledgerline · Commands',
    description:
      'The command services (accounts, payments, orders): calls, failures, latency, their pools and runtime.',
    panels: [...rpcPanels(COMMANDS), ...runtimePanels(COMMANDS)],
  },
  relay: {
    title: 'Ledgerline · Outbox relay',
    description:
      "Each context's relay: committed events not yet on Kafka, how old the oldest is, throughput and leadership.",
    panels: [
      panel(
        'Lag: age of the oldest unpublished event',
        's',
        [['{{relay}}', 'max by (relay) (ledgerline_relay_lag_seconds)']],
        'Alert LedgerlineRelayLagging above 30 s for 2 minutes.',
      ),
      panel('Lag: events committed, not yet published', 'short', [
        ['{{relay}}', 'max by (relay) (ledgerline_relay_lag_events)'],
      ]),
      panel('Events published per second', 'ops', [
        [
          '{{relay}} ({{instance}})',
          'sum by (relay, instance) (rate(ledgerline_relay_published_events_total[1m]))',
        ],
      ]),
      panel(
        'Leader (1 = holds the lock)',
        'short',
        [['{{relay}} ({{instance}})', 'max by (relay, instance) (ledgerline_relay_leader)']],
        'Exactly one process per relay should show 1.',
      ),
    ],
  },
  projections: {
    title: 'Ledgerline · Projections',
    description:
      'Every view: commit → visible (the lag readers feel), lag behind Kafka and the event store, parked events.',
    panels: [
      panel(
        'Commit → visible in the view, p50 / p99',
        's',
        [
          [
            'p50 {{projection}}',
            'histogram_quantile(0.5, sum by (projection, le) (rate(ledgerline_projection_visible_lag_seconds_bucket[5m])))',
          ],
          [
            'p99 {{projection}}',
            'histogram_quantile(0.99, sum by (projection, le) (rate(ledgerline_projection_visible_lag_seconds_bucket[5m])))',
          ],
        ],
        "From the event's commit in the event store to the commit of the projector batch that applied it. GetProjectionStatus reports the same over its last 5 minutes.",
      ),
      panel('Events made visible per second', 'ops', [
        [
          '{{projection}}',
          'sum by (projection) (rate(ledgerline_projection_visible_lag_seconds_count[1m]))',
        ],
      ]),
      panel(
        'Behind the event store',
        's',
        [['{{projection}}', 'max by (projection) (ledgerline_projection_lag_seconds)']],
        "Event-store head time minus the newest applied event's time. Alert above 60 s for 5 minutes.",
      ),
      panel('Behind Kafka (events)', 'short', [
        ['{{projection}}', 'max by (projection) (ledgerline_projection_lag_events)'],
      ]),
      panel(
        'Parked events',
        'short',
        [['{{projection}}', 'max by (projection) (ledgerline_projection_parked_events)']],
        'Poison events and those of their stream waiting behind them: platform projections parked / redrive.',
      ),
    ],
  },
  sagas: {
    title: 'Ledgerline · Sagas',
    description:
      'The checkout saga: sagas per status, failed compensations and parked inputs (both page or ticket an operator).',
    panels: [
      panel('Sagas per status', 'short', [['{{status}}', 'max by (status) (ledgerline_sagas)']]),
      panel(
        'Compensation failed (needs an operator)',
        'short',
        [['compensation_failed', 'max(ledgerline_sagas_compensation_failed)']],
        'platform sagas list --status compensation_failed; alert LedgerlineSagaCompensationFailed.',
      ),
      panel('Parked saga inputs', 'short', [['parked', 'max(ledgerline_sagas_parked_inputs)']]),
      ...runtimePanels(CHECKOUT),
    ],
  },
  queries: {
    title: 'Ledgerline · Queries',
    description:
      'The query services: calls, failures, latency, the read cache, their pools and runtime.',
    panels: [
      ...rpcPanels(QUERIES),
      panel(
        'Cache reads per second by outcome',
        'reqps',
        [
          [
            '{{cache_namespace}} {{outcome}}',
            'sum by (cache_namespace, outcome) (rate(ledgerline_cache_reads_total[1m]))',
          ],
        ],
        'hit: from Redis; miss: loaded; stale: older than the version floor, reloaded; bypassed: Redis skipped (circuit open).',
      ),
      panel('Cache hit ratio', 'percentunit', [
        [
          '{{cache_namespace}}',
          'sum by (cache_namespace) (rate(ledgerline_cache_reads_total{outcome="hit"}[5m])) / sum by (cache_namespace) (rate(ledgerline_cache_reads_total[5m]))',
        ],
      ]),
      ...runtimePanels(QUERIES),
    ],
  },
};

const dashboardJson = (uid, { title, description, panels }) => ({
  uid: `ledgerline-${uid}`,
  title,
  description,
  tags: ['ledgerline'],
  timezone: 'utc',
  refresh: '10s',
  time: { from: 'now-30m', to: 'now' },
  schemaVersion: 39,
  version: 1,
  editable: true,
  templating: { list: [] },
  annotations: { list: [] },
  panels: panels.map((p, i) => ({
    id: i + 1,
    type: 'timeseries',
    title: p.title,
    description: p.description,
    datasource: { type: 'prometheus', uid: 'prometheus' },
    gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
    fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    targets: p.targets.map(([legendFormat, expr], j) => ({
      refId: String.fromCharCode(65 + j),
      datasource: { type: 'prometheus', uid: 'prometheus' },
      expr,
      legendFormat,
    })),
  })),
});

/** Each dashboard's file name and content, formatted as the repository's Prettier does. */
export const dashboardFiles = async () => {
  const options = { ...(await prettier.resolveConfig(here)), parser: 'json' };
  const files = {};
  for (const [uid, d] of Object.entries(DASHBOARDS))
    files[`${uid}.json`] = await prettier.format(JSON.stringify(dashboardJson(uid, d)), options);
  return files;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const [name, content] of Object.entries(await dashboardFiles())) {
    const file = path.join(here, 'dashboards', name);
    if (write) writeFileSync(file, content);
    else if (readFileSync(file, 'utf8') !== content) {
      console.error(`dashboards: ${path.relative(process.cwd(), file)} is stale; run with --write`);
      stale += 1;
    }
  }
  if (stale) process.exit(1);
  console.log(`dashboards: ok (${Object.keys(DASHBOARDS).length})`);
}
