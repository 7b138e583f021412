/**
 * k6's built-in metrics that this engine emits, with k6's types. `iteration_failed` is an
 * archtdd addition (k6 has none): a Rate of iterations whose target threw.
 * `http_req_duration` and `iteration_duration` are measured from the iteration's INTENDED
 * start in the open model (coordinated-omission safe); `http_req_waiting` is the time from
 * sending the request to the response headers (no queueing).
 */
import type { MetricDeclaration } from './declarations.js';

const d = (name: string, type: MetricDeclaration['type'], isTime = false): MetricDeclaration => ({ name, type, isTime });

export const BUILTIN_METRICS: readonly MetricDeclaration[] = [
  d('http_reqs', 'counter'),
  d('http_req_duration', 'trend', true),
  d('http_req_waiting', 'trend', true),
  d('http_req_failed', 'rate'),
  d('iterations', 'counter'),
  d('iteration_duration', 'trend', true),
  d('iteration_failed', 'rate'),
  d('dropped_iterations', 'counter'),
  d('vus', 'gauge'),
  d('vus_max', 'gauge'),
];
