/**
 * The user's own service: one small builder, the same public API the catalog example uses.
 *
 *   Service.command('catalog', ['node', 'dist/server.js'])
 *     .withPorts('http', 'admin')                       // the harness allocates each
 *     .dependsOn('redis', 'postgres')                   // each edge gets a link (proxy)
 *     .withEnv(({ deps, ports }) => ({ REDIS_URL: deps.redis!.url, PORT: String(ports.http) }))
 *     .withHealthCheck({ port: 'http', path: '/healthz' })
 *     .withMetrics({ port: 'http', path: '/metrics' }) // the run's Prometheus scrapes it
 *
 * Local and containers runtimes run it as a host process (pdeathsig, log in the run folder,
 * ProcessControl for kill/pause/restart faults). The external runtime starts nothing and takes
 * its URL from the given endpoints (ctx.external[name].url).
 *
 * `dependsOn` is both the builder method (`.dependsOn('redis')`) and the Component's list of
 * names (`for (const d of service.dependsOn)`): it is a callable, read-only list.
 */
import path from 'node:path';
import { LocalServerHandle, ManagedProcess } from '../harness/process/index.js';
import { EnvironmentStartError, InvalidConfigError, MissingBinaryError, type ConfigIssue } from '../harness/errors.js';
import { resolveBinary } from '../harness/runtime/binaries.js';
import { driverFor, registerDriver } from '../harness/runtime/drivers.js';
import {
  LOOPBACK,
  type Component,
  type DependencyView,
  type Endpoint,
  type RuntimeKind,
  type StartContext,
  type StartedComponent,
} from '../harness/runtime/types.js';
import { Wait, type WaitStrategy } from '../harness/runtime/wait.js';

export const SERVICE_KIND = 'service';

export interface ServiceEnvInput {
  /** The started dependencies as this service must reach them (through their links). */
  deps: Readonly<Record<string, DependencyView>>;
  /** The ports the harness chose, by name. */
  ports: Readonly<Record<string, number>>;
  name: string;
}

export type ServiceEnv =
  | Readonly<Record<string, string | undefined>>
  | ((input: ServiceEnvInput) => Readonly<Record<string, string | undefined>>);

export interface HealthCheck {
  /** Port name (from withPorts). */
  port: string;
  /** HTTP path; without it, readiness = the port accepts TCP connections. */
  path?: string;
  /** Expected HTTP status (default 200). */
  status?: number;
}

export interface StartedService extends StartedComponent {
  /** http://host:port of the main (first) port. */
  readonly url: string;
}

/** A read-only list of names that is also the builder method adding to it. */
export type DependsOn<T> = readonly string[] & ((...names: string[]) => T);

function callableList<T>(onAdd: (names: string[]) => T, items: string[]): DependsOn<T> {
  const fn = (...names: string[]): T => onAdd(names);
  return new Proxy(fn, {
    get(_t, prop) {
      const v = Reflect.get(items, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(items) : v;
    },
    has: (_t, prop) => Reflect.has(items, prop),
    ownKeys: () => Reflect.ownKeys(items).filter((k) => k !== 'length'),
    getOwnPropertyDescriptor: (_t, prop) =>
      prop === 'length' ? undefined : Reflect.getOwnPropertyDescriptor(items, prop),
  }) as unknown as DependsOn<T>;
}

export class Service implements Component<StartedService> {
  readonly kind = SERVICE_KIND;
  readonly name: string;
  readonly argv: readonly string[];
  portNames: readonly string[] = [];
  metricsPaths: readonly { port: string; path: string }[] = [];
  env: readonly ServiceEnv[] = [];
  cwd: string | undefined;
  startupTimeoutMs = 30_000;
  healthCheck: HealthCheck | undefined;
  stopSignal: NodeJS.Signals = 'SIGTERM';
  version = 'unversioned';
  private readonly deps: string[] = [];
  /** `.dependsOn('redis', 'postgres')` adds; `service.dependsOn` reads the names. */
  readonly dependsOn: DependsOn<this>;

  constructor(name: string, argv: readonly string[]) {
    if (argv.length === 0 || !argv[0]) {
      throw new EnvironmentStartError(`Service "${name}" has an empty command line.`, {
        fix: `Give the program and its arguments, e.g. Service.command('${name}', ['node', 'server.js']).`,
      });
    }
    this.name = name;
    this.argv = argv;
    this.dependsOn = callableList((names) => {
      for (const n of names) if (!this.deps.includes(n)) this.deps.push(n);
      return this;
    }, this.deps);
  }

  /** A service run from a command line: argv[0] is looked up on PATH unless it holds a '/'. */
  static command(name: string, argv: readonly string[]): Service {
    return new Service(name, argv);
  }

  /** Alias of Service.command. */
  static fromCommand(name: string, argv: readonly string[]): Service {
    return new Service(name, argv);
  }

  /** Named ports; the harness picks a free one for each. The first is the main endpoint. */
  withPorts(...names: string[]): this {
    this.portNames = [...new Set([...this.portNames, ...names])];
    return this;
  }

  /** Environment variables, static or computed from the started deps and chosen ports. Later calls win. */
  withEnv(env: ServiceEnv): this {
    this.env = [...this.env, env];
    return this;
  }

  withHealthCheck(check: HealthCheck): this {
    this.healthCheck = check;
    return this;
  }

  /** Where Prometheus scrapes it. */
  withMetrics(metrics: { port: string; path?: string }): this {
    this.metricsPaths = [...this.metricsPaths.filter((m) => m.port !== metrics.port), { port: metrics.port, path: metrics.path ?? '/metrics' }];
    return this;
  }

  withCwd(cwd: string): this {
    this.cwd = cwd;
    return this;
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    return this;
  }

  withStopSignal(signal: NodeJS.Signals): this {
    this.stopSignal = signal;
    return this;
  }

  /** Shown in the report's versions. */
  withVersion(version: string): this {
    this.version = version;
    return this;
  }

  /** Every declaration problem at once, before anything starts (for the environment's validation). */
  validate(): ConfigIssue[] {
    const at = `service "${this.name}"`;
    const issues: ConfigIssue[] = [];
    const declared = `declared: ${this.portNames.length ? this.portNames.join(', ') : 'none'}`;
    if (this.healthCheck && !this.portNames.includes(this.healthCheck.port)) {
      issues.push({ path: `${at}.healthCheck.port`, message: `names port "${this.healthCheck.port}", which is not declared (${declared}).`, fix: `Add it with .withPorts('${this.healthCheck.port}').` });
    }
    for (const m of this.metricsPaths) {
      if (!this.portNames.includes(m.port)) {
        issues.push({ path: `${at}.metrics.port`, message: `names port "${m.port}", which is not declared (${declared}).`, fix: `Add it with .withPorts('${m.port}').` });
      }
    }
    if (!(this.startupTimeoutMs > 0)) {
      issues.push({ path: `${at}.startupTimeoutMs`, message: `is ${this.startupTimeoutMs}; it must be > 0.`, fix: 'Use e.g. .withStartupTimeout(30_000).' });
    }
    if (this.deps.includes(this.name)) {
      issues.push({ path: `${at}.dependsOn`, message: 'names the service itself.', fix: 'Remove it from .dependsOn().' });
    }
    return issues;
  }

  start(ctx: StartContext): Promise<StartedService> {
    const issues = this.validate();
    if (issues.length) return Promise.reject(new InvalidConfigError(issues));
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedService>;
  }
}

const httpUrl = (e: Endpoint): string => new URL(`http://${e.host}:${e.port}`).origin;

async function resolveCommand(s: Service): Promise<string> {
  const cmd = s.argv[0]!;
  if (cmd.includes('/')) return path.resolve(s.cwd ?? process.cwd(), cmd);
  try {
    return await resolveBinary(cmd);
  } catch (e) {
    if (!(e instanceof MissingBinaryError)) throw e;
    throw new EnvironmentStartError(`Service "${s.name}": the command "${cmd}" was not found on PATH.`, {
      fix: 'Install it, or give an absolute path (e.g. process.execPath for node).',
    });
  }
}

function readinessFor(s: Service, endpoints: Record<string, Endpoint>): WaitStrategy | undefined {
  const check = s.healthCheck ?? (s.portNames[0] ? { port: s.portNames[0] } : undefined);
  if (!check) return undefined;
  const e = endpoints[check.port];
  if (!e) {
    throw new EnvironmentStartError(`Service "${s.name}": the health check names port "${check.port}", which it does not declare.`, {
      fix: `Declare it: .withPorts('${check.port}').`,
    });
  }
  return check.path
    ? Wait.forHttp(`${httpUrl(e)}${check.path.startsWith('/') ? '' : '/'}${check.path}`, { status: check.status ?? 200 })
    : Wait.forTcp(e);
}

/** No health check and no ports: ready as soon as it runs. */
const immediately: WaitStrategy = { condition: 'the process runs', waitUntil: async () => undefined };

/** Local (and containers) runtime: the service runs as a host process. */
export async function startServiceProcess(s: Service, ctx: StartContext): Promise<StartedService> {
  const endpoints: Record<string, Endpoint> = {};
  for (const n of s.portNames) {
    const port = ctx.ports[n];
    if (port === undefined) {
      throw new EnvironmentStartError(`Service "${s.name}": no port was allocated for "${n}".`, {
        fix: 'Start it through startEnvironment (it allocates every declared port), or pass ports in the StartContext.',
      });
    }
    endpoints[n] = { host: LOOPBACK, port };
  }
  const userEnv: Record<string, string> = {};
  for (const e of s.env) {
    let values: Readonly<Record<string, string | undefined>>;
    try {
      values = typeof e === 'function' ? e({ deps: ctx.deps, ports: ctx.ports, name: s.name }) : e;
    } catch (err) {
      throw new EnvironmentStartError(
        `Service "${s.name}": its withEnv function failed: ${(err as Error).message} ` +
          `(deps given: ${Object.keys(ctx.deps).join(', ') || 'none'}; ports: ${Object.keys(ctx.ports).join(', ') || 'none'}).`,
        { fix: 'Declare every dependency it reads with .dependsOn(...) and every port with .withPorts(...).', cause: err },
      );
    }
    for (const [k, v] of Object.entries(values)) if (v !== undefined) userEnv[k] = v;
  }
  const command = await resolveCommand(s);
  const logFile = path.join(ctx.owner.logDir, `${s.name}.log`);
  const wait = readinessFor(s, endpoints) ?? immediately;
  const proc = await ManagedProcess.start(
    {
      spawn: {
        name: s.name,
        command,
        args: s.argv.slice(1),
        logFile,
        cwd: s.cwd ?? process.cwd(),
        env: { ...process.env, ...userEnv },
      },
      readiness: () => wait,
      stopSignal: s.stopSignal,
      stopTimeoutMs: 5000,
      restartTimeoutMs: s.startupTimeoutMs,
    },
    Math.min(ctx.deadline, Date.now() + s.startupTimeoutMs),
  );
  ctx.owner.defer(`stop ${s.name}`, () => proc.stop());
  const main = endpoints[s.portNames[0] ?? ''] ?? { host: LOOPBACK, port: 0 };
  return new LocalServerHandle({
    name: s.name,
    kind: s.kind,
    runtime: ctx.runtime,
    version: s.version,
    endpoint: main,
    endpoints,
    url: httpUrl,
    process: proc,
    metrics: s.metricsPaths.map((m) => ({ endpoint: endpoints[m.port]!, path: m.path })).filter((m) => m.endpoint),
  });
}

/** External runtime: nothing starts; the URL comes from the given endpoints. */
export async function startServiceExternal(s: Service, ctx: StartContext): Promise<StartedService> {
  const given = ctx.external?.[s.name];
  if (!given?.url) {
    throw new EnvironmentStartError(`Service "${s.name}": the external runtime was given no URL for it.`, {
      fix: `Add { "${s.name}": { "url": "http://host:port" } } to the external endpoints.`,
    });
  }
  const u = new URL(given.url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const endpoint: Endpoint = { host: u.hostname, port };
  const runtime: RuntimeKind = ctx.runtime;
  const base = u.origin;
  return {
    name: s.name,
    kind: s.kind,
    runtime,
    version: s.version,
    endpoint,
    endpoints: { [s.portNames[0] ?? 'main']: endpoint },
    url: base,
    urlFor: (e: Endpoint = endpoint) => (e === endpoint ? base : new URL(`${u.protocol}//${e.host}:${e.port}`).origin),
    note: 'external (not started by archtdd)',
    stop: async () => undefined,
  };
}

registerDriver(SERVICE_KIND, 'local', startServiceProcess);
registerDriver(SERVICE_KIND, 'containers', startServiceProcess);
registerDriver(SERVICE_KIND, 'external', startServiceExternal);
