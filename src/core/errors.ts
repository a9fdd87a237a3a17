// Typed errors every job throws; the CLI shell alone turns them into one-line messages and exit codes.
// Bugs stay plain Errors so they keep their stack traces; user-fixable problems never show one.

/** Exit codes shared by every command (see docs/exit-codes in README). */
export const ExitCode = {
  ok: 0,
  jobFailed: 1,
  badInput: 2,
  problemsFound: 3,
} as const;

/** Base class for errors a user can act on. `hint` says what to do about it. */
export abstract class SluiceError extends Error {
  abstract readonly exitCode: number;
  /** Transient errors may succeed on retry (network, lock busy); terminal ones never will. */
  readonly transient: boolean = false;

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The one line the CLI prints: the problem, then what to do. */
  toLine(): string {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

/** Bad or missing input data: a missing file, malformed JSON/CSV, a missing column. Exit 2. */
export class InputError extends SluiceError {
  readonly exitCode = ExitCode.badInput;
}

/** A config file or flag that does not validate. Exit 2. */
export class ConfigError extends SluiceError {
  readonly exitCode = ExitCode.badInput;
}

/** Bad command-line usage. Exit 2. */
export class UsageError extends SluiceError {
  readonly exitCode = ExitCode.badInput;
}

/** The job ran and failed (e.g. retries exhausted). Exit 1. */
export class JobError extends SluiceError {
  readonly exitCode = ExitCode.jobFailed;
  override readonly transient: boolean;

  constructor(message: string, options: { hint?: string; transient?: boolean; cause?: unknown } = {}) {
    super(message, options.hint);
    this.transient = options.transient ?? false;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** The job succeeded but found problems at or above `--fail-on`. Exit 3. */
export class ProblemsFoundError extends SluiceError {
  readonly exitCode = ExitCode.problemsFound;
}

/** True for errors whose message is meant for the user rather than a developer. */
export function isSluiceError(error: unknown): error is SluiceError {
  return error instanceof SluiceError;
}
