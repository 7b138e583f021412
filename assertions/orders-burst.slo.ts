import { sloSuite } from '../harness/vitest/index.js';
import { ordersBurst } from './orders-burst.scenario.js';

sloSuite(ordersBurst);
