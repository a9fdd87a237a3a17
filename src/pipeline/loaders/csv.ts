// The `csv` loader: writes a dataset to a CSV file (path with `{date}`) atomically, columns in the
// dataset's order. Re-running a date replaces the file. Does not reformat values; the formatter does.

import { writeCsvAtomic } from '../../core/csv-write.js';
import { formatCount } from '../../core/text.js';
import type { DestinationConfig } from '../config.js';
import { runPath } from '../paths.js';
import { defaultInput, Loader } from '../steps.js';
import type { PlanState, StepContext, StepOutcome } from '../steps.js';

/** Writes one dataset to a CSV file. */
export class CsvLoader extends Loader {
  readonly inputs: readonly string[];

  constructor(
    private readonly destination: DestinationConfig,
    plan: PlanState,
  ) {
    super(destination.name, destination.type);
    this.inputs = [defaultInput(destination.input, plan)];
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = this.inputs[0];
    const path = runPath(this.destination.path, context.dir, context.date);
    context.log.info(`  Path: ${path.shown}`);
    const header = await context.datasets.columns(input);
    const rows = await context.engine.all(
      `SELECT COLUMNS(*)::VARCHAR FROM ${context.datasets.table(input)}${context.datasets.rowOrder(input)}`,
    );
    writeCsvAtomic(
      path.absolute,
      header,
      rows.map((row) => header.map((column) => row[column] as string | null)),
    );
    context.log.info(`  Records written: ${formatCount(rows.length)}`);
    return { recordsIn: rows.length, recordsOut: rows.length };
  }
}
