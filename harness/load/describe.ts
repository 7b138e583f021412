/** One human line per scenario, as k6 prints it (validates first). */
import { planLoad } from './plan.js';
import type { ScenarioConfig } from './types.js';

export function describeScenario(s: ScenarioConfig): string {
  const exec = s.exec ?? (async () => {});
  return planLoad({ ...s, exec }).scenarios[0]!.description;
}
