// Turns errors into exit codes: user errors print one line on stderr, bugs print their stack.
// Every command's action goes through here so no job ever calls process.exit itself.

import { ExitCode, isSluiceError } from '../core/errors.js';

/** Run a command action and set the process exit code from its outcome. */
export async function runAction(action: () => Promise<number | void>): Promise<void> {
  try {
    const code = await action();
    process.exitCode = code ?? ExitCode.ok;
  } catch (error) {
    process.exitCode = exitCodeFor(error);
    process.stderr.write(`${errorLine(error)}\n`);
  }
}

/** The exit code for an error: its own for user errors, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return isSluiceError(error) ? error.exitCode : ExitCode.jobFailed;
}

/** The text shown for an error: one line for user errors, the stack for bugs. */
export function errorLine(error: unknown): string {
  if (isSluiceError(error)) return `sluice: error: ${error.toLine()}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `sluice: internal error (please report it): ${detail}`;
}
