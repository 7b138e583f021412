/** The Started handle of a server in a container: connection facts, ProcessControl, removal. */
import { ServerHandleBase, type ServerHandleOptions } from '../handle-base.js';
import type { ContainerProcessControl } from './control.js';

export interface ContainerHandleOptions extends ServerHandleOptions {
  control: ContainerProcessControl;
  /** Stops and removes the container (idempotent). */
  remove: () => Promise<void>;
  logFile: string;
  image: string;
}

export class ContainerServerHandle extends ServerHandleBase {
  readonly runtime = 'containers' as const;
  readonly process: ContainerProcessControl;
  readonly logFile: string;
  /** The image it runs, e.g. docker.io/library/redis:7.0. */
  readonly image: string;
  private readonly removeFn: () => Promise<void>;

  constructor(o: ContainerHandleOptions) {
    super(o);
    this.process = o.control;
    this.logFile = o.logFile;
    this.image = o.image;
    this.removeFn = o.remove;
  }

  /** The container id. */
  get containerId(): string {
    return this.process.id;
  }

  /** Stops and removes the container; idempotent. */
  stop(): Promise<void> {
    return this.removeFn();
  }
}
