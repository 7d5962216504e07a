#!/usr/bin/env node
// Generates the Prometheus scrape configuration from deploy/platform.json, one job per service
// (job = the service's name, its metricsPort):
//   prometheus.yml          for the local stack (deploy/local/stack.sh): targets 127.0.0.1:<metricsPort>
//   prometheus.compose.yml  for docker-compose.yml: targets <service>:<metricsPort>
// Both load the alert rules in alerts.yml.
//
//   node deploy/prometheus/scrape-config.mjs           check: exit 1 when a file is not what it generates
//   node deploy/prometheus/scrape-config.mjs --write   (re)write both files
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const platform = JSON.parse(readFileSync(path.join(here, '..', 'platform.json'), 'utf8'));

/** The scrape configuration for services reached at `host(name)`. */
export const scrapeConfig = (services, host) => {
  const lines = [
    '# Generated from deploy/platform.json by deploy/prometheus/scrape-config.mjs: do not edit.',
    'global:',
    '  scrape_interval: 5s',
    '  scrape_timeout: 4s',
    '  evaluation_interval: 15s',
    'rule_files:',
    '  - alerts.yml',
    'scrape_configs:',
  ];
  for (const service of services) {
    if (!Number.isInteger(service.metricsPort))
      throw new Error(`platform.json: service ${service.name} has no integer "metricsPort"`);
    lines.push(
      `  - job_name: ${service.name}`,
      '    static_configs:',
      `      - targets: ['${host(service.name)}:${service.metricsPort}']`,
    );
  }
  return `${lines.join('\n')}\n`;
};

const files = {
  'prometheus.yml': scrapeConfig(platform.services, () => '127.0.0.1'),
  'prometheus.compose.yml': scrapeConfig(platform.services, (name) => name),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(here, name);
    if (write) writeFileSync(file, content);
    else if (readFileSync(file, 'utf8') !== content) {
      console.error(
        `scrape-config: ${path.relative(process.cwd(), file)} is stale; run with --write`,
      );
      stale += 1;
    }
  }
  if (stale) process.exit(1);
  console.log(`scrape-config: ok (${platform.services.length} services)`);
}
