// Placeholder for the `sluice pipeline` command while its job is being built; replaced by the job's own module.

import type { CommandModule } from './context.js';

/** The pipeline job's command module. */
export const pipelineCommand: CommandModule = { name: 'pipeline', register() {} };
