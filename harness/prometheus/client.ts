/**
 * Prometheus HTTP API client (instant and range queries), with timeouts and typed errors.
 * Hand-written over fetch: the API is three GET endpoints; no maintained Node client fits better.
 */
import { PrometheusQueryError } from '../errors.js';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}
export interface RangeSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

export class PrometheusClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async get<T>(path: string, params: Record<string, string>): Promise<T> {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new PrometheusQueryError(`Prometheus at ${this.baseUrl} did not answer ${path}: ${(e as Error).message}`, {
        fix: 'Check that the run’s Prometheus is up (its log is in the run folder).',
        cause: e,
      });
    }
    const body = (await res.json().catch(() => undefined)) as ApiResponse<T> | undefined;
    if (!body || body.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus rejected ${params.query ?? path}: ${body?.errorType ?? res.status} ${body?.error ?? ''}`.trim(),
        { fix: 'Check the PromQL (it parsed locally, so look at metric names, label matchers and ranges).' },
      );
    }
    return body.data;
  }

  /** Instant query at `time` (epoch ms). */
  async query(query: string, time?: number): Promise<Sample[]> {
    const params: Record<string, string> = { query };
    if (time !== undefined) params.time = (time / 1000).toFixed(3);
    const data = await this.get<{ resultType: string; result: unknown }>('/api/v1/query', params);
    if (data.resultType === 'scalar') {
      const [, v] = data.result as [number, string];
      return [{ labels: {}, value: Number(v) }];
    }
    if (data.resultType !== 'vector') {
      throw new PrometheusQueryError(`Query "${query}" returned a ${data.resultType}, not an instant vector or scalar.`, {
        fix: 'An SLI must evaluate to a single number: wrap range selectors in a function such as rate() or avg_over_time().',
      });
    }
    return (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
      labels: r.metric,
      value: Number(r.value[1]),
    }));
  }

  /** Range query between start and end (epoch ms), step in seconds. */
  async queryRange(query: string, start: number, end: number, stepSeconds: number): Promise<RangeSeries[]> {
    const data = await this.get<{ resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }>(
      '/api/v1/query_range',
      { query, start: (start / 1000).toFixed(3), end: (end / 1000).toFixed(3), step: String(stepSeconds) },
    );
    return data.result.map((r) => ({
      labels: r.metric,
      points: r.values.map(([t, v]) => [Math.round(t * 1000), Number(v)] as [number, number]),
    }));
  }

  async buildVersion(): Promise<string> {
    const d = await this.get<{ version: string }>('/api/v1/status/buildinfo', {});
    return d.version;
  }

  /** Poll until the query returns at least one sample, or throw at the deadline. */
  async waitForSample(query: string, deadline: number, pollMs = 250): Promise<Sample[]> {
    let last: unknown;
    for (;;) {
      try {
        const r = await this.query(query);
        if (r.length > 0) return r;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline) {
        throw new PrometheusQueryError(
          `Prometheus at ${this.baseUrl} returned no sample for "${query}" before the deadline` +
            (last ? ` (last error: ${(last as Error).message})` : ''),
          { fix: 'Check that the target is scraped: its metrics endpoint must answer and be in the scrape config.' },
        );
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
