// Placeholder for the `sluice reconcile` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The reconcile job's command module. */
export const reconcileCommand: CommandModule = { name: 'reconcile', register() {} };
