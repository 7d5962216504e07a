import { type BatchObservableResult, metrics } from '@opentelemetry/api';
import { type Relay } from './relay';

/**
 * Exposes a relay's progress through the global OpenTelemetry meter (a Prometheus endpoint when
 * the service enables one): published events, lag in events and seconds, and leadership.
 * Lag is measured when the metrics are collected, not on every batch.
 */
export const registerRelayMetrics = (relay: Relay): (() => void) => {
  const meter = metrics.getMeter('ledgerline.relay');
  const published = meter.createObservableCounter('ledgerline_relay_published_events', {
    description: 'Events this process published to Kafka',
  });
  const violations = meter.createObservableCounter('ledgerline_relay_contract_violations', {
    description: 'Events published that did not match their schema (checked in test runs only)',
  });
  const lagEvents = meter.createObservableGauge('ledgerline_relay_lag_events', {
    description: 'Committed events not yet published',
  });
  const lagSeconds = meter.createObservableGauge('ledgerline_relay_lag_seconds', {
    description: 'Age of the oldest committed event not yet published',
    unit: 's',
  });
  const leader = meter.createObservableGauge('ledgerline_relay_leader', {
    description: '1 when this process holds the relay leader lock',
  });
  const observe = async (result: BatchObservableResult) => {
    const status = relay.status();
    const attributes = { relay: status.name };
    result.observe(published, status.published, attributes);
    result.observe(violations, status.contractViolations, attributes);
    result.observe(leader, status.leader ? 1 : 0, attributes);
    if (status.leader) {
      const lag = await relay.lag();
      result.observe(lagEvents, lag.events, attributes);
      result.observe(lagSeconds, lag.seconds, attributes);
    }
  };
  meter.addBatchObservableCallback(observe, [published, violations, lagEvents, lagSeconds, leader]);
  return () =>
    meter.removeBatchObservableCallback(observe, [
      published,
      violations,
      lagEvents,
      lagSeconds,
      leader,
    ]);
};
