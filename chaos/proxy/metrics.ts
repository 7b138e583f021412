/**
 * GET /metrics: Prometheus text from a private prom-client Registry. Byte counters use
 * Toxiproxy's names and labels (toxiproxy_proxy_received_bytes_total / _sent_bytes_total with
 * direction, proxy, listener, upstream); connections and active toxics are additions.
 * Values are read from the proxies at scrape time, so the data path does no metric work.
 */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Proxy } from './proxy.js';

export function createMetrics(proxies: () => Iterable<Proxy>): Registry {
  const registry = new Registry();
  const byteLabels = ['direction', 'proxy', 'listener', 'upstream'] as const;
  const bytesCounter = (name: string, help: string, pick: (p: Proxy) => Record<'upstream' | 'downstream', number>) =>
    new Counter({
      name,
      help,
      labelNames: byteLabels,
      registers: [registry],
      collect() {
        this.reset();
        for (const p of proxies()) {
          const v = pick(p);
          for (const direction of ['upstream', 'downstream'] as const) {
            this.inc({ direction, proxy: p.name, listener: p.listen, upstream: p.upstream }, v[direction]);
          }
        }
      },
    });
  bytesCounter('toxiproxy_proxy_received_bytes_total', 'Bytes read from the source of each direction (upstream: from clients).', (p) => p.stats.received);
  bytesCounter('toxiproxy_proxy_sent_bytes_total', 'Bytes written to the destination of each direction (downstream: to clients).', (p) => p.stats.sent);
  new Counter({
    name: 'toxiproxy_proxy_connections_total',
    help: 'Client connections accepted.',
    labelNames: ['proxy'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of proxies()) this.inc({ proxy: p.name }, p.stats.connectionsTotal);
    },
  });
  const gauge = (name: string, help: string, value: (p: Proxy) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['proxy'],
      registers: [registry],
      collect() {
        this.reset();
        for (const p of proxies()) this.set({ proxy: p.name }, value(p));
      },
    });
  gauge('toxiproxy_proxy_connections_active', 'Client connections open now.', (p) => p.activeConnections);
  gauge('toxiproxy_proxy_toxics_active', 'Toxics configured on the proxy.', (p) => p.toxics.count);
  gauge('toxiproxy_proxy_enabled', '1 when the proxy accepts connections, 0 when it is down.', (p) => (p.enabled ? 1 : 0));
  return registry;
}
