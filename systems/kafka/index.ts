/**
 * Kafka module. Locally: librdkafka's mock cluster hosted by kcat (3 brokers, protocol-level
 * mock: produce, fetch, consumer groups, offsets; no CreateTopics/DescribeGroups; topics are
 * auto-created with 4 partitions). Real Apache Kafka runs on the containers runtime.
 *
 *   const kafka = await new KafkaServer().start(ctx);
 *   kafka.brokers // ['127.0.0.1:40001', '127.0.0.1:40002', '127.0.0.1:40003']
 */
import { driverFor, registerDriver } from '../../harness/runtime/drivers.js';
import type { Component, Endpoint, StartContext, StartedComponent } from '../../harness/runtime/types.js';
import { startKafkaLocal } from './local.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export const KAFKA_KIND = 'kafka';
export const KAFKA_PORT = 9092;

/**
 * kafkajs consumer settings the mock needs: its group timing is hard-coded (first join 3 s,
 * later rebalances sessionTimeout - 1 s; sessionTimeout <= 3000 never converges).
 */
export const KAFKA_MOCK_CONSUMER_SETTINGS = {
  sessionTimeout: 4000,
  rebalanceTimeout: 4000,
  heartbeatInterval: 300,
  maxWaitTimeInMs: 100,
} as const;

export interface StartedKafkaServer extends StartedComponent {
  /** kafka://host:port of the first broker. */
  readonly url: string;
  /** Every broker as "host:port", as advertised in Metadata. */
  readonly brokers: readonly string[];
  /** Every broker endpoint; links proxy each one. */
  readonly linkEndpoints: readonly Endpoint[];
  /** { brokers: 'h:p,h:p,h:p' after rewrite, brokerMap: 'advertised=rewritten,...' }. */
  extraFor(rewrite: (e: Endpoint) => Endpoint): Record<string, string>;
}

export class KafkaServer implements Component<StartedKafkaServer> {
  readonly kind = KAFKA_KIND;
  /** Locally the mock picks its brokers' ports itself; "main" is allocated for other runtimes. */
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];
  name = 'kafka';
  brokerCount = 3;

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withBrokers(count: number): this {
    this.brokerCount = count;
    return this;
  }

  start(ctx: StartContext): Promise<StartedKafkaServer> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedKafkaServer>;
  }
}

registerDriver(KAFKA_KIND, 'local', startKafkaLocal);
