/**
 * Kafka through per-broker proxies: librdkafka's mock cluster (hosted by kcat, started here by
 * pid) advertises its brokers' real ports, so kafkajs gets a socketFactory that maps each
 * advertised address to that broker's proxy. A disabled broker proxy cuts that broker off
 * (its partitions fail) while the others still work, and the broker itself is still up.
 */
import { execa, type ResultPromise } from 'execa';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToxiproxyClient } from '../../../chaos/client.js';
import { formatBrokerMap, parseBrokerMap, proxiedSocketFactory, type BrokerMap } from '../../../chaos/kafka-socket-factory.js';
import { createLink, type Link } from '../../../chaos/links.js';
import { probes } from '../../../chaos/probes.js';
import { startProxyServer, type StartedProxyServer } from '../../../chaos/proxy/server.js';
import { parseEndpoint } from '../../../chaos/endpoint.js';
import { Fault } from '../../../chaos/faults/index.js';

let kcat: ResultPromise<{ stdin: 'pipe'; stderr: 'pipe'; stdout: 'ignore'; reject: false }>;
let brokers: string[];
let server: StartedProxyServer;
let links: Link[];
let map: BrokerMap;
let producer: Producer;
let kafka: Kafka;

beforeAll(async () => {
  kcat = execa('setpriv', ['--pdeathsig', 'TERM', '--', 'kcat', '-P', '-X', 'test.mock.num.brokers=3', '-b', '127.0.0.1:1', '-t', '__keepalive'], {
    stdin: 'pipe',
    stderr: 'pipe',
    stdout: 'ignore',
    reject: false,
  });
  brokers = await new Promise<string[]>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`kcat announced no brokers within 10 s: ${text}`)), 10_000);
    kcat.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /replaced with (\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace(/[^\d.:,]+$/, '').split(','));
      }
    });
  });
  server = await startProxyServer({ seed: 1 });
  const client = new ToxiproxyClient(server.url);
  links = await Promise.all(
    brokers.map((b, i) => createLink({ client, name: `app->kafka-${i + 1}`, upstream: parseEndpoint(b), probe: probes.kafka! })),
  );
  map = Object.fromEntries(brokers.map((b, i) => [b, `${links[i]!.listen.host}:${links[i]!.listen.port}`]));
  kafka = new Kafka({
    clientId: 'archtdd-chaos',
    brokers,
    socketFactory: proxiedSocketFactory(formatBrokerMap(map)),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
  });
  producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
}, 60_000);

afterAll(async () => {
  await producer?.disconnect().catch(() => undefined);
  await server?.close();
  if (kcat) {
    kcat.stdin.end(); // kcat exits when its stdin closes
    const exited = await Promise.race([kcat.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!exited && kcat.pid) process.kill(kcat.pid, 'SIGKILL');
  }
});

async function bytesThrough(link: Link): Promise<number> {
  const text = await link.client.metrics();
  const re = new RegExp(`toxiproxy_proxy_received_bytes_total\\{direction="upstream",proxy="${link.name}"[^}]*\\} (\\d+)`);
  return Number(re.exec(text)?.[1] ?? NaN);
}

describe('kafka through per-broker proxies', () => {
  it('the broker map round-trips through its env string', () => {
    expect(brokers).toHaveLength(3);
    expect(parseBrokerMap(formatBrokerMap(map))).toEqual(map);
  });

  it('a disabled broker proxy cuts that broker off; the other brokers still take writes', async () => {
    const topic = `chaos-${Date.now()}`;
    await producer.send({ topic, messages: [{ value: 'warm-up' }] });
    const admin = kafka.admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    const partitions = meta.topics[0]!.partitions;
    // kafkajs numbers brokers by node id; the mock's node ids are 1..3 in announce order.
    const cutNode = partitions[0]!.leader;
    const cut = links[cutNode - 1]!;
    const keptPartition = partitions.find((p) => p.leader !== cutNode)!;
    expect(keptPartition).toBeDefined();

    // Traffic really goes through the proxies, not around them: write to every partition, then
    // every leader's proxy has carried bytes.
    await producer.send({ topic, messages: partitions.map((p) => ({ partition: p.partitionId, value: 'each' })) });
    for (const leader of new Set(partitions.map((p) => p.leader))) expect(await bytesThrough(links[leader - 1]!)).toBeGreaterThan(0);

    {
      await using f = await Fault.down().apply(cut);
      expect((await f.observe()).observed).toBe(true);
      await expect(
        producer.send({ topic, acks: 1, timeout: 1000, messages: [{ partition: partitions[0]!.partitionId, value: 'to the cut broker' }] }),
      ).rejects.toThrow();
      await expect(
        producer.send({ topic, acks: 1, timeout: 1000, messages: [{ partition: keptPartition.partitionId, value: 'to a live broker' }] }),
      ).resolves.toHaveLength(1);
      // The broker itself is up: only the proxy was cut.
      await expect(probes.kafka!(parseEndpoint(brokers[cutNode - 1]!), 2000)).resolves.toBeGreaterThan(0);
    }
    // Back up: the cut broker's partition takes writes again.
    await expect(
      producer.send({ topic, acks: 1, timeout: 2000, messages: [{ partition: partitions[0]!.partitionId, value: 'after' }] }),
    ).resolves.toHaveLength(1);
  });
});
