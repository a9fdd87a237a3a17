#!/usr/bin/env node
// The `sluice` executable: global flags, the job commands and `demo`. No business logic here.

import { Command, CommanderError } from 'commander';
import { clockFromEnv } from '../core/clock.js';
import type { Verbosity } from '../core/log.js';
import { jobCommands } from './commands.js';
import type { CliContext } from './context.js';
import { registerDemo } from './demo.js';
import { runAction } from './run-action.js';

const program = new Command();
program
  .name('sluice')
  .description(
    'Sluice: data-engineering jobs for integration, quality, collection, logs, reconciliation and pipelines.',
  )
  .version('0.1.0')
  .option('-v, --verbose', 'show DEBUG log lines on stderr')
  .option('-q, --quiet', 'show only errors on stderr')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

/** The context, built when a command runs (after global flags are parsed). */
function context(): CliContext {
  const flags = program.opts<{ verbose?: boolean; quiet?: boolean }>();
  const verbosity: Verbosity = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  return { clock: clockFromEnv(), verbosity, out: process.stdout };
}

for (const job of jobCommands) job.register(program, context);
registerDemo(program, context, jobCommands);

await runAction(async () => {
  try {
    await program.parseAsync(process.argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
});
