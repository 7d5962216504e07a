import { type BatchObservableResult, type Meter } from '@opentelemetry/api';
import {
  constants,
  type EventLoopUtilization,
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
} from 'node:perf_hooks';

/** GC pauses: from sub-millisecond scavenges to multi-second full collections. */
const GC_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/**
 * The Node runtime's health, in Prometheus names with their unit: event loop delay (p50, p99,
 * max since the last scrape) and utilization, heap and resident memory, GC pauses and CPU time.
 * A blocked event loop delays every call of the process, so it is the first thing to look at
 * when latency rises with no slower dependency. Returns the unregister.
 *
 * The delay histogram is sampled by libuv every 20 ms (negligible cost) and reset on each
 * collection, so each scrape reports the interval since the previous one.
 */
export const registerRuntimeMetrics = (meter: Meter): (() => void) => {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  let lastUtilization: EventLoopUtilization = performance.eventLoopUtilization();

  const delayP50 = meter.createObservableGauge('nodejs_eventloop_delay_p50_seconds', {
    description: 'Median event loop delay since the previous scrape',
    unit: 's',
  });
  const delayP99 = meter.createObservableGauge('nodejs_eventloop_delay_p99_seconds', {
    description: '99th percentile event loop delay since the previous scrape',
    unit: 's',
  });
  const delayMax = meter.createObservableGauge('nodejs_eventloop_delay_max_seconds', {
    description: 'Longest event loop delay since the previous scrape',
    unit: 's',
  });
  const utilization = meter.createObservableGauge('nodejs_eventloop_utilization_ratio', {
    description: 'Share of time the event loop was busy since the previous scrape (0..1)',
    unit: '1',
  });
  const heapUsed = meter.createObservableGauge('nodejs_heap_used_bytes', {
    description: 'V8 heap in use',
    unit: 'By',
  });
  const heapTotal = meter.createObservableGauge('nodejs_heap_total_bytes', {
    description: 'V8 heap allocated',
    unit: 'By',
  });
  const resident = meter.createObservableGauge('process_resident_memory_bytes', {
    description: 'Resident set size of the process',
    unit: 'By',
  });
  const cpu = meter.createObservableCounter('process_cpu_seconds', {
    description: 'User and system CPU time of the process',
    unit: 's',
  });
  const gc = meter.createHistogram('nodejs_gc_duration_seconds', {
    description: 'Garbage collection pauses by kind',
    unit: 's',
    advice: { explicitBucketBoundaries: GC_BUCKETS_SECONDS },
  });

  const observables = [
    delayP50,
    delayP99,
    delayMax,
    utilization,
    heapUsed,
    heapTotal,
    resident,
    cpu,
  ];
  const observe = (result: BatchObservableResult) => {
    // No sample yet (a scrape right after start): nothing rather than a made-up zero.
    if (delay.count > 0) {
      result.observe(delayP50, delay.percentile(50) / 1e9);
      result.observe(delayP99, delay.percentile(99) / 1e9);
      result.observe(delayMax, delay.max / 1e9);
    }
    delay.reset();
    const now = performance.eventLoopUtilization();
    result.observe(utilization, performance.eventLoopUtilization(now, lastUtilization).utilization);
    lastUtilization = now;
    const memory = process.memoryUsage();
    result.observe(heapUsed, memory.heapUsed);
    result.observe(heapTotal, memory.heapTotal);
    result.observe(resident, memory.rss);
    const usage = process.cpuUsage();
    result.observe(cpu, (usage.user + usage.system) / 1e6);
  };
  meter.addBatchObservableCallback(observe, observables);

  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      gc.record(entry.duration / 1000, { kind: GC_KINDS[kind ?? -1] ?? 'other' });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  return () => {
    meter.removeBatchObservableCallback(observe, observables);
    gcObserver.disconnect();
    delay.disable();
  };
};
