import { type ReadinessCondition } from '@ledgerline/grpc';
import { type Messaging } from '@ledgerline/messaging';

/**
 * The same broker, reporting `condition` met once a consumer made through it has joined its
 * group and received its assignment (kafkajs GROUP_JOIN): before that, nothing is consumed.
 */
export const reportingAssignment = (
  messaging: Messaging,
  condition: ReadinessCondition,
): Messaging => ({
  producer: () => messaging.producer(),
  admin: () => messaging.admin(),
  async consumer(settings) {
    const consumer = await messaging.consumer(settings);
    consumer.onAssignment(() => condition.set(true));
    return consumer;
  },
});
