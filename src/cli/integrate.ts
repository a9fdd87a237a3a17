// Placeholder for the `sluice integrate` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The integrate job's command module. */
export const integrateCommand: CommandModule = { name: 'integrate', register() {} };
