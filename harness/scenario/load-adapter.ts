/**
 * The load engine's result as the SLO layer reads it (LoadResult -> LoadOutcome).
 */
import { toLoadSummary, toSeriesRecords, trendStat, type LoadResult } from '../load/index.js';
import type { LoadOutcome } from './view.js';

export function loadOutcome(result: LoadResult): LoadOutcome {
  return {
    value(metric, aggregation) {
      const m = result.metrics[metric];
      if (!m) return null;
      const v = m.values;
      switch (m.type) {
        case 'trend':
          return v.count ? trendStat(result, metric, aggregation) : null;
        case 'rate':
          return (v.passes ?? 0) + (v.fails ?? 0) > 0 ? (v.rate ?? null) : null;
        case 'counter':
          return aggregation === 'rate' ? (v.rate ?? null) : (v.count ?? null);
        case 'gauge':
          return v.value ?? null;
      }
      return null;
    },
    samples(metric) {
      const m = result.metrics[metric];
      if (!m) return 0;
      if (m.type === 'rate') return (m.values.passes ?? 0) + (m.values.fails ?? 0);
      return m.values.count ?? 0;
    },
    summary: toLoadSummary(result),
    series: toSeriesRecords(result),
    window: { start: result.startedAt, end: result.finishedAt, phase: 'run' },
  };
}
