/** Field checks shared by executors: each failed check adds one sentence with its path and fix. */
import type { ConfigIssue } from '../../errors.js';
import { formatDuration, parseDuration } from '../duration.js';

export class Fields {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly path: string,
    readonly issues: ConfigIssue[],
  ) {}

  problem(field: string, message: string, fix: string): void {
    this.issues.push({ path: `${this.path}.${field}`, message, fix });
  }

  has(field: string): boolean {
    return this.raw[field] !== undefined;
  }

  /** An integer field; `undefined` when missing (then `required` decides) or invalid. */
  int(field: string, opts: { required?: string; min?: number; def?: number; what?: string }): number {
    const v = this.raw[field];
    const what = opts.what ?? field;
    if (v === undefined) {
      if (opts.required) this.problem(field, `${opts.required}.`, `Set ${field} to a whole number, e.g. ${field}: 10.`);
      return opts.def ?? 0;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.problem(field, `the ${what} must be a whole number, but is ${JSON.stringify(v)}.`, `Write ${field} as an integer.`);
      return opts.def ?? 0;
    }
    if (opts.min !== undefined && v < opts.min) {
      this.problem(
        field,
        opts.min === 0 ? `the ${what} shouldn't be negative, but is ${v}.` : `the ${what} should be more than ${opts.min - 1}, but is ${v}.`,
        `Set ${field} to ${opts.min} or more.`,
      );
    }
    return v;
  }

  /** A number field that may be fractional (rates). */
  number(field: string, opts: { required?: string; moreThan?: number; def?: number; what?: string }): number {
    const v = this.raw[field];
    const what = opts.what ?? field;
    if (v === undefined) {
      if (opts.required) this.problem(field, `${opts.required}.`, `Set ${field}, e.g. ${field}: 100.`);
      return opts.def ?? 0;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.problem(field, `the ${what} must be a number, but is ${JSON.stringify(v)}.`, `Write ${field} as a number.`);
      return opts.def ?? 0;
    }
    if (opts.moreThan !== undefined && v <= opts.moreThan) {
      this.problem(field, `the ${what} should be more than ${opts.moreThan}, but is ${v}.`, `Set ${field} above ${opts.moreThan}.`);
    }
    return v;
  }

  /** A Go duration ("30s", "1m30s") or milliseconds. */
  duration(field: string, opts: { required?: string; min?: number; def?: number; positive?: boolean }): number {
    const v = this.raw[field];
    if (v === undefined) {
      if (opts.required) this.problem(field, `${opts.required}.`, `Set ${field} to a duration, e.g. ${field}: '30s'.`);
      return opts.def ?? 0;
    }
    const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : undefined;
    if (ms === undefined) {
      this.problem(field, `${JSON.stringify(v)} is not a duration.`, `Write it as k6 does, e.g. '500ms', '30s', '1m30s', or a number of milliseconds.`);
      return opts.def ?? 0;
    }
    if (opts.positive && ms <= 0) {
      this.problem(field, `the ${field} should be more than 0, but is ${formatDuration(ms)}.`, `Set ${field} to a positive duration, e.g. '1s'.`);
    } else if (opts.min !== undefined && ms < opts.min) {
      this.problem(
        field,
        opts.min === 0
          ? `the ${field} can't be negative, but is ${formatDuration(ms)}.`
          : `the ${field} should be at least ${formatDuration(opts.min)}, but is ${formatDuration(ms)}.`,
        `Set ${field} to ${formatDuration(opts.min)} or more.`,
      );
    }
    return ms;
  }

  /** k6 stages: [{ duration, target }] with at least one entry. */
  /** The arrival-rate executors' VU pool: preAllocatedVUs (required) and maxVUs (default: preAllocatedVUs, never less). */
  vuPool(): { preAllocatedVUs: number; maxVUs: number } {
    const preAllocatedVUs = this.int('preAllocatedVUs', {
      required: "the number of preAllocatedVUs isn't specified",
      min: 0,
      what: 'number of preAllocatedVUs',
    });
    const maxVUs = this.int('maxVUs', { min: 0, def: preAllocatedVUs, what: 'number of maxVUs' });
    if (this.has('maxVUs') && maxVUs < preAllocatedVUs) {
      this.problem('maxVUs', `maxVUs (${maxVUs}) shouldn't be less than preAllocatedVUs (${preAllocatedVUs}).`, 'Raise maxVUs or lower preAllocatedVUs.');
    }
    return { preAllocatedVUs, maxVUs };
  }

  stages(field = 'stages'): Array<{ durationMs: number; target: number }> {
    const v = this.raw[field];
    if (!Array.isArray(v) || v.length === 0) {
      this.problem(field, 'at least one stage has to be specified.', `Add ${field}: [{ duration: '30s', target: 100 }].`);
      return [];
    }
    return v.map((s: unknown, i) => {
      const stage = (s ?? {}) as Record<string, unknown>;
      const f = new Fields(stage, `${this.path}.${field}[${i}]`, this.issues);
      const target = f.number('target', { required: `stage ${i} doesn't have a target`, what: `target for stage ${i}` });
      if (typeof stage.target === 'number' && stage.target < 0) {
        f.problem('target', `the target for stage ${i} shouldn't be negative, but is ${stage.target}.`, 'Use 0 or more.');
      }
      const durationMs = f.duration('duration', { required: `stage ${i} doesn't have a duration`, min: 0 });
      return { durationMs, target };
    });
  }

  /** Unknown keys are mistakes (k6 unmarshals strictly). */
  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.raw)) {
      if (!known.includes(key)) {
        this.problem(key, `"${key}" is not a field of this executor.`, `Remove it, or use one of: ${known.join(', ')}.`);
      }
    }
  }
}

export const BASE_FIELDS = ['executor', 'name', 'exec', 'startTime', 'gracefulStop', 'tags'] as const;

/** k6's " (startTime: 10s, maxVUs: 5-50, gracefulStop: 30s)" suffix. */
export function baseInfo(c: { startTimeMs: number; gracefulStopMs: number }, ...facts: string[]): string {
  const parts: string[] = [];
  if (c.startTimeMs > 0) parts.push(`startTime: ${formatDuration(c.startTimeMs)}`);
  parts.push(...facts, `gracefulStop: ${formatDuration(c.gracefulStopMs)}`);
  return ` (${parts.join(', ')})`;
}

/** k6 scales VUs across execution segments: worker `index` of `count` gets its share (sum = n). */
export function share(n: number, index: number, count: number): number {
  return Math.floor(((index + 1) * n) / count) - Math.floor((index * n) / count);
}
