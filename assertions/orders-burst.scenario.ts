/**
 * The SafeChord burst test: a 10x burst of orders into Kafka; the consumer's lag must recover
 * after the burst, and every order must be delivered (at least once).
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Load, fn } from '../harness/load/index.js';
import { defineScenario } from '../harness/scenario/define.js';
import { defineSlo, Sli } from '../harness/slo/define.js';
import { Measure } from '../harness/slo/measures.js';
import type { StartedKafkaServer } from '../systems/kafka/index.js';
import { ordersEnvironment } from '../systems/orders/index.js';

const BATCH = 10; // messages per iteration
const quick = process.env.ARCHTDD_PROFILE !== 'full';
let produced = 0;

/** One producer for the run, connected on first use; every iteration sends one batch of orders. */
function orderProducer(brokers: readonly string[]) {
  let producer: Promise<Producer> | undefined;
  let seq = 0;
  const connect = () => {
    const p = new Kafka({ clientId: 'archtdd-load', brokers: [...brokers], logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: true });
    return p.connect().then(() => p);
  };
  return fn(
    async () => {
      const p = await (producer ??= connect());
      const first = seq;
      seq += BATCH;
      await p.send({ topic: 'orders', acks: 1, messages: Array.from({ length: BATCH }, (_, i) => ({ key: `order-${first + i}`, value: '{"qty":1}' })) });
      produced += BATCH;
    },
    async () => {
      if (producer) await (await producer).disconnect();
    },
  );
}

export const ordersBurst = defineScenario({
  id: 'orders-burst',
  title: 'Order consumer under a 10x burst',
  description: 'Steady 100 orders/s, 1000 orders/s for 5 s, back to steady: the consumer falls behind and must catch up.',
  environment: ordersEnvironment({ processMs: 2 }),
  phases: [
    { name: 'steady', duration: { quick: '8s', full: '30s' } },
    { name: 'burst', duration: '5s' },
    { name: 'after', duration: { quick: '32s', full: '90s' } },
  ],
  load: (env) => {
    produced = 0;
    return [
      Load.burst({
        name: 'orders',
        rate: 100 / BATCH,
        multiplier: 10,
        before: quick ? '8s' : '30s',
        burst: '5s',
        after: quick ? '32s' : '90s',
        preAllocatedVUs: 20,
        maxVUs: 100,
        exec: orderProducer((env.component('kafka') as StartedKafkaServer).brokers),
      }),
    ];
  },
  slos: [
    defineSlo({
      id: 'orders-lag-recovery',
      title: 'Consumer lag recovers after a 10x burst',
      layer: 'business',
      hypothesis: 'Within 30 s of the burst ending, the consumer lag is back under 100 orders and stays there.',
      sli: Measure.promqlRecovery('sum(kafka_consumer_lag{job="orders"})', { below: 100, after: 'after' }),
      objective: 'value<30',
    }),
    defineSlo({
      id: 'orders-delivered',
      title: 'Every order is delivered',
      layer: 'business',
      hypothesis: 'Every produced order is consumed at least once by the end of the run (duplicates allowed).',
      sli: Sli.measure('distinct orders consumed / orders produced', 'ratio', async (run) => {
        const [s] = await run.env.prom.query('max(orders_unique_consumed_total{job="orders"})', run.window('run').end + 2000);
        if (!s || produced === 0) return { value: null, note: 'No orders were produced or no consumer count was scraped.' };
        return { value: s.value / produced, samples: produced, evidence: { produced, distinctConsumed: s.value } };
      }),
      objective: 'value>=1',
    }),
    defineSlo({
      id: 'orders-peak-lag',
      title: 'Peak consumer lag during the burst',
      layer: 'infrastructure',
      hypothesis: 'The lag peaks under 10000 orders (recorded for tuning the consumer).',
      sli: Sli.promql('max_over_time(sum(kafka_consumer_lag{job="orders"})[$window:1s])', { unit: 'orders' }),
      objective: 'value<10000',
      mode: 'baseline',
    }),
    defineSlo({
      id: 'orders-produce-p95',
      title: 'Producing a batch of orders is fast',
      layer: 'application',
      hypothesis: '95% of 10-order batches are acknowledged within 50 ms, burst included.',
      sli: Sli.load('iteration_duration'),
      objective: 'p(95)<50ms',
      mode: 'baseline',
    }),
  ],
});
