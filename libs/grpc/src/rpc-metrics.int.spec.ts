import { metrics } from '@opentelemetry/api';
import { type HistogramMetricData, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { unary } from './unary-call';
import { startProbeServer } from './testing/probe-server';

class TestReader extends MetricReader {
  protected onForceFlush = () => Promise.resolve();
  protected onShutdown = () => Promise.resolve();
}

const reader = new TestReader();
const provider = new MeterProvider({ readers: [reader] });
let probe: Awaited<ReturnType<typeof startProbeServer>>;

beforeAll(async () => {
  metrics.setGlobalMeterProvider(provider);
  probe = await startProbeServer(({ message }) => {
    if (message === 'fail') throw new Error('the handler failed');
    return { message };
  });
});
afterAll(async () => {
  await probe.stop();
  metrics.disable();
  await provider.shutdown();
});

describe('rpc.server.call.duration', () => {
  it('times every unary call with the semantic conventions attributes and its status code', async () => {
    // given a server, when a call succeeds twice and fails once
    const client = probe.client({ retries: 0 });
    await unary(client, 'Echo', { message: 'a' });
    await unary(client, 'Echo', { message: 'b' });
    await expect(unary(client, 'Echo', { message: 'fail' })).rejects.toMatchObject({ code: 13 });

    // then the histogram holds two OK calls and one INTERNAL, in seconds
    const { resourceMetrics } = await reader.collect();
    const histogram = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'rpc.server.call.duration') as
      HistogramMetricData | undefined;
    expect(histogram?.descriptor.unit).toBe('s');
    const points = (histogram?.dataPoints ?? []).map((point) => ({
      attributes: point.attributes,
      count: point.value.count,
      sum: point.value.sum ?? 0,
    }));
    const base = {
      'rpc.system': 'grpc',
      'rpc.service': 'ledgerline.platform.v1.ProbeService',
      'rpc.method': 'Echo',
    };
    const counted = points.map(({ attributes, count }) => ({ attributes, count }));
    expect(counted).toEqual(
      expect.arrayContaining([
        { attributes: { ...base, 'rpc.grpc.status_code': 0 }, count: 2 },
        { attributes: { ...base, 'rpc.grpc.status_code': 13 }, count: 1 },
      ]),
    );
    for (const point of points) expect(point.sum).toBeLessThan(5); // seconds, not milliseconds
  });
});
