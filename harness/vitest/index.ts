export { sloSuite, currentRun } from './suite.js';
