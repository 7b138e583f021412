/** Broker address helpers shared by every Kafka driver. */
import { endpointString, type Endpoint } from '../../harness/runtime/types.js';

/** Parses "h:p,h:p" into endpoints. */
export function parseBrokerList(list: string): Endpoint[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const i = s.lastIndexOf(':');
      const port = Number(s.slice(i + 1));
      if (i < 1 || !Number.isInteger(port) || port <= 0) throw new Error(`Not a broker address "host:port": "${s}"`);
      return { host: s.slice(0, i), port };
    });
}

/** { brokers, brokerMap } for dependents that reach the brokers through rewritten (proxied) addresses. */
export function brokerExtra(brokers: readonly Endpoint[], rewrite: (e: Endpoint) => Endpoint): Record<string, string> {
  const rewritten = brokers.map(rewrite);
  return {
    brokers: rewritten.map(endpointString).join(','),
    brokerMap: brokers.map((b, i) => `${endpointString(b)}=${endpointString(rewritten[i]!)}`).join(','),
  };
}
