import { type IncomingMessage, type Messaging } from '@ledgerline/messaging';
import { SEALED_PREFIX } from './cipher';
import { openAll } from './codec';
import { type Keyring } from './keyring';

const MARK = Buffer.from(SEALED_PREFIX);

/**
 * Key lookups across several contexts' keyrings (a query service reads several event stores'
 * topics): data key ids are random UUIDs, so an id is found in at most one of them.
 */
export const combinedKeyring = (keyrings: readonly Keyring[]): Pick<Keyring, 'keysById'> => ({
  async keysById(keyIds) {
    const found = new Map<string, Buffer>();
    for (const keyring of keyrings) {
      const missing = keyIds.filter((id) => !found.has(id));
      if (missing.length === 0) break;
      for (const [id, key] of await keyring.keysById(missing)) found.set(id, key);
    }
    return found;
  },
});

/**
 * Messaging whose consumers see personal fields opened: for a relay that publishes ciphertext
 * (RELAY_PERSONAL_DATA=ciphertext), so Kafka holds nothing readable once a subject is forgotten
 * while projectors still build their views from plaintext (or the marker). Messages without a
 * sealed value pass through untouched.
 */
export const openingMessaging = (
  messaging: Messaging,
  keyring: Pick<Keyring, 'keysById'>,
): Messaging => ({
  producer: () => messaging.producer(),
  admin: () => messaging.admin(),
  async consumer(settings) {
    const consumer = await messaging.consumer(settings);
    return {
      seek: (topic, partition, offset) => consumer.seek(topic, partition, offset),
      onAssignment: (listener) => consumer.onAssignment(listener),
      close: () => consumer.close(),
      run: (handler) =>
        consumer.run(async (batch) => {
          const sealed = batch.messages.filter((m) => m.value?.includes(MARK));
          if (sealed.length === 0) return handler(batch);
          const datas = sealed.map((m) => JSON.parse(m.value!.toString()) as unknown);
          const opened = await openAll(keyring, datas, (index) => {
            const m = sealed[index]!;
            return `message ${m.topic}/${m.partition}@${m.offset}`;
          });
          const byMessage = new Map<IncomingMessage, unknown>(
            sealed.map((m, index) => [m, opened[index]]),
          );
          const messages = batch.messages.map((m) =>
            byMessage.has(m) ? { ...m, value: Buffer.from(JSON.stringify(byMessage.get(m))) } : m,
          );
          return handler({
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            heartbeat: () => batch.heartbeat(),
            messages,
          });
        }),
    };
  },
});
