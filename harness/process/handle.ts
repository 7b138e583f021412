/**
 * The Started handle of a server run as a local process. Server modules fill in the
 * connection facts; the handle carries the ProcessControl and is stopped by its owner.
 */
import { ServerHandleBase, type ServerHandleOptions } from '../runtime/handle-base.js';
import type { RuntimeKind } from '../runtime/types.js';
import type { ManagedProcess } from './managed.js';

export interface LocalHandleOptions extends ServerHandleOptions {
  process: ManagedProcess;
  /** Private data dir (removed by the owner). */
  dataDir?: string;
  runtime?: RuntimeKind;
}

export class LocalServerHandle extends ServerHandleBase {
  readonly runtime: RuntimeKind;
  readonly process: ManagedProcess;
  readonly logFile: string;
  readonly dataDir: string | undefined;

  constructor(o: LocalHandleOptions) {
    super(o);
    this.runtime = o.runtime ?? 'local';
    this.process = o.process;
    this.logFile = o.process.logFile;
    this.dataDir = o.dataDir;
  }

  /** Graceful stop; idempotent. */
  stop(): Promise<void> {
    return this.process.stop();
  }
}
