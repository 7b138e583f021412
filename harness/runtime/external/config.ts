/**
 * Endpoints for the external runtime: archtdd starts nothing and talks to what it is given.
 * From a YAML/JSON file (`archtdd run --runtime external --config <file>`) and/or env; env
 * wins per field. Validated with zod; every problem is reported at once, naming its field.
 *
 * File (see archtdd.external.example.yaml):
 *   toxiproxy: { url: http://127.0.0.1:8474 }          # optional: faults only on these proxies
 *   endpoints:                                         # by component name
 *     prometheus: { url: http://127.0.0.1:9090 }
 *     redis:      { url: redis://127.0.0.1:6379 }       # or { host, port }
 *     postgres:   { url: postgres://u:p@127.0.0.1:5432/db }
 *     kafka:      { brokers: 127.0.0.1:29092,127.0.0.1:29093 }
 *     catalog:    { url: http://127.0.0.1:8080 }
 *   links:                                             # dependency edge -> existing Toxiproxy proxy
 *     catalog->redis: { proxy: catalog->redis }
 *
 * Env: ARCHTDD_EXTERNAL_<NAME>_<URL|HOST|PORT|BROKERS> (NAME upper-cased, non-alphanumerics as _),
 * ARCHTDD_TOXIPROXY_URL (or TOXIPROXY_URL), ARCHTDD_EXTERNAL_CONFIG (the file).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { InvalidConfigError, type ConfigIssue } from '../../errors.js';
import type { ExternalEndpoint } from '../types.js';

const urlString = z.string().url({ message: 'is not a URL (e.g. redis://127.0.0.1:6379)' });
const brokerList = z
  .string()
  .regex(/^\s*[^\s,:]+:\d+(\s*,\s*[^\s,:]+:\d+)*\s*$/, { message: 'is not a broker list "host:port,host:port"' });

export const externalEndpointSchema = z
  .object({
    /** Component kind, when it cannot be told from the name (documentation only; drivers check their own). */
    kind: z.string().min(1).optional(),
    url: urlString.optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** Kafka: every broker, as advertised. */
    brokers: brokerList.optional(),
    /** Where Prometheus scrapes this component's metrics (information for the report). */
    metrics: urlString.optional(),
    /** Reported version (else the driver asks the server where it can, or says "external"). */
    version: z.string().min(1).optional(),
  })
  .strict()
  .refine((e) => e.url !== undefined || (e.host !== undefined && e.port !== undefined) || e.brokers !== undefined, {
    message: 'needs a url, a host and a port, or (Kafka) brokers',
  });

export const externalConfigSchema = z
  .object({
    runtime: z.literal('external').optional(),
    toxiproxy: z.object({ url: urlString }).strict().optional(),
    endpoints: z.record(z.string().min(1), externalEndpointSchema),
    links: z
      .record(
        z.string().regex(/^[^\s>]+->[^\s>]+$/, { message: 'is not a dependency edge "from->to"' }),
        z.object({ proxy: z.string().min(1) }).strict(),
      )
      .optional(),
  })
  .strict();

export type ExternalConfig = z.infer<typeof externalConfigSchema>;
export type ExternalEndpointConfig = z.infer<typeof externalEndpointSchema>;

const FIXES: Record<string, string> = {
  url: 'Give the full URL with scheme, host and port.',
  port: 'Use a TCP port number between 1 and 65535.',
  brokers: 'List every broker as host:port, comma-separated.',
  endpoints: 'Add an "endpoints" map: component name -> { url } (see archtdd.external.example.yaml).',
  links: 'Name each link "from->to" and give the Toxiproxy proxy that carries it: { proxy: "<name>" }.',
};

function issuesOf(error: z.ZodError, source: string): ConfigIssue[] {
  return error.issues.map((i) => {
    const field = i.path.join('.');
    const last = String(i.path.findLast((p) => typeof p === 'string' && p in FIXES) ?? i.path[0] ?? '');
    const message =
      i.code === 'unrecognized_keys'
        ? `has unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}.`
        : `${i.message.replace(/\.$/, '')}.`;
    return {
      path: `${source}${field ? `: ${field}` : ''}`,
      message,
      ...(FIXES[last] ? { fix: FIXES[last] } : {}),
    };
  });
}

/** Validates a parsed document; throws InvalidConfigError listing every problem. */
export function parseExternalConfig(doc: unknown, source = 'external config'): ExternalConfig {
  const r = externalConfigSchema.safeParse(doc ?? {});
  if (!r.success) throw new InvalidConfigError(issuesOf(r.error, source));
  return r.data;
}

export async function loadExternalConfigFile(file: string): Promise<ExternalConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InvalidConfigError([
      { path: file, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, fix: 'Pass the path of an existing YAML or JSON file to --config.' },
    ]);
  }
  let doc: unknown;
  try {
    doc = parse(text); // YAML 1.2 is a superset of JSON: one parser for both
  } catch (e) {
    throw new InvalidConfigError([{ path: file, message: `is not valid YAML/JSON: ${(e as Error).message}`, fix: 'Fix the syntax.' }]);
  }
  return parseExternalConfig(doc, file);
}

const normalise = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * The env's endpoints. `names` maps env names back to component names (catalog-api ->
 * CATALOG_API); names not listed come back lower-cased.
 */
export function externalConfigFromEnv(env: NodeJS.ProcessEnv = process.env, names: readonly string[] = []): ExternalConfig {
  const byNorm = new Map(names.map((n) => [normalise(n), n]));
  const endpoints: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^ARCHTDD_EXTERNAL_(.+)_(URL|HOST|PORT|BROKERS|METRICS|VERSION)$/.exec(key);
    if (!m || value === undefined || m[1] === 'CONFIG') continue;
    const name = byNorm.get(m[1]!) ?? m[1]!.toLowerCase();
    const field = m[2]!.toLowerCase();
    (endpoints[name] ??= {})[field] = field === 'port' ? Number(value) : value;
  }
  const toxiproxy = env.ARCHTDD_TOXIPROXY_URL ?? env.TOXIPROXY_URL;
  return parseExternalConfig({ endpoints, ...(toxiproxy ? { toxiproxy: { url: toxiproxy } } : {}) }, 'env ARCHTDD_EXTERNAL_*');
}

/** File first, env over it field by field. */
export function mergeExternalConfigs(base: ExternalConfig, over: ExternalConfig): ExternalConfig {
  const endpoints: Record<string, ExternalEndpointConfig> = { ...base.endpoints };
  for (const [name, e] of Object.entries(over.endpoints)) endpoints[name] = { ...endpoints[name], ...e } as ExternalEndpointConfig;
  const toxiproxy = over.toxiproxy ?? base.toxiproxy;
  const links = { ...base.links, ...over.links };
  return {
    endpoints,
    ...(toxiproxy ? { toxiproxy } : {}),
    ...(Object.keys(links).length ? { links } : {}),
  };
}

/**
 * Everything the external runtime is given: the file (argument or ARCHTDD_EXTERNAL_CONFIG),
 * then env over it.
 */
export async function loadExternalConfig(options: { file?: string; env?: NodeJS.ProcessEnv; names?: readonly string[] } = {}): Promise<ExternalConfig> {
  const env = options.env ?? process.env;
  const file = options.file ?? env.ARCHTDD_EXTERNAL_CONFIG;
  const fromFile = file ? await loadExternalConfigFile(file) : { endpoints: {} };
  return mergeExternalConfigs(fromFile, externalConfigFromEnv(env, options.names));
}

/** The StartContext.external record drivers read (by component name). */
export function externalEndpoints(config: ExternalConfig): Record<string, ExternalEndpoint> {
  return Object.fromEntries(Object.entries(config.endpoints).map(([name, e]) => [name, { ...e } as ExternalEndpoint]));
}
