/**
 * `archtdd toxiproxy` as its own process (a drop-in for toxiproxy-server): it serves the API on
 * the given port until SIGTERM, then exits 0 and frees the port.
 */
import { execa } from 'execa';
import getPort from 'get-port';
import { expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ToxiproxyClient } from '../../../chaos/client.js';

it('runs the proxy server on --host/--port with --seed until SIGTERM', async () => {
  const port = await getPort({ host: '127.0.0.1' });
  const cliModule = pathToFileURL(path.resolve('chaos/cli.ts')).href;
  const script = `
    const { cac } = await import('cac');
    const { registerToxiproxyCommand } = await import(${JSON.stringify(cliModule)});
    const cli = cac('archtdd');
    registerToxiproxyCommand(cli);
    cli.parse(['node', 'archtdd', 'toxiproxy', '--host', '127.0.0.1', '--port', '${port}', '--seed', '5']);
  `;
  const child = execa('setpriv', ['--pdeathsig', 'TERM', '--', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
    stdout: 'pipe',
    reject: false,
  });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no start line in 20 s')), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(d.toString());
    });
  });
  expect(line).toContain(`listening on http://127.0.0.1:${port} (seed 5)`);
  const client = new ToxiproxyClient(`http://127.0.0.1:${port}`);
  expect(await client.version()).toMatch(/^2\./);
  const p = await client.createProxy({ name: 'x', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  expect(p.listen).toMatch(/^127\.0\.0\.1:\d+$/);
  // setpriv execs node, so this pid is the server's own.
  process.kill(child.pid!, 'SIGTERM');
  const result = await child;
  expect(result.exitCode).toBe(0);
  await expect(client.version()).rejects.toMatchObject({ status: 0 });
});
