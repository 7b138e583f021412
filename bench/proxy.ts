/**
 * Proxy overhead benchmark, in ONE run: direct vs through the embedded Toxiproxy-compatible
 * proxy (no toxics), against echo and sink servers in a separate Node process.
 *   latency     small (32 B) request/response round trips on one connection, HDR histograms in µs,
 *               targets interleaved in blocks so machine load hits all alike
 *   throughput  bulk upload of 256 MB to a sink that acknowledges the last byte, median of 3
 * Two proxy placements: in-process (how the harness runs it: proxy and client share the event
 * loop) and in its own process (like toxiproxy-server / `archtdd toxiproxy`).
 *
 *   pnpm exec tsx bench/proxy.ts        # writes bench/out/proxy.json, prints a table
 *
 * Anchor: Toxiproxy's own figures, < 100 µs added latency and ~1000 MB/s on loopback.
 */
import net from 'node:net';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import * as hdr from 'hdr-histogram-js';
import { ToxiproxyClient } from '../chaos/client.js';
import { startProxyServer } from '../chaos/proxy/server.js';

export const TOXIPROXY_ADDED_LATENCY_US = 100;
export const TOXIPROXY_THROUGHPUT_MBPS = 1000;

const ROUND_TRIP_BYTES = 32;
const BLOCKS = 10;
const BLOCK_ROUND_TRIPS = 2000;
const BULK_BYTES = 256 * 1024 * 1024;
const BULK_RUNS = 3;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Echo and sink servers in their own process: prints {"echo":P,"sink":P}. */
const SERVERS_JS = `
const net = require('node:net');
const echo = net.createServer({ noDelay: true }, (s) => { s.on('error', () => {}); s.pipe(s); }).listen(0, '127.0.0.1');
const sink = net.createServer({ noDelay: true }, (s) => {
  s.on('error', () => {});
  let want = -1, got = 0, header = Buffer.alloc(0);
  s.on('data', (d) => {
    if (want < 0) { header = Buffer.concat([header, d]); if (header.length < 8) return; want = Number(header.readBigUInt64BE(0)); d = header.subarray(8); }
    got += d.length;
    if (got >= want) { s.write('k'); want = -1; got = 0; header = Buffer.alloc(0); }
  });
}).listen(0, '127.0.0.1');
Promise.all([new Promise(r => echo.once('listening', r)), new Promise(r => sink.once('listening', r))]).then(() =>
  console.log(JSON.stringify({ echo: echo.address().port, sink: sink.address().port })));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

/** The proxy server in its own process: prints its URL. */
const PROXY_JS = `
const { startProxyServer } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'chaos/proxy/server.ts')).href)});
const s = await startProxyServer({ seed: 1 });
console.log(s.url);
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

type Child = ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'inherit'; reject: false }>;

async function spawnChild(args: string[]): Promise<{ child: Child; line: string }> {
  const child = execa('setpriv', ['--pdeathsig', 'TERM', '--', process.execPath, ...args], {
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'inherit',
    reject: false,
    cwd: root,
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`child ${args.join(' ').slice(0, 60)} printed nothing in 20 s`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
  });
  return { child, line };
}

async function stopChild(child: Child): Promise<void> {
  child.stdin.end();
  const done = await Promise.race([child.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
  if (!done && child.pid) process.kill(child.pid, 'SIGKILL');
}

async function connect(port: number): Promise<net.Socket> {
  const s = net.connect({ host: '127.0.0.1', port, noDelay: true });
  await once(s, 'connect');
  return s;
}

/** `n` sequential round trips of ROUND_TRIP_BYTES, recorded in µs. */
function roundTrips(s: net.Socket, n: number, h: hdr.Histogram | undefined): Promise<void> {
  const payload = Buffer.alloc(ROUND_TRIP_BYTES, 0x61);
  return new Promise((resolve) => {
    let left = n;
    let got = 0;
    let t0 = performance.now();
    const onData = (d: Buffer): void => {
      got += d.length;
      if (got < ROUND_TRIP_BYTES) return;
      got -= ROUND_TRIP_BYTES;
      h?.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
      if (--left === 0) {
        s.off('data', onData);
        resolve();
        return;
      }
      t0 = performance.now();
      s.write(payload);
    };
    s.on('data', onData);
    s.write(payload);
  });
}

/** Upload `bytes` to the sink and wait for its acknowledgement; MB/s (1 MB = 1e6 bytes). */
async function bulk(port: number, bytes: number): Promise<number> {
  const s = await connect(port);
  const header = Buffer.alloc(8);
  header.writeBigUInt64BE(BigInt(bytes));
  const chunk = Buffer.alloc(256 * 1024, 0x62);
  const t0 = performance.now();
  const ack = once(s, 'data');
  s.write(header);
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    if (!s.write(sent + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - sent))) await once(s, 'drain');
  }
  await ack;
  const seconds = (performance.now() - t0) / 1000;
  s.destroy();
  return bytes / 1e6 / seconds;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;

export interface ProxyBenchResult {
  when: string;
  machine: { cpus: number; loadavg1: number; node: string };
  settings: { roundTripBytes: number; roundTrips: number; bulkBytes: number; bulkRuns: number };
  latencyUs: Record<string, { p50: number; p99: number; addedP50?: number; addedP99?: number }>;
  throughputMBps: Record<string, number>;
  vsToxiproxy: { addedP50OverAnchor: Record<string, number>; throughputOverAnchor: Record<string, number> };
}

export async function runProxyBench(options: { outFile?: string; quiet?: boolean } = {}): Promise<ProxyBenchResult> {
  const servers = await spawnChild(['-e', SERVERS_JS]);
  const ports = JSON.parse(servers.line) as { echo: number; sink: number };
  const own = await spawnChild(['--import', 'tsx', '--input-type=module', '-e', PROXY_JS]);
  const inProcess = await startProxyServer({ seed: 1 });
  try {
    const clients = { inProcess: new ToxiproxyClient(inProcess.url), ownProcess: new ToxiproxyClient(own.line) };
    const proxied: Record<string, { echo: number; sink: number }> = {};
    for (const [name, c] of Object.entries(clients)) {
      const e = await c.createProxy({ name: 'echo', listen: '127.0.0.1:0', upstream: `127.0.0.1:${ports.echo}` });
      const k = await c.createProxy({ name: 'sink', listen: '127.0.0.1:0', upstream: `127.0.0.1:${ports.sink}` });
      proxied[name] = { echo: Number(e.listen.split(':').pop()), sink: Number(k.listen.split(':').pop()) };
    }
    const targets: Record<string, { echo: number; sink: number }> = { direct: ports, ...proxied };

    // Latency: interleaved blocks after a warm-up.
    const hist: Record<string, hdr.Histogram> = {};
    const sockets: Record<string, net.Socket> = {};
    for (const [name, t] of Object.entries(targets)) {
      hist[name] = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: 3 });
      sockets[name] = await connect(t.echo);
      await roundTrips(sockets[name], 2000, undefined);
    }
    for (let b = 0; b < BLOCKS; b++) {
      for (const name of Object.keys(targets)) await roundTrips(sockets[name]!, BLOCK_ROUND_TRIPS, hist[name]);
    }
    for (const s of Object.values(sockets)) s.destroy();
    const latencyUs: ProxyBenchResult['latencyUs'] = {};
    const d = hist.direct!;
    for (const [name, h] of Object.entries(hist)) {
      const p50 = h.getValueAtPercentile(50);
      const p99 = h.getValueAtPercentile(99);
      latencyUs[name] = name === 'direct' ? { p50, p99 } : { p50, p99, addedP50: p50 - d.getValueAtPercentile(50), addedP99: p99 - d.getValueAtPercentile(99) };
    }

    // Throughput: runs interleaved across targets, median per target.
    const runs: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((n) => [n, []]));
    await bulk(targets.direct!.sink, 16 * 1024 * 1024);
    for (let r = 0; r < BULK_RUNS; r++) {
      for (const [name, t] of Object.entries(targets)) runs[name]!.push(await bulk(t.sink, BULK_BYTES));
    }
    const throughputMBps = Object.fromEntries(Object.entries(runs).map(([n, v]) => [n, round(median(v))]));

    const proxiedNames = Object.keys(proxied);
    const result: ProxyBenchResult = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, loadavg1: round(loadavg()[0]!, 2), node: process.version },
      settings: { roundTripBytes: ROUND_TRIP_BYTES, roundTrips: BLOCKS * BLOCK_ROUND_TRIPS, bulkBytes: BULK_BYTES, bulkRuns: BULK_RUNS },
      latencyUs,
      throughputMBps,
      vsToxiproxy: {
        addedP50OverAnchor: Object.fromEntries(proxiedNames.map((n) => [n, round(latencyUs[n]!.addedP50! / TOXIPROXY_ADDED_LATENCY_US, 2)])),
        throughputOverAnchor: Object.fromEntries(proxiedNames.map((n) => [n, round(throughputMBps[n]! / TOXIPROXY_THROUGHPUT_MBPS, 2)])),
      },
    };
    const outFile = options.outFile ?? path.join(root, 'bench/out/proxy.json');
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
    if (!options.quiet) printTable(result, outFile);
    return result;
  } finally {
    await inProcess.close();
    await stopChild(own.child);
    await stopChild(servers.child);
  }
}

function printTable(r: ProxyBenchResult, outFile: string): void {
  const rows = Object.keys(r.latencyUs).map((n) => {
    const l = r.latencyUs[n]!;
    return {
      target: n,
      'p50 µs': l.p50,
      'p99 µs': l.p99,
      'added p50 µs': l.addedP50 ?? '',
      'added p99 µs': l.addedP99 ?? '',
      'MB/s': r.throughputMBps[n],
      'added p50 / 100 µs': r.vsToxiproxy.addedP50OverAnchor[n] ?? '',
      'MB/s / 1000': r.vsToxiproxy.throughputOverAnchor[n] ?? '',
    };
  });
  console.table(rows);
  console.log(`load average ${r.machine.loadavg1} on ${r.machine.cpus} cpus; written to ${outFile}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runProxyBench();
}
