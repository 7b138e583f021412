// Worker thread entry: TypeScript through tsx (as bin/archtdd.mjs), then the worker's main.
import { register } from 'tsx/esm/api';
register();
await import('./worker-main.ts');
