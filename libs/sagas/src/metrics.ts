import { type BatchObservableResult, metrics } from '@opentelemetry/api';
import { type SagaOperator } from './operator';
import { SAGA_STATUSES } from './saga';

/**
 * `ledgerline_sagas_compensation_failed` and `ledgerline_sagas_parked_inputs` (alert on > 0 for
 * both) and `ledgerline_sagas` per status,
 * counted in PostgreSQL when the metrics are collected.
 */
export const registerSagaMetrics = (operator: SagaOperator): (() => void) => {
  const meter = metrics.getMeter('ledgerline.sagas');
  const failed = meter.createObservableGauge('ledgerline_sagas_compensation_failed', {
    description: 'Sagas whose compensation kept failing; each needs an operator (sagas retry)',
  });
  const byStatus = meter.createObservableGauge('ledgerline_sagas', {
    description: 'Sagas per status',
  });
  const parked = meter.createObservableGauge('ledgerline_sagas_parked_inputs', {
    description: 'Inputs the saga code threw on; retried when a runtime starts (sagas parked)',
  });
  const observe = async (result: BatchObservableResult) => {
    const counts = await operator.countByStatus();
    result.observe(failed, counts.compensation_failed);
    result.observe(parked, await operator.countParked());
    for (const status of SAGA_STATUSES) result.observe(byStatus, counts[status], { status });
  };
  meter.addBatchObservableCallback(observe, [failed, byStatus, parked]);
  return () => meter.removeBatchObservableCallback(observe, [failed, byStatus, parked]);
};
