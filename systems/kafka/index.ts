/**
 * Kafka module. Locally: librdkafka's mock cluster hosted by kcat (3 brokers, protocol-level
 * mock: produce, fetch, consumer groups, offsets; no CreateTopics/DescribeGroups; topics are
 * auto-created with 4 partitions). Real Apache Kafka runs on the containers runtime.
 * Locally the mock picks its brokers' ports itself; the "main" port is allocated for the other runtimes.
 *
 *   const kafka = await new KafkaServer().start(ctx);
 *   kafka.brokers // ['127.0.0.1:40001', '127.0.0.1:40002', '127.0.0.1:40003']
 */
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ServerBuilder } from '../server-base.js';
import { startKafkaLocal } from './local.js';
import { KAFKA_KIND, type StartedKafkaServer } from './types.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export { KAFKA_KIND, KAFKA_PORT, KAFKA_MOCK_CONSUMER_SETTINGS, type StartedKafkaServer } from './types.js';

export class KafkaServer extends ServerBuilder<StartedKafkaServer> {
  readonly kind = KAFKA_KIND;
  name = 'kafka';
  brokerCount = 3;

  withBrokers(count: number): this {
    this.brokerCount = count;
    return this;
  }
}

registerDriver(KAFKA_KIND, 'local', startKafkaLocal);
