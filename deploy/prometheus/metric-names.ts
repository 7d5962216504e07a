import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Series Prometheus itself writes for every target: no service exports them. */
export const PROMETHEUS_SERIES = new Set([
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
]);

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects. Removes what cannot be a name first — strings,
 * label matchers `{…}`, ranges `[…]`, grouping clauses `by (…)` / `on (…)` … — then every
 * identifier not followed by `(` (a function or aggregation) nor a keyword is a metric name.
 */
export const promqlMetricNames = (expr: string): string[] => {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  // Not inside a number or a duration (`1e3`, `5m`).
  for (const match of stripped.matchAll(/(?<![A-Za-z0-9_.:])[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const after = stripped.slice(match.index + name.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
};

/** The names of the samples in a Prometheus text exposition (`# HELP`/`# TYPE` lines aside). */
export const exposedNames = (exposition: string): Set<string> =>
  new Set(
    exposition
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)?.[0] ?? ''),
  );

/** Every PromQL expression of the alert rules and the dashboards, with where it is used. */
export const platformQueries = (deployDir: string): { where: string; expr: string }[] => {
  const rules = parse(readFileSync(join(deployDir, 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
  };
  const queries = rules.groups.flatMap((group) =>
    group.rules.map((rule) => ({
      where: `alerts.yml ${rule.alert ?? rule.record}`,
      expr: rule.expr,
    })),
  );
  const dashboards = join(deployDir, 'grafana', 'dashboards');
  for (const file of readdirSync(dashboards).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(join(dashboards, file), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    for (const panel of dashboard.panels)
      for (const target of panel.targets)
        queries.push({ where: `${file} "${panel.title}"`, expr: target.expr });
  }
  return queries;
};

/** Each metric name the queries use, with the places that use it. */
export const usedMetricNames = (deployDir: string): Map<string, string[]> => {
  const used = new Map<string, string[]>();
  for (const { where, expr } of platformQueries(deployDir))
    for (const name of promqlMetricNames(expr)) used.set(name, [...(used.get(name) ?? []), where]);
  return used;
};
