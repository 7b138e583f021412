/**
 * Kafka as a local process: librdkafka's mock cluster hosted by kcat. kcat -P keeps the mock
 * alive as long as its stdin is open, so it exits with us (pdeathsig too). The brokers' ports
 * are chosen by librdkafka and printed on stderr ("... replaced with h:p1,h:p2,h:p3").
 * Restart is not supported: the mock cannot be told its ports again and keeps data in memory.
 */
import { LocalServerHandle } from '../../harness/process/index.js';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { Wait, type LogMessageWait } from '../../harness/runtime/wait.js';
import { serverLogFile, startOwnedProcess } from '../local-server.js';
import { brokerExtra, parseBrokerList } from './brokers.js';
import type { KafkaServer } from './index.js';
import type { StartedKafkaServer } from './types.js';

export async function startKafkaLocal(c: KafkaServer, ctx: StartContext): Promise<StartedKafkaServer> {
  const bin = await resolveBinary('kcat');
  const version = binaryVersion('kcat', ['-V'], /librdkafka (\S+)/);
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = serverLogFile(ctx, c.name);
  let announced: LogMessageWait | undefined;
  const proc = await startOwnedProcess(c, ctx, {
    spawn: {
      name: c.name,
      command: bin,
      args: ['-P', '-X', `test.mock.num.brokers=${c.brokerCount}`, '-b', '127.0.0.1:1', '-t', '__keepalive'],
      logFile,
      cwd: dir,
      stdin: 'pipe',
    },
    readiness: ({ fromByte }) => (announced = Wait.forLogMessage(logFile, /replaced with (\S+)/, { fromByte })),
    stopByClosingStdin: true,
    stopTimeoutMs: 3000,
    restartUnsupported: 'the librdkafka mock picks new broker ports on every start and keeps its data in memory',
  });
  const brokers = parseBrokerList(announced!.match![1]!);
  // The announcement comes as the mock binds; check the first broker accepts before handing it out.
  await Wait.forAll(brokers.map((b) => Wait.forTcp(b))).waitUntil({ deadline: ctx.deadline, what: c.name, logFile });
  const handle = new LocalServerHandle({
    name: c.name,
    kind: c.kind,
    version: `librdkafka-mock ${await version}`,
    endpoint: brokers[0]!,
    endpoints: Object.fromEntries([['main', brokers[0]!], ...brokers.map((b, i) => [`broker${i + 1}`, b])]),
    linkEndpoints: brokers,
    extraFor: (rewrite) => brokerExtra(brokers, rewrite),
    url: (e) => new URL(`kafka://${e.host}:${e.port}`).href,
    process: proc,
    dataDir: dir,
    note: `librdkafka mock cluster (${c.brokerCount} brokers) via kcat`,
  });
  return Object.assign(handle, { brokers: brokers.map((b) => `${b.host}:${b.port}`) }) as StartedKafkaServer;
}
