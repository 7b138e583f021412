/**
 * The composition root's registrations: servers, services and their drivers (systems/), the
 * embedded proxy as link provider (chaos/), runtimes. Imported by the CLI and by the vitest
 * setup of the slo project; the core itself never imports these folders.
 */
import '../harness/scenario/validate.js';
import '../systems/index.js';
import '../chaos/index.js';
