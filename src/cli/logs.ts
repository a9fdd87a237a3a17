// Placeholder for the `sluice logs` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The logs job's command module. */
export const logsCommand: CommandModule = { name: 'logs', register() {} };
