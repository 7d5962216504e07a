import { metrics } from '@opentelemetry/api';
import { createServer } from 'node:net';
import { startTelemetry } from './telemetry';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

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
});
