/** The external runtime's config: validation names each bad field; env maps onto component names and wins. */
import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../../harness/errors.js';
import {
  externalConfigFromEnv,
  externalEndpoints,
  mergeExternalConfigs,
  parseExternalConfig,
} from '../../../harness/runtime/external/config.js';

function issuesOf(doc: unknown): string[] {
  try {
    parseExternalConfig(doc, 'f.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidConfigError);
    return (e as InvalidConfigError).issues.map((i) => `${i.path} ${i.message}`);
  }
  return [];
}

describe('parseExternalConfig', () => {
  it('accepts url, host+port and brokers endpoints', () => {
    const cfg = parseExternalConfig({
      endpoints: {
        redis: { url: 'redis://127.0.0.1:6379' },
        pg: { host: 'db', port: 5432 },
        kafka: { brokers: '127.0.0.1:1,127.0.0.1:2' },
      },
      links: { 'catalog->redis': { proxy: 'catalog->redis' } },
    });
    expect(Object.keys(externalEndpoints(cfg))).toEqual(['redis', 'pg', 'kafka']);
  });

  it.each([
    [{ endpoints: { redis: { url: 'not a url' } } }, 'f.yaml: endpoints.redis.url is not a URL'],
    [{ endpoints: { redis: { host: 'h', port: 70000 } } }, 'f.yaml: endpoints.redis.port Number must be less than or equal to 65535'],
    [{ endpoints: { redis: {} } }, 'f.yaml: endpoints.redis needs a url, a host and a port, or (Kafka) brokers'],
    [{ endpoints: { kafka: { brokers: 'a,b' } } }, 'f.yaml: endpoints.kafka.brokers is not a broker list'],
    [{ endpoints: { redis: { url: 'redis://h:1', pasword: 'x' } } }, 'f.yaml: endpoints.redis has unknown field(s) "pasword"'],
    [{ endpoints: {}, links: { catalog: { proxy: 'p' } } }, 'f.yaml: links.catalog is not a dependency edge'],
    [{}, 'f.yaml: endpoints Required'],
  ])('%j -> %s', (doc, expected) => {
    expect(issuesOf(doc).join('\n')).toContain(expected);
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ endpoints: { a: { url: 'x' }, b: { port: 0, host: 'h' } } })).toHaveLength(2);
  });
});

describe('externalConfigFromEnv (env only, no process env read)', () => {
  it('maps ARCHTDD_EXTERNAL_<NAME>_<FIELD> onto the given component names and reads the Toxiproxy URL', () => {
    const cfg = externalConfigFromEnv(
      {
        ARCHTDD_EXTERNAL_CATALOG_API_URL: 'http://127.0.0.1:8080',
        ARCHTDD_EXTERNAL_PG_HOST: '127.0.0.1',
        ARCHTDD_EXTERNAL_PG_PORT: '5432',
        ARCHTDD_EXTERNAL_CONFIG: '/ignored.yaml',
        TOXIPROXY_URL: 'http://127.0.0.1:8474',
      },
      ['catalog-api'],
    );
    expect(cfg.endpoints).toEqual({ 'catalog-api': { url: 'http://127.0.0.1:8080' }, pg: { host: '127.0.0.1', port: 5432 } });
    expect(cfg.toxiproxy).toEqual({ url: 'http://127.0.0.1:8474' });
  });

  it('names the env source when a value is bad', () => {
    expect(() => externalConfigFromEnv({ ARCHTDD_EXTERNAL_REDIS_URL: 'nope' })).toThrow(/env ARCHTDD_EXTERNAL_\*: endpoints\.redis\.url/);
  });

  it('env wins over the file field by field', () => {
    const file = parseExternalConfig({ endpoints: { redis: { url: 'redis://a:1', version: '7.0' } } });
    const env = parseExternalConfig({ endpoints: { redis: { url: 'redis://b:2' } } });
    expect(mergeExternalConfigs(file, env).endpoints.redis).toEqual({ url: 'redis://b:2', version: '7.0' });
  });
});
