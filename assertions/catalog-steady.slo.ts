import { sloSuite } from '../harness/vitest/index.js';
import { catalogSteady } from './catalog-steady.scenario.js';

sloSuite(catalogSteady);
