/** The orders consumer service and its environment: a Kafka cluster (3 brokers) and the consumer, through per-broker proxies. */
import { fileURLToPath } from 'node:url';
import { defineEnvironment } from '../../harness/environment/define.js';
import { KAFKA_BROKER_MAP_ENV } from '../../chaos/kafka-socket-factory.js';
import { KafkaServer } from '../kafka/index.js';
import { PrometheusServer } from '../prometheus/index.js';
import { Service } from '../service.js';

const CONSUMER = fileURLToPath(new URL('./consumer.ts', import.meta.url));

export interface OrdersOptions {
  /** per-message processing time, ms: the consumer's capacity is about partitions x 1000 / processMs */
  processMs?: number;
  topic?: string;
}

export function ordersConsumer(options: OrdersOptions = {}) {
  return Service.command('orders', [process.execPath, '--import', 'tsx', CONSUMER])
    .withPorts('http')
    .dependsOn('kafka')
    .withEnv(({ deps, ports }) => ({
      PORT: String(ports.http),
      KAFKA_BROKERS: deps.kafka!.extra?.brokers ?? deps.kafka!.url,
      [KAFKA_BROKER_MAP_ENV]: deps.kafka!.extra?.brokerMap ?? '',
      TOPIC: options.topic ?? 'orders',
      PROCESS_MS: String(options.processMs ?? 5),
    }))
    .withHealthCheck({ port: 'http', path: '/healthz' })
    .withMetrics({ port: 'http', path: '/metrics' })
    .withStartupTimeout(30_000);
}

export function ordersEnvironment(options: OrdersOptions = {}) {
  return defineEnvironment({
    prometheus: new PrometheusServer(),
    components: [new KafkaServer(), ordersConsumer(options)],
    scrapeIntervalSeconds: 1,
  });
}
