// Where the relay's time goes: reading a batch, encoding it, and Kafka's ack — with the CloudEvents
// headers (with the lean kafkajs encoding and with kafkajs's own), without any headers, and with
// them packed into one header, to show what headers cost.
//   npm run bench -- relay-profile
// The last line of output is the machine-readable result (`BENCH_JSON {…}`, @ledgerline/bench).
import { categoryTopicSpec, toCloudEventMessage } from '@ledgerline/cloud-events';
import { migrate, PostgresEventStore } from '@ledgerline/event-store';
import { createKafkaMessaging, useLeanKafkaEncoding } from '@ledgerline/messaging';
import { servers, uniqueName } from '@ledgerline/testing';
import { emitResult, figure, type Figure } from '@ledgerline/bench';
import { Pool } from 'pg';

const main = async () => {
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  const { postgresUrl, kafkaBrokers } = await servers();
  const pool = new Pool({ connectionString: postgresUrl, max: 4 });
  const schema = uniqueName('prof');
  const category = uniqueName('prof');
  await migrate(pool, { schema });
  const store = new PostgresEventStore({ pool, schema });
  for (let i = 0; i < 200; i += 1) {
    await store.append(
      `${category}-s${i % 50}`,
      Array.from({ length: 100 }, (_, j) => ({
        type: 'FundsDeposited',
        data: { accountId: 'x', amountMinor: j, currency: 'EUR', reference: 'r' },
      })),
      { expectedVersion: 'any' },
    );
  }
  const messaging = createKafkaMessaging({ brokers: kafkaBrokers, clientId: 'prof' });
  const admin = await messaging.admin();
  const spec = categoryTopicSpec(category);
  await admin.ensureTopics([spec]);
  const producer = await messaging.producer();
  for (const size of [500, 2000, 5000]) {
    let t = performance.now();
    const batch = await store.readAll({ limit: size, categories: [category] });
    const read = performance.now() - t;
    t = performance.now();
    const messages = batch.events.map((e) => toCloudEventMessage(e, 'src'));
    const encode = performance.now() - t;
    t = performance.now();
    await producer.send(spec.topic, messages);
    const send = performance.now() - t;
    useLeanKafkaEncoding(false);
    t = performance.now();
    await producer.send(spec.topic, messages);
    const sendKafkajsEncoder = performance.now() - t;
    useLeanKafkaEncoding(true);
    t = performance.now();
    await producer.send(
      spec.topic,
      messages.map((m) => ({ key: m.key, value: m.value })),
    );
    const bare = performance.now() - t;
    t = performance.now();
    await producer.send(
      spec.topic,
      messages.map((m) => ({
        key: m.key,
        value: m.value,
        headers: { ce: JSON.stringify(m.headers) },
      })),
    );
    const oneHeader = performance.now() - t;
    console.log(
      `  same ${size} with kafkajs's own encoder: ${sendKafkajsEncoder.toFixed(0)} ms; without headers: ${bare.toFixed(0)} ms; one packed header: ${oneHeader.toFixed(0)} ms`,
    );
    console.log(
      `batch ${size}: read ${read.toFixed(0)} ms, encode ${encode.toFixed(0)} ms, send ${send.toFixed(0)} ms → ${(size / ((read + encode + send) / 1000)).toFixed(0)} ev/s`,
    );
    figures.push(
      figure(`batch${size}.read`, `batch of ${size}: read from PostgreSQL`, read, 'ms'),
      figure(`batch${size}.encode`, `batch of ${size}: build CloudEvents messages`, encode, 'ms'),
      figure(`batch${size}.send`, `batch of ${size}: send and ack, \`ce_*\` headers`, send, 'ms'),
      figure(
        `batch${size}.sendKafkajsEncoder`,
        `batch of ${size}: send and ack, \`ce_*\` headers, kafkajs's own encoder`,
        sendKafkajsEncoder,
        'ms',
      ),
      figure(`batch${size}.sendBare`, `batch of ${size}: send and ack, no headers`, bare, 'ms'),
      figure(
        `batch${size}.sendOneHeader`,
        `batch of ${size}: send and ack, one packed header`,
        oneHeader,
        'ms',
      ),
    );
  }
  await producer.close();
  await admin.close();
  emitResult({ name: 'relay-profile', startedAt, parameters: {}, figures, curves: [] });
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
};
void main().then(() => process.exit(0));
