/**
 * Kafka on the containers runtime: real Apache Kafka (Confluent's cp-kafka image, KRaft) through
 * the official @testcontainers/kafka module, where that image is present (or may be pulled).
 *
 * No Kafka image can be built on machines without a registry (Debian has no Kafka package):
 * then this ONE server falls back to the local librdkafka mock, and the handle's note says
 * "local mock (no image): ..." (reported in the run facts) — never silently.
 *
 * The module runs one broker per container; with withBrokers(n > 1) the note says so.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import type { StartedTestContainer } from 'testcontainers';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import { announceSubstitution, withNote } from '../../harness/runtime/containers/fallback.js';
import { imageFor } from '../../harness/runtime/containers/images.js';
import { imagePresent, pullPolicy } from '../../harness/runtime/containers/images-present.js';
import type { ContainerServerHandle } from '../../harness/runtime/containers/handle.js';
import { containersSession } from '../../harness/runtime/containers/session.js';
import { bindLoopback, startInContainer } from '../../harness/runtime/containers/start.js';
import { endpointString, type StartContext } from '../../harness/runtime/types.js';
import { containerHandle } from '../container-server.js';
import { brokerExtra } from './brokers.js';
import type { KafkaServer } from './index.js';
import { startKafkaLocal } from './local.js';
import { KAFKA_KIND, type StartedKafkaServer } from './types.js';

/** The module's listener for clients outside the container network. */
const KAFKA_CLIENT_PORT = 9093;

export const KAFKA_NO_IMAGE_NOTE = 'local mock (no image)';

export async function startKafkaContainer(c: KafkaServer, ctx: StartContext): Promise<StartedKafkaServer> {
  const image = imageFor(c.kind);
  const session = await containersSession(ctx);
  if (pullPolicy() === 'never' && !(await imagePresent(session.client, image))) {
    const note = `${KAFKA_NO_IMAGE_NOTE}: ${image} is not present (docker pull it, or set ARCHTDD_CONTAINERS_PULL=missing)`;
    announceSubstitution(c.name, note);
    return withNote(await startKafkaLocal(c, ctx), note);
  }

  const [{ KafkaContainer }, tc] = await Promise.all([import('@testcontainers/kafka'), testcontainers()]);
  const hostPort = ctx.ports.main!;
  /** The module re-publishes its client port with a random host port just before create: pin it again. */
  class PinnedKafkaContainer extends KafkaContainer {
    protected override async beforeContainerCreated(): Promise<void> {
      await super.beforeContainerCreated();
      this.withExposedPorts({ container: KAFKA_CLIENT_PORT, host: hostPort });
      bindLoopback(this);
    }
  }
  const r = await startInContainer<InstanceType<typeof PinnedKafkaContainer>, StartedTestContainer>({
    name: c.name,
    kind: c.kind,
    ctx,
    image,
    container: new PinnedKafkaContainer(image).withKraft(),
    ports: { main: KAFKA_CLIENT_PORT },
    waitStrategy: tc.Wait.forListeningPorts(),
  });
  const endpoint = r.endpoints.main!;
  const brokers = [endpoint];
  const handle = containerHandle(c, image, r, {
    endpoint,
    url: (e) => `kafka://${endpointString(e)}`,
    linkEndpoints: brokers,
    extraFor: (rewrite) => brokerExtra(brokers, rewrite),
    ...(c.brokerCount > 1 ? { note: `1 broker (@testcontainers/kafka runs one per container; ${c.brokerCount} asked)` } : {}),
  });
  return Object.assign(handle, { brokers: brokers.map(endpointString) }) as ContainerServerHandle & StartedKafkaServer;
}

registerDriver(KAFKA_KIND, 'containers', startKafkaContainer);
