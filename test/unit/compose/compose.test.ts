/**
 * docker-compose.yml, prometheus/ and grafana/ as checked in: the stack parses, every image is
 * pinned (no latest, no untagged), every published port binds 127.0.0.1, the pinned images the
 * containers runtime reads are there, and the Reliability Cockpit is valid JSON whose every
 * query parses as PromQL (lezer-promql: a tree without error nodes).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { pinnedImagesFrom } from '../../../harness/runtime/containers/images.js';
import { loadExternalConfigFile } from '../../../harness/runtime/external/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, { image?: string; ports?: (string | { host_ip?: string })[]; volumes?: string[] }>;
};
const services = Object.entries(compose.services);

/** Error nodes of a PromQL parse, as "<from>: <text>" (empty = valid). */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`${node.from}: ${JSON.stringify(expr.slice(node.from, node.to + 1))}`);
    },
  });
  return errors;
}

describe('docker-compose.yml', () => {
  it('has the seeds’ topology', () => {
    const names = Object.keys(compose.services);
    for (const s of ['redis', 'postgres', 'mariadb', 'kafka-1', 'kafka-2', 'kafka-3', 'prometheus', 'toxiproxy', 'grafana', 'catalog']) {
      expect(names, `service ${s}`).toContain(s);
    }
  });

  it.each(services)('%s: image is pinned to a tag (not latest)', (_name, svc) => {
    expect(svc.image).toMatch(/^[a-z0-9./-]+(:[0-9][\w.-]*|:v[\w.-]+|@sha256:[0-9a-f]{64})$/);
    expect(svc.image).not.toMatch(/:latest$/);
  });

  it.each(services.filter(([, s]) => s.ports?.length))('%s: every published port binds 127.0.0.1', (_name, svc) => {
    for (const p of svc.ports!) {
      if (typeof p === 'string') expect(p).toMatch(/^127\.0\.0\.1:\d+(-\d+)?:\d+(-\d+)?(\/(tcp|udp))?$/);
      else expect(p.host_ip).toBe('127.0.0.1');
    }
  });

  it('pins the image of every server the containers runtime starts, once', () => {
    const images = pinnedImagesFrom(composeText);
    expect(Object.keys(images).sort()).toEqual(['kafka', 'mariadb', 'postgres', 'prometheus', 'redis', 'toxiproxy']);
    expect(images.redis).toBe(compose.services.redis!.image);
  });

  it('mounts only files that exist in the checkout', () => {
    for (const [, svc] of services) {
      for (const v of svc.volumes ?? []) {
        const src = v.split(':')[0]!;
        if (src.startsWith('./') && src !== './') expect(() => readFileSync(path.join(root, src))).not.toThrow(/ENOENT/);
      }
    }
  });
});

describe('pinnedImagesFrom', () => {
  it('reads list-form labels and rejects a labelled service without an image', () => {
    expect(pinnedImagesFrom('services:\n  r:\n    image: x/redis:1\n    labels: ["archtdd.image-for=redis"]\n')).toEqual({ redis: 'x/redis:1' });
    expect(() => pinnedImagesFrom('services:\n  r:\n    labels: { archtdd.image-for: redis }\n')).toThrow(/service "r" .* has no image/);
  });
});

describe('the Reliability Cockpit dashboard', () => {
  const dashboards = readdirSync(path.join(root, 'grafana/dashboards')).filter((f) => f.endsWith('.json'));
  const cockpit = JSON.parse(readFileSync(path.join(root, 'grafana/dashboards/reliability-cockpit.json'), 'utf8')) as {
    title: string;
    uid: string;
    panels: { title: string; targets: { expr: string }[] }[];
  };
  const queries = cockpit.panels.flatMap((p) => p.targets.map((t) => [p.title, t.expr] as const));

  it('is valid JSON with the SLI panels', () => {
    expect(dashboards).toContain('reliability-cockpit.json');
    expect(cockpit.title).toBe('Reliability Cockpit');
    const titles = cockpit.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const sli of ['consumer lag', 'error ratio', 'latency percentiles', 'probe durations', 'memory']) expect(titles).toContain(sli);
    expect(queries.length).toBeGreaterThan(5);
  });

  it.each(queries)('%s: %s parses as PromQL', (_panel, expr) => {
    expect(promqlErrors(expr)).toEqual([]);
  });

  it('the PromQL check catches a broken query (so the per-query checks can fail)', () => {
    expect(promqlErrors('sum(rate(http_requests_total[1m])')).not.toEqual([]);
    expect(promqlErrors('rate(http_requests_total[1m]) /')).not.toEqual([]);
  });

  it('is provisioned from the folder the compose file mounts, with the datasource uid it uses', () => {
    const provider = parse(readFileSync(path.join(root, 'grafana/provisioning/dashboards/archtdd.yaml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    expect(compose.services.grafana!.volumes).toContain('./grafana/dashboards:/var/lib/grafana/dashboards:ro');
    const ds = parse(readFileSync(path.join(root, 'grafana/provisioning/datasources/prometheus.yaml'), 'utf8')) as {
      datasources: { uid: string }[];
    };
    expect(readFileSync(path.join(root, 'grafana/dashboards/reliability-cockpit.json'), 'utf8')).toContain(`"uid": "${ds.datasources[0]!.uid}"`);
  });
});

describe('prometheus/prometheus.yml for the stack', () => {
  it('parses and scrapes the catalog every second', () => {
    const cfg = parse(readFileSync(path.join(root, 'prometheus/prometheus.yml'), 'utf8')) as {
      global: { scrape_interval: string };
      scrape_configs: { job_name: string }[];
    };
    expect(cfg.global.scrape_interval).toBe('1s');
    expect(cfg.scrape_configs.map((s) => s.job_name)).toContain('catalog');
  });
});

describe('archtdd.external.example.yaml', () => {
  it('is a valid external config naming the stack’s endpoints on 127.0.0.1', async () => {
    const cfg = await loadExternalConfigFile(path.join(root, 'archtdd.external.example.yaml'));
    expect(Object.keys(cfg.endpoints).sort()).toEqual(['catalog', 'kafka', 'mariadb', 'postgres', 'prometheus', 'redis']);
    for (const e of Object.values(cfg.endpoints)) {
      const where = e.url ? new URL(e.url).hostname : e.brokers!;
      expect(where).toMatch(/^127\.0\.0\.1/);
    }
    expect(cfg.toxiproxy?.url).toBe('http://127.0.0.1:8474');
  });
});
