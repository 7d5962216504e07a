import { freePort } from '@ledgerline/testing';
import { metrics } from '@opentelemetry/api';
import { MetricsEndpointError, startMetrics, startTelemetry } from './telemetry';

describe('startTelemetry', () => {
  it('is off when nothing is configured', async () => {
    const telemetry = await startTelemetry({ serviceName: 'quiet' });
    expect(telemetry).toMatchObject({ tracing: false, metricsPort: undefined });
    await telemetry.shutdown();
  });

  it('serves recorded metrics on the Prometheus endpoint', async () => {
    const port = await freePort();
    const telemetry = await startTelemetry({ serviceName: 'metered', metricsPort: port });
    try {
      metrics
        .getMeter('test')
        .createCounter('ledgerline_test_events_total')
        .add(3, { category: 'account' });
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(body).toMatch(/ledgerline_test_events_total\{[^}]*category="account"[^}]*\} 3/);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('serves the Node runtime metrics with their units in the names', async () => {
    const port = await freePort();
    const telemetry = await startTelemetry({ serviceName: 'runtime', metricsPort: port });
    try {
      await new Promise((resolve) => setTimeout(resolve, 60)); // a few event loop delay samples
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const name of [
        'nodejs_eventloop_delay_p99_seconds',
        'nodejs_eventloop_utilization_ratio',
        'nodejs_heap_used_bytes',
        'process_resident_memory_bytes',
        'process_cpu_seconds_total',
      ])
        expect(body).toMatch(new RegExp(`^${name}\\{[^}]*\\} [0-9.e+-]+$`, 'm'));
    } finally {
      await telemetry.shutdown();
    }
  });

  it('refuses a taken port with a message naming the setting to change', async () => {
    const port = await freePort();
    const first = await startMetrics({ serviceName: 'first', host: '127.0.0.1', port });
    try {
      const second = startMetrics({ serviceName: 'second', host: '127.0.0.1', port });
      await expect(second).rejects.toThrow(MetricsEndpointError);
      await expect(second).rejects.toThrow(
        `metrics endpoint 127.0.0.1:${port} is already in use (another process or replica serves metrics there; give this one its own METRICS_PORT, or 0 to switch metrics off)`,
      );
    } finally {
      await first.stop();
    }
  });
});
