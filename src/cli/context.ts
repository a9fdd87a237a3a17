// What every command receives from the shell: the clock, console verbosity and the output stream.
// Commands build their job's inputs from this and their flags; they hold no business logic.

import type { Command } from 'commander';
import type { Clock } from '../core/clock.js';
import type { Verbosity } from '../core/log.js';

/** Shared runtime for a command. */
export interface CliContext {
  clock: Clock;
  verbosity: Verbosity;
  /** Where human-facing results go (stdout); logs go to stderr. */
  out: NodeJS.WritableStream;
}

/** A job's command-line face: registers its subcommands and, optionally, its part of `sluice demo`. */
export interface CommandModule {
  /** The job's name as `sluice demo` reports it. */
  name: string;
  /** Add the job's commands to the program. */
  register(program: Command, context: () => CliContext): void;
  /** Run the job on its example workspace `dir` (a copy of examples/<name>); returns the output paths to show. */
  demo?(dir: string, context: CliContext): Promise<string[]>;
}
