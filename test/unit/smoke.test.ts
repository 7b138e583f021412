import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../harness/errors.js';

describe('errors', () => {
  it('InvalidConfigError lists every issue with its path and fix', () => {
    const e = new InvalidConfigError([
      { path: 'slo "a".objective', message: 'bad.', fix: 'do x.' },
      { path: 'slo "b".sli', message: 'worse.' },
    ]);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('2 configuration problems');
    expect(e.message).toContain('slo "a".objective: bad. Fix: do x.');
  });
});
