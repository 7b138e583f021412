/**
 * Durations as k6 writes them (Go's time.Duration): "30s", "1m30s", "500ms", "1h", "250us".
 * A bare number is milliseconds. Formatting follows Go's Duration.String(), so
 * describe() lines read exactly like k6's ("1m30s", "500ms", "0s").
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;

export type DurationInput = string | number;

/** Milliseconds, or undefined when the text is not a Go duration. */
export function parseDuration(input: DurationInput): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const text = input.trim();
  if (text === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  let total = 0;
  PART.lastIndex = 0;
  let consumed = 0;
  while (consumed < body.length) {
    PART.lastIndex = consumed;
    const m = PART.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = PART.lastIndex;
  }
  return negative ? -total : total;
}

/** Go's Duration.String() for a value in milliseconds. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1) return `${sign}${trim(rest * 1000)}µs`;
  if (rest < 1000) return `${sign}${trim(rest)}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = trim(rest / 1000);
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(6)));
}
