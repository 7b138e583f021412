/** Real sockets for the chaos tests: an echo server and round-trip helpers. */
import net from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';

export interface EchoServer extends AsyncDisposable {
  port: number;
  sockets: Set<net.Socket>;
  close(): Promise<void>;
}

/** An echo server on 127.0.0.1 (half-close aware: it ends when the client ends). */
export async function startEcho(): Promise<EchoServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const close = async (): Promise<void> => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { port: (server.address() as net.AddressInfo).port, sockets, close, [Symbol.asyncDispose]: close };
}

export async function connect(port: number): Promise<net.Socket> {
  const s = net.connect({ port, host: '127.0.0.1', noDelay: true });
  s.on('error', () => undefined);
  await once(s, 'connect');
  return s;
}

/** Send `n` bytes, resolve with the ms until all `n` came back. */
export function roundTrip(s: net.Socket, n = 16): Promise<number> {
  return new Promise((resolve, reject) => {
    let got = 0;
    const t0 = performance.now();
    const onData = (d: Buffer): void => {
      got += d.length;
      if (got >= n) {
        s.off('data', onData);
        s.off('close', onClose);
        resolve(performance.now() - t0);
      }
    };
    const onClose = (): void => reject(new Error(`closed after ${got}/${n} bytes`));
    s.on('data', onData);
    s.once('close', onClose);
    s.write(Buffer.alloc(n, 0x61));
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Everything a socket receives until it closes, and how it closed. */
export function collect(s: net.Socket): Promise<{ bytes: number; chunks: number[]; error?: string; closedAt: number }> {
  return new Promise((resolve) => {
    const chunks: number[] = [];
    let error: string | undefined;
    s.on('data', (d: Buffer) => chunks.push(d.length));
    s.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    s.once('close', () =>
      resolve({ bytes: chunks.reduce((a, b) => a + b, 0), chunks, ...(error ? { error } : {}), closedAt: performance.now() }),
    );
  });
}

export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1));
}
