import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { exposedNames, promqlMetricNames, usedMetricNames } from './metric-names';

describe('metric names in PromQL', () => {
  it('finds the selected metrics, not functions, labels, ranges or keywords', () => {
    // given an expression with aggregations, matchers, ranges, grouping and a binary operator
    const expr = `histogram_quantile(0.99, sum by (job, le) (rate(rpc_server_call_duration_bucket{job=~"a|b",le!="0.5"}[5m])))
      / on (job) group_left sum without (instance) (ledgerline_pg_pool_max_connections) and up == 0 offset 5m`;
    // then only the three metric names remain
    expect(promqlMetricNames(expr).sort()).toEqual([
      'ledgerline_pg_pool_max_connections',
      'rpc_server_call_duration_bucket',
      'up',
    ]);
  });

  it('reads the names of samples in an exposition, not of comments', () => {
    const body = [
      '# HELP ledgerline_cache_reads_total Cache reads',
      '# TYPE ledgerline_cache_reads_total counter',
      'ledgerline_cache_reads_total{outcome="hit"} 3',
      'target_info{service_name="x"} 1',
      '',
    ].join('\n');
    expect([...exposedNames(body)].sort()).toEqual(['ledgerline_cache_reads_total', 'target_info']);
  });

  it('collects the names every alert rule and dashboard uses', () => {
    const used = usedMetricNames(join(__dirname, '..'));
    expect(used.get('ledgerline_relay_lag_seconds')).toEqual(
      expect.arrayContaining(['alerts.yml LedgerlineRelayLagging']),
    );
    expect(used.get('ledgerline_projection_visible_lag_seconds_bucket')).toEqual(
      expect.arrayContaining([
        'alerts.yml LedgerlineViewsSlowToShowCommits',
        'projections.json "Commit → visible in the view, p50 / p99"',
      ]),
    );
    expect(used.has('sum')).toBe(false);
    expect(used.has('le')).toBe(false);
  });

  it('reads dashboards that are what deploy/grafana/dashboards.mjs generates', () => {
    const script = join(__dirname, '..', 'grafana', 'dashboards.mjs');
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8' })).toMatch(
      /^dashboards: ok \(5\)/,
    );
  });
});
