// Placeholder for the `sluice collect` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The collect job's command module. */
export const collectCommand: CommandModule = { name: 'collect', register() {} };
