/**
 * A typed Toxiproxy HTTP client. It drives the embedded server (proxy/server.ts) and a real
 * toxiproxy-server the same way: the harness uses TOXIPROXY_URL when set, else the embedded one.
 * Errors carry the server's status and its {error} text.
 */
import { FaultError } from '../harness/errors.js';

export type ToxicStream = 'upstream' | 'downstream';

export interface ToxicSpec {
  /** default "<type>_<stream>" */
  name?: string;
  type: string;
  /** default downstream (server -> client) */
  stream?: ToxicStream;
  /** probability per connection, default 1 */
  toxicity?: number;
  attributes?: Record<string, number>;
}

export interface ToxicInfo {
  name: string;
  type: string;
  stream: ToxicStream;
  toxicity: number;
  attributes: Record<string, number>;
}

export interface ProxySpec {
  name: string;
  /** "127.0.0.1:0" picks a free port; the answer has the real one */
  listen?: string;
  upstream: string;
  enabled?: boolean;
}

export interface ProxyInfo {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicInfo[];
}

/** A Toxiproxy API call failed: status and the server's error text. */
export class ToxiproxyApiError extends FaultError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly serverMessage: string,
    baseUrl: string,
  ) {
    super(`Toxiproxy ${method} ${path} answered ${status}: ${serverMessage}`, {
      fix:
        status === 0
          ? `Check that a Toxiproxy server listens at ${baseUrl} (TOXIPROXY_URL, or the embedded one: "archtdd toxiproxy").`
          : 'Fix the request as the error says; GET /proxies shows the current state.',
    });
  }
}

export const TOXIPROXY_URL_ENV = 'TOXIPROXY_URL';

export class ToxiproxyClient {
  readonly url: string;

  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  /** The client for TOXIPROXY_URL, or undefined when it is not set. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): ToxiproxyClient | undefined {
    const u = env[TOXIPROXY_URL_ENV];
    return u ? new ToxiproxyClient(u) : undefined;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
    } catch (e) {
      throw new ToxiproxyApiError(method, path, 0, `no answer (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`, this.url);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text.trim();
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? message;
      } catch {
        /* not JSON: keep the text */
      }
      throw new ToxiproxyApiError(method, path, res.status, message, this.url);
    }
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  async version(): Promise<string> {
    const v = await this.call<{ version: string } | string>('GET', '/version');
    return typeof v === 'string' ? v : v.version;
  }

  proxies(): Promise<Record<string, ProxyInfo>> {
    return this.call('GET', '/proxies');
  }

  createProxy(spec: ProxySpec): Promise<ProxyInfo> {
    return this.call('POST', '/proxies', spec);
  }

  async populate(specs: ProxySpec[]): Promise<ProxyInfo[]> {
    return (await this.call<{ proxies: ProxyInfo[] }>('POST', '/populate', specs)).proxies;
  }

  /** Enable every proxy and remove every toxic. */
  reset(): Promise<void> {
    return this.call('POST', '/reset');
  }

  getProxy(name: string): Promise<ProxyInfo> {
    return this.call('GET', `/proxies/${encodeURIComponent(name)}`);
  }

  updateProxy(name: string, update: Partial<Omit<ProxySpec, 'name'>>): Promise<ProxyInfo> {
    return this.call('POST', `/proxies/${encodeURIComponent(name)}`, update);
  }

  deleteProxy(name: string): Promise<void> {
    return this.call('DELETE', `/proxies/${encodeURIComponent(name)}`);
  }

  toxics(proxy: string): Promise<ToxicInfo[]> {
    return this.call('GET', `/proxies/${encodeURIComponent(proxy)}/toxics`);
  }

  addToxic(proxy: string, toxic: ToxicSpec): Promise<ToxicInfo> {
    return this.call('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, toxic);
  }

  getToxic(proxy: string, name: string): Promise<ToxicInfo> {
    return this.call('GET', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`);
  }

  updateToxic(proxy: string, name: string, update: { toxicity?: number; attributes?: Record<string, number> }): Promise<ToxicInfo> {
    return this.call('POST', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`, update);
  }

  removeToxic(proxy: string, name: string): Promise<void> {
    return this.call('DELETE', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`);
  }

  /** Prometheus text from /metrics (the embedded server; a real Toxiproxy only with its metrics enabled). */
  async metrics(): Promise<string> {
    const res = await fetch(`${this.url}/metrics`);
    if (!res.ok) throw new ToxiproxyApiError('GET', '/metrics', res.status, await res.text(), this.url);
    return res.text();
  }
}
