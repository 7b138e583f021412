/**
 * The composition root's registrations: server drivers (systems/), the embedded proxy as link
 * provider and the faults by kind (chaos/), the scenario validators. Imported by the CLI and by
 * the vitest setup of the slo project; the core itself never imports these folders.
 */
import '../harness/scenario/validate.js';
import '../systems/index.js';
import '../harness/runtime/containers/register.js';
import '../harness/runtime/external/register.js';
import { registerFaultFactory } from '../harness/faults/types.js';
import { registerChaosLinkProvider } from '../chaos/link-provider.js';
import { createFault, faultKinds } from '../chaos/faults/index.js';

registerChaosLinkProvider();
for (const kind of faultKinds()) registerFaultFactory(kind, (params) => createFault(kind, params));
