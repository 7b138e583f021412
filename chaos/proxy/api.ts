/**
 * Toxiproxy's HTTP API (api.go) on node:http:
 *   GET /version · GET /metrics · POST /reset · POST /populate
 *   GET|POST /proxies · GET|POST|PATCH|DELETE /proxies/{proxy}
 *   GET|POST /proxies/{proxy}/toxics · GET|POST|PATCH|DELETE /proxies/{proxy}/toxics/{toxic}
 * Errors are JSON {"error": "...", "status": N}. Browsers are refused (403), as Toxiproxy does,
 * so a web page cannot drive the proxy through the user's browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { ApiError, Errors } from './errors.js';
import type { ProxyCollection } from './collection.js';

export const TOXIPROXY_COMPAT_VERSION = '2.12.0';

type Handler = (ctx: { params: string[]; body: () => Promise<unknown> }) => Promise<[number, unknown] | [number, string, string]>;

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

export function createApiHandler(collection: ProxyCollection, metrics: Registry, version: string) {
  const routes: Route[] = [
    { pattern: /^\/version$/, methods: { GET: async () => [200, `{"version": "${version}"}\n`, 'application/json;charset=utf-8'] } },
    {
      pattern: /^\/metrics$/,
      methods: { GET: async () => [200, await metrics.metrics(), metrics.contentType] },
    },
    {
      pattern: /^\/reset$/,
      methods: {
        POST: async () => {
          await collection.reset();
          return [204, undefined];
        },
      },
    },
    {
      pattern: /^\/populate$/,
      methods: {
        POST: async ({ body }) => {
          const proxies = await collection.populate(await body());
          return [201, { proxies: proxies.map((p) => p.toJSON()) }];
        },
      },
    },
    {
      pattern: /^\/proxies$/,
      methods: {
        GET: async () => [200, Object.fromEntries([...collection.proxies].map(([n, p]) => [n, p.toJSON()]))],
        POST: async ({ body }) => [201, (await collection.create(await body())).toJSON()],
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)$/,
      methods: {
        GET: async ({ params: [name] }) => [200, collection.get(name!).toJSON()],
        POST: async ({ params: [name], body }) => [200, (await collection.update(name!, await body())).toJSON()],
        DELETE: async ({ params: [name] }) => {
          await collection.remove(name!);
          return [204, undefined];
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)\/toxics$/,
      methods: {
        GET: async ({ params: [name] }) => [200, collection.get(name!).toxics.list().map((t) => t.toJSON())],
        POST: async ({ params: [name], body }) => {
          const proxy = collection.get(name!);
          return [200, (await proxy.toxics.add(await body())).toJSON()];
        },
      },
    },
    {
      pattern: /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/,
      methods: {
        GET: async ({ params: [p, t] }) => [200, collection.get(p!).toxics.get(t!).toJSON()],
        POST: async ({ params: [p, t], body }) => [200, (await collection.get(p!).toxics.update(t!, await body())).toJSON()],
        DELETE: async ({ params: [p, t] }) => {
          await collection.get(p!).toxics.remove(t!);
          return [204, undefined];
        },
      },
    },
  ];
  // PATCH is the newer spelling of the update POSTs.
  for (const r of routes) if (r.methods.POST && r.pattern.source.includes('[^/]+)$')) r.methods.PATCH = r.methods.POST;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if ((req.headers['user-agent'] ?? '').startsWith('Mozilla/')) throw Errors.forbidden;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = routes.find((r) => r.pattern.test(path));
      if (!route) throw Errors.notFound.with(`${req.method} ${path}`);
      const handler = route.methods[req.method ?? 'GET'];
      if (!handler) throw Errors.methodNotAllowed.with(`${req.method} ${path} (allowed: ${Object.keys(route.methods).join(', ')})`);
      const params = route.pattern.exec(path)!.slice(1).map((s) => decodeURIComponent(s));
      const result = await handler({ params, body: () => readJson(req) });
      const [status, payload, contentType] = result;
      if (status === 204 || payload === undefined) {
        res.writeHead(status).end();
      } else if (typeof payload === 'string') {
        res.writeHead(status, { 'content-type': contentType ?? 'text/plain' }).end(payload);
      } else {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      }
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(e instanceof Error ? e.message : String(e), 500);
      if (!res.headersSent) res.writeHead(err.status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(err.toJSON())}\n`);
    }
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  const text = Buffer.concat(parts).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw Errors.badRequestBody.with((e as Error).message);
  }
}
