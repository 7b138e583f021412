/** The proxies of one server, by name (Toxiproxy's proxy_collection.go), with populate's all-or-nothing check. */
import { z } from 'zod';
import { hashString, mulberry32 } from '../prng.js';
import { Errors } from './errors.js';
import { Proxy } from './proxy.js';

const proxyBody = z.object({
  name: z.string({ invalid_type_error: 'name must be a string' }).optional(),
  listen: z.string({ invalid_type_error: 'listen must be a string' }).optional(),
  upstream: z.string({ invalid_type_error: 'upstream must be a string' }).optional(),
  enabled: z.boolean({ invalid_type_error: 'enabled must be a boolean' }).optional(),
});
export type ProxyInput = z.infer<typeof proxyBody>;

function parseBody(body: unknown, where = ''): ProxyInput {
  const r = proxyBody.safeParse(body);
  if (!r.success) throw Errors.badRequestBody.with(`${where}${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export class ProxyCollection {
  readonly proxies = new Map<string, Proxy>();

  constructor(
    private readonly seed: number,
    private readonly allowNonLoopback: boolean,
  ) {}

  private newProxy(name: string, listen: string, upstream: string): Proxy {
    // One PRNG stream per proxy name: traffic on one proxy does not shift another's random choices.
    return new Proxy(name, listen || '127.0.0.1:0', upstream, mulberry32(this.seed ^ hashString(name)), this.allowNonLoopback);
  }

  get(name: string): Proxy {
    const p = this.proxies.get(name);
    if (!p) throw Errors.proxyNotFound.with(name);
    return p;
  }

  async create(body: unknown): Promise<Proxy> {
    const input = parseBody(body);
    if (!input.name) throw Errors.missingField.with('name');
    if (!input.upstream) throw Errors.missingField.with('upstream');
    if (this.proxies.has(input.name)) throw Errors.proxyAlreadyExists.with(input.name);
    const proxy = this.newProxy(input.name, input.listen ?? '', input.upstream);
    proxy.validate();
    this.proxies.set(input.name, proxy);
    if (input.enabled ?? true) {
      try {
        await proxy.start();
      } catch (e) {
        this.proxies.delete(input.name);
        throw e;
      }
    }
    return proxy;
  }

  async update(name: string, body: unknown): Promise<Proxy> {
    const proxy = this.get(name);
    const input = parseBody(body);
    await proxy.update({
      listen: input.listen ?? proxy.listen,
      upstream: input.upstream ?? proxy.upstream,
      enabled: input.enabled ?? proxy.enabled,
    });
    return proxy;
  }

  async remove(name: string): Promise<void> {
    const proxy = this.get(name);
    this.proxies.delete(name);
    await proxy.stop();
  }

  /**
   * POST /populate: validate every entry first, then create or replace each. An existing proxy
   * with the same listen and upstream is kept (with its toxics and connections).
   */
  async populate(body: unknown): Promise<Proxy[]> {
    if (!Array.isArray(body)) throw Errors.badRequestBody.with('expected a JSON array of proxies');
    const inputs = body.map((b, i) => parseBody(b, `proxy ${i + 1}: `));
    const seen = new Set<string>();
    inputs.forEach((input, i) => {
      if (!input.name) throw Errors.missingField.with(`name at proxy ${i + 1}`);
      if (!input.upstream) throw Errors.missingField.with(`upstream at proxy ${i + 1}`);
      if (seen.has(input.name)) throw Errors.badRequestBody.with(`duplicate proxy name "${input.name}"`);
      seen.add(input.name);
      if (input.enabled ?? true) this.newProxy(input.name, input.listen ?? '', input.upstream).validate();
    });
    const out: Proxy[] = [];
    for (const input of inputs) {
      const name = input.name!;
      const existing = this.proxies.get(name);
      const enabled = input.enabled ?? true;
      if (existing && existing.upstream === input.upstream && (!input.listen || existing.listen === input.listen)) {
        await existing.update({ listen: existing.listen, upstream: existing.upstream, enabled });
        out.push(existing);
        continue;
      }
      if (existing) await this.remove(name);
      out.push(await this.create({ name, listen: input.listen ?? '', upstream: input.upstream, enabled }));
    }
    return out;
  }

  /** POST /reset: enable every proxy and remove every toxic. */
  async reset(): Promise<void> {
    for (const p of this.proxies.values()) {
      await p.start();
      await p.toxics.reset();
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.proxies.values()].map((p) => p.stop()));
    this.proxies.clear();
  }
}
