/**
 * `archtdd toxiproxy [--host 127.0.0.1] [--port 8474] [--seed N]`: the embedded proxy server on
 * its own, a drop-in for `toxiproxy-server` where none can be installed. Runs until SIGINT/SIGTERM.
 */
import type { CAC } from 'cac';
import { startProxyServer } from './proxy/server.js';

export function registerToxiproxyCommand(cli: CAC): void {
  cli
    .command('toxiproxy', 'Run the embedded Toxiproxy-compatible proxy server (a drop-in for toxiproxy-server)')
    .option('--host <host>', 'API address', { default: '127.0.0.1' })
    .option('--port <port>', 'API port (Toxiproxy uses 8474)', { default: 8474 })
    .option('--seed <seed>', 'PRNG seed for jitter, toxicity and slicer sizes (random if absent)')
    .action(async (opts: { host: string; port: number | string; seed?: number | string }) => {
      const server = await startProxyServer({
        host: String(opts.host),
        port: Number(opts.port),
        ...(opts.seed !== undefined ? { seed: Number(opts.seed) } : {}),
      });
      process.stdout.write(`Toxiproxy-compatible API ${server.version} listening on ${server.url} (seed ${server.seed})\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
