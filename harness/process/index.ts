/** The local-process machinery: spawn with pdeathsig, manage, record pids, reap leftovers. */
export { spawnServer, wrapperArgs, type ServerProcess, type SpawnOptions, type ExitInfo } from './spawn.js';
export { ManagedProcess, type ManagedProcessOptions } from './managed.js';
export { logTail } from './logs.js';
export { LocalServerHandle, type LocalHandleOptions } from './handle.js';
export { reapLeftovers, decide, type ReapDecision, type ReapAction, type ProcView } from './reaper.js';
export { parseStat, readStat, isLive, isSameLiveProcess, type ProcStat } from './procfs.js';
export { stateDir, listRecords, writeRecord, removeRecord, type PidRecord, type OwnerRecord } from './registry.js';
export { userIds, isRoot, type UserIds } from './users.js';
export { runOnce } from './spawn.js';
export { initFromTemplate, templateKey, cacheDir, templatesEnabled } from './template.js';
