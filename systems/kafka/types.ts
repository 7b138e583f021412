/** Kafka constants and the started handle's type; the drivers import them from here (no cycle through index.ts). */
import type { Endpoint, StartedComponent } from '../../harness/runtime/types.js';

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
