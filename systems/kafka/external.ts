/**
 * Kafka on the external runtime: the given brokers ("h:p,h:p", or a kafka://h:p URL for one),
 * each checked for reachability; links proxy each broker as on the other runtimes.
 */
import { EnvironmentStartError } from '../../harness/errors.js';
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ExternalHandle } from '../../harness/runtime/external/handle.js';
import { endpointString, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { givenVersion } from '../external-server.js';
import { brokerExtra, parseBrokerList } from './brokers.js';
import type { KafkaServer } from './index.js';
import { KAFKA_KIND, type StartedKafkaServer } from './types.js';

export async function startKafkaExternal(c: KafkaServer, ctx: StartContext): Promise<StartedKafkaServer> {
  const given = ctx.external?.[c.name];
  const list =
    typeof given?.brokers === 'string'
      ? given.brokers
      : typeof given?.url === 'string'
        ? new URL(given.url).host
        : typeof given?.host === 'string' && typeof given.port === 'number'
          ? `${given.host}:${given.port}`
          : undefined;
  if (!list) {
    throw new EnvironmentStartError(`${c.name} (kafka): the external runtime was given no brokers for it.`, {
      fix: `Add endpoints.${c.name}: { brokers: "host:port,host:port" } to the external config, or set ARCHTDD_EXTERNAL_${c.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_BROKERS.`,
    });
  }
  const brokers = parseBrokerList(list);
  await Wait.forAll(brokers.map((b) => Wait.forTcp(b))).waitUntil({ deadline: ctx.deadline, what: `${c.name} (kafka, external at ${list})` });
  const handle = new ExternalHandle({
    name: c.name,
    kind: c.kind,
    version: givenVersion(given),
    endpoint: brokers[0]!,
    url: (e) => `kafka://${endpointString(e)}`,
    linkEndpoints: brokers,
    extraFor: (rewrite) => brokerExtra(brokers, rewrite),
  });
  return Object.assign(handle, { brokers: brokers.map(endpointString) }) as ExternalHandle & StartedKafkaServer;
}

registerDriver(KAFKA_KIND, 'external', startKafkaExternal);
