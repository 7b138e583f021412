import { existsSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { KafkaServer, KAFKA_MOCK_CONSUMER_SETTINGS, type StartedKafkaServer } from '../../../systems/index.js';
import { alive, goneWithin, localContext } from './context.js';

describe('KafkaServer (librdkafka mock) on the local runtime', () => {
  let owner: Owner;
  let kafka: StartedKafkaServer;

  beforeAll(async () => {
    owner = await createOwner();
    const builder = new KafkaServer();
    kafka = await builder.start(await localContext(owner, builder));
  });

  afterAll(async () => {
    await owner?.dispose();
  });

  it('announces three brokers; endpoint is the first, linkEndpoints all, extraFor maps each', () => {
    expect(kafka.brokers).toHaveLength(3);
    expect(kafka.linkEndpoints).toHaveLength(3);
    expect(`${kafka.endpoint.host}:${kafka.endpoint.port}`).toBe(kafka.brokers[0]);
    const extra = kafka.extraFor((e) => ({ host: e.host, port: e.port + 1 }));
    const shifted = kafka.linkEndpoints.map((e) => `${e.host}:${e.port + 1}`);
    expect(extra.brokers).toBe(shifted.join(','));
    expect(extra.brokerMap).toBe(kafka.brokers.map((b, i) => `${b}=${shifted[i]}`).join(','));
  });

  it('kafkajs produces one message and a consumer group reads it back', async () => {
    const client = new Kafka({ clientId: 'archtdd-test', brokers: [...kafka.brokers], logLevel: logLevel.NOTHING });
    const topic = `t-${Date.now()}`;
    const producer = client.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] });
    await producer.disconnect();

    const consumer = client.consumer({ groupId: `g-${Date.now()}`, ...KAFKA_MOCK_CONSUMER_SETTINGS });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within 20 s')), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(String(message.value));
        },
      });
    });
    await consumer.disconnect();
    expect(got).toBe('hello');
  });

  it('restart is refused with a reason; stop ends kcat and dispose removes its temp dir', async () => {
    await expect(kafka.process!.restart()).rejects.toThrow(/restart is not supported/);
    const pid = Number(kafka.process!.id);
    expect(await alive(pid)).toBe(true);
    await kafka.stop();
    expect(await goneWithin(pid, 3000)).toBe(true);
    const dirs = owner.tempDirs;
    await owner.dispose();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
