// The job commands the CLI offers, one entry per job with the top-level command names it registers.
// Modules load lazily, so a command pays only for its own job's dependencies (DuckDB alone takes ~0.5 s).

import { startScanThreadsAhead, workersWanted } from '../logs/scan-threads.js';
import type { CommandModule } from './context.js';

/** A job's command module and the command names it adds to the program. */
export interface CommandEntry {
  names: readonly string[];
  load(): Promise<CommandModule>;
  /** Work to start before the module loads, given the arguments after the command name. */
  startEarly?(args: readonly string[]): void;
}

/** Every job, in the order `sluice demo` runs them. */
export const jobCommands: readonly CommandEntry[] = [
  { names: ['integrate'], load: async () => (await import('./integrate.js')).integrateCommand },
  { names: ['quality'], load: async () => (await import('./quality.js')).qualityCommand },
  { names: ['collect', 'mock-api'], load: async () => (await import('./collect.js')).collectCommand },
  {
    names: ['logs'],
    load: async () => (await import('./logs.js')).logsCommand,
    // The scan's worker threads start while the job's modules load (see scan-threads.ts).
    startEarly: (args) => startScanThreadsAhead(workersWanted(args)),
  },
  { names: ['reconcile'], load: async () => (await import('./reconcile.js')).reconcileCommand },
  { names: ['pipeline'], load: async () => (await import('./pipeline.js')).pipelineCommand },
  { names: ['serve'], load: async () => (await import('./serve.js')).serveCommand },
];

/**
 * The modules needed for `argv` (the arguments after `sluice`): only the named command's job when the
 * first word is one of theirs; every job for help, `demo`, or a word we do not know (so commander can
 * suggest a spelling).
 */
export async function loadCommands(argv: readonly string[]): Promise<CommandModule[]> {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  const entry = jobCommands.find((e) => at >= 0 && e.names.includes(argv[at]));
  entry?.startEarly?.(argv.slice(at + 1));
  return Promise.all((entry ? [entry] : jobCommands).map((e) => e.load()));
}
