import { sloSuite } from '../harness/vitest/index.js';
import { catalogEdgeFailure } from './catalog-edge-failure.scenario.js';

sloSuite(catalogEdgeFailure);
