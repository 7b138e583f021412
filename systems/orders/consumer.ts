/**
 * "orders": a Kafka consumer service (the SafeChord burst test's system under test). It consumes
 * the `orders` topic in a consumer group, spends PROCESS_MS per message (its capacity), and
 * exports its consumer lag, measured as Kafka defines it: sum over partitions of
 * (high watermark - committed offset).
 *
 * Env: PORT, KAFKA_BROKERS (h:p,...), ARCHTDD_KAFKA_BROKER_MAP (advertised=proxy,...), TOPIC (orders),
 *      GROUP (orders), PROCESS_MS (5), PARTITIONS_CONCURRENTLY (4).
 */
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { KAFKA_BROKER_MAP_ENV, proxiedSocketFactory } from '../../chaos/kafka-socket-factory.js';

const port = Number(process.env.PORT);
const topic = process.env.TOPIC ?? 'orders';
const groupId = process.env.GROUP ?? 'orders';
const processMs = Number(process.env.PROCESS_MS ?? '5');
const concurrency = Number(process.env.PARTITIONS_CONCURRENTLY ?? '4');
const brokerMap = process.env[KAFKA_BROKER_MAP_ENV];

const registry = new Registry();
collectDefaultMetrics({ register: registry });
const consumed = new Counter({ name: 'orders_consumed_total', help: 'Messages consumed (with redeliveries)', registers: [registry] });
const unique = new Counter({ name: 'orders_unique_consumed_total', help: 'Distinct message keys consumed', registers: [registry] });
const lagGauge = new Gauge({ name: 'kafka_consumer_lag', help: 'Sum of (high watermark - committed offset) over partitions', labelNames: ['topic', 'group'], registers: [registry] });
const lagErrors = new Counter({ name: 'kafka_consumer_lag_errors_total', help: 'Failed lag measurements', registers: [registry] });

const kafka = new Kafka({
  clientId: 'orders',
  brokers: (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean),
  logLevel: logLevel.NOTHING,
  ...(brokerMap ? { socketFactory: proxiedSocketFactory(brokerMap) } : {}),
  retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 1000 },
});
// Settings the librdkafka mock needs to converge (see PLATFORM.md); fine on real Kafka too.
const consumer = kafka.consumer({ groupId, sessionTimeout: 4000, rebalanceTimeout: 4000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
const admin = kafka.admin();
const seen = new Set<string>();
let joined = false;

consumer.on(consumer.events.GROUP_JOIN, () => {
  joined = true;
});

async function measureLag(): Promise<void> {
  try {
    const [high, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    let lag = 0;
    for (const p of high) {
      const c = done.get(p.partition) ?? -1;
      lag += Number(p.high) - (c < 0 ? Number(p.low) : c);
    }
    lagGauge.set({ topic, group: groupId }, lag);
  } catch {
    lagErrors.inc();
  }
}

const server = createServer((req, res) => {
  if (req.url === '/metrics') {
    void registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
  } else if (req.url === '/healthz') {
    res.writeHead(joined ? 200 : 503).end(joined ? 'ok' : 'joining');
  } else {
    res.writeHead(404).end();
  }
});
server.listen(port, '127.0.0.1');

await admin.connect();
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  partitionsConsumedConcurrently: concurrency,
  autoCommitInterval: 500,
  eachMessage: async ({ message }) => {
    if (processMs > 0) await sleep(processMs);
    consumed.inc();
    const key = message.key?.toString() ?? '';
    if (!seen.has(key)) {
      seen.add(key);
      unique.inc();
    }
  },
});
const lagTimer = setInterval(() => void measureLag(), 1000);

const shutdown = () => {
  clearInterval(lagTimer);
  server.close();
  void Promise.allSettled([consumer.disconnect(), admin.disconnect()]).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
