import { type BatchObservableResult, metrics } from '@opentelemetry/api';
import { type Pool } from 'pg';

/**
 * Connection pool saturation, per pool (attribute `pool`, its application name):
 * `ledgerline_pg_pool_connections{state="total"|"idle"|"waiting"}` — open connections, idle ones,
 * and callers queued for one — and `ledgerline_pg_pool_max_connections` (PG_POOL_SIZE). A pool
 * with total = max, no idle and callers waiting is saturated: calls wait up to
 * PG_CONNECT_TIMEOUT_MS and then fail UNAVAILABLE. Read when metrics are collected; an ended
 * pool stops reporting.
 */
export const registerPoolMetrics = (pool: Pool, name: string, max: number): void => {
  const meter = metrics.getMeter('ledgerline.postgres');
  const connections = meter.createObservableGauge('ledgerline_pg_pool_connections', {
    description:
      'PostgreSQL pool connections by state: total (open), idle, waiting (queued callers)',
  });
  const limit = meter.createObservableGauge('ledgerline_pg_pool_max_connections', {
    description: 'Most connections the pool opens (PG_POOL_SIZE)',
  });
  const total = { pool: name, state: 'total' };
  const idle = { pool: name, state: 'idle' };
  const waiting = { pool: name, state: 'waiting' };
  const observe = (result: BatchObservableResult) => {
    if (pool.ended) {
      meter.removeBatchObservableCallback(observe, [connections, limit]);
      return;
    }
    result.observe(connections, pool.totalCount, total);
    result.observe(connections, pool.idleCount, idle);
    result.observe(connections, pool.waitingCount, waiting);
    result.observe(limit, max, { pool: name });
  };
  meter.addBatchObservableCallback(observe, [connections, limit]);
};
