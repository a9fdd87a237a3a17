// The list of job commands the CLI offers, one line per job; `sluice demo` runs them in this order.

import { collectCommand } from './collect.js';
import type { CommandModule } from './context.js';
import { integrateCommand } from './integrate.js';
import { logsCommand } from './logs.js';
import { pipelineCommand } from './pipeline.js';
import { qualityCommand } from './quality.js';
import { reconcileCommand } from './reconcile.js';
import { serveCommand } from './serve.js';

/** Every job's command module. */
export const jobCommands: CommandModule[] = [
  integrateCommand,
  qualityCommand,
  collectCommand,
  logsCommand,
  reconcileCommand,
  pipelineCommand,
  serveCommand,
];
