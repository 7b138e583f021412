/**
 * Kafka brokers advertise their real host:port in Metadata, so a proxy in front of the bootstrap
 * alone is bypassed. Each broker gets its own proxy; this kafkajs `socketFactory` sends every
 * connection for an advertised address to that broker's proxy instead.
 *
 * The map is { "advertised host:port": "proxy host:port" }; a service in another process gets it
 * as an env string "h:p=h:p,h:p=h:p" (formatBrokerMap / parseBrokerMap).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

export type BrokerMap = Record<string, string>;

export const KAFKA_BROKER_MAP_ENV = 'ARCHTDD_KAFKA_BROKER_MAP';

export function parseBrokerMap(text: string): BrokerMap {
  const map: BrokerMap = {};
  for (const pair of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [from, to, extra] = pair.split('=');
    if (!from || !to || extra !== undefined || !/^.+:\d+$/.test(from) || !/^.+:\d+$/.test(to)) {
      throw new Error(`Broker map entry "${pair}" is not "host:port=host:port" (in "${text}").`);
    }
    map[from.trim()] = to.trim();
  }
  return map;
}

export function formatBrokerMap(map: BrokerMap): string {
  return Object.entries(map)
    .map(([a, b]) => `${a}=${b}`)
    .join(',');
}

/** A kafkajs socketFactory that rewrites advertised addresses through `map` (unmapped ones connect directly). */
export function proxiedSocketFactory(map: BrokerMap | string): ISocketFactory {
  const m = typeof map === 'string' ? parseBrokerMap(map) : map;
  return ({ host, port, ssl, onConnect }) => {
    const target = m[`${host}:${port}`];
    const [h, p] = target ? [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))] : [host, port];
    const socket = ssl
      ? tls.connect(Object.assign({ host: h, port: p, servername: host }, ssl), onConnect)
      : net.connect({ host: h, port: p }, onConnect);
    socket.setKeepAlive(true, 60_000);
    return socket;
  };
}
