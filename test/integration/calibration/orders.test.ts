/**
 * Calibration of the delivery and lag SLIs: produce exactly N = 2000 orders through the real
 * (mock) Kafka cluster and check the consumer reports exactly N distinct orders and a lag back to 0.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import '../../../cli/plugins.js';
import { Load, fn } from '../../../harness/load/index.js';
import { defineScenario } from '../../../harness/scenario/define.js';
import { runScenario, type ScenarioRun } from '../../../harness/scenario/run.js';
import { defineSlo, Sli } from '../../../harness/slo/define.js';
import type { StartedKafkaServer } from '../../../systems/kafka/index.js';
import { ordersEnvironment } from '../../../systems/orders/index.js';

const N = 2000;
const BATCH = 10;
let run: ScenarioRun | undefined;
afterAll(async () => {
  await run?.[Symbol.asyncDispose]();
});

describe('calibration: N messages through Kafka', () => {
  it(`the consumer counts exactly ${N} distinct orders and its lag returns to 0`, async () => {
    const lag = defineSlo({ id: 'lag', title: 'lag', layer: 'infrastructure', hypothesis: 'calibration', sli: Sli.promql('sum(kafka_consumer_lag{job="orders"})'), objective: 'value<1' });
    const scenario = defineScenario({
      id: 'calibration-orders', title: 'calibration',
      environment: ordersEnvironment({ processMs: 0 }),
      phases: [{ name: 'produce', duration: '6s' }, { name: 'drain', duration: '8s' }],
      load: (env) => {
        const producer = new Kafka({ clientId: 'calibration', brokers: [...(env.component('kafka') as StartedKafkaServer).brokers], logLevel: logLevel.NOTHING }).producer();
        const ready = producer.connect();
        let next = 0;
        return [
          Load.sharedIterations({
            name: 'produce', vus: 5, iterations: N / BATCH, maxDuration: '14s',
            exec: fn(async () => {
              await ready;
              const first = next;
              next += BATCH;
              await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: BATCH }, (_, i) => ({ key: `c-${first + i}`, value: 'x' })) });
            }, async () => {
              await producer.disconnect();
            }),
          }),
        ];
      },
      slos: [lag],
    });
    run = await runScenario(scenario);
    expect(run.error).toBeUndefined();
    expect(run.record.load?.iterations).toBe(N / BATCH);
    const end = run.view!.window('run').end;
    // wait until the consumer has drained (bounded), then read its counters from Prometheus
    let distinct = 0;
    for (let i = 0; i < 20 && distinct < N; i++) {
      const [s] = await run.view!.env.prom.query('max(orders_unique_consumed_total{job="orders"})');
      distinct = s?.value ?? 0;
      if (distinct < N) await new Promise((r) => setTimeout(r, 500));
    }
    const [total] = await run.view!.env.prom.query('max(orders_consumed_total{job="orders"})');
    console.info(`calibration: produced ${N}, distinct consumed ${distinct}, consumed with redeliveries ${total?.value}`);
    expect(distinct).toBe(N);
    expect(total!.value).toBeGreaterThanOrEqual(N);
    const [lagNow] = await run.view!.env.prom.query('sum(kafka_consumer_lag{job="orders"})');
    expect(lagNow!.value).toBe(0);
    expect(end).toBeGreaterThan(0);
  });
});
