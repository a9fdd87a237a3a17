// Checks shared by the transformers: a column a step names must exist in the dataset it reads.
// Does not build SQL beyond quoting.

import { InputError } from '../../core/errors.js';
import type { StepContext } from '../steps.js';

/** Fail (permanently) naming the step, dataset and missing columns; returns the dataset's columns. */
export async function requireColumns(
  context: StepContext,
  step: string,
  dataset: string,
  wanted: readonly string[],
): Promise<string[]> {
  const columns = await context.datasets.columns(dataset);
  const missing = wanted.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new InputError(
      `step "${step}": dataset "${dataset}" has no column ${missing.map((c) => `"${c}"`).join(', ')}`,
      `its columns are: ${columns.join(', ')}`,
    );
  }
  return columns;
}

/** A list of names from config: one string or an array. */
export function asList(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}
