// The shared start of every file-based extractor: the source's path for this run, logged, and what a
// missing file means (a required source fails; an optional one is skipped). Does not read the file.

import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import type { SourceConfig } from '../config.js';
import type { RunPath } from '../paths.js';
import { runPath } from '../paths.js';
import { Extractor } from '../steps.js';
import type { StepContext, StepOutcome } from '../steps.js';

/** An extractor reading one file named by the source's `path`. */
export abstract class FileExtractor extends Extractor {
  readonly output: string;
  readonly required: boolean;

  constructor(
    protected readonly source: SourceConfig,
    type: string,
  ) {
    super(source.name, type);
    this.output = source.name;
    this.required = source.required;
  }

  /** Read the file at `path` into the dataset. */
  protected abstract read(path: RunPath, context: StepContext): Promise<StepOutcome>;

  async execute(context: StepContext): Promise<StepOutcome> {
    const path = runPath(this.source.path, context.dir, context.date);
    context.log.info(`  Path: ${path.shown}`);
    if (existsSync(path.absolute)) return this.read(path, context);
    if (this.required)
      throw new InputError(
        `required source "${this.name}" not found: ${path.absolute}`,
        'check the source path and the run date, or mark the source "required": false',
      );
    context.log.warn(`  Optional source missing, skipped: ${path.shown}`);
    return { recordsIn: 0, recordsOut: 0, skipped: true };
  }
}
