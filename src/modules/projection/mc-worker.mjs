// Worker-thread bootstrap: Node 20 does not carry the parent's tsx loader into workers, so each worker
// registers tsx itself (as bin/warroom.mjs does) before loading the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./mc-worker.ts');
