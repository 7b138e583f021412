/** Run profiles: "quick" (CI, local reruns) and "full" (baselines). Chosen with ARCHTDD_PROFILE. */
import { parseDuration } from '../load/duration.js';
import type { PhaseDuration } from './define.js';

export type Profile = 'quick' | 'full';

export function currentProfile(): Profile {
  return process.env.ARCHTDD_PROFILE === 'full' ? 'full' : 'quick';
}

export function phaseDurationMs(d: PhaseDuration, profile: Profile): number | undefined {
  if (typeof d === 'object' && d !== null) return parseDuration(d[profile]);
  return parseDuration(d);
}
