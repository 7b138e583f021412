import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../harness/load/duration.js';

describe('Go durations as k6 writes them', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['250us', 0.25],
    [1500, 1500],
    ['1500', 1500],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', 'soon', '10 s', '5x'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [20_000, '20s'],
    [90_000, '1m30s'],
    [600_000, '10m0s'],
    [3_600_000, '1h0m0s'],
    [1500, '1.5s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
