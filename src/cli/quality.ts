// Placeholder for the `sluice quality` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The quality job's command module. */
export const qualityCommand: CommandModule = { name: 'quality', register() {} };
