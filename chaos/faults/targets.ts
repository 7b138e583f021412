/** Turning whatever apply() was given into a Link or a process target, with errors that say what fits. */
import { FaultError } from '../../harness/errors.js';
import { isLink, type Link } from '../links.js';
import type { AnyFaultTarget, ProcessTarget } from './types.js';

export function asLink(target: AnyFaultTarget, faultKind: string): Link {
  const link = 'kind' in target && target.kind === 'link' ? target.link : (target as Link);
  if (!link || !isLink(link as never)) {
    throw new FaultError(`Fault "${faultKind}" acts on a link, but "${(target as { name?: string }).name ?? '?'}" is not one created by chaos/links.ts.`, {
      fix: 'Apply link faults to a link of the environment (env.link("a->b")), not to a component.',
    });
  }
  return link as Link;
}

export function asProcess(target: AnyFaultTarget, faultKind: string): Required<Pick<ProcessTarget, 'process'>> & ProcessTarget {
  const t = ('kind' in target && target.kind === 'process' ? { name: target.name, process: target.process } : target) as ProcessTarget;
  if (!t.process) {
    throw new FaultError(`Fault "${faultKind}" needs process control, but "${t.name}" has none (external runtime, or a link).`, {
      fix: 'Apply process faults to a server or service started by the local or containers runtime.',
    });
  }
  return t as Required<Pick<ProcessTarget, 'process'>> & ProcessTarget;
}
